import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.js";

/**
 * The backup format, shared by the writer (backup.ts) and the reader (backup-restore.ts): one gzip stream of JSON
 * lines — a header (format, version, migrations), then per table its columns and batches of rows (each row as
 * PostgreSQL's `row_to_json`, read back with `json_populate_recordset`), then every stored file (base64), then a
 * trailer with the row count and a content checksum per table and the files' count and bytes.
 */
export const BACKUP_FORMAT = "paris-pact-backup";
/** 2: the trailer's checksums are version 2 of `tableSummary`. Format 1 (same lines, old checksums) is still read. */
export const BACKUP_VERSION = 2;

export interface BackupSummary {
  createdAt: string;
  migrations: string[];
  tables: Record<string, TableSummary>;
  files: { count: number; bytes: number; missing: string[] };
}

export type Line =
  | { type: "header"; format: string; version: number; createdAt: string; databaseKind: string; migrations: string[] }
  | { type: "table"; name: string; columns: string[] }
  | { type: "rows"; table: string; rows: unknown[] }
  | { type: "file"; sha256: string; data: string }
  | ({ type: "end" } & BackupSummary);

export class BackupError extends Error {}

export type BackupProgress = (event: { phase: "table" | "files"; name?: string; done: number; total: number }) => void;

export async function appliedMigrations(db: Kysely<DB>): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return result.rows.map((r) => r.name);
}

/** Kysely's own bookkeeping: migrations are re-applied by the target, never copied. */
export const SKIPPED_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

export interface TableSummary {
  rows: number;
  checksum: string;
}

export const ident = (name: string) => sql.id(name);

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
export async function writableColumns(db: Kysely<DB>, table: string): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
    order by ordinal_position`.execute(db);
  return result.rows.map((r) => r.name);
}

/**
 * Row count and a checksum of the table's content that does not depend on physical row order.
 *
 * Version 2 (current): each row's `row_to_json` text is hashed (md5) and the four 32-bit words of the hashes are
 * summed over the table; the checksum is the md5 of the four sums. One pass, no sort, constant memory — and the
 * backup computes the same value from the rows it streams (`RowChecksum`), so it never reads a table twice.
 * Version 1 hashed the sorted rows joined into ONE string: a sort of the whole table and a string that
 * PostgreSQL refuses beyond 1 GB (about a million seizures); kept to verify backups written in format 1.
 */
export async function tableSummary(db: Kysely<DB>, table: string, version = 2): Promise<TableSummary> {
  if (version === 1) {
    const result = await sql<{ rows: number | string; checksum: string }>`
      select count(*) as rows, md5(coalesce(string_agg(x, E'\\n' order by x), '')) as checksum
      from (select row_to_json(t)::text as x from ${ident(table)} t) s`.execute(db);
    const row = result.rows[0];
    return { rows: Number(row?.rows ?? 0), checksum: row?.checksum ?? "" };
  }
  const word = (from: number) => sql`coalesce(sum(('x' || substr(h, ${sql.lit(from)}, 8))::bit(32)::bigint), 0)`;
  const result = await sql<{ rows: number | string; checksum: string }>`
    select count(*) as rows, md5(concat_ws(':', ${word(1)}, ${word(9)}, ${word(17)}, ${word(25)})) as checksum
    from (select md5(row_to_json(t)::text) as h from ${ident(table)} t) s`.execute(db);
  const row = result.rows[0];
  return { rows: Number(row?.rows ?? 0), checksum: row?.checksum ?? "" };
}

export async function databaseSummary(db: Kysely<DB>): Promise<Record<string, TableSummary>> {
  const out: Record<string, TableSummary> = {};
  for (const table of await listTables(db)) out[table] = await tableSummary(db, table);
  return out;
}

/** The version-2 checksum of `tableSummary`, computed from the rows' `row_to_json` text as they stream by. */
export class RowChecksum {
  rows = 0;
  private readonly sums = [0n, 0n, 0n, 0n];
  // Plain numbers are exact up to 2^53: flushed to the bigints well before 2^21 words of 2^32 could overflow them.
  private readonly pending = [0, 0, 0, 0];

  add(rowJson: string): void {
    const h = createHash("md5").update(rowJson).digest();
    for (let i = 0; i < 4; i++) (this.pending[i] as number) += h.readUInt32BE(i * 4);
    if (++this.rows % 1_000_000 === 0) this.flush();
  }

  summary(): TableSummary {
    this.flush();
    return { rows: this.rows, checksum: createHash("md5").update(this.sums.join(":")).digest("hex") };
  }

  private flush(): void {
    for (let i = 0; i < 4; i++) {
      this.sums[i] = (this.sums[i] as bigint) + BigInt(this.pending[i] as number);
      this.pending[i] = 0;
    }
  }
}

/** Moves every serial/identity sequence past the highest restored value. */
export async function resetSequences(trx: Kysely<DB>): Promise<void> {
  // Schema-qualified: the planner may call pg_get_serial_sequence on other schemas' columns before filtering them
  // out, and an unqualified name outside the search path (information_schema's own tables) is an error.
  const seqs = await sql<{ table_name: string; column_name: string; seq: string }>`
    select table_name, column_name, seq from (
      select c.table_name, c.column_name,
        pg_get_serial_sequence(quote_ident(c.table_schema) || '.' || quote_ident(c.table_name), c.column_name) as seq
      from information_schema.columns c where c.table_schema = 'public') s
    where seq is not null`.execute(trx);
  for (const s of seqs.rows) {
    if (SKIPPED_TABLES.has(s.table_name)) continue;
    await sql`select setval(${s.seq}::regclass, coalesce((select max(${ident(s.column_name)}) from ${ident(s.table_name)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}
