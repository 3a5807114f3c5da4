import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "./database.js";

describe("PGlite dialect", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({});
    await sql`create extension if not exists pg_trgm`.execute(database.db);
    await sql`create table counter (id int primary key, n int not null)`.execute(database.db);
    await sql`insert into counter values (1, 0)`.execute(database.db);
  });
  afterAll(() => database.close());

  it("serializes concurrent transactions on its single connection", async () => {
    const increment = () =>
      database.db.transaction().execute(async (trx) => {
        const row = await sql<{ n: number }>`select n from counter where id = 1`.execute(trx);
        await new Promise((r) => setTimeout(r, 2));
        await sql`update counter set n = ${(row.rows[0]?.n ?? 0) + 1} where id = 1`.execute(trx);
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    const result = await sql<{ n: number }>`select n from counter where id = 1`.execute(database.db);
    expect(result.rows[0]?.n).toBe(20);
  });

  it("rolls back a failed transaction and frees the connection for the next caller", async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`update counter set n = -1 where id = 1`.execute(trx);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const result = await sql<{ n: number }>`select n from counter where id = 1`.execute(database.db);
    expect(result.rows[0]?.n).toBe(20);
  });

  it("reports affected rows", async () => {
    const r = await database.db
      .updateTable("counter" as never)
      .set({ n: 5 } as never)
      .executeTakeFirst();
    expect(Number(r.numUpdatedRows)).toBe(1);
  });

  it("has the English and Russian text search configurations and pg_trgm", async () => {
    const r = await sql<{ en: string; ru: string; sim: number }>`
      select to_tsvector('english', 'seizures')::text as en, to_tsvector('russian', 'героина')::text as ru,
             similarity('kovalev', 'kovalyov') as sim`.execute(database.db);
    expect(r.rows[0]?.en).toContain("seizur");
    expect(r.rows[0]?.ru).toContain("героин");
    expect(r.rows[0]?.sim).toBeGreaterThan(0.3);
  });
});
