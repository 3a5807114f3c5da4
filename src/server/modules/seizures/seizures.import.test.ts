import { Readable } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/app.js";
import { IMPORT_FIELDS } from "../../../common/seizures.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import { countSeizures, inlineImportOptions } from "./seizures.fixtures.js";
import type { ImportOptions } from "./seizures.import.js";

/**
 * The streaming import (COPY while the file is still being read): files far longer than the rows read to find
 * the header, refused whole even when the bad row comes after thousands of good ones already streamed in, text with
 * COPY's special characters kept exactly, and duplicates found against what was stored before.
 */
const HEADER = IMPORT_FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
const COUNTRIES = ["TJK", "UZB", "KAZ", "KGZ"];

function csvRow(values: Partial<Record<(typeof IMPORT_FIELDS)[number], string>>): string {
  return IMPORT_FIELDS.map((f) => {
    const v = values[f] ?? "";
    return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(",");
}

function file(n: number, overrides: Record<number, Partial<Record<(typeof IMPORT_FIELDS)[number], string>>> = {}) {
  const lines = [HEADER.join(",")];
  for (let i = 0; i < n; i++) {
    lines.push(
      csvRow({
        seizureDate: `2021-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`,
        country: COUNTRIES[i % COUNTRIES.length],
        drug: "heroin",
        quantity: String(((i % 500) + 1) / 10),
        unit: "kg",
        place: `Post ${i}`,
        sourceType: "official",
        sourceReference: "stream test",
        ...overrides[i],
      }),
    );
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

describe("seizure import, streamed", () => {
  let t: TestApp;
  const options = (over: Partial<ImportOptions> = {}) => inlineImportOptions({ fileName: "stream.csv", ...over });
  const count = () => countSeizures(t);
  const batches = async () =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from seizure_import_batches`.execute(t.ctx.database.db))
        .rows[0]?.n ?? 0,
    );

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses the whole file when a bad row comes after thousands of good ones, writing nothing", async () => {
    const data = file(6000, { 5800: { quantity: "lots" }, 5900: { country: "Atlantis" } });
    const result = await t.ctx.seizures.importFile(() => Readable.from([data]), options(), SYSTEM_ACTOR);
    expect(result.report.refused).toBe(true);
    expect(result.report.rowsRead).toBe(6000);
    expect(result.report.errors.map((e) => [e.row, e.column, e.code])).toEqual([[5802, "quantity", "invalid_number"]]);
    // A country no list knows waits for the value-mapping step; it, too, keeps the rows already streamed out.
    expect(result.unmapped).toEqual([
      { field: "country", column: "country", value: "Atlantis", count: 1, rows: [5902] },
    ]);
    expect(await count()).toBe(0);
    expect(await batches()).toBe(0);
    const unmappedOnly = file(6000, { 5900: { country: "Atlantis" } });
    const held = await t.ctx.seizures.importFile(() => Readable.from([unmappedOnly]), options(), SYSTEM_ACTOR);
    expect(held.report).toMatchObject({ refused: true, imported: 0, errors: [] });
    expect(await count()).toBe(0);
    expect(await batches()).toBe(0);
  });

  it("imports a long file from a stream, reports progress in bytes, and keeps COPY's special characters", async () => {
    const tricky = 'Tab\there, back\\slash \\N, "quoted", new\nline, кириллица';
    const data = file(6000, { 4321: { concealment: tricky, place: "\\." } });
    const progress: [number, number | null, string][] = [];
    const result = await t.ctx.seizures.importFile(
      () => Readable.from([data.subarray(0, 70_000), data.subarray(70_000)]),
      options({
        totalBytes: data.length,
        progress: (done, total, message) => void progress.push([done, total, message]),
      }),
      SYSTEM_ACTOR,
    );
    expect(result.report.refused, JSON.stringify(result.report.errors.slice(0, 3))).toBe(false);
    expect(result.report.imported).toBe(6000);
    expect(await count()).toBe(6000);
    const row = await t.ctx.database.db
      .selectFrom("seizures")
      .select(["concealment", "place", "import_batch_id", "status"])
      .where("concealment", "is not", null)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      concealment: tricky,
      place: "\\.",
      import_batch_id: result.batchId,
      status: "entered",
    });
    const batch = await t.ctx.database.db
      .selectFrom("seizure_import_batches")
      .select("rows")
      .where("id", "=", result.batchId as string)
      .executeTakeFirstOrThrow();
    expect(batch.rows).toBe(6000);
    const checking = progress.filter(([, , message]) => message === "checking");
    expect(checking.length).toBeGreaterThan(0);
    expect(checking.every(([done, total]) => total === data.length && done > 0 && done <= data.length)).toBe(true);
    const audit = await t.ctx.database.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "seizure.import")
      .where("object_id", "=", result.batchId as string)
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ rows: 6000, duplicates: 0 });
  });

  it("finds duplicates against records stored before, never within the file itself", async () => {
    // Two rows of the same file that look alike are not a pair; a row like a stored record from another source is.
    const data = file(3, {
      0: { country: "TJK", seizureDate: "2021-01-01", place: "Post 0", quantity: "0.1", sourceReference: "partner" },
      1: { country: "TJK", seizureDate: "2021-01-01", place: "Post 0", quantity: "0.1", sourceReference: "partner" },
      2: { country: "AFG", seizureDate: "2024-06-01", place: "Kabul" },
    });
    const result = await t.ctx.seizures.importFile(data, options({ fileName: "partner.csv" }), SYSTEM_ACTOR);
    expect(result.report.refused).toBe(false);
    expect(result.possibleDuplicates).toBe(2);
    const pairs = await sql<{ a: string; b: string }>`
      select sa.import_batch_id as a, sb.import_batch_id as b from seizure_duplicates d
      join seizures sa on sa.id = d.seizure_a join seizures sb on sb.id = d.seizure_b`.execute(t.ctx.database.db);
    for (const p of pairs.rows) expect(p.a).not.toBe(p.b);
  });

  it("puts every record of a large publication into the global search, the rest by a background job", async () => {
    const imported = await t.ctx.seizures.importFile(
      file(
        2600,
        Object.fromEntries(Array.from({ length: 2600 }, (_, i) => [i, { country: "TUR", place: `Kapıkule ${i}` }])),
      ),
      options({ fileName: "publish.csv" }),
      SYSTEM_ACTOR,
    );
    expect(imported.report.refused).toBe(false);
    const coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    for (const action of ["validate", "publish"]) {
      const res = await coordinator.request({
        method: "POST",
        url: "/api/v1/seizures/transitions",
        payload: { action, batchId: imported.batchId, expectedCount: 2600 },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().changed).toBe(2600);
    }
    const indexed = async () =>
      Number(
        (
          await sql<{ n: number }>`
            select count(*)::int as n from search_index si join seizures s on s.id::text = si.entity_id
            where si.entity_type = 'seizure' and s.import_batch_id = ${imported.batchId}`.execute(t.ctx.database.db)
        ).rows[0]?.n ?? 0,
      );
    expect(await indexed()).toBe(2000);
    while (await t.ctx.jobs.runNext()) {
      // the indexing job (and any other queued work)
    }
    expect(await indexed()).toBe(2600);
  });

  it("checks without writing in a dry run", async () => {
    const before = await count();
    const result = await t.ctx.seizures.importFile(file(2500), options({ dryRun: true }), SYSTEM_ACTOR);
    expect(result.report).toMatchObject({ refused: false, rowsRead: 2500, imported: 0 });
    expect(await count()).toBe(before);
  });
});
