import { beforeAll, describe, expect, it } from "vitest";
import { scopeToCountries } from "../../../../test/api-calls.js";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { runImportJob, uploadSpreadsheet } from "../../../../test/imports.js";
import { writeXlsx } from "../../platform/tabular.js";

const HEADER_UZB = "name,city,state,postcode,phone,website,latitude,longitude,services";
const DUSHANBE = { latitude: 38.5598, longitude: 68.787 };

function facility(overrides: Record<string, unknown> = {}) {
  return {
    name: { en: "Republican Narcology Centre", ru: "Республиканский центр наркологии" },
    orgType: "public",
    country: "TJK",
    city: "Dushanbe",
    ...DUSHANBE,
    modalities: ["outpatient", "short_term_inpatient"],
    services: ["opioid_agonist_therapy", "hiv_testing"],
    populations: ["adults", "women"],
    capacity: 120,
    lastVerified: "2025-03-01",
    ...overrides,
  };
}

describe("treatment facilities", () => {
  const t = useTestApp();
  let visitor: TestClient;
  let member: TestClient;
  let liaison: TestClient;
  let focalKgz: TestClient;
  let coordinator: TestClient;

  beforeAll(async () => {
    visitor = await t.visitor();
    member = await t.signIn("member", { partnerCode: "TJK" });
    liaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    focalKgz = await t.signIn("focal_point", { partnerCode: "KGZ" });
    coordinator = await t.signIn("coordinator");
    await scopeToCountries(t, liaison, ["TJK", "AFG"]);
  });

  const create = (client: TestClient, body: unknown) =>
    client.request({ method: "POST", url: "/api/v1/facilities", payload: body });

  it("serves the standards' modalities, services and a checklist per modality, in both languages", async () => {
    const res = await visitor.request({ url: "/api/v1/facilities/reference" });
    expect(res.statusCode).toBe(200);
    const ref = res.json();
    expect(ref.modalities.map((m: { code: string }) => m.code)).toEqual([
      "community_outreach",
      "screening_brief_intervention",
      "outpatient",
      "short_term_inpatient",
      "long_term_residential",
      "recovery_management",
    ]);
    expect(ref.checklists).toHaveLength(6);
    for (const c of ref.checklists) {
      expect(c.items.length).toBeGreaterThanOrEqual(8);
      for (const i of c.items) expect(i.label.en && i.label.ru).toBeTruthy();
    }
  });

  it("lets a liaison officer enter facilities of their countries only, with history and audit", async () => {
    const res = await create(liaison, facility());
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ country: "TJK", version: 1, can: { edit: true }, sharing: "public" });

    expect((await create(liaison, facility({ country: "KGZ", latitude: 42.87, longitude: 74.59 }))).statusCode).toBe(
      403,
    );
    expect((await create(member, facility())).statusCode).toBe(403);
    expect((await create(visitor, facility())).statusCode).toBe(401);
    // A focal point enters facilities of their own country.
    const kgz = await create(
      focalKgz,
      facility({ country: "KGZ", city: "Bishkek", latitude: 42.87, longitude: 74.59 }),
    );
    expect(kgz.statusCode).toBe(201);
    // Coordinators act on every country.
    const uzb = await create(
      coordinator,
      facility({ country: "UZB", city: "Tashkent", latitude: 41.3, longitude: 69.24 }),
    );
    expect(uzb.statusCode).toBe(201);

    const history = await member.request({ url: `/api/v1/facilities/${created.id}/history` });
    expect(history.json().items[0]).toMatchObject({ version: 1, action: "create" });
    const audit = await t.ctx.audit.list({ action: "facility.create", objectId: created.id, limit: 5, offset: 0 });
    expect(audit.total).toBe(1);
  });

  it("refuses coordinates outside the country, unknown codes and future dates, changing nothing", async () => {
    const before = (await visitor.request({ url: "/api/v1/facilities?country=TJK" })).json().total;
    const kabul = await create(liaison, facility({ latitude: 34.5553, longitude: 69.2075 }));
    expect(kabul.statusCode).toBe(400);
    expect(kabul.json().errors).toEqual([expect.objectContaining({ path: "body.latitude", code: "outside_country" })]);
    const bad = await create(
      liaison,
      facility({ modalities: ["outpatient", "yoga"], lastVerified: "2999-01-01", latitude: null, longitude: null }),
    );
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { code: string }) => e.code)
        .sort(),
    ).toEqual(["future_date", "unknown_code"]);
    const ru = await liaison.request({
      method: "POST",
      url: "/api/v1/facilities",
      payload: facility({ latitude: 34.5553, longitude: 69.2075 }),
      headers: { "accept-language": "ru" },
    });
    expect(ru.json().title).toMatch(/[а-я]/);
    expect((await visitor.request({ url: "/api/v1/facilities?country=TJK" })).json().total).toBe(before);
  });

  it("updates with optimistic locking and keeps the change in history", async () => {
    const created = (
      await create(
        liaison,
        facility({ name: { en: "Khujand Clinic" }, city: "Khujand", latitude: 40.28, longitude: 69.62 }),
      )
    ).json();
    const ok = await liaison.request({
      method: "PATCH",
      url: `/api/v1/facilities/${created.id}`,
      payload: { version: 1, capacity: 80, services: ["withdrawal_management"] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, capacity: 80, services: ["withdrawal_management"] });
    // Fields the change leaves out keep their values.
    expect(ok.json()).toMatchObject({
      modalities: ["outpatient", "short_term_inpatient"],
      populations: ["adults", "women"],
    });
    const stale = await liaison.request({
      method: "PATCH",
      url: `/api/v1/facilities/${created.id}`,
      payload: { version: 1, capacity: 90 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current.capacity).toBe(80);
    const other = await focalKgz.request({
      method: "PATCH",
      url: `/api/v1/facilities/${created.id}`,
      payload: { version: 2, capacity: 1 },
    });
    expect(other.statusCode).toBe(403);
    const history = (await member.request({ url: `/api/v1/facilities/${created.id}/history` })).json().items;
    expect(history[0]).toMatchObject({ version: 2, action: "update" });
    expect(history[0].changes.capacity).toEqual({ from: 120, to: 80 });
  });

  it("hides restricted facilities from visitors, shows them to members and audits their reading", async () => {
    const hidden = (
      await create(
        liaison,
        facility({
          name: { en: "Confidential Harm Reduction Point" },
          city: "Kulob",
          latitude: 37.91,
          longitude: 69.78,
          sharing: "restricted",
        }),
      )
    ).json();
    expect((await visitor.request({ url: `/api/v1/facilities/${hidden.id}` })).statusCode).toBe(404);
    const list = (await visitor.request({ url: "/api/v1/facilities?q=confidential" })).json();
    expect(list.total).toBe(0);
    const points = (await visitor.request({ url: "/api/v1/facilities/points" })).json();
    expect(points.items.some((p: { id: string }) => p.id === hidden.id)).toBe(false);
    const seen = await member.request({ url: `/api/v1/facilities/${hidden.id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().can.edit).toBe(false);
    const audit = await t.ctx.audit.list({ action: "facility.read", objectId: hidden.id, limit: 5, offset: 0 });
    expect(audit.total).toBe(1);
    expect((await member.request({ url: "/api/v1/facilities?q=confidential" })).json().total).toBe(1);
    const search = await visitor.request({ url: "/api/v1/search?q=Confidential" });
    expect(search.json().items.some((i: { entityId: string }) => i.entityId === hidden.id)).toBe(false);
  });

  it("filters the directory by modality, service and text", async () => {
    const r = (
      await visitor.request({ url: "/api/v1/facilities?modality=outpatient&service=hiv_testing&q=narcology" })
    ).json();
    expect(r.total).toBeGreaterThanOrEqual(2);
    for (const f of r.items) expect(f.modalities).toContain("outpatient");
    const none = (await visitor.request({ url: "/api/v1/facilities?modality=community_outreach" })).json();
    expect(none.total).toBe(0);
  });

  it("scores a self-assessment as the share of applicable criteria met and keeps its history", async () => {
    const f = (await visitor.request({ url: "/api/v1/facilities?country=TJK&q=Republican" })).json().items[0];
    const ref = (await visitor.request({ url: "/api/v1/facilities/reference" })).json();
    const items: { code: string }[] = ref.checklists.find(
      (c: { modality: string }) => c.modality === "outpatient",
    ).items;
    const answers = Object.fromEntries(
      items.map((i, n) => [i.code, n === 0 ? "not_applicable" : n % 2 ? "met" : "not_met"]),
    );
    const post = (payload: unknown) =>
      liaison.request({ method: "POST", url: `/api/v1/facilities/${f.id}/assessments`, payload });
    const first = await post({ modality: "outpatient", assessedOn: "2024-05-01", answers });
    expect(first.statusCode).toBe(201);
    const met = Object.values(answers).filter((a) => a === "met").length;
    expect(first.json()).toMatchObject({ met, applicable: items.length - 1 });
    expect(first.json().score).toBeCloseTo(met / (items.length - 1), 3);
    const all = Object.fromEntries(items.map((i) => [i.code, "met"]));
    expect((await post({ modality: "outpatient", assessedOn: "2025-01-10", answers: all })).json().score).toBe(1);
    const incomplete = await post({
      modality: "outpatient",
      assessedOn: "2025-01-10",
      answers: { [items[1]?.code as string]: "met" },
    });
    expect(incomplete.statusCode).toBe(400);
    const history = (await visitor.request({ url: `/api/v1/facilities/${f.id}/assessments` })).json().items;
    expect(history.map((a: { assessedOn: string }) => a.assessedOn)).toEqual(["2025-01-10", "2024-05-01"]);
    expect((await visitor.request({ url: `/api/v1/facilities/${f.id}` })).json().scores).toEqual({ outpatient: 1 });
    expect(
      (
        await member.request({
          method: "POST",
          url: `/api/v1/facilities/${f.id}/assessments`,
          payload: { modality: "outpatient", assessedOn: "2025-01-10", answers: all },
        })
      ).statusCode,
    ).toBe(403);
  });

  it("gives statistics by country for the fact sheets (public facilities for visitors)", async () => {
    const stats = await t.ctx.facilities.statsByCountry("TJK");
    expect(stats.country).toBe("TJK");
    expect(stats.facilities).toBeGreaterThanOrEqual(2);
    expect(stats.modalities.outpatient).toBe(stats.facilities);
    expect(stats.modalities.community_outreach).toBe(0);
    expect(stats.modalityCoverage).toBeCloseTo(2 / 6, 3);
    const signedIn = (await member.request({ url: "/api/v1/facilities/stats/TJK" })).json();
    expect(signedIn.facilities).toBe(stats.facilities + 1);
    const all = (await visitor.request({ url: "/api/v1/facilities/stats" })).json();
    expect(all.countries.map((c: { country: string }) => c.country)).toEqual(["KGZ", "TJK", "UZB"]);
    expect((await t.ctx.facilities.statsByCountry("TKM")).facilities).toBe(0);
    // The country's partner page lists its facilities.
    const partner = (await visitor.request({ url: "/api/v1/partners/TJK" })).json();
    const section = partner.sections.find((x: { key: string }) => x.key === "facilities");
    expect(section.total).toBe(stats.facilities);
  });

  it("archives a facility out of the directory and the map", async () => {
    const f = (
      await create(
        liaison,
        facility({ name: { en: "Temporary Clinic" }, city: "Bokhtar", latitude: 37.83, longitude: 68.78 }),
      )
    ).json();
    expect(
      (await liaison.request({ method: "POST", url: `/api/v1/facilities/${f.id}/archive`, payload: { version: 1 } }))
        .statusCode,
    ).toBe(204);
    expect((await visitor.request({ url: `/api/v1/facilities/${f.id}` })).statusCode).toBe(404);
    expect((await member.request({ url: `/api/v1/facilities/${f.id}/history` })).statusCode).toBe(404);
  });

  describe("import", () => {
    const upload = (client: TestClient, name: string, data: Buffer) => uploadSpreadsheet(t, client, name, data);
    const locator = [
      "name,city,state,postcode,phone,website,latitude,longitude,services",
      'Hope Recovery Centre,Kabul,Kabul,1001,+93 20 000 0000,hope.example.af,34.5553,69.2075,"Detox; Methadone maintenance; Counseling; Equine therapy"',
      'Herat Outpatient Clinic,Herat,Herat,3001,,,34.3482,62.1997,"Outpatient; Buprenorphine; HIV testing; Women only; Equine therapy; Acupuncture"',
      "",
      'Mazar Residential,Mazar-i-Sharif,Balkh,,,,36.7090,67.1109,"Long-term residential; Aftercare"',
    ].join("\n");

    it("previews a treatment-locator file with a suggested mapping", async () => {
      const file = await upload(liaison, "locator.csv", Buffer.from(locator));
      const res = await liaison.request({
        method: "POST",
        url: "/api/v1/facilities/import/preview",
        payload: { fileId: file.id },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        layout: "treatment-locator",
        rows: 3,
        needsCountry: true,
        // Field → header, the way every import takes its mapping.
        mapping: { name_en: "name", region: "state", postcode: "postcode", services: "services", latitude: "latitude" },
      });
      // Someone else's upload is not theirs to read.
      expect(
        (
          await focalKgz.request({
            method: "POST",
            url: "/api/v1/facilities/import/preview",
            payload: { fileId: file.id },
          })
        ).statusCode,
      ).toBe(404);
    });

    it("imports a locator list after one value mapping, remembered for the country's next file", async () => {
      const file = await upload(liaison, "locator.csv", Buffer.from(locator));
      const run = (payload: Record<string, unknown>, fileId = file.id) =>
        liaison.request({ method: "POST", url: "/api/v1/facilities/import", payload: { fileId, ...payload } });
      const noCountry = (await run({})).json();
      expect(noCountry.refused).toBe(true);
      expect(noCountry.errors[0]).toMatchObject({ row: 2, code: "country_required" });

      // Two labels the standards do not know: shown once each, with their count and rows; the file waits (refused
      // with no error of its own) and nothing is written.
      const held = (await run({ country: "AFG", dryRun: true })).json();
      expect(held).toMatchObject({ refused: true, errors: [], rowsRead: 3 });
      expect(held.unmapped).toEqual([
        { field: "labels", column: "services", value: "Equine therapy", count: 2, rows: [2, 3] },
        { field: "labels", column: "services", value: "Acupuncture", count: 1, rows: [3] },
      ]);
      // A code the field does not have is refused, named.
      const wrong = (
        await run({ country: "AFG", dryRun: true, valueMapping: { labels: { Acupuncture: "x:y" } } })
      ).json();
      expect(wrong.errors[0]).toMatchObject({ code: "invalid_value_mapping", column: "labels", value: "x:y" });

      const valueMapping = { labels: { "Equine therapy": "service:psychosocial", ACUPUNCTURE: null } };
      const dry = (await run({ country: "AFG", dryRun: true, valueMapping })).json();
      expect(dry).toMatchObject({
        refused: false,
        dryRun: true,
        created: 3,
        rowsRead: 3,
        rowsSkipped: 1,
        unmapped: [],
      });
      expect((await visitor.request({ url: "/api/v1/facilities?country=AFG" })).json().total).toBe(0);

      const report = (await run({ country: "AFG", valueMapping })).json();
      expect(report).toMatchObject({
        layout: "treatment-locator",
        imported: 3,
        created: 3,
        updated: 0,
        refused: false,
        warnings: [],
      });
      // The next file of the same country and layout reads the labels through the remembered answers.
      const next = await upload(liaison, "locator-2.csv", Buffer.from(locator.replace("Hope Recovery", "Hope Two")));
      const remembered = (await run({ country: "AFG", dryRun: true }, next.id)).json();
      expect(remembered).toMatchObject({ refused: false, unmapped: [], created: 1 });
      expect(remembered.remembered).toEqual(
        expect.arrayContaining([
          { field: "labels", value: "Equine therapy", target: "service:psychosocial", count: 2 },
          { field: "labels", value: "Acupuncture", target: null, count: 1 },
        ]),
      );
      // Another country's file is asked again: the answers are that country's.
      const kgz = (await run({ country: "KGZ", dryRun: true }, next.id)).json();
      expect(kgz.unmapped.map((u: { value: string }) => u.value)).toEqual(["Equine therapy", "Acupuncture"]);
      const list = (await visitor.request({ url: "/api/v1/facilities?country=AFG" })).json().items;
      const hope = list.find((f: { name: { en: string } }) => f.name.en === "Hope Recovery Centre");
      expect(hope.services.sort()).toEqual(["opioid_agonist_therapy", "psychosocial", "withdrawal_management"]);
      expect(hope.modalities).toEqual(["short_term_inpatient"]);
      const herat = list.find((f: { name: { en: string } }) => f.name.en === "Herat Outpatient Clinic");
      expect(herat.populations).toEqual(["women"]);
      expect(herat.region).toBe("Herat");

      // The same file again changes nothing; a corrected row updates its record instead of duplicating it.
      const again = (await run({ country: "AFG" })).json();
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      const corrected = await upload(
        liaison,
        "locator.csv",
        Buffer.from(locator.replace("+93 20 000 0000", "+93 20 111 1111")),
      );
      const third = (
        await liaison.request({
          method: "POST",
          url: "/api/v1/facilities/import",
          payload: { fileId: corrected.id, country: "AFG" },
        })
      ).json();
      expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
      const hopeHistory = (await member.request({ url: `/api/v1/facilities/${hope.id}/history` })).json().items;
      expect(hopeHistory.map((r: { action: string }) => r.action)).toEqual(["update", "create"]);
      expect(hopeHistory[0].changes.phone).toEqual({ from: "+93 20 000 0000", to: "+93 20 111 1111" });
      const imports = await t.ctx.audit.list({ action: "facility.import", limit: 10, offset: 0 });
      expect(imports.items.some((e) => (e.details as { created: string[] }).created.includes(hope.id))).toBe(true);
      expect((await visitor.request({ url: "/api/v1/facilities?country=AFG" })).json().total).toBe(3);
    });

    it("asks once what to do with a facility the list repeats, and never refuses the file for it", async () => {
      // As in a real national locator: the same facility twice in one town, coordinates about 40 m apart,
      // the repeat with a phone and one more service; no country column.
      const repeated = [
        "name,city,state,postcode,phone,website,latitude,longitude,services",
        'Osh Narcology Centre,Osh,Osh,,,,40.5283,72.7985,"Detox; Outpatient"',
        "Jalal-Abad Clinic,Jalal-Abad,Jalal-Abad,,,,40.9333,73.0017,Outpatient",
        'Osh Narcology Centre,Osh,Osh,,+996 3222 0000,,40.5286,72.7988,"Outpatient; Methadone maintenance"',
      ].join("\n");
      const file = await upload(focalKgz, "locator-kgz.csv", Buffer.from(repeated));
      const run = (payload: Record<string, unknown>) =>
        focalKgz.request({
          method: "POST",
          url: "/api/v1/facilities/import",
          payload: { fileId: file.id, country: "KGZ", ...payload },
        });
      const asked = (await run({})).json();
      // Checked as a dry run (what would be written without the repeat), nothing written.
      expect(asked).toMatchObject({
        refused: false,
        dryRun: true,
        created: 2,
        decisionRequired: "duplicates",
        duplicates: [{ row: 4, firstRow: 2, name: "Osh Narcology Centre" }],
        errors: [],
      });
      expect(asked.warnings.find((w: { code: string }) => w.code === "duplicate_in_file").message.ru).toContain(
        "объедините",
      );
      expect((await visitor.request({ url: "/api/v1/facilities?country=KGZ&q=Osh" })).json().total).toBe(0);

      const merged = (await run({ duplicates: "merge", dryRun: true })).json();
      expect(merged).toMatchObject({ refused: false, decisionRequired: null, duplicatesDecision: "merge", created: 2 });
      const both = (await run({ duplicates: "keep_both", dryRun: true })).json();
      expect(both).toMatchObject({ created: 3, duplicatesDecision: "keep_both" });

      const done = (await run({ duplicates: "merge" })).json();
      expect(done).toMatchObject({ imported: 2, created: 2, dryRun: false });
      const osh = (await visitor.request({ url: "/api/v1/facilities?country=KGZ&q=Osh%20Narcology" })).json().items;
      expect(osh).toHaveLength(1);
      const detail = (await member.request({ url: `/api/v1/facilities/${osh[0].id}` })).json();
      // The first row's coordinates stay; the repeat adds its phone and its service.
      expect(detail).toMatchObject({ latitude: 40.5283, longitude: 72.7985, phone: "+996 3222 0000" });
      expect(detail.services.sort()).toEqual(["opioid_agonist_therapy", "withdrawal_management"]);
      expect(detail.modalities).toContain("outpatient");
    });

    it("refuses the whole file when one row is bad, with row, column and value", async () => {
      const bad = [
        "Facility,Town,Country,Lat,Lon,Services,Beds",
        "Good Clinic,Dushanbe,Tajikistan,38.56,68.78,Outpatient,10",
        "Wrong Place,Dushanbe,TJK,34.5553,69.2075,Outpatient,ten",
        "Elsewhere,Bishkek,KGZ,42.87,74.59,Outpatient,5",
      ].join("\n");
      const file = await upload(liaison, "custom.csv", Buffer.from(bad));
      const mapping = {
        name_en: "Facility",
        city: "Town",
        country: "Country",
        latitude: "Lat",
        longitude: "Lon",
        services: "Services",
        capacity: "Beds",
      };
      const report = (
        await liaison.request({
          method: "POST",
          url: "/api/v1/facilities/import",
          payload: { fileId: file.id, mapping },
        })
      ).json();
      expect(report.refused).toBe(true);
      expect(report.imported).toBe(0);
      const codes = report.errors.map((e: { row: number; column: string | null; code: string }) => [
        e.row,
        e.column,
        e.code,
      ]);
      expect(codes).toEqual([
        [3, "Beds", "invalid_number"],
        [4, null, "country_not_in_scope"],
      ]);
      expect(report.errors[0].message.ru).toMatch(/[а-я]/);
      // Fixed in the file: the wrong coordinates are caught once the number is right.
      const fixed = bad.replace(",ten", ",10").replace("Elsewhere,Bishkek,KGZ,42.87,74.59,Outpatient,5\n", "");
      const file2 = await upload(liaison, "custom2.csv", Buffer.from(fixed.split("\n").slice(0, 3).join("\n")));
      const r2 = (
        await liaison.request({
          method: "POST",
          url: "/api/v1/facilities/import",
          payload: { fileId: file2.id, mapping },
        })
      ).json();
      expect(r2.errors).toEqual([
        expect.objectContaining({ row: 3, code: "outside_country", value: "34.5553, 69.2075" }),
      ]);
      expect((await visitor.request({ url: "/api/v1/facilities?q=Good%20Clinic" })).json().total).toBe(0);
    });

    it("reads our XLSX template with Russian labels", async () => {
      const columns = [
        "name_en",
        "name_ru",
        "country",
        "city",
        "latitude",
        "longitude",
        "modalities",
        "services",
        "org_type",
        "sharing",
      ].map((key) => ({ key, header: key }));
      const data = await writeXlsx([
        {
          name: "Facilities",
          columns,
          rows: [
            {
              name_ru: "Наркологический диспансер Худжанда",
              country: "TJK",
              city: "Худжанд",
              latitude: 40.2826,
              longitude: 69.6222,
              modalities: "Амбулаторное лечение; Стационар",
              services: "Заместительная терапия; Детоксикация; налоксон",
              org_type: "Государственная",
              sharing: "restricted",
            },
          ],
        },
      ]);
      const file = await upload(liaison, "template.xlsx", data);
      const report = (
        await liaison.request({ method: "POST", url: "/api/v1/facilities/import", payload: { fileId: file.id } })
      ).json();
      expect(report).toMatchObject({ layout: "template", created: 1, refused: false, unmapped: [] });
      const found = (await member.request({ url: "/api/v1/facilities?q=Худжанд" })).json().items[0];
      expect(found).toMatchObject({ orgType: "public", sharing: "restricted" });
      expect(found.modalities.sort()).toEqual(["outpatient", "short_term_inpatient"]);
      expect(found.services.sort()).toEqual(["naloxone", "opioid_agonist_therapy", "withdrawal_management"]);
    });

    it("indexes a large import for search in a background job enqueued with it", async () => {
      const rows = Array.from({ length: 60 }, (_, i) => `Bulk Clinic ${i},Samarkand,,,,,39.65,66.96,Outpatient`);
      const file = await upload(coordinator, "bulk.csv", Buffer.from([HEADER_UZB, ...rows].join("\n")));
      const report = (
        await coordinator.request({
          method: "POST",
          url: "/api/v1/facilities/import",
          payload: { fileId: file.id, country: "UZB" },
        })
      ).json();
      expect(report).toMatchObject({ created: 60, refused: false });
      const found = () =>
        visitor.request({ url: "/api/v1/search?q=Bulk%20Clinic&type=facility" }).then((r) => r.json().total);
      expect(await found()).toBe(0);
      while (await t.ctx.jobs.runNext()) {
        // Runs the queued jobs as a worker would.
      }
      expect(await found()).toBe(60);
    });

    describe("as a job of the import pipeline (POST /facilities/imports)", () => {
      /** Enqueues the import and runs the queued jobs as the worker would; returns the import job's result. */
      const runJob = (client: TestClient, payload: Record<string, unknown>) =>
        runImportJob<
          Record<string, unknown> & {
            report: {
              refused: boolean;
              imported: number;
              errors: {
                row: number;
                column: string | null;
                value: string | null;
                code: string;
                message: { en: string; ru: string };
              }[];
              warnings: { code: string }[];
              layout: string;
            };
          }
        >(t, client, "/api/v1/facilities/imports", payload);
      // A national treatment-locator list: no country column, the request gives it. The Bishkek Centre is written
      // twice, about 40 m apart (a repeat); the two "Family Clinic" rows of Tokmok are 5 km apart (two facilities).
      const national = [
        "Facility name,Town,Region,Phone,Lat,Lon,Services offered",
        'Bishkek Republican Centre,Bishkek,Chuy,,42.8746,74.5698,"Detox; Outpatient"',
        "Family Clinic,Tokmok,Chuy,,42.8420,75.3010,Outpatient",
        'Bishkek Republican Centre,Bishkek,Chuy,+996 312 000 000,42.8749,74.5701,"Methadone maintenance"',
        "Family Clinic,Tokmok,Chuy,,42.8420,75.3620,Outpatient",
      ].join("\n");

      it("imports a locator list with a facility written twice 40 m apart after one decision", async () => {
        const file = await upload(focalKgz, "national-locator.csv", Buffer.from(national));
        const base = { fileId: file.id, country: "KGZ" };
        const asked = await runJob(focalKgz, base);
        expect(asked).toMatchObject({
          decisionRequired: "duplicates",
          duplicates: [{ row: 4, firstRow: 2, name: "Bishkek Republican Centre" }],
          created: 3,
          dryRun: true,
          mapping: { name_en: "Facility name", city: "Town", latitude: "Lat", longitude: "Lon" },
        });
        expect(asked.report).toMatchObject({ layout: "treatment-locator", refused: false, imported: 0, errors: [] });
        expect(asked.report.warnings.map((w) => w.code)).toEqual(["duplicate_in_file"]);
        const count = async (q: string) =>
          (await member.request({ url: `/api/v1/facilities?country=KGZ&q=${encodeURIComponent(q)}` })).json().total;
        expect(await count("Bishkek Republican")).toBe(0);

        const done = await runJob(focalKgz, { ...base, duplicates: "merge" });
        expect(done).toMatchObject({ decisionRequired: null, duplicatesDecision: "merge", created: 3, dryRun: false });
        expect(done.report).toMatchObject({ refused: false, imported: 3 });
        expect(await count("Bishkek Republican")).toBe(1);
        expect(await count("Family Clinic")).toBe(2);
        const bishkek = (await member.request({ url: "/api/v1/facilities?country=KGZ&q=Bishkek%20Republican" })).json()
          .items[0];
        const detail = (await member.request({ url: `/api/v1/facilities/${bishkek.id}` })).json();
        expect(detail).toMatchObject({ latitude: 42.8746, phone: "+996 312 000 000" });
        expect(detail.services).toContain("opioid_agonist_therapy");
      });

      it("refuses bad values with row, column and value, in both languages, writing nothing", async () => {
        const bad = [
          "Facility name,Town,Lat,Lon,Services offered,Beds",
          "Naryn Centre,Naryn,41.4287,75.9911,Outpatient,12",
          "Talas Centre,Talas,142.52,72.24,Outpatient,-3",
        ].join("\n");
        const file = await upload(focalKgz, "bad-locator.csv", Buffer.from(bad));
        const result = await runJob(focalKgz, {
          fileId: file.id,
          country: "KGZ",
          mapping: { name_en: "Facility name", city: "Town", latitude: "Lat", longitude: "Lon", capacity: "Beds" },
        });
        expect(result.report.refused).toBe(true);
        expect(result.report.imported).toBe(0);
        expect(result.report.errors.map((e) => [e.row, e.column, e.value, e.code])).toEqual([
          [3, "Lat", "142.52", "invalid_coordinate"],
          [3, "Beds", "-3", "invalid_number"],
        ]);
        expect(result.report.errors[0]?.message.ru).toMatch(/координат/i);
        expect((await member.request({ url: "/api/v1/facilities?q=Naryn%20Centre" })).json().total).toBe(0);
      });

      it("refuses another user's upload, and a mapping in the other direction", async () => {
        const file = await upload(liaison, "theirs.csv", Buffer.from(national));
        const res = await focalKgz.request({
          method: "POST",
          url: "/api/v1/facilities/imports",
          payload: { fileId: file.id, country: "KGZ" },
        });
        expect(res.statusCode).toBe(404);
        const mine = await upload(focalKgz, "mine.csv", Buffer.from(national));
        const reversed = await focalKgz.request({
          method: "POST",
          url: "/api/v1/facilities/imports",
          payload: { fileId: mine.id, mapping: { "Facility name": "name_en" } },
        });
        expect(reversed.statusCode).toBe(400);
        // The synchronous route takes the same direction (field → header) and refuses the other one too.
        const reversedInline = await focalKgz.request({
          method: "POST",
          url: "/api/v1/facilities/import",
          payload: { fileId: mine.id, dryRun: true, mapping: { "Facility name": "name_en" } },
        });
        expect(reversedInline.statusCode).toBe(400);
      });
    });

    it("exports the directory with headers the import reads, in the reader's language", async () => {
      const res = await visitor.request({ url: "/api/v1/facilities/export?format=csv&country=AFG" });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/csv");
      const lines = res.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
      expect(lines[0]?.startsWith("Name (English),Name (Russian),Name (original)")).toBe(true);
      expect(lines).toHaveLength(4);
      const template = await visitor.request({ url: "/api/v1/facilities/import/template" });
      expect(template.statusCode).toBe(200);
    });
  });
});
