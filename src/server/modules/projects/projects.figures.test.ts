import { type Kysely, sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { multipart } from "../../../../test/imports.js";
import { migrateTo, migrateToLatest } from "../../db/migrate.js";
import { carryOver } from "../../db/migrations/0017_adam_figures.js";

/** Japan's published border project, 2.4 M USD; the donor given by name only ("Japan" maps to the partner JPN). */
const PUBLISHED = {
  title: { en: "Border liaison offices on the Tajik-Afghan border" },
  summary: {
    en: "Equipment and training for border liaison offices and mobile interagency teams at the Panj crossing points; canine units and x-ray scanners for the Tajik Border Guard.",
  },
  plannedStart: "2026-01-01",
  plannedEnd: "2027-12-31",
  themes: ["border_control", "training"],
  pillars: [1],
  dacCodes: ["16063"],
  fundings: [{ donorName: "Japan", amount: "2400000", currency: "USD" }],
  locations: [{ code: "TJK", kind: "country", share: 100 }],
  organizations: [{ role: "implementing", name: "UNODC" }],
};

/** The same activity written again in Russian: a draft of 1.5 M that the duplicate check flags. */
const DRAFT = {
  title: { ru: "Пункты пограничной связи на таджикско-афганской границе" },
  summary: {
    ru: "Оборудование и обучение для пунктов пограничной связи и мобильных межведомственных групп на пунктах пропуска Пяндж; кинологические подразделения и рентгеновские сканеры для пограничных войск Таджикистана.",
  },
  plannedStart: "2026-03-01",
  plannedEnd: "2027-12-31",
  themes: ["border_control", "training"],
  pillars: [1],
  dacCodes: ["16063"],
  fundings: [{ donorName: "Япония", amount: "1500000", currency: "USD" }],
  locations: [{ code: "TJK", kind: "country" }],
  organizations: [{ role: "implementing", name: "УНП ООН" }],
};

const PIVOTS = [
  "rows=donor&columns=year&measure=usd",
  "rows=donor&measure=count",
  "rows=country&columns=pillar&measure=usd",
  "rows=theme&measure=usd",
];

describe("ADAM figures: published projects only, duplicates once, one rate table, donors from one list", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let jpn: TestClient;
  let tjk: TestClient;
  let member: TestClient;
  let draft: { id: string; version: number };
  const before = new Map<string, unknown>();

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    jpn = await t.signIn("focal_point", { partnerCode: "JPN" });
    tjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    member = await t.signIn("member", { partnerCode: "TUR" });
  });

  it("maps a donor given by name to the partner registry", async () => {
    const res = await jpn.request({ method: "POST", url: "/api/v1/projects", payload: PUBLISHED });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().fundings[0]).toMatchObject({ donorCode: "JPN", donorName: "Japan", usd: "2400000.00" });
    expect(res.json().organizations[0]).toMatchObject({ name: "UNODC", code: "UNODC" });
    await jpn.request({
      method: "POST",
      url: `/api/v1/projects/${res.json().id}/transition`,
      payload: { to: "submitted", version: 1 },
    });
    const pub = await coordinator.request({
      method: "POST",
      url: `/api/v1/projects/${res.json().id}/transition`,
      payload: { to: "published", version: 2 },
    });
    expect(pub.json().workflow).toBe("published");
    for (const q of PIVOTS)
      for (const [who, client] of [
        ["coordinator", coordinator],
        ["tjk", tjk],
        ["member", member],
      ] as const)
        before.set(`${who} ${q}`, (await client.request({ url: `/api/v1/projects/stats/pivot?${q}` })).json());
    expect((before.get("member rows=donor&columns=year&measure=usd") as { total: number }).total).toBe(2_400_000);
  });

  it("a search saved with a donor's name still matches: the name is read as the donor's code", async () => {
    const byCode = (await member.request({ url: "/api/v1/projects?donor=JPN" })).json();
    expect(byCode.total).toBe(1);
    for (const name of ["Japan", "Япония", "japan "]) {
      const res = (await member.request({ url: `/api/v1/projects?donor=${encodeURIComponent(name)}` })).json();
      expect(
        res.items.map((p: { id: string }) => p.id),
        name,
      ).toEqual(byCode.items.map((p: { id: string }) => p.id));
    }
    // A name no entry of the list knows finds nothing (and is not an error).
    expect((await member.request({ url: "/api/v1/projects?donor=Atlantis" })).json().total).toBe(0);
    const saved = await member.request({
      method: "POST",
      url: "/api/v1/projects/saved-searches",
      payload: { name: "Japan's projects", query: { donor: "Япония", q: "" } },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const list = (await member.request({ url: "/api/v1/projects/saved-searches" })).json().items;
    expect(list.find((s: { name: string }) => s.name === "Japan's projects").query.donor).toBe("JPN");
  });

  it("with a draft present, the pivot equals the pivot of published projects only, for every reader", async () => {
    const res = await tjk.request({ method: "POST", url: "/api/v1/projects", payload: DRAFT });
    expect(res.statusCode, res.body).toBe(201);
    draft = res.json();
    expect(draft).toMatchObject({ workflow: "draft" });
    expect(res.json().fundings[0].donorCode).toBe("JPN");
    // "Japan" and "Япония" are one donor in the search facets too.
    const facets = (await coordinator.request({ url: "/api/v1/projects" })).json().facets;
    expect(facets.donor).toEqual([{ value: "JPN", count: 2 }]);
    // The draft's own focal point, a coordinator and a member of another partner: the same figures as before it.
    for (const q of PIVOTS)
      for (const [who, client] of [
        ["coordinator", coordinator],
        ["tjk", tjk],
        ["member", member],
      ] as const) {
        const now = (await client.request({ url: `/api/v1/projects/stats/pivot?${q}` })).json();
        expect(now, `${who} ${q}`).toEqual(before.get(`${who} ${q}`));
      }
    const gaps = (await tjk.request({ url: "/api/v1/projects/gaps" })).json();
    expect(gaps.byCountry.find((c: { country: string }) => c.country === "TJK")).toMatchObject({
      projects: 1,
      usd: "2400000.00",
    });
  });

  it("counts drafts only when a coordinator asks, and marks them", async () => {
    const refused = await tjk.request({ url: "/api/v1/projects/stats/pivot?rows=donor&includeDrafts=true" });
    expect(refused.statusCode).toBe(403);
    const vague = await coordinator.request({ url: "/api/v1/projects/stats/pivot?rows=donor&includeDrafts=yes" });
    expect(vague.statusCode).toBe(400);
    const res = await coordinator.request({ url: "/api/v1/projects/stats/pivot?rows=donor&includeDrafts=true" });
    const p = res.json();
    expect(p).toMatchObject({ includesDrafts: true, draftProjects: 1, rows: ["JPN"], total: 3_900_000 });
    expect(p.draftRows).toEqual([true]);
    expect(p.draftCells).toEqual([[true]]);
    const plain = (await coordinator.request({ url: "/api/v1/projects/stats/pivot?rows=donor" })).json();
    expect(plain).toMatchObject({ includesDrafts: false, draftProjects: 0, draftRows: [false], total: 2_400_000 });
  });

  it("counts a pair labelled duplicate effort once, even with drafts included", async () => {
    const alerts = (await coordinator.request({ url: "/api/v1/projects/duplicates" })).json();
    const alert = alerts.items.find((a: { projects: { id: string }[] }) => a.projects.some((p) => p.id === draft.id));
    expect(alert, JSON.stringify(alerts)).toBeTruthy();
    const labelled = await coordinator.request({
      method: "POST",
      url: `/api/v1/projects/duplicates/${alert.id}/label`,
      payload: { label: "duplicate", version: alert.version },
    });
    expect(labelled.statusCode, labelled.body).toBe(200);
    const p = (await coordinator.request({ url: "/api/v1/projects/stats/pivot?rows=donor&includeDrafts=true" })).json();
    // The published project is the one kept: the draft is neither counted nor marked.
    expect(p).toMatchObject({ total: 2_400_000, duplicatesLeftOut: 1, draftProjects: 0, draftRows: [false] });
    const count = (
      await coordinator.request({ url: "/api/v1/projects/stats/pivot?rows=country&measure=count&includeDrafts=true" })
    ).json();
    expect(count.total).toBe(1);
  });

  it("gives the statistics' first screen in one read, equal to the separate pivots under the same rules", async () => {
    // Here: a published project, and a draft labelled a duplicate of it; a coordinator, the draft's own focal point
    // and a member of another partner, with and without drafts where allowed.
    const readers = [
      ["coordinator", coordinator, ["", "?includeDrafts=true", "?includeDrafts=false"]],
      ["tjk", tjk, [""]],
      ["member", member, ["", "?includeDrafts=false"]],
    ] as const;
    for (const [who, client, scopes] of readers)
      for (const scope of scopes) {
        const res = await client.request({ url: `/api/v1/projects/stats/overview${scope}` });
        expect(res.statusCode, `${who} ${scope} ${res.body}`).toBe(200);
        const overview = res.json();
        const drafts = scope.includes("true") ? "&includeDrafts=true" : "";
        const pivot = async (q: string) =>
          (await client.request({ url: `/api/v1/projects/stats/pivot?${q}${drafts}` })).json();
        for (const dim of ["donor", "country", "pillar", "theme", "year"])
          expect(overview.charts[dim], `${who} ${scope} ${dim}`).toEqual(await pivot(`rows=${dim}&measure=usd`));
        expect(overview.table, `${who} ${scope} table`).toEqual(await pivot("rows=donor&columns=year&measure=usd"));
        expect(Object.keys(overview.charts).sort()).toEqual(["country", "donor", "pillar", "theme", "year"]);
      }
    // Not a copy of the answers above: the published project only, its draft duplicate counted nowhere.
    const plain = (await member.request({ url: "/api/v1/projects/stats/overview" })).json();
    expect(plain.charts.donor).toMatchObject({ rows: ["JPN"], total: 2_400_000, includesDrafts: false });
    expect(plain.table).toMatchObject({ rows: ["JPN"], columns: ["2026", "2027"], total: 2_400_000 });
    expect(plain.charts.country.rows).toEqual(["TJK"]);
    // Drafts for coordinators only; a vague flag is a localized 400; no session, no figures.
    const refused = await tjk.request({ url: "/api/v1/projects/stats/overview?includeDrafts=true" });
    expect(refused.statusCode).toBe(403);
    const vague = await coordinator.request({
      url: "/api/v1/projects/stats/overview?includeDrafts=yes",
      headers: { "accept-language": "ru" },
    });
    expect(vague.statusCode).toBe(400);
    expect(vague.json().errors[0].path).toBe("querystring.includeDrafts");
    expect(vague.json().title).toMatch(/[а-яё]/i);
    const anonymous = await t.app.inject({ url: "/api/v1/projects/stats/overview" });
    expect(anonymous.statusCode).toBe(401);
  });

  it("names donors in the reader's language: labels in both, the CSV in the request's", async () => {
    const p = (await member.request({ url: "/api/v1/projects/stats/pivot?rows=donor" })).json();
    expect(p.labels.JPN).toEqual({ en: "Japan", ru: "Япония" });
    const ru = await member.request({
      url: "/api/v1/projects/stats/pivot?rows=donor&format=csv",
      headers: { "accept-language": "ru" },
    });
    expect(ru.body).toContain("Япония");
    expect(ru.body).not.toContain("Japan");
    const en = await member.request({
      url: "/api/v1/projects/stats/pivot?rows=donor&format=csv",
      headers: { "accept-language": "en" },
    });
    expect(en.body).toContain("Japan");
    const list = await member.request({
      url: "/api/v1/projects/export?format=csv",
      headers: { "accept-language": "ru" },
    });
    expect(list.body).toContain("Япония");
  });

  it("converts at the rate in force on the commitment's date and says what it could not convert", async () => {
    const res = await tjk.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        title: { en: "Canine unit training in Dushanbe" },
        plannedStart: "2026-02-01",
        plannedEnd: "2026-12-31",
        fundings: [
          { donorName: "Kazakhstan", amount: "50000000", currency: "KZT", date: "2026-02-01" },
          { donorName: "Казахстан", amount: "100000", currency: "USD" },
        ],
        locations: [{ code: "TJK", kind: "country" }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    // Both spellings are one donor; the KZT amount has no rate yet, and the total says so.
    expect(res.json().fundings.map((f: { donorCode: string }) => f.donorCode)).toEqual(["KAZ", "KAZ"]);
    expect(res.json()).toMatchObject({
      totalUsd: "100000.00",
      unconverted: [{ currency: "KZT", amount: "50000000.00" }],
    });
    const list = (await tjk.request({ url: "/api/v1/projects?q=Dushanbe" })).json();
    expect(list.items[0].unconvertedCurrencies).toEqual(["KZT"]);
    // A rate dated after the commitment is not the rate of its date.
    await coordinator.request({
      method: "POST",
      url: "/api/v1/projects/rates",
      payload: { currency: "KZT", date: "2026-03-01", usdPerUnit: "0.0020", source: "National Bank of Kazakhstan" },
    });
    expect((await tjk.request({ url: `/api/v1/projects/${id}` })).json().unconverted).toHaveLength(1);
    // Publish it, then the pivot lists the amount it leaves out.
    await tjk.request({
      method: "POST",
      url: `/api/v1/projects/${id}/transition`,
      payload: { to: "submitted", version: 1 },
    });
    await coordinator.request({
      method: "POST",
      url: `/api/v1/projects/${id}/transition`,
      payload: { to: "published", version: 2 },
    });
    const pivot = (await member.request({ url: "/api/v1/projects/stats/pivot?rows=donor" })).json();
    expect(pivot.unconverted).toEqual([{ currency: "KZT", amount: "50000000.00", projects: 1 }]);
    expect(pivot.total).toBe(2_500_000);
    const gaps = (await member.request({ url: "/api/v1/projects/gaps" })).json();
    expect(gaps.byCountry.find((c: { country: string }) => c.country === "TJK")).toMatchObject({
      usd: "2500000.00",
      unconverted: [{ currency: "KZT", amount: "50000000.00", projects: 1 }],
    });
    // A rate in force on that date converts it, in the project and in the figures.
    const ok = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects/rates",
      payload: { currency: "KZT", date: "2026-01-15", usdPerUnit: "0.0019", source: "National Bank of Kazakhstan" },
    });
    expect(ok.statusCode).toBe(201);
    const after = (await tjk.request({ url: `/api/v1/projects/${id}` })).json();
    expect(after).toMatchObject({ totalUsd: "195000.00", unconverted: [] });
    expect(after.fundings[0]).toMatchObject({ usd: "95000.00", rate: "0.0019000000", rateDate: "2026-01-15" });
    const pivot2 = (await member.request({ url: "/api/v1/projects/stats/pivot?rows=donor" })).json();
    expect(pivot2).toMatchObject({ unconverted: [], total: 2_595_000 });
  });

  it("imports rates from CSV all or nothing, each bad row named by line and column", async () => {
    const bad = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects/rates/import",
      ...multipart(
        "rates.csv",
        "currency,date,usd_per_unit,source\nEUR,2026-01-01,1.08,ECB\nGBP,2026-13-01,1.27,BoE\nRUB,2026-01-01,-1,CBR\n",
      ),
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual([
      "body.file.3.date",
      "body.file.4.usd_per_unit",
    ]);
    const rates = (await member.request({ url: "/api/v1/projects/rates" })).json().items;
    expect(rates.map((r: { currency: string }) => r.currency)).not.toContain("EUR");
    const byFocal = await tjk.request({
      method: "POST",
      url: "/api/v1/projects/rates/import",
      ...multipart("rates.csv", "currency,date,usd_per_unit,source\nEUR,2026-01-01,1.08,ECB\n"),
    });
    expect(byFocal.statusCode).toBe(403);
    const ok = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects/rates/import",
      ...multipart(
        "rates.csv",
        "currency;date;usd_per_unit;source\nEUR;2026-01-01;1,08;ECB\nGBP;2026-01-01;1.27;BoE\n",
      ),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 2 });
  });

  it("keeps names that map to nothing for review, and maps them for good", async () => {
    const res = await tjk.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        title: { en: "Forensic laboratory equipment" },
        fundings: [{ donorName: "Colombo Plan Secretariat", amount: "1000", currency: "USD" }],
        locations: [{ code: "TJK", kind: "country" }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().fundings[0].donorCode).toBeNull();
    const unknown = await tjk.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        title: { en: "x" },
        fundings: [{ donorName: "y", donorCode: "NOPE", amount: "1", currency: "USD" }],
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ path: "body.fundings.0.donorCode", code: "unknown_donor" });
    expect((await tjk.request({ url: "/api/v1/projects/parties/unmapped" })).statusCode).toBe(403);
    const review = (await coordinator.request({ url: "/api/v1/projects/parties/unmapped" })).json().items;
    expect(review).toContainEqual({
      text: "Colombo Plan Secretariat",
      field: "donor",
      code: null,
      rows: 1,
      projects: 1,
    });
    const created = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects/parties",
      payload: { code: "colombo", name: { en: "Colombo Plan", ru: "План Коломбо" } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const taken = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects/parties",
      payload: { code: "JPN", name: { en: "x", ru: "x" } },
    });
    expect(taken.statusCode).toBe(409);
    const mapped = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects/parties/map",
      payload: { text: "Colombo Plan Secretariat", code: "COLOMBO" },
    });
    expect(mapped.statusCode, mapped.body).toBe(200);
    expect(mapped.json().unmapped.map((u: { text: string }) => u.text)).not.toContain("Colombo Plan Secretariat");
    const again = (await tjk.request({ url: `/api/v1/projects/${res.json().id}` })).json();
    expect(again.fundings[0].donorCode).toBe("COLOMBO");
    const list = (await member.request({ url: "/api/v1/projects/parties" })).json().items;
    expect(list).toContainEqual({ code: "COLOMBO", name: { en: "Colombo Plan", ru: "План Коломбо" }, source: "other" });
    expect(list).toContainEqual({ code: "KAZ", name: { en: "Kazakhstan", ru: "Казахстан" }, source: "partner" });
  });

  it("migrates free-text donors and per-row rates with nothing lost", async () => {
    const db = t.ctx.database.db;
    const { id } = await db
      .insertInto("projects")
      .values({
        code: "ADAM-LEGACY-1",
        partner_code: "KAZ",
        title: JSON.stringify({ en: "Legacy" }),
        summary: "{}",
        donor_ref: null,
        iati_identifier: null,
        stage: "implementation",
        planned_start: "2020-05-01",
        planned_end: null,
        actual_start: null,
        actual_end: null,
        dac_codes: [],
        themes: [],
        contacts: "[]",
        external_documents: "[]",
        countries: [],
        donors: [],
        period: null,
        total_usd: null,
        fingerprint: [],
        features: "{}",
        tsv: null,
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The rows as 0017 found them: step back before 0030 (which turned fundings into transactions), and forward after.
    await migrateTo(db, "0029_report_sends_run_index");
    await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto("project_fundings")
      .values([
        // Typed before the rate table had a 2020 rate for CHF: the row's own rate is the only record of it.
        {
          project_id: id,
          position: 0,
          donor_code: null,
          donor_name: " казахстан ",
          amount: "1000",
          currency: "CHF",
          commitment_date: "2020-05-01",
          usd: "1100.00",
          rate: "1.1",
          rate_date: "2020-05-01",
        },
        {
          project_id: id,
          position: 1,
          donor_code: "XX",
          donor_name: "Ministry of Magic",
          amount: "5",
          currency: "USD",
          commitment_date: null,
          usd: null,
          rate: null,
          rate_date: null,
        },
      ])
      .execute();
    await db
      .insertInto("project_organizations")
      .values({ project_id: id, position: 0, role: "implementing", name: "UNODC", party_code: null })
      .execute();
    await db.transaction().execute((trx) => carryOver(trx as never));
    await migrateToLatest(db);
    const rows = await db
      .selectFrom("project_transactions")
      .select([
        "donor_code",
        "donor_name",
        sql<string>`amount::text`.as("amount"),
        sql<string | null>`usd::text`.as("usd"),
      ])
      .where("project_id", "=", id)
      .orderBy("position")
      .execute();
    expect(rows).toEqual([
      { donor_code: "KAZ", donor_name: " казахстан ", amount: "1000.00", usd: "1100.00" },
      { donor_code: "XX", donor_name: "Ministry of Magic", amount: "5.00", usd: "5.00" },
    ]);
    const rate = await db
      .selectFrom("exchange_rates")
      .select(sql<string>`usd_per_unit::text`.as("r"))
      .where("currency", "=", "CHF")
      .where("rate_date", "=", "2020-05-01")
      .executeTakeFirst();
    expect(rate?.r).toBe("1.1000000000");
    const project = await db
      .selectFrom("projects")
      .select(sql<string>`total_usd::text`.as("t"))
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(project.t).toBe("1105.00");
    const donors = await db.selectFrom("projects").select("donors").where("id", "=", id).executeTakeFirstOrThrow();
    expect(donors.donors).toEqual(["KAZ", "XX"]);
    const org = await db
      .selectFrom("project_organizations")
      .select("party_code")
      .where("project_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(org.party_code).toBe("UNODC");
    const review = (await coordinator.request({ url: "/api/v1/projects/parties/unmapped" })).json().items;
    expect(review).toContainEqual({ text: "Ministry of Magic", field: "donor", code: "XX", rows: 1, projects: 1 });
  });
});
