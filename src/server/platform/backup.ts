import { once } from "node:events";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.js";
import {
  appliedMigrations,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupProgress,
  type BackupSummary,
  ident,
  type Line,
  listTables,
  RowChecksum,
  type TableSummary,
  writableColumns,
} from "./backup-format.js";
import type { FileStorage } from "./file-storage.js";

/**
 * Backup and restore of the whole platform — database and file store — on either kind of database.
 *
 * One gzip stream of JSON lines (see backup-format.ts), so a backup of any size is written and read without
 * holding it in memory: each table is read once through a cursor in one repeatable-read snapshot, and written
 * through gzip with back-pressure. A restore checks the trailer before committing: it is all or nothing.
 */
/** Rows per FETCH of the cursor and per `rows` line (about 1 MB of seizures). */
const ROW_BATCH = 1000;

export type { BackupProgress, BackupSummary, TableSummary } from "./backup-format.js";
export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  databaseSummary,
  listTables,
  tableSummary,
} from "./backup-format.js";
export { type RestoreOptions, restoreBackup } from "./backup-restore.js";

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
  let failed: unknown;
  done.catch((err) => {
    failed ??= err;
  });
  // Back-pressure: wait whenever gzip's buffer is full, so memory stays flat however slow the disk.
  const write = async (line: Line | string) => {
    if (failed) throw failed;
    if (!gzip.write(typeof line === "string" ? line : `${JSON.stringify(line)}\n`)) await once(gzip, "drain");
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
          summaries[table] = await streamRows(trx, table, (text) => write(text));
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

/**
 * Writes a table's rows as `rows` lines and returns its count and checksum. A server-side cursor reads the table
 * once, in physical order (no sort, no OFFSET: linear in its size), inside the backup's snapshot; the next FETCH is
 * asked for before the current batch is written, so PostgreSQL and this process work at the same time. Rows come
 * as `row_to_json` text and are written as they are: nothing is parsed here.
 */
async function streamRows(trx: Kysely<DB>, table: string, write: (text: string) => Promise<void>) {
  const checksum = new RowChecksum();
  const prefix = `{"type":"rows","table":${JSON.stringify(table)},"rows":[`;
  await sql`declare pact_backup_rows no scroll cursor for
    select row_to_json(t)::text as r from ${ident(table)} t`.execute(trx);
  const fetchBatch = () => {
    const batch = sql<{ r: string }>`fetch ${sql.lit(ROW_BATCH)} from pact_backup_rows`.execute(trx);
    batch.catch(() => {}); // observed below; a failure while the previous batch is written must not go unhandled
    return batch;
  };
  let next = fetchBatch();
  for (;;) {
    const batch = await next;
    if (batch.rows.length === 0) break;
    next = fetchBatch();
    const texts = batch.rows.map((b) => b.r);
    for (const text of texts) checksum.add(text);
    await write(`${prefix}${texts.join(",")}]}\n`);
  }
  await sql`close pact_backup_rows`.execute(trx);
  return checksum.summary();
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
