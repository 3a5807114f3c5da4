import { type Kysely, sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { scopeToCountries } from "../../../../test/api-calls.js";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { importSpreadsheet, uploadSpreadsheet } from "../../../../test/imports.js";
import type { ImportValueMapping, ImportValueMappingList } from "../../../common/import-value-mappings.js";
import { migrateTo, migrateToLatest } from "../../db/migrate.js";
import { ImportValueMappingsRepository } from "../../platform/imports/value-mappings.repository.js";
import { valueMappingId } from "../../platform/imports/value-mappings.service.js";
import { valueKey } from "../../platform/imports/values.js";
import { IDS_HEADER, idsExport } from "./seizures.fixtures.js";

/**
 * Issue 16: the import's remembered value mappings can be listed and taken back, through the platform's routes of
 * every import (`registerValueMappingRoutes`, `/seizures/imports/value-mappings`). A country's mappings are seen and
 * deleted by the people who import its files (its focal point, its liaison officers) and coordinators; the mappings
 * of any country ("*") are seen by them and deleted by coordinators only. A deletion is in the revision history and
 * the audit log, and the next file asks again.
 */
const MAPPINGS = "/api/v1/seizures/imports/value-mappings";
const idsRow = (drug: string, iso3 = "TJK", extra: Partial<Record<string, string>> = {}) =>
  IDS_HEADER.map(
    (h) =>
      extra[h] ??
      {
        "Seizure Date": "2023-05-10",
        "Country/Territory of Seizure": "",
        "ISO3 Code": iso3,
        "Drug/Substance": drug,
        "Measurement Unit": "kg",
        "Quantity Seized": "2",
      }[h] ??
      "",
  );

describe("remembered value mappings: listed and deleted by the country's importers (issue 16)", () => {
  const t = useTestApp();
  let liaison: TestClient;
  let focalTjk: TestClient;
  let focalUzb: TestClient;
  let member: TestClient;
  let coordinator: TestClient;

  const runImport = (client: TestClient, data: Buffer, body: Record<string, unknown>) =>
    importSpreadsheet(t, client, "/api/v1/seizures/imports", { name: "ids.xlsx", data }, body);
  const page = async (client: TestClient, query = ""): Promise<ImportValueMappingList> => {
    const res = await client.request({ url: `${MAPPINGS}${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const list = async (client: TestClient, query = "") => (await page(client, query)).items;
  const remove = (client: TestClient, id: string) =>
    client.request({ method: "DELETE", url: `${MAPPINGS}/${encodeURIComponent(id)}` });

  beforeAll(async () => {
    liaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await scopeToCountries(t, liaison, ["TJK", "UZB"]);
    focalTjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    focalUzb = await t.signIn("focal_point", { partnerCode: "UZB" });
    member = await t.signIn("member", { partnerCode: "TJK" });
    coordinator = await t.signIn("coordinator");
    // A file of Tajikistan and one of Uzbekistan, each with a value nobody knows, mapped once; a country column's
    // own value ("Persia" in origin_countries) is remembered for any country.
    await runImport(liaison, await idsExport([idsRow("Black tar")]), {
      dryRun: false,
      valueMapping: { drug: { "Black tar": "heroin" } },
    });
    await runImport(liaison, await idsExport([idsRow("Kompot", "UZB")]), {
      dryRun: false,
      valueMapping: { drug: { Kompot: "opium" } },
    });
    const csv = Buffer.from(
      "seizure_date,country,drug,quantity,unit,origin_countries\n2024-02-01,TJK,heroin,4,kg,Persia\n",
    );
    const file = await uploadSpreadsheet(t, liaison, "template.csv", csv);
    const res = await liaison.request({
      method: "POST",
      url: "/api/v1/seizures/imports",
      payload: { fileId: file.id, dryRun: false, valueMapping: { originCountries: { Persia: "IRN" } } },
    });
    expect(res.statusCode, res.body).toBe(202);
    await t.ctx.jobs.runNext();
  });

  it("lists each importer the mappings of their countries and those of any country, saying which they may delete", async () => {
    const all = await list(coordinator);
    expect(all.map((m) => [m.source, m.field, m.value, m.target, m.can.delete]).sort()).toEqual([
      ["*", "originCountries", "Persia", "IRN", true],
      ["TJK", "drug", "Black tar", "heroin", true],
      ["UZB", "drug", "Kompot", "opium", true],
    ]);
    expect(all.every((m) => m.layout && m.updatedAt && m.updatedBy)).toBe(true);
    const tjk = await list(focalTjk);
    expect(tjk.map((m) => [m.source, m.value, m.can.delete]).sort()).toEqual([
      ["*", "Persia", false],
      ["TJK", "Black tar", true],
    ]);
    // Who gave an answer of every country is told to coordinators and to that person only.
    expect(tjk.find((m) => m.source === "*")?.updatedBy).toBeNull();
    expect(tjk.find((m) => m.source === "TJK")?.updatedBy).toEqual(expect.any(String));
    const liaisons = await page(liaison);
    expect(liaisons.items.map((m) => m.source).sort()).toEqual(["*", "TJK", "UZB"]);
    expect(liaisons.items.every((m) => m.updatedBy)).toBe(true);
    expect([liaisons.sources, liaisons.fields]).toEqual([
      ["*", "TJK", "UZB"],
      ["drug", "originCountries"],
    ]);
    expect((await list(liaison, "?source=UZB")).map((m) => m.source)).toEqual(["UZB"]);
    // Asking for another country by name gives nothing of it.
    expect(await page(focalUzb, "?source=TJK")).toMatchObject({ items: [], total: 0 });
    expect((await list(focalUzb)).map((m) => m.source).sort()).toEqual(["*", "UZB"]);
    expect((await member.request({ url: MAPPINGS })).statusCode).toBe(403);
    // The seizures' answers are not another module's.
    const facilities = await coordinator.request({ url: "/api/v1/facilities/imports/value-mappings" });
    expect(facilities.json().total).toBe(0);
  });

  it("lets only the country's importers and coordinators delete one, records who and when, and the next file asks again", async () => {
    const blackTar = (await list(coordinator)).find((m) => m.value === "Black tar") as ImportValueMapping;
    const persia = (await list(coordinator)).find((m) => m.value === "Persia") as ImportValueMapping;
    // Another country's focal point does not even see it; a member may not ask; "*" is the coordinators'.
    expect((await remove(focalUzb, blackTar.id)).statusCode).toBe(404);
    expect((await remove(member, blackTar.id)).statusCode).toBe(403);
    const refused = await remove(focalTjk, persia.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers["content-type"]).toMatch(/problem\+json/);
    expect((await remove(focalTjk, "not-an-id")).statusCode).toBe(404);
    expect(await list(coordinator)).toHaveLength(3);

    expect((await remove(focalTjk, blackTar.id)).statusCode).toBe(204);
    expect((await remove(focalTjk, blackTar.id)).statusCode).toBe(404);
    expect((await list(coordinator)).map((m) => m.value).sort()).toEqual(["Kompot", "Persia"]);
    const revision = await t.ctx.database.db
      .selectFrom("revisions")
      .selectAll()
      .where("entity_type", "=", "import_value_mapping")
      .where("entity_id", "=", `seizures:${blackTar.id}`)
      .executeTakeFirstOrThrow();
    expect(revision).toMatchObject({ action: "delete", version: 1, actor_id: focalTjk.userId });
    expect(revision.changes).toMatchObject({ value: { from: "Black tar" }, target: { from: "heroin" } });
    const audit = await t.ctx.database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "import.value_mapping.delete")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: focalTjk.userId,
      object_type: "import_value_mapping",
      object_id: `seizures:${blackTar.id}`,
      details: { kind: "seizures", source: "TJK", field: "drug", value: "Black tar", target: "heroin" },
    });
    // The next file of Tajikistan asks about the value again.
    const again = await runImport(liaison, await idsExport([idsRow("Black tar")]), { dryRun: true });
    expect(again.unmapped).toMatchObject([{ field: "drug", value: "Black tar" }]);

    // Mapped again and deleted again: the history goes on counting.
    await runImport(liaison, await idsExport([idsRow("Black tar")]), {
      dryRun: false,
      valueMapping: { drug: { "Black tar": "opium" } },
    });
    expect((await remove(coordinator, blackTar.id)).statusCode).toBe(204);
    expect((await remove(coordinator, persia.id)).statusCode).toBe(204);
    const versions = await t.ctx.database.db
      .selectFrom("revisions")
      .select("version")
      .where("entity_id", "=", `seizures:${blackTar.id}`)
      .orderBy("version")
      .execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it("keeps what was mapped before the value mappings moved to the platform's store (0038), both ways", async () => {
    const db = t.ctx.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    // Before 0038, the seizure import kept its answers in a table of its own.
    await migrateTo(db, "0037_import_value_mappings");
    await sql`
      insert into seizure_value_mappings (source_country, layout, field, value_key, value, target, updated_by)
      values ('TJK', 'unodc-ids', 'drug', ${valueKey("Chornaya smola")}, 'Chornaya smola', 'opium', ${liaison.userId}),
             ('*', 'unodc-ids', 'country', ${valueKey("Tadzhikistan")}, 'Tadzhikistan', 'TJK', null)`.execute(db);
    await migrateToLatest(db);
    // The next file of the same source reads them without the step, and the page lists them.
    const file = await idsExport([idsRow("Chornaya smola", "", { "Country/Territory of Seizure": "Tadzhikistan" })]);
    const next = await runImport(liaison, file, { dryRun: true });
    expect(next.unmapped).toEqual([]);
    expect(next.report.refused).toBe(false);
    expect(next.remembered).toEqual(
      expect.arrayContaining([
        { field: "drug", value: "Chornaya smola", target: "opium", count: 1 },
        { field: "country", value: "Tadzhikistan", target: "TJK", count: 1 },
      ]),
    );
    const moved = (await list(coordinator)).filter((m) => ["Chornaya smola", "Tadzhikistan"].includes(m.value));
    expect(moved.map((m) => [m.source, m.field, m.value, m.target]).sort()).toEqual([
      ["*", "country", "Tadzhikistan", "TJK"],
      ["TJK", "drug", "Chornaya smola", "opium"],
    ]);
    // Stepping back puts the seizure rows back in their own table, and forward again moves them once more.
    await migrateTo(db, "0037_import_value_mappings");
    const back = await sql<{ source_country: string; value: string; target: string | null }>`
      select source_country, value, target from seizure_value_mappings order by value`.execute(db);
    expect(back.rows).toEqual(
      expect.arrayContaining([
        { source_country: "TJK", value: "Chornaya smola", target: "opium" },
        { source_country: "*", value: "Tadzhikistan", target: "TJK" },
      ]),
    );
    const left = await sql<{ n: number }>`
      select count(*)::int as n from import_value_mappings where kind = 'seizures'`.execute(db);
    expect(left.rows[0]?.n).toBe(0);
    await migrateToLatest(db);
    expect((await list(coordinator)).filter((m) => m.value === "Chornaya smola")).toHaveLength(1);
  });

  it("keeps the history of deletions made before the shared routes (0041): one answer, one history, both ways", async () => {
    const db = t.ctx.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const key = { layout: "unodc-ids", source: "KGZ", field: "drug", valueKey: valueKey("Kuknar") };
    const id = valueMappingId(key);
    // Before 0041, the seizures' own service kept a deletion as `seizure_value_mapping`, naming the source
    // `sourceCountry`.
    await migrateTo(db, "0038_seizure_value_mappings_shared");
    const before = { value: { from: "Kuknar" }, sourceCountry: { from: "KGZ" }, target: { from: "opium" } };
    await sql`
      insert into revisions (entity_type, entity_id, version, actor_id, action, changes, snapshot)
      values ('seizure_value_mapping', ${id}, 1, ${coordinator.userId}, 'delete', ${JSON.stringify(before)}::jsonb,
              '{}'::jsonb)`.execute(db);
    await migrateToLatest(db);
    const history = () =>
      t.ctx.database.db
        .selectFrom("revisions")
        .select(["entity_type", "version", "changes"])
        .where("entity_id", "=", `seizures:${id}`)
        .orderBy("version")
        .execute();
    expect(await history()).toEqual([
      {
        entity_type: "import_value_mapping",
        version: 1,
        changes: {
          value: { from: "Kuknar" },
          source: { from: "KGZ" },
          target: { from: "opium" },
          kind: { from: "seizures" },
        },
      },
    ]);
    // Given again and taken back through the shared routes: its history goes on counting from the old one.
    await new ImportValueMappingsRepository(t.ctx.database.db).remember(
      t.ctx.database.db,
      "seizures",
      key.layout,
      [{ source: "KGZ", field: "drug", valueKey: key.valueKey, value: "Kuknar", target: "heroin" }],
      coordinator.userId,
    );
    expect((await remove(coordinator, id)).statusCode).toBe(204);
    expect((await history()).map((h) => h.version)).toEqual([1, 2]);
    // Stepping back gives the old form the whole history; forward again, the shared one.
    await migrateTo(db, "0038_seizure_value_mappings_shared");
    const old = await sql<{ version: number; changes: Record<string, unknown> }>`
      select version, changes from revisions
      where entity_type = 'seizure_value_mapping' and entity_id = ${id} order by version`.execute(db);
    expect(old.rows.map((r) => r.version)).toEqual([1, 2]);
    expect(old.rows[0]?.changes).toEqual(before);
    expect(old.rows[1]?.changes).toMatchObject({ sourceCountry: { from: "KGZ" }, target: { from: "heroin" } });
    expect(old.rows[1]?.changes).not.toHaveProperty("kind");
    await migrateToLatest(db);
    expect((await history()).map((h) => [h.entity_type, h.version])).toEqual([
      ["import_value_mapping", 1],
      ["import_value_mapping", 2],
    ]);
  });
});
