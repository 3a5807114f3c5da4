import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/app.js";

/** Rules the migrated schema keeps, checked in the catalogue of the backend under test (the embedded PostgreSQL or TEST_DATABASE_URL). */
describe("database schema", () => {
  const t = useTestApp({ reference: false });

  it("has an index led by the column of every foreign key, but those to users", async () => {
    const { rows } = await sql<{ fk: string; referenced: string }>`
      select c.conrelid::regclass::text || '.' || a.attname as fk, c.confrelid::regclass::text as referenced
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f'
        and c.connamespace = 'public'::regnamespace
        and not exists (
          select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]
        )
      order by 1`.execute(t.ctx.database.db);
    expect(rows.length).toBeGreaterThan(0); // the users exemption below is still needed
    expect(rows.filter((r) => r.referenced !== "users").map((r) => r.fk)).toEqual([]);
  });

  it("finds referencing rows by index when a seizure is deleted (no scan of the whole table)", async () => {
    const plan = await t.ctx.database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return sql<{ "QUERY PLAN": string }>`
        explain select 1 from seizures where merged_into = ${"00000000-0000-4000-8000-000000000000"}`.execute(trx);
    });
    expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/seizures_merged_into_idx/);
  });
});
