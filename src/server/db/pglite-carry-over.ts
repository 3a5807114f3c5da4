import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import {
  type BackupSummary,
  databaseSummary,
  restoreBackup,
  type TableSummary,
  writeBackup,
} from "../platform/backup.js";
import { type FileStorage, LocalFileStorage } from "../platform/file-storage.js";
import type { Database } from "./database.js";
import { migrateToLatest } from "./migrate.js";
import type { DB } from "./schema.js";

/**
 * Installations of earlier versions kept their database in PGlite under PACT_DATA_DIR/pglite. The first start on
 * PostgreSQL moves that data once into the new database with the platform's own logical backup and restore, and
 * then checks every table's row count and checksum on both sides. It works on a copy of the directory (migrated to
 * this version there), so the old directory stays exactly as the earlier version left it, and a marker file in it
 * says the move was done. Any failure leaves the new database as it was before.
 */

export const LEGACY_DIR = "pglite";
export const MOVED_MARKER = "MOVED-TO-POSTGRESQL.txt";
/** Holds the copy of the old directory and the backups while the move runs; removed afterwards. */
const WORK_DIR = ".pglite-carry-over";

export interface CarryOverReport {
  /** Tables copied (every table of the schema, empty ones included). */
  tables: number;
  rows: number;
  /** The old PGlite directory, kept. */
  source: string;
  /** Files the moved records reference: they stay where they are, in the store both versions share. */
  files: number;
  /** Referenced files absent from the store; they were absent in the earlier installation already. */
  missingFiles: string[];
  /** Migrations the earlier installation lacked, applied to the copy before the move. */
  migrationsApplied: string[];
  seconds: number;
  marker: string;
}

export class CarryOverError extends Error {}

/**
 * Moves the data of `<dataDir>/pglite` into `database` unless there is no such directory or its marker says it
 * was moved already (then null). Throws a CarryOverError saying what happened when anything fails.
 */
export async function carryOverPglite(
  dataDir: string,
  database: Database,
  log: (message: string) => void,
): Promise<CarryOverReport | null> {
  const source = path.resolve(dataDir, LEGACY_DIR);
  const marker = path.join(source, MOVED_MARKER);
  if (!fs.existsSync(path.join(source, "PG_VERSION")) || fs.existsSync(marker)) return null;
  log("Moving the data of the earlier embedded database (PGlite) into PostgreSQL…");
  const started = performance.now();
  const work = path.resolve(dataDir, WORK_DIR);
  const filesDir = path.resolve(dataDir, "files");
  const storage = new LocalFileStorage(filesDir);
  let release = () => {};
  let undo: (() => Promise<unknown>) | undefined;
  try {
    release = lockLegacyDirectory(source);
    await assertUnused(database.db);
    // Left behind only by a move that was killed; the lock makes it ours.
    await fsp.rm(work, { recursive: true, force: true });
    await fsp.mkdir(work, { recursive: true, mode: 0o700 });
    // The new database as it is now (what its migrations put in it), to go back to if anything fails after commit.
    const before = path.join(work, "target-before.jsonl.gz");
    await writeBackup(database.db, storage, before, { databaseKind: "postgres" });
    const legacy = await backUpLegacy(source, work, database.db, log);
    await restoreBackup(database.db, storage, legacy.file);
    undo = () => restoreBackup(database.db, storage, before, { replace: true });
    await assertSameContent(database.db, legacy.summary.tables);
    const report: CarryOverReport = {
      tables: Object.keys(legacy.summary.tables).length,
      rows: Object.values(legacy.summary.tables).reduce((n, t) => n + t.rows, 0),
      source,
      // Through FILES_STAY_IN_PLACE the backup lists every referenced file as missing.
      files: legacy.summary.files.missing.length,
      missingFiles: await missingFiles(database.db, storage),
      migrationsApplied: legacy.migrationsApplied,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      marker,
    };
    await fsp.writeFile(marker, markerText(report, new Date()));
    logSummary(report, filesDir, log);
    return report;
  } catch (err) {
    throw await failure(err, source, undo);
  } finally {
    // The next move clears it anyway: a failed removal must not turn a finished move into an error.
    await fsp
      .rm(work, { recursive: true, force: true })
      .catch(() => log(`  could not remove ${work}; remove it by hand`));
    release();
  }
}

/**
 * Old and new installations share PACT_DATA_DIR/files, so the files need not travel through the backup (which
 * would need their size again in free space): seen through this view the backup lists every referenced file
 * under `missing` and carries none of their bytes. Whether they are really there is checked afterwards.
 */
const FILES_STAY_IN_PLACE: FileStorage = {
  has: async () => false,
  open: () => {
    throw new Error("The files stay in place during the move");
  },
  put: async () => {
    throw new Error("The files stay in place during the move");
  },
  remove: async () => {},
};

/** Copies the old directory into `work`, brings the copy to this version's schema and writes its backup there. */
async function backUpLegacy(
  source: string,
  work: string,
  target: Kysely<DB>,
  log: (message: string) => void,
): Promise<{ file: string; summary: BackupSummary; migrationsApplied: string[] }> {
  const copy = path.join(work, "pglite");
  const file = path.join(work, "pglite.jsonl.gz");
  log(`  reading ${source} through a copy (the directory itself is not changed)`);
  await fsp.cp(source, copy, { recursive: true });
  const { openLegacyPglite } = await import("./legacy/pglite-dialect.js");
  const legacy = await openLegacyPglite(copy);
  try {
    await renderLike(target, legacy.db);
    const results = await migrateToLatest(legacy.db);
    const migrationsApplied = results.filter((r) => r.status === "Success").map((r) => r.migrationName);
    if (migrationsApplied.length) {
      log(`  the earlier database lacked ${migrationsApplied.length} migrations; applied them to the copy`);
    }
    const summary = await writeBackup(legacy.db, FILES_STAY_IN_PLACE, file, { databaseKind: "pglite" });
    const rows = Object.values(summary.tables).reduce((n, t) => n + t.rows, 0);
    log(`  read ${rows} rows in ${Object.keys(summary.tables).length} tables; writing them into PostgreSQL…`);
    return { file, summary, migrationsApplied };
  } finally {
    await legacy.close();
  }
}

/**
 * Checksums hash each row's `row_to_json` text, which renders timestamps in the session's time zone (PGlite: UTC;
 * the embedded server: the machine's). Both sides must render alike for their checksums to be comparable.
 */
async function renderLike(target: Kysely<DB>, legacy: Kysely<DB>): Promise<void> {
  const settings = await sql<{ name: string; setting: string }>`
    select name, setting from pg_settings
    where name in ('TimeZone', 'IntervalStyle', 'DateStyle', 'extra_float_digits', 'bytea_output')`.execute(target);
  for (const s of settings.rows) await sql`select set_config(${s.name}, ${s.setting}, false)`.execute(legacy);
}

/** Accounts or files mean someone already uses the new database: the move never overwrites that. */
async function assertUnused(db: Kysely<DB>): Promise<void> {
  for (const table of ["users", "files"]) {
    const any = await sql<{ x: number }>`select 1 as x from ${sql.table(table)} limit 1`.execute(db);
    if (any.rows.length) {
      throw new CarryOverError(
        `the new database already holds data (table ${table}), so nothing was moved into it (to move the old ` +
          "data after all, stop the platform and move PACT_DATA_DIR/postgres aside: the next start makes a new one)",
      );
    }
  }
}

/** Every table of either side must have the same row count and checksum on the other. */
async function assertSameContent(target: Kysely<DB>, expected: Record<string, TableSummary>): Promise<void> {
  const actual = await databaseSummary(target);
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const differ = names.filter(
    (n) => actual[n]?.rows !== expected[n]?.rows || actual[n]?.checksum !== expected[n]?.checksum,
  );
  if (differ.length) {
    const detail = differ.map((n) => `${n} (${actual[n]?.rows ?? "no"} rows now, ${expected[n]?.rows ?? "no"} before)`);
    throw new CarryOverError(`after the move these tables differ from the earlier database: ${detail.join(", ")}`);
  }
}

async function missingFiles(db: Kysely<DB>, storage: FileStorage): Promise<string[]> {
  const rows = await db.selectFrom("files").select("sha256").distinct().orderBy("sha256").execute();
  const missing: string[] = [];
  for (const { sha256 } of rows) if (!(await storage.has(sha256))) missing.push(sha256);
  return missing;
}

function markerText(report: CarryOverReport, at: Date): string {
  return [
    `The data of this embedded database (PGlite) of an earlier version of the Paris Pact Platform was moved into`,
    `the platform's PostgreSQL (PACT_DATA_DIR/postgres) on ${at.toISOString()}:`,
    `${report.tables} tables, ${report.rows} rows, every table's row count and checksum compared after the move.`,
    `The ${report.files} files the records reference stay where they are, in PACT_DATA_DIR/files.`,
    ...(report.missingFiles.length
      ? [
          `${report.missingFiles.length} of them were already missing before the move: ${report.missingFiles.join(", ")}`,
        ]
      : []),
    "",
    "The platform no longer reads this directory. Once you have checked the new installation (sign in, look at",
    "your records), you may remove it. While it is kept, keep this file too: it tells the platform not to move",
    "the data again.",
    "",
  ].join("\n");
}

function logSummary(report: CarryOverReport, filesDir: string, log: (message: string) => void): void {
  log(
    `Moved ${report.rows} rows in ${report.tables} tables from ${report.source} into PostgreSQL in ` +
      `${report.seconds} s; every table's count and checksum match. The ${report.files} referenced files stay in ` +
      `${filesDir}. ${report.source} is kept: ` +
      `remove it once you have checked the new installation (see ${MOVED_MARKER} in it).`,
  );
  if (report.missingFiles.length) {
    log(`  ${report.missingFiles.length} referenced files were already missing from the store before the move`);
  }
}

/** Puts the new database back as it was when something failed after the restore committed, and explains. */
async function failure(err: unknown, source: string, undo: (() => Promise<unknown>) | undefined) {
  const cause = err instanceof Error ? err.message : String(err);
  let state = "The new PostgreSQL database was not changed";
  if (undo) {
    try {
      await undo();
      state = "The new PostgreSQL database was put back as it was";
    } catch (again) {
      state =
        `Putting the new PostgreSQL database back as it was failed too (${again instanceof Error ? again.message : again}): ` +
        "stop the platform and move PACT_DATA_DIR/postgres aside before starting again";
    }
  }
  return new CarryOverError(
    `Moving the data of the earlier embedded database (PGlite) into PostgreSQL failed: ${cause}. ${state}, and ` +
      `the old data in ${source} is untouched. Start the platform again to retry once the cause is fixed; to ` +
      `start without the old data instead, move ${source} out of the data directory (and keep it).`,
    { cause: err },
  );
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The lock file earlier versions held while they had the directory open: neither may use it during the move. */
function lockLegacyDirectory(source: string): () => void {
  const lockFile = `${source}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number.parseInt(fs.readFileSync(lockFile, "utf8"), 10);
      if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
        throw new CarryOverError(
          `${source} is in use by process ${owner} (an earlier version still running, or another start moving it now)`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new CarryOverError(`could not lock ${source}`);
}
