import { createHash } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.js";
import {
  appliedMigrations,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  type BackupProgress,
  type BackupSummary,
  ident,
  type Line,
  listTables,
  resetSequences,
  tableSummary,
  writableColumns,
} from "./backup-format.js";
import type { FileStorage } from "./file-storage.js";

export interface RestoreOptions {
  /** Allow replacing a database that already holds data (everything in it is replaced). */
  replace?: boolean;
  onProgress?: BackupProgress;
}

type Header = Extract<Line, { type: "header" }>;

/**
 * Restores a backup into a database migrated by this version of the platform: checks the format and that
 * every migration of the backup is known here, then in ONE transaction empties the tables, loads the rows
 * (columns the backup lacks keep their defaults), resets sequences, and compares every table's count and
 * checksum with the backup's trailer — any difference rolls everything back. Like pg_restore, it loads the rows
 * before building the secondary indexes and checking the foreign keys (see `dropIndexesAndForeignKeys`); the
 * tables are locked until it commits. Files are written to the
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
  let header: Header | undefined;
  let trailer: BackupSummary | undefined;
  const columnsOf = new Map<string, string[]>();
  const hereColumns = new Map<string, Set<string>>();
  for (const t of tablesHere) hereColumns.set(t, new Set(await writableColumns(db, t)));
  let filesWritten = 0;

  await db.transaction().execute(async (trx) => {
    const rebuild = await dropIndexesAndForeignKeys(trx, tablesHere);
    await sql`truncate ${sql.join(tablesHere.map(ident))}`.execute(trx);
    const rows = new RowLoader(trx, columnsOf);
    for await (const text of readLines(inFile)) {
      if (!text.trim()) continue;
      // The bulk of a backup: rows go to PostgreSQL as the JSON text they are, without being parsed here.
      const batch = header ? rowsOf(text) : null;
      if (batch) {
        await rows.load(batch.table, batch.json);
        continue;
      }
      const line = parseLine(text);
      if (!header) {
        header = checkHeader(line, here);
      } else if (line.type === "table") {
        if (!hereColumns.has(line.name)) throw new BackupError(`Table ${line.name} of the backup does not exist here`);
        columnsOf.set(
          line.name,
          line.columns.filter((c) => hereColumns.get(line.name)?.has(c)),
        );
      } else if (line.type === "rows") {
        await rows.load(line.table, JSON.stringify(line.rows));
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
    await rows.finish();
    if (!header || !trailer) throw new BackupError("The backup is incomplete (no trailer): it was cut short");
    for (const statement of rebuild) await sql.raw(statement).execute(trx);
    await resetSequences(trx);
    const mismatched: string[] = [];
    for (const [table, expected] of Object.entries(trailer.tables)) {
      if (!hereColumns.has(table)) continue;
      const actual = await tableSummary(trx, table, header.version >= 2 ? 2 : 1);
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

/**
 * Drops the foreign keys and the indexes that no primary key, unique or exclusion constraint owns, and returns
 * the statements that make them again once the rows are in. Building an index once is several times cheaper
 * than updating it row by row, one check of a foreign key over the whole table than one per row — and rows
 * may then come in any order: a row referring to a row of its own table later in the file (a seizure merged
 * into another) is no longer refused. Everything happens in the restore's transaction: a failure restores them.
 */
async function dropIndexesAndForeignKeys(trx: Kysely<DB>, tables: string[]): Promise<string[]> {
  const foreignKeys = await sql<{ tbl: string; name: string; def: string }>`
    select c.relname as tbl, k.conname as name, pg_get_constraintdef(k.oid) as def
    from pg_constraint k join pg_class c on c.oid = k.conrelid
    where k.contype = 'f' and c.relnamespace = 'public'::regnamespace and c.relname = any(${tables})
    order by c.relname, k.conname`.execute(trx);
  const indexes = await sql<{ name: string; def: string }>`
    select ic.relname as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
    where c.relnamespace = 'public'::regnamespace and c.relname = any(${tables})
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x'))
    order by ic.relname`.execute(trx);
  for (const fk of foreignKeys.rows) {
    await sql`alter table ${ident(fk.tbl)} drop constraint ${ident(fk.name)}`.execute(trx);
  }
  for (const index of indexes.rows) await sql`drop index ${ident(index.name)}`.execute(trx);
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return [
    ...indexes.rows.map((i) => i.def),
    ...foreignKeys.rows.map((fk) => `alter table ${quote(fk.tbl)} add constraint ${quote(fk.name)} ${fk.def}`),
  ];
}

function parseLine(text: string): Line {
  try {
    return JSON.parse(text) as Line;
  } catch {
    throw new BackupError("The backup is damaged (a line is not valid JSON)");
  }
}

function checkHeader(line: Line, here: Set<string>): Header {
  if (line.type !== "header" || line.format !== BACKUP_FORMAT) throw new BackupError("Not a platform backup");
  if (line.version > BACKUP_VERSION) throw new BackupError(`Backup format ${line.version} is newer than this platform`);
  const unknown = line.migrations.filter((m) => !here.has(m));
  if (unknown.length) {
    throw new BackupError(`The backup comes from a newer platform (migrations ${unknown.join(", ")}); upgrade first`);
  }
  return line;
}

const ROWS_PREFIX = '{"type":"rows","table":"';
const ROWS_KEY = '","rows":[';

/**
 * The table and the JSON array of a `rows` line as both format versions write it (`{"type":"rows","table":…,
 * "rows":[…]}`), or null for any other line, which is then parsed in full. The array is checked by PostgreSQL.
 */
function rowsOf(text: string): { table: string; json: string } | null {
  if (!text.startsWith(ROWS_PREFIX) || !text.endsWith("]}")) return null;
  const end = text.indexOf(ROWS_KEY, ROWS_PREFIX.length);
  if (end < 0) return null;
  const table = text.slice(ROWS_PREFIX.length, end);
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) return null;
  return { table, json: text.slice(end + ROWS_KEY.length - 1, -1) };
}

/**
 * Inserts batches of rows with `json_populate_recordset`, one statement in flight: the next line is read and
 * unzipped while PostgreSQL inserts the previous one.
 */
class RowLoader {
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly trx: Kysely<DB>,
    private readonly columnsOf: Map<string, string[]>,
  ) {}

  async load(table: string, json: string): Promise<void> {
    const columns = this.columnsOf.get(table);
    if (!columns) throw new BackupError(`Rows for ${table} before its table line`);
    await this.finish();
    const list = sql.join(columns.map(ident));
    const insert = sql`insert into ${ident(table)} (${list})
      select ${list} from json_populate_recordset(null::${ident(table)}, ${json}::json)`
      .execute(this.trx)
      .then(
        () => undefined,
        (err: { code?: string; message?: string }) => {
          // 22P02: the text is no JSON, or a value does not fit its column.
          if (err.code === "22P02") throw new BackupError(`The backup is damaged (rows of ${table}: ${err.message})`);
          throw err;
        },
      );
    insert.catch(() => {}); // awaited by the next load or by finish(); never left unhandled meanwhile
    this.inFlight = insert;
  }

  async finish(): Promise<void> {
    const pending = this.inFlight;
    this.inFlight = undefined;
    await pending;
  }
}

/**
 * The lines of a gzip file, split on the bytes (a line may be megabytes). Each chunk is taken only when the
 * previous lines were handled, so memory holds a line or two however large the file and however slow the inserts.
 */
async function* readLines(file: string): AsyncGenerator<string> {
  const input = createGunzip();
  const reading = pipeline(fs.createReadStream(file), input);
  reading.catch(() => {}); // a read error also destroys `input`, whose iteration throws it
  let parts: Buffer[] = [];
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
        parts.push(chunk.subarray(start, nl));
        yield Buffer.concat(parts).toString("utf8");
        parts = [];
        start = nl + 1;
      }
      if (start < chunk.length) parts.push(chunk.subarray(start));
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`The backup cannot be read (${(err as Error).message}): it is damaged or was cut short`);
  } finally {
    input.destroy();
  }
  if (parts.length) yield Buffer.concat(parts).toString("utf8");
}
