import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.js";
import { serverModules } from "./index.js";

/** The migrator's own bookkeeping, which no module owns. */
const MIGRATOR_TABLES = ["kysely_migration", "kysely_migration_lock"];

describe("every table is owned by one manifest", { timeout: 120_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ reference: false });
  });
  afterAll(() => t?.close());

  it("after migrating, each table of the database is listed in exactly one manifest's tables, and each listed one exists", async () => {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'
      order by 1`.execute(t.ctx.database.db);
    const inDatabase = rows.map((r) => r.name).filter((name) => !MIGRATOR_TABLES.includes(name));
    const owners = new Map<string, string[]>();
    for (const m of serverModules)
      for (const table of m.tables ?? []) owners.set(table, [...(owners.get(table) ?? []), m.name]);

    expect(inDatabase.filter((table) => !owners.has(table))).toEqual([]);
    expect([...owners].filter(([, by]) => by.length > 1)).toEqual([]);
    expect([...owners.keys()].filter((table) => !inDatabase.includes(table))).toEqual([]);
    // The platform's own list and a module's: both kinds of owner are present.
    expect(owners.get("jobs")).toEqual(["platform"]);
    expect(owners.get("seizures")).toEqual(["seizures"]);
  });
});
