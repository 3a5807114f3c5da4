import { Readable } from "node:stream";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/app.js";
import { SYSTEM_ACTOR } from "../audit.js";
import { runStreamingImport, type StreamingImportModule } from "./stream.js";

/**
 * The pipeline's streaming mode on a small module of its own (a name, a colour from a vocabulary, a positive amount):
 * rows reach the module's batch write in batches while the file is read, inside one transaction that a refusal found
 * after thousands of written rows still rolls back whole; the report lists at most 200 problems of one column (so the
 * others' stay visible) and counts them all; an unknown value is listed once with its count and holds the file.
 */
type Row = { name: string; colour: string; amount: number };
const TABLE = "stream_test_rows";
const COLOURS = new Set(["red", "green", "blue"]);

function module(
  batches: number[],
): StreamingImportModule<"name" | "colour" | "amount", Row, null, { written: number }> {
  return {
    kind: "stream-test",
    layouts: [
      {
        name: "test",
        minMatches: 3,
        columns: [
          { field: "name", headers: ["name"] },
          { field: "colour", headers: ["colour"] },
          { field: "amount", headers: ["amount"], number: true },
        ],
      },
    ],
    messages: { not_positive: { en: "Must be more than 0.", ru: "Должно быть больше 0." } },
    vocabularies: { colour: { isTarget: (code) => COLOURS.has(code) } },
    empty: { written: 0 },
    rowReader: (table, ctx) => (cells, row) => {
      const at = (f: "name" | "colour" | "amount") => (cells[table.index.get(f) ?? -1] ?? "").trim();
      if (!cells.some((c) => c.trim())) return { value: null, errors: [], warnings: [], skip: true };
      const errors = [];
      const amount = ctx.numbers.read(at("amount"), () => ({ row, column: "amount" }));
      if (amount === null || amount <= 0)
        errors.push({
          row,
          column: "amount",
          value: at("amount"),
          code: "not_positive",
          message: { en: "Must be more than 0.", ru: "Должно быть больше 0." },
        });
      let colour: string | null | undefined = at("colour");
      if (!COLOURS.has(colour)) colour = ctx.values.resolve("colour", null, colour, { row, column: "colour" });
      if (colour === undefined || errors.length) return { value: null, errors, warnings: [], skip: false };
      return {
        value: { name: at("name"), colour: colour ?? "none", amount: amount as number },
        errors,
        warnings: [],
        skip: false,
      };
    },
    async open({ trx }) {
      await sql`create table ${sql.table(TABLE)} (name text, colour text, amount numeric)`.execute(trx);
      let written = 0;
      return {
        async write(rows) {
          batches.push(rows.length);
          written += rows.length;
          await trx
            .insertInto(TABLE as never)
            .values(rows as never)
            .execute();
        },
        async finish() {
          return { written };
        },
      };
    },
  };
}

function csv(n: number, row: (i: number) => string) {
  return Buffer.from(`name,colour,amount\n${Array.from({ length: n }, (_, i) => row(i)).join("\n")}\n`);
}

describe("the import pipeline's streaming mode", () => {
  const t = useTestApp();

  const deps = () => ({ db: t.ctx.database.db, withClientTransaction: t.ctx.database.withClientTransaction });
  const tableExists = async () =>
    (await sql<{ r: string | null }>`select to_regclass(${TABLE})::text as r`.execute(t.ctx.database.db)).rows[0]?.r !==
    null;
  const run = (
    data: Buffer,
    batches: number[],
    request: { dryRun: boolean; valueMapping?: Record<string, Record<string, string | null>> },
  ) =>
    runStreamingImport(deps(), module(batches), () => Readable.from([data]), "test.csv", request, null, {
      actor: SYSTEM_ACTOR,
    });

  it("refuses a file whose bad row comes after batches already written, and rolls all of them back", async () => {
    const batches: number[] = [];
    const data = csv(9000, (i) => `n${i},red,${i === 8500 ? "-1" : i + 1}`);
    const result = await run(data, batches, { dryRun: false });
    expect(batches.length).toBeGreaterThan(1);
    expect(result.report).toMatchObject({ refused: true, imported: 0, rowsRead: 9000 });
    expect(result.report.errors.map((e) => [e.row, e.column, e.code])).toEqual([[8502, "amount", "not_positive"]]);
    expect(result.written).toBe(0);
    expect(await tableExists()).toBe(false);
  });

  it("lists at most 200 problems of a column and counts them all, so another column's problems are listed too", async () => {
    const data = csv(400, (i) => `n${i},${i < 5 ? "mauve" : "red"},${i < 300 ? "0" : "1"}`);
    const result = await run(data, [], { dryRun: true });
    const amount = result.report.errors.filter((e) => e.column === "amount");
    expect(amount).toHaveLength(200);
    expect(result.report.errors.at(-1)).toMatchObject({ code: "too_many_issues", value: "300" });
    // "mauve" is on rows whose amount is also bad (rows 2-6) and on none other: each value is listed once, counted.
    const clean = await run(
      csv(400, (i) => `n${i},${i % 100 === 0 ? "mauve" : "red"},1`),
      [],
      { dryRun: true },
    );
    expect(clean.report.refused).toBe(true);
    expect(clean.report.errors).toEqual([]);
    expect(clean.unmapped).toEqual([
      { field: "colour", column: "colour", value: "mauve", count: 4, rows: [2, 102, 202, 302] },
    ]);
  });

  it("writes every row in one transaction once an unknown value is mapped, and remembers the answer", async () => {
    const batches: number[] = [];
    const data = csv(5000, (i) => `n${i},${i % 2 ? "mauve" : "blue"},${(i % 7) + 1}`);
    const result = await run(data, batches, { dryRun: false, valueMapping: { colour: { mauve: "red" } } });
    expect(result.report).toMatchObject({ refused: false, imported: 5000, rowsRead: 5000 });
    expect(result.written).toBe(5000);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(5000);
    const counts = await sql<{ colour: string; n: number }>`
      select colour, count(*)::int as n from ${sql.table(TABLE)} group by colour order by colour`.execute(
      t.ctx.database.db,
    );
    expect(counts.rows).toEqual([
      { colour: "blue", n: 2500 },
      { colour: "red", n: 2500 },
    ]);
    // The next file of the same layout reads "mauve" through the answer remembered.
    const again = await run(
      csv(2, () => "x,mauve,1"),
      [],
      { dryRun: true },
    );
    expect(again.unmapped).toEqual([]);
    expect(again.remembered).toEqual([{ field: "colour", value: "mauve", target: "red", count: 2 }]);
    expect(again.report.refused).toBe(false);
  });
});
