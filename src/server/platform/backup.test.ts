import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.js";
import { SYSTEM_ACTOR } from "./audit.js";
import { BackupError, databaseSummary, restoreBackup, tableSummary, writeBackup } from "./backup.js";

describe("backup and restore", () => {
  let source: TestApp;
  let target: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-backup-"));
  const file = path.join(dir, "platform.backup");
  const png = Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
    "hex",
  );

  beforeAll(async () => {
    source = await createTestApp();
    target = await createTestApp({ reference: false });
    await source.signIn("coordinator", { email: "backup.coordinator@example.org" });
    await source.ctx.files.save({ data: png, originalName: "pixel.png", allowed: ["image/png"], actor: SYSTEM_ACTOR });
  }, 180_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("round-trips the database and the files with identical counts and checksums", async () => {
    const written = await writeBackup(source.ctx.database.db, source.ctx.files.storage, file, { databaseKind: "test" });
    expect(written.tables.users?.rows).toBeGreaterThan(0);
    expect(written.tables.partners?.rows).toBe(81);
    expect(written.files).toMatchObject({ count: 1, missing: [] });
    // The trailer's checksums, computed from the streamed rows, are the ones the database computes.
    expect(written.tables).toEqual(await databaseSummary(source.ctx.database.db));

    await restoreBackup(target.ctx.database.db, target.ctx.files.storage, file);
    const before = await databaseSummary(source.ctx.database.db);
    const after = await databaseSummary(target.ctx.database.db);
    expect(after).toEqual(before);
    const [stored] = (await sql<{ sha256: string }>`select sha256 from files`.execute(target.ctx.database.db)).rows;
    expect(await target.ctx.files.storage.has(stored?.sha256 ?? "")).toBe(true);
    // Sequences moved past the restored rows: a new audit entry does not collide with a restored one.
    await target.ctx.audit.record(SYSTEM_ACTOR, { action: "test.after_restore", objectType: "test", objectId: "1" });
  });

  it("refuses a non-empty target unless told to replace it, and a cut or foreign file changes nothing", async () => {
    await expect(restoreBackup(target.ctx.database.db, target.ctx.files.storage, file)).rejects.toBeInstanceOf(
      BackupError,
    );
    const before = await databaseSummary(target.ctx.database.db);
    const lines = gunzipSync(fs.readFileSync(file)).toString("utf8").trimEnd().split("\n");
    const cut = path.join(dir, "cut.backup");
    fs.writeFileSync(cut, gzipSync(`${lines.slice(0, -1).join("\n")}\n`));
    await expect(
      restoreBackup(target.ctx.database.db, target.ctx.files.storage, cut, { replace: true }),
    ).rejects.toThrow(/incomplete/);
    const foreign = path.join(dir, "foreign.backup");
    fs.writeFileSync(foreign, gzipSync('{"type":"header","format":"something-else"}\n'));
    await expect(
      restoreBackup(target.ctx.database.db, target.ctx.files.storage, foreign, { replace: true }),
    ).rejects.toThrow(/Not a platform backup/);
    expect(await databaseSummary(target.ctx.database.db)).toEqual(before);

    await restoreBackup(target.ctx.database.db, target.ctx.files.storage, file, { replace: true });
    expect((await databaseSummary(target.ctx.database.db)).users).toEqual(
      (await databaseSummary(source.ctx.database.db)).users,
    );
  });

  it("restores a row that refers to a row of its own table further on, and rebuilds every index and foreign key", async () => {
    const db = source.ctx.database.db;
    // B, then A merged into B, then 1 000 others; B updated last moves to the end of the table: A is read (and
    // restored) a batch before B, which a restore checking each batch's foreign keys at once refused.
    const insert = (n: number, mergedInto: string | null) =>
      sql<{ id: string }>`
      insert into seizures (seizure_date, year, month, country, drug, drug_group, quantity, unit, merged_into)
      select date '2024-05-01', 2024, 5, 'TJK', 'heroin', 'opiates', i, 'kg', ${mergedInto}::uuid
      from generate_series(1, ${n}) i returning id`.execute(db);
    const b = (await insert(1, null)).rows[0]?.id ?? "";
    await insert(1, b);
    await insert(1000, null);
    await sql`update seizures set place = 'moved' where id = ${b}`.execute(db);
    const again = path.join(dir, "self-reference.backup");
    await writeBackup(db, source.ctx.files.storage, again, { databaseKind: "test" });
    await restoreBackup(target.ctx.database.db, target.ctx.files.storage, again, { replace: true });
    expect(await databaseSummary(target.ctx.database.db)).toEqual(await databaseSummary(db));
    const structure = (on: typeof db) =>
      sql<{ def: string }>`
        select pg_get_indexdef(indexrelid) as def from pg_index i join pg_class c on c.oid = i.indrelid
        where c.relnamespace = 'public'::regnamespace
        union all
        select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
        where connamespace = 'public'::regnamespace
        order by 1`
        .execute(on)
        .then((r) => r.rows.map((x) => x.def));
    expect(await structure(target.ctx.database.db)).toEqual(await structure(db));
  });

  it("still reads a backup of format 1 (same lines, checksums of the sorted rows)", async () => {
    const db = source.ctx.database.db;
    const current = path.join(dir, "current.backup");
    await writeBackup(db, source.ctx.files.storage, current, { databaseKind: "test" });
    const lines = gunzipSync(fs.readFileSync(current)).toString("utf8").trimEnd().split("\n");
    const header = JSON.parse(lines[0] ?? "{}");
    const trailer = JSON.parse(lines.at(-1) ?? "{}");
    expect(header.version).toBe(2);
    // The same file as format 1 wrote it: its trailer has version 1 checksums.
    const before = await databaseSummary(target.ctx.database.db);
    for (const table of Object.keys(trailer.tables)) trailer.tables[table] = await tableSummary(db, table, 1);
    const v1 = path.join(dir, "v1.backup");
    const write = (t: unknown) =>
      fs.writeFileSync(
        v1,
        gzipSync(
          `${[JSON.stringify({ ...header, version: 1 }), ...lines.slice(1, -1), JSON.stringify(t)].join("\n")}\n`,
        ),
      );
    // Damaged: a checksum that is not the content's. Refused, nothing changed.
    write({ ...trailer, tables: { ...trailer.tables, partners: { ...trailer.tables.partners, checksum: "0" } } });
    await expect(
      restoreBackup(target.ctx.database.db, target.ctx.files.storage, v1, { replace: true }),
    ).rejects.toThrow(/differs from the backup: partners/);
    expect(await databaseSummary(target.ctx.database.db)).toEqual(before);
    write(trailer);
    await restoreBackup(target.ctx.database.db, target.ctx.files.storage, v1, { replace: true });
    expect((await databaseSummary(target.ctx.database.db)).partners).toEqual((await databaseSummary(db)).partners);
  });
});

describe("backup over HTTP", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  }, 180_000);
  afterAll(async () => app?.close());

  it("lets an administrator download a restorable backup while the platform runs, and audits it", async () => {
    const admin = await app.signIn("administrator");
    const res = await admin.request({ url: "/api/v1/system/backup" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/paris-pact-.*\.backup/);
    const lines = gunzipSync(res.rawPayload).toString("utf8").trimEnd().split("\n");
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ type: "header", format: "paris-pact-backup" });
    expect(JSON.parse(lines.at(-1) ?? "{}")).toMatchObject({ type: "end" });
    const audit = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_log where action = 'system.backup'`.execute(app.ctx.database.db);
    expect(audit.rows[0]?.n).toBe(1);
  });
});
