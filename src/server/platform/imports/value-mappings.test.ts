import { beforeAll, describe, expect, it } from "vitest";
import { scopeToCountries } from "../../../../test/api-calls.js";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { uploadSpreadsheet } from "../../../../test/imports.js";
import type { ImportValueMapping, ImportValueMappingList } from "../../../common/import-value-mappings.js";
import { ImportValueMappingsRepository } from "./value-mappings.repository.js";

/**
 * The remembered answers of the value-mapping step, listed and taken back beside each module's import: who sees which
 * (the sources they import for, and those of every source; coordinators all), who deletes which, an id naming another
 * source's answer, and a later file asking again once an answer is gone.
 */
describe("remembered value mappings of the import pipeline", () => {
  const t = useTestApp();
  let member: TestClient;
  let liaison: TestClient;
  let focalKgz: TestClient;
  let coordinator: TestClient;

  const FACILITIES = "/api/v1/facilities/imports/value-mappings";
  const PROJECTS = "/api/v1/projects/imports/value-mappings";

  beforeAll(async () => {
    member = await t.signIn("member", { partnerCode: "TJK" });
    liaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    focalKgz = await t.signIn("focal_point", { partnerCode: "KGZ" });
    coordinator = await t.signIn("coordinator");
    await scopeToCountries(t, liaison, ["TJK", "AFG"]);
  });

  const upload = (client: TestClient, name: string, text: string) => uploadSpreadsheet(t, client, name, text);
  const importFacilities = async (client: TestClient, fileId: string, payload: Record<string, unknown>) => {
    const res = await client.request({
      method: "POST",
      url: "/api/v1/facilities/import",
      payload: { fileId, ...payload },
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const list = async (client: TestClient, url: string, query = ""): Promise<ImportValueMappingList> => {
    const res = await client.request({ url: `${url}${query}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const byValue = (items: ImportValueMapping[], value: string) => items.find((m) => m.value === value);

  const AFG_LOCATOR = [
    "name,city,latitude,longitude,services",
    'Hope Recovery Centre,Kabul,34.5553,69.2075,"Detox; Equine therapy"',
    'Herat Outpatient Clinic,Herat,34.3482,62.1997,"Outpatient; Acupuncture"',
  ].join("\n");
  const KGZ_LIST = [
    "name,city,country,latitude,longitude,services",
    'Osh Narcology Centre,Osh,Kirgizia (KG),40.5283,72.7985,"Detox; Equine therapy"',
  ].join("\n");

  it("lists each importer's own sources and those of every source, and no one else's", async () => {
    const afg = await upload(liaison, "afg.csv", AFG_LOCATOR);
    const afgAnswers = { labels: { "Equine therapy": "service:psychosocial", Acupuncture: null } };
    expect(await importFacilities(liaison, afg.id, { country: "AFG", valueMapping: afgAnswers })).toMatchObject({
      refused: false,
      imported: 2,
    });
    const kgz = await upload(focalKgz, "kgz.csv", KGZ_LIST);
    const kgzAnswers = { country: { "Kirgizia (KG)": "KGZ" }, labels: { "Equine therapy": "service:peer_support" } };
    expect(await importFacilities(focalKgz, kgz.id, { valueMapping: kgzAnswers })).toMatchObject({
      refused: false,
      imported: 1,
    });

    const mine = await list(liaison, FACILITIES);
    expect(mine.total).toBe(3);
    expect(mine.items.map((m) => [m.source, m.field, m.value, m.target, m.can.delete]).sort()).toEqual([
      ["*", "country", "Kirgizia (KG)", "KGZ", false],
      ["AFG", "labels", "Acupuncture", null, true],
      ["AFG", "labels", "Equine therapy", "service:psychosocial", true],
    ]);
    // Who gave an answer of every source is not told to another partner's importer.
    expect(byValue(mine.items, "Kirgizia (KG)")?.updatedBy).toBeNull();
    expect(byValue(mine.items, "Acupuncture")?.updatedBy).toEqual(expect.any(String));
    expect(mine.sources).toEqual(["*", "AFG"]);
    expect(mine.fields).toEqual(["country", "labels"]);

    const kgzOwn = await list(focalKgz, FACILITIES);
    expect(kgzOwn.items.map((m) => [m.source, m.value, m.target]).sort()).toEqual([
      ["*", "Kirgizia (KG)", "KGZ"],
      ["KGZ", "Equine therapy", "service:peer_support"],
    ]);
    expect(byValue(kgzOwn.items, "Kirgizia (KG)")?.updatedBy).toEqual(expect.any(String));
    // Asking for another source by name gives nothing of it.
    expect((await list(focalKgz, FACILITIES, "?source=AFG")).total).toBe(0);

    const all = await list(coordinator, FACILITIES);
    expect(all.total).toBe(4);
    expect(all.items.every((m) => m.can.delete && m.updatedBy)).toBe(true);
    // Another module's answers are not these.
    expect((await list(coordinator, PROJECTS)).total).toBe(0);
    expect((await member.request({ url: FACILITIES })).statusCode).toBe(403);
  });

  it("filters and pages", async () => {
    expect((await list(coordinator, FACILITIES, "?field=labels")).total).toBe(3);
    const equine = await list(coordinator, FACILITIES, "?q=EQUINE");
    expect(equine.items.map((m) => m.source).sort()).toEqual(["AFG", "KGZ"]);
    expect((await list(coordinator, FACILITIES, "?q=peer_support")).items.map((m) => m.source)).toEqual(["KGZ"]);
    // LIKE's own characters are text.
    expect((await list(coordinator, FACILITIES, "?q=%25")).total).toBe(0);
    const first = await list(coordinator, FACILITIES, "?limit=3&offset=0");
    const second = await list(coordinator, FACILITIES, "?limit=3&offset=3");
    expect([first.items.length, second.items.length, second.total]).toEqual([3, 1, 4]);
    expect(new Set([...first.items, ...second.items].map((m) => m.id)).size).toBe(4);
    expect((await coordinator.request({ url: `${FACILITIES}?limit=1000` })).statusCode).toBe(400);
  });

  it("deletes only within the reader's sources, audited, and the next file asks again", async () => {
    const coordinatorView = (await list(coordinator, FACILITIES)).items;
    const afgEquine = coordinatorView.find((m) => m.source === "AFG" && m.value === "Equine therapy");
    const anyCountry = coordinatorView.find((m) => m.source === "*");
    if (!afgEquine || !anyCountry) throw new Error("the answers of the first test are missing");
    const remove = (client: TestClient, id: string, url = FACILITIES) =>
      client.request({ method: "DELETE", url: `${url}/${encodeURIComponent(id)}` });

    // Another country's answer, whatever its id says, is not found for a focal point; nor is a made-up id.
    expect((await remove(focalKgz, afgEquine.id)).statusCode).toBe(404);
    expect((await remove(focalKgz, "bm90LWpzb24")).statusCode).toBe(404);
    const forged = Buffer.from(JSON.stringify(["treatment-locator", "AFG", "labels", "nothing here"])).toString(
      "base64url",
    );
    expect((await remove(liaison, forged)).statusCode).toBe(404);
    // An answer of every source is seen by all importers, taken back by coordinators only.
    expect((await remove(liaison, anyCountry.id)).statusCode).toBe(403);
    // The same id under another module's routes is another module's (none).
    expect((await remove(coordinator, afgEquine.id, PROJECTS)).statusCode).toBe(404);
    expect((await remove(member, afgEquine.id)).statusCode).toBe(403);
    expect((await list(coordinator, FACILITIES)).total).toBe(4);

    expect((await remove(liaison, afgEquine.id)).statusCode).toBe(204);
    expect((await remove(liaison, afgEquine.id)).statusCode).toBe(404);
    const left = await list(coordinator, FACILITIES);
    expect(left.items.map((m) => `${m.source}:${m.value}`).sort()).toEqual([
      "*:Kirgizia (KG)",
      "AFG:Acupuncture",
      "KGZ:Equine therapy",
    ]);
    const audit = await t.ctx.audit.list({ action: "import.value_mapping.delete", limit: 10, offset: 0 });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      actor_id: liaison.userId,
      object_type: "import_value_mapping",
      details: {
        kind: "facilities",
        source: "AFG",
        field: "labels",
        value: "Equine therapy",
        target: "service:psychosocial",
      },
    });
    const history = await t.ctx.database.db
      .selectFrom("revisions")
      .select(["action", "version", "snapshot"])
      .where("entity_type", "=", "import_value_mapping")
      .execute();
    expect(history).toMatchObject([{ action: "delete", version: 1 }]);

    // The next AFG file asks again for the answer taken back; the one kept is still applied.
    const next = await upload(liaison, "afg-2.csv", AFG_LOCATOR.replace("Hope Recovery", "Hope Two"));
    const dry = await importFacilities(liaison, next.id, { country: "AFG", dryRun: true });
    expect(dry.refused).toBe(true);
    expect(dry.unmapped).toEqual([
      { field: "labels", column: "services", value: "Equine therapy", count: 1, rows: [2] },
    ]);
    expect(dry.remembered).toEqual([{ field: "labels", value: "Acupuncture", target: null, count: 1 }]);

    // A coordinator takes back the answer of every source: the next file with that country asks again.
    expect((await remove(coordinator, anyCountry.id)).statusCode).toBe(204);
    const kgzAgain = await upload(focalKgz, "kgz-2.csv", KGZ_LIST);
    const held = await importFacilities(focalKgz, kgzAgain.id, { dryRun: true });
    // (its rows' country unknown, their labels wait too: they are remembered per country)
    expect(held.unmapped.map((u: { field: string; value: string }) => `${u.field}:${u.value}`)).toContain(
      "country:Kirgizia (KG)",
    );
    expect(held.remembered).toEqual([]);
  });

  it("keeps a partner's project answers to that partner's editors", async () => {
    const repo = new ImportValueMappingsRepository(t.ctx.database.db);
    const focalTjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    await repo.remember(
      t.ctx.database.db,
      "projects",
      "template",
      [
        { source: "TJK", field: "theme", valueKey: "harm reduction", value: "Harm reduction", target: "prevention" },
        { source: "KGZ", field: "theme", valueKey: "secret kgz label", value: "Secret KGZ label", target: null },
        { source: "*", field: "country", valueKey: "tadjikistan", value: "Tadjikistan", target: "TJK" },
      ],
      coordinator.userId,
    );
    const tjk = await list(focalTjk, PROJECTS);
    expect(tjk.items.map((m) => `${m.source}:${m.value}:${m.can.delete}`).sort()).toEqual([
      "*:Tadjikistan:false",
      "TJK:Harm reduction:true",
    ]);
    expect(JSON.stringify(tjk)).not.toContain("Secret");
    const kgzAnswer = (await list(coordinator, PROJECTS)).items.find((m) => m.source === "KGZ");
    if (!kgzAnswer) throw new Error("no KGZ answer");
    const url = `${PROJECTS}/${kgzAnswer.id}`;
    expect((await focalTjk.request({ method: "DELETE", url })).statusCode).toBe(404);
    // A focal point of a country is a partner of its own for projects: KGZ's focal point takes it back.
    expect((await focalKgz.request({ method: "DELETE", url })).statusCode).toBe(204);
    expect((await list(coordinator, PROJECTS)).total).toBe(2);
  });
});
