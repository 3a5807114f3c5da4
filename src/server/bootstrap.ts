import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import { type Database, openDatabase } from "./db/database.js";
import { hasAppliedMigrations, migrateToLatest } from "./db/migrate.js";
import { type CarryOverReport, carryOverPglite } from "./db/pglite-carry-over.js";
import { SYSTEM_ACTOR } from "./platform/audit.js";

/**
 * Opens the configured database (the embedded PostgreSQL under <data>/postgres unless DATABASE_URL is set) and
 * migrates it. A new embedded cluster beside the PGlite directory of an earlier version receives its data once.
 */
export async function openAndMigrate(
  config: Config,
  options: { log?: (message: string) => void } = {},
): Promise<{ database: Database; applied: string[]; fresh: boolean; carriedOver: CarryOverReport | null }> {
  const log = options.log ?? ((m: string) => console.log(m));
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    databaseReadUrl: config.databaseReadUrl,
    embedded: { dataDir: config.dataDir, osUser: config.postgresOsUser, log },
  });
  try {
    const empty = !(await hasAppliedMigrations(database.db));
    const results = await migrateToLatest(database.db);
    const applied = results.filter((r) => r.status === "Success").map((r) => r.migrationName);
    // Asked at every embedded start, not only on an empty one: a move that failed (and changed nothing) is retried
    // at the next start instead of leaving the platform on an empty database. The marker makes it one check.
    const carriedOver = database.kind === "embedded" ? await carryOverPglite(config.dataDir, database, log) : null;
    return { database, applied, fresh: database.kind === "embedded" && empty && !carriedOver, carriedOver };
  } catch (err) {
    await database.close();
    throw err;
  }
}

export interface FirstStartReport {
  administrator: { email: string; oneTimePassword: string } | null;
}

/**
 * On a database without an administrator: creates the first one with a one-time password that must be
 * changed at first sign-in. Never a fixed default password.
 */
export async function ensureFirstAdministrator(
  ctx: AppContext,
  email = "admin@paris-pact.local",
): Promise<FirstStartReport> {
  if ((await ctx.accounts.countUsers({ role: "administrator" })) > 0) return { administrator: null };
  const { user, oneTimePassword } = await ctx.accounts.createUser(
    { email, displayName: "Administrator", role: "administrator" },
    SYSTEM_ACTOR,
  );
  return { administrator: { email: user.email, oneTimePassword: oneTimePassword ?? "" } };
}

/** Whether to load demo data now: on a new embedded database unless PACT_DEMO=0; on a server only when asked. */
export function shouldSeedDemo(config: Config, freshEmbedded: boolean): boolean {
  if (config.demo !== undefined) return config.demo && (freshEmbedded || !!config.databaseUrl);
  return freshEmbedded;
}
