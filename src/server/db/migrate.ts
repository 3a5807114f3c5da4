import { type Kysely, type MigrationResult, Migrator, sql } from "kysely";
import { migrations } from "./migrations/index.js";

/** Applies pending migrations; throws with the failing migration's name on error. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? "?"} failed: ${(error as Error).message ?? error}`);
  }
  return results;
}

/** Whether any migration was ever applied here (an empty database has no migration table yet). */
// biome-ignore lint/suspicious/noExplicitAny: works before the schema exists
export async function hasAppliedMigrations(db: Kysely<any>): Promise<boolean> {
  const found = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.tables
    where table_schema = 'public' and table_name = 'kysely_migration'`.execute(db);
  if (!found.rows[0]?.n) return false;
  const applied = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(db);
  return (applied.rows[0]?.n ?? 0) > 0;
}

/**
 * Migrates up or down to the named migration (tests of a migration: step back before it, write rows as they were,
 * then migrate to the latest and compare).
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateTo(db: Kysely<any>, name: string): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateTo(name);
  if (error) {
    const failed = results.find((r) => r.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? "?"} failed: ${(error as Error).message ?? error}`);
  }
  return results;
}
