import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-dialect.js";
import type { DB } from "./schema.js";

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  db: Kysely<DB>;
  /** Where heavy analytical reads go: the read replica when DATABASE_READ_URL is set, else `db`. */
  readDb: Kysely<DB>;
  kind: DatabaseKind;
  /**
   * PostgreSQL only: runs `work` in a transaction on one pooled client, given both the raw client (for COPY)
   * and a Kysely bound to the same client, so everything it writes commits or rolls back together.
   */
  withClientTransaction?: <T>(work: (client: pg.PoolClient, trx: Kysely<DB>) => Promise<T>) => Promise<T>;
  /**
   * PGlite only: `COPY … FROM '/dev/blob'` of `data` on the one session. Call it only inside a transaction of
   * `db` (which holds the session), so the rows commit or roll back with it.
   */
  copyFromBlob?: (copySql: string, data: Blob) => Promise<void>;
  /** Human description without credentials, for logs. */
  description: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  databaseReadUrl?: string | undefined;
  /** Directory of the embedded database; undefined = in memory (tests). */
  pgliteDir?: string | undefined;
  poolSize?: number;
}

// Timestamps and bigints come back as strings/numbers the API can serialise without surprises.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres";
  }
}

function postgresPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 });
  // A client losing its server (restart, failover, network cut) must not crash the process: idle clients
  // report on the pool; checked-out clients emit on themselves, and the query in flight fails with the cause.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

function postgresKysely(url: string, max: number): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: postgresPool(url, max) }) });
}

/** A transaction on one client of `pool`, with a Kysely that sends every query to that same client. */
async function clientTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  const bound = { query: client.query.bind(client), release() {} };
  const trx = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: { connect: async () => bound as never, end: async () => {} } }),
  });
  let broken: Error | undefined;
  try {
    await client.query("begin");
    const result = await work(client, trx);
    await client.query("commit");
    return result;
  } catch (err) {
    await client.query("rollback").catch((e: Error) => {
      broken = e;
    });
    throw err;
  } finally {
    await trx.destroy();
    client.release(broken);
  }
}

/** Opens the database: a PostgreSQL server when a URL is given, else embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = postgresPool(options.databaseUrl, options.poolSize ?? 10);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const readDb = options.databaseReadUrl ? postgresKysely(options.databaseReadUrl, options.poolSize ?? 10) : db;
    return {
      db,
      readDb,
      kind: "postgres",
      withClientTransaction: (work) => clientTransaction(pool, work),
      description: redact(options.databaseUrl),
      async close() {
        if (readDb !== db) await readDb.destroy();
        await db.destroy();
      },
    };
  }
  if (options.pgliteDir) fs.mkdirSync(options.pgliteDir, { recursive: true });
  const releaseLock = options.pgliteDir ? lockDataDir(options.pgliteDir) : () => {};
  const pglite = await PGlite.create({
    ...(options.pgliteDir ? { dataDir: options.pgliteDir } : {}),
    extensions: { pg_trgm, unaccent },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    readDb: db,
    kind: "pglite",
    copyFromBlob: async (copySql, data) => {
      await pglite.query(copySql, [], { blob: data });
    },
    description: options.pgliteDir ? `PGlite at ${path.resolve(options.pgliteDir)}` : "PGlite in memory",
    async close() {
      await db.destroy();
      releaseLock();
    },
  };
}

export class DatabaseInUseError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The embedded database is a directory that only one process may open: a second one (a CLI backup next to a
 * running server, a second server) would corrupt it. A lock file holds the owner's pid; a stale lock left by
 * a killed process is taken over.
 */
function lockDataDir(dir: string): () => void {
  const lockFile = `${path.resolve(dir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number.parseInt(fs.readFileSync(lockFile, "utf8"), 10);
      if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
        throw new DatabaseInUseError(
          `The embedded database ${path.resolve(dir)} is in use by process ${owner}; stop the platform first`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseInUseError(`Could not lock the embedded database ${path.resolve(dir)}`);
}

/** Round-trip time of a trivial query, or null when the database does not answer. */
export async function pingDatabase(db: Kysely<DB>): Promise<number | null> {
  const started = performance.now();
  try {
    await sql`select 1`.execute(db);
    return performance.now() - started;
  } catch {
    return null;
  }
}
