import fs from "node:fs";
import path from "node:path";
import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import { type Database, openDatabase } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { SYSTEM_ACTOR } from "./platform/audit.js";

/** Opens the configured database (PGlite under <data>/pglite unless DATABASE_URL is set) and migrates it. */
export async function openAndMigrate(
  config: Config,
): Promise<{ database: Database; applied: string[]; fresh: boolean }> {
  const pgliteDir = path.join(config.dataDir, "pglite");
  const fresh = !config.databaseUrl && !fs.existsSync(path.join(pgliteDir, "PG_VERSION"));
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    databaseReadUrl: config.databaseReadUrl,
    pgliteDir,
  });
  const results = await migrateToLatest(database.db);
  return { database, applied: results.filter((r) => r.status === "Success").map((r) => r.migrationName), fresh };
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
