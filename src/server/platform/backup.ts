import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.js";
import type { FileStorage } from "./file-storage.js";

/**
 * Backup and restore of the whole platform — database and file store — on either backend.
 *
 * Format: one gzip stream of JSON lines, so a backup of any size is written and read without holding it in
 * memory: a header (format, version, migrations), then per table its columns and batches of rows (each row
 * as PostgreSQL's `row_to_json`, which both backends read back exactly with `json_populate_recordset`), then
 * every stored file (base64), then a trailer with the row count and a content checksum per table and the
 * files' count and bytes. A restore checks the trailer before committing: it is all or nothing.
 */
export const BACKUP_FORMAT = "paris-pact-backup";
export const BACKUP_VERSION = 1;
const ROW_BATCH = 500;
/** Kysely's own bookkeeping: migrations are re-applied by the target, never copied. */
const SKIPPED_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

export interface TableSummary {
  rows: number;
  checksum: string;
}

export interface BackupSummary {
  createdAt: string;
  migrations: string[];
  tables: Record<string, TableSummary>;
  files: { count: number; bytes: number; missing: string[] };
}

type Line =
  | { type: "header"; format: string; version: number; createdAt: string; databaseKind: string; migrations: string[] }
  | { type: "table"; name: string; columns: string[] }
  | { type: "rows"; table: string; rows: unknown[] }
  | { type: "file"; sha256: string; data: string }
  | ({ type: "end" } & BackupSummary);

export class BackupError extends Error {}

const ident = (name: string) => sql.id(name);

/** Application tables of the public schema, parents before children (foreign keys), names sorted within a level. */
export async function listTables(db: Kysely<DB>): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const names = tables.rows.map((r) => r.name).filter((n) => !SKIPPED_TABLES.has(n));
  const deps = await sql<{ child: string; parent: string }>`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public'`.execute(db);
  const parents = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (const d of deps.rows) {
    const child = d.child.replace(/^public\./, "").replace(/"/g, "");
    const parent = d.parent.replace(/^public\./, "").replace(/"/g, "");
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const done = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((n) => !done.has(n) && [...(parents.get(n) ?? [])].every((p) => done.has(p)));
    // A cycle between tables (not expected) falls back to name order for the rest.
    const next = ready.length ? ready : names.filter((n) => !done.has(n));
    for (const n of next) {
      ordered.push(n);
      done.add(n);
    }
  }
  return ordered;
}

/** Columns a restore can write: generated columns are recomputed by the database. */
async function writableColumns(db: Kysely<DB>, table: string): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
    order by ordinal_position`.execute(db);
  return result.rows.map((r) => r.name);
}

/** Row count and a checksum of the table's content that does not depend on physical row order. */
export async function tableSummary(db: Kysely<DB>, table: string): Promise<TableSummary> {
  const result = await sql<{ rows: number | string; checksum: string }>`
    select count(*) as rows, md5(coalesce(string_agg(x, E'\\n' order by x), '')) as checksum
    from (select row_to_json(t)::text as x from ${ident(table)} t) s`.execute(db);
  const row = result.rows[0];
  return { rows: Number(row?.rows ?? 0), checksum: row?.checksum ?? "" };
}

export async function databaseSummary(db: Kysely<DB>): Promise<Record<string, TableSummary>> {
  const out: Record<string, TableSummary> = {};
  for (const table of await listTables(db)) out[table] = await tableSummary(db, table);
  return out;
}

async function appliedMigrations(db: Kysely<DB>): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return result.rows.map((r) => r.name);
}

export type BackupProgress = (event: { phase: "table" | "files"; name?: string; done: number; total: number }) => void;

/**
 * Writes a backup of the database and of every file the `files` table references. Reads run in one
 * repeatable-read transaction, so the copy is a consistent snapshot even while the platform is in use.
 */
export async function writeBackup(
  db: Kysely<DB>,
  storage: FileStorage,
  outFile: string,
  options: { databaseKind: string; onProgress?: BackupProgress } = { databaseKind: "postgres" },
): Promise<BackupSummary> {
  const temp = `${outFile}.partial-${process.pid}`;
  await fsp.mkdir(path.dirname(path.resolve(outFile)), { recursive: true });
  const gzip = createGzip({ level: 6 });
  const out = fs.createWriteStream(temp, { mode: 0o600 });
  const done = pipeline(gzip, out);
  const write = async (line: Line) => {
    if (!gzip.write(`${JSON.stringify(line)}\n`)) await new Promise((r) => gzip.once("drain", r));
  };
  try {
    const summary = await db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (trx) => {
        const createdAt = new Date().toISOString();
        const migrations = await appliedMigrations(trx);
        await write({
          type: "header",
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt,
          databaseKind: options.databaseKind,
          migrations,
        });
        const tables = await listTables(trx);
        const summaries: Record<string, TableSummary> = {};
        for (const [i, table] of tables.entries()) {
          options.onProgress?.({ phase: "table", name: table, done: i, total: tables.length });
          const columns = await writableColumns(trx, table);
          await write({ type: "table", name: table, columns });
          // Keyset paging on the physical row id: stable inside this snapshot, and no sort of the whole table.
          let last = "(0,0)";
          for (;;) {
            const batch = await sql<{ c: string; r: unknown }>`
              select ctid::text as c, row_to_json(t) as r from ${ident(table)} t
              where ctid > ${last}::tid order by ctid limit ${ROW_BATCH}`.execute(trx);
            if (batch.rows.length === 0) break;
            await write({ type: "rows", table, rows: batch.rows.map((b) => b.r) });
            last = batch.rows[batch.rows.length - 1]?.c ?? last;
            if (batch.rows.length < ROW_BATCH) break;
          }
          summaries[table] = await tableSummary(trx, table);
        }
        const files = await sql<{ sha256: string }>`select distinct sha256 from files order by sha256`.execute(trx);
        let bytes = 0;
        const missing: string[] = [];
        for (const [i, { sha256 }] of files.rows.entries()) {
          options.onProgress?.({ phase: "files", done: i, total: files.rows.length });
          if (!(await storage.has(sha256))) {
            missing.push(sha256);
            continue;
          }
          const data = await readAll(storage.open(sha256));
          bytes += data.length;
          await write({ type: "file", sha256, data: data.toString("base64") });
        }
        const summary: BackupSummary = {
          createdAt,
          migrations,
          tables: summaries,
          files: { count: files.rows.length - missing.length, bytes, missing },
        };
        await write({ type: "end", ...summary });
        return summary;
      });
    gzip.end();
    await done;
    await fsp.rename(temp, outFile);
    return summary;
  } catch (err) {
    gzip.destroy();
    await fsp.rm(temp, { force: true });
    throw err;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

export interface RestoreOptions {
  /** Allow replacing a database that already holds data (everything in it is replaced). */
  replace?: boolean;
  onProgress?: BackupProgress;
}

/**
 * Restores a backup into a database migrated by this version of the platform: checks the format and that
 * every migration of the backup is known here, then in ONE transaction empties the tables, loads the rows
 * (columns the backup lacks keep their defaults), resets sequences, and compares every table's count and
 * checksum with the backup's trailer — any difference rolls everything back. Files are written to the
 * store (content-addressed, verified by their sha256) before the transaction commits; files of a failed
 * restore are harmless duplicates-by-content.
 */
export async function restoreBackup(
  db: Kysely<DB>,
  storage: FileStorage,
  inFile: string,
  options: RestoreOptions = {},
): Promise<BackupSummary> {
  const here = new Set(await appliedMigrations(db));
  const tablesHere = await listTables(db);
  if (!options.replace) {
    // Migrations seed some rows (e.g. the first terms version); accounts or files mean someone uses it.
    for (const table of ["users", "files"]) {
      const any = await sql<{ x: number }>`select 1 as x from ${ident(table)} limit 1`.execute(db);
      if (any.rows.length) {
        throw new BackupError(
          `The target database already holds data (table ${table}); restore with --replace to overwrite it`,
        );
      }
    }
  }
  let header: Extract<Line, { type: "header" }> | undefined;
  let trailer: BackupSummary | undefined;
  const columnsOf = new Map<string, string[]>();
  const hereColumns = new Map<string, Set<string>>();
  for (const t of tablesHere) hereColumns.set(t, new Set(await writableColumns(db, t)));
  let filesWritten = 0;

  await db.transaction().execute(async (trx) => {
    for (const table of [...tablesHere].reverse()) await sql`delete from ${ident(table)}`.execute(trx);
    // Opened only now: readline drops lines emitted before its async iterator is taken.
    const input = fs.createReadStream(inFile).pipe(createGunzip());
    const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    try {
      for await (const text of lines) {
        if (!text.trim()) continue;
        let line: Line;
        try {
          line = JSON.parse(text) as Line;
        } catch {
          throw new BackupError("The backup is damaged (a line is not valid JSON)");
        }
        if (!header) {
          if (line.type !== "header" || line.format !== BACKUP_FORMAT) throw new BackupError("Not a platform backup");
          if (line.version > BACKUP_VERSION)
            throw new BackupError(`Backup format ${line.version} is newer than this platform`);
          const unknown = line.migrations.filter((m) => !here.has(m));
          if (unknown.length) {
            throw new BackupError(
              `The backup comes from a newer platform (migrations ${unknown.join(", ")}); upgrade first`,
            );
          }
          header = line;
          continue;
        }
        if (line.type === "table") {
          if (!hereColumns.has(line.name))
            throw new BackupError(`Table ${line.name} of the backup does not exist here`);
          columnsOf.set(
            line.name,
            line.columns.filter((c) => hereColumns.get(line.name)?.has(c)),
          );
        } else if (line.type === "rows") {
          const columns = columnsOf.get(line.table);
          if (!columns) throw new BackupError(`Rows for ${line.table} before its table line`);
          const list = sql.join(columns.map(ident));
          await sql`insert into ${ident(line.table)} (${list})
            select ${list} from json_populate_recordset(null::${ident(line.table)}, ${JSON.stringify(line.rows)}::json)`.execute(
            trx,
          );
        } else if (line.type === "file") {
          const data = Buffer.from(line.data, "base64");
          const sha256 = createHash("sha256").update(data).digest("hex");
          if (sha256 !== line.sha256) throw new BackupError(`File ${line.sha256} is damaged in the backup`);
          if (!(await storage.has(sha256))) await storage.put(data, Number.MAX_SAFE_INTEGER);
          filesWritten++;
          options.onProgress?.({ phase: "files", done: filesWritten, total: 0 });
        } else if (line.type === "end") {
          trailer = line;
        }
      }
    } finally {
      lines.close();
    }
    if (!header || !trailer) throw new BackupError("The backup is incomplete (no trailer): it was cut short");
    await resetSequences(trx);
    const mismatched: string[] = [];
    for (const [table, expected] of Object.entries(trailer.tables)) {
      if (!hereColumns.has(table)) continue;
      const actual = await tableSummary(trx, table);
      const sameColumns = (columnsOf.get(table)?.length ?? 0) === hereColumns.get(table)?.size;
      if (actual.rows !== expected.rows || (sameColumns && actual.checksum !== expected.checksum)) {
        mismatched.push(`${table} (${actual.rows}/${expected.rows} rows)`);
      }
    }
    if (mismatched.length) throw new BackupError(`Restored content differs from the backup: ${mismatched.join(", ")}`);
  });
  if (!trailer) throw new BackupError("The backup is incomplete");
  return trailer;
}

/** Moves every serial/identity sequence past the highest restored value. */
async function resetSequences(trx: Kysely<DB>): Promise<void> {
  const seqs = await sql<{ table_name: string; column_name: string; seq: string }>`
    select c.table_name, c.column_name, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) as seq
    from information_schema.columns c
    where c.table_schema = 'public' and pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) is not null`.execute(
    trx,
  );
  for (const s of seqs.rows) {
    if (SKIPPED_TABLES.has(s.table_name)) continue;
    await sql`select setval(${s.seq}::regclass, coalesce((select max(${ident(s.column_name)}) from ${ident(s.table_name)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}
