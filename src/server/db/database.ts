import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { type EmbeddedPostgres, type EmbeddedPostgresOptions, startEmbeddedPostgres } from "./embedded-postgres.js";
import type { DB } from "./schema.js";

/** "embedded": the platform's own PostgreSQL server under PACT_DATA_DIR; "server": the operator's (DATABASE_URL). */
export type DatabaseKind = "embedded" | "server";

export interface Database {
  db: Kysely<DB>;
  /** Where heavy analytical reads go: the read replica when DATABASE_READ_URL is set, else `db`. */
  readDb: Kysely<DB>;
  kind: DatabaseKind;
  /**
   * Runs `work` in a transaction on one pooled client, given both the raw client (for COPY) and a Kysely bound
   * to the same client, so everything it writes commits or rolls back together.
   */
  withClientTransaction: <T>(work: (client: pg.PoolClient, trx: Kysely<DB>) => Promise<T>) => Promise<T>;
  /** The embedded server, when this process uses it (started, adopted or shared). */
  embedded?: EmbeddedPostgres;
  /** Human description without credentials, for logs. */
  description: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  databaseReadUrl?: string | undefined;
  /** Settings of a server to connect to directly (tests: a database cloned on the test cluster). */
  connection?: pg.ClientConfig;
  /** With neither a URL nor a connection: the platform's own PostgreSQL under this data directory. */
  embedded?: EmbeddedPostgresOptions;
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

function postgresPool(target: string | pg.ClientConfig, max: number): pg.Pool {
  const connection = typeof target === "string" ? { connectionString: target } : target;
  const pool = new pg.Pool({ ...connection, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 });
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

/**
 * Opens the database: the server named by a URL or connection, else the platform's own PostgreSQL (started here,
 * or joined when another platform process runs it). One code path: PostgreSQL either way.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let target: string | pg.ClientConfig;
  let description: string;
  if (options.databaseUrl) {
    target = options.databaseUrl;
    description = redact(options.databaseUrl);
  } else if (options.connection) {
    target = options.connection;
    description = `PostgreSQL ${options.connection.database ?? ""} at ${options.connection.host ?? "localhost"}`;
  } else if (options.embedded) {
    embedded = await startEmbeddedPostgres(options.embedded);
    target = embedded.connection();
    description = `embedded PostgreSQL ${embedded.version} in ${embedded.clusterDir} (${embedded.origin})`;
  } else {
    throw new Error("openDatabase needs a database URL, a connection or an embedded data directory");
  }
  const pool = postgresPool(target, options.poolSize ?? 10);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const readDb = options.databaseReadUrl ? postgresKysely(options.databaseReadUrl, options.poolSize ?? 10) : db;
  return {
    db,
    readDb,
    kind: embedded ? "embedded" : "server",
    withClientTransaction: (work) => clientTransaction(pool, work),
    ...(embedded ? { embedded } : {}),
    description,
    async close() {
      if (readDb !== db) await readDb.destroy();
      await db.destroy();
      await embedded?.stop();
    },
  };
}

/** Round-trip time of a trivial query, or null when the database does not answer (within `timeoutMs`, if given). */
export async function pingDatabase(db: Kysely<DB>, timeoutMs?: number): Promise<number | null> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const ping = sql`select 1`.execute(db).then(() => performance.now() - started);
  const limit =
    timeoutMs === undefined
      ? []
      : [new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs).unref()))];
  try {
    return await Promise.race([ping, ...limit]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    ping.catch(() => {});
  }
}
