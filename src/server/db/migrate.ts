import { type Kysely, type Migration, type MigrationResult, Migrator, sql } from "kysely";
import { serverModules } from "../modules/index.js";
import type { ModuleManifest } from "../modules/manifest.js";
import { migrations } from "./migrations/index.js";

/**
 * The central list (`migrations/index.ts`) and every manifest's `migrations` (a module's own files, in its folder),
 * as one list sorted by name, which is the order the migrator applies them in. Two migrations of one name, or of one
 * number (the name's first four digits), are refused: two modules that picked the same number would otherwise
 * run in an order nobody chose.
 */
export function mergeMigrations(
  central: Record<string, Migration>,
  manifests: readonly Pick<ModuleManifest<unknown>, "name" | "migrations">[],
): Record<string, Migration> {
  const owner = new Map<string, string>(Object.keys(central).map((name) => [name, "db/migrations/index.ts"]));
  const byNumber = new Map<string, string>([...owner.keys()].map((name) => [name.slice(0, 4), name]));
  const merged: Record<string, Migration> = { ...central };
  for (const m of manifests) {
    for (const [name, migration] of Object.entries(m.migrations ?? {})) {
      if (!/^\d{4}_\w+$/.test(name))
        throw new Error(`Migration "${name}" of module "${m.name}" is not named NNNN_name`);
      const same = owner.get(name) ?? (byNumber.has(name.slice(0, 4)) ? byNumber.get(name.slice(0, 4)) : undefined);
      if (same !== undefined)
        throw new Error(`Migration "${name}" of module "${m.name}" repeats the name or number of ${same}`);
      owner.set(name, m.name);
      byNumber.set(name.slice(0, 4), name);
      merged[name] = migration;
    }
  }
  return Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((name) => [name, merged[name] as Migration]),
  );
}

/** Every migration of the platform: the central list and the modules' own (the default module list, or a test's). */
export function allMigrations(modules: readonly ModuleManifest<unknown>[] = serverModules): Record<string, Migration> {
  return mergeMigrations(migrations, modules);
}

/** Applies pending migrations; throws with the failing migration's name on error. */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
  db: Kysely<any>,
  modules: readonly ModuleManifest<unknown>[] = serverModules,
): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => allMigrations(modules) } });
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
export async function migrateTo(
  // biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
  db: Kysely<any>,
  name: string,
  modules: readonly ModuleManifest<unknown>[] = serverModules,
): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => allMigrations(modules) } });
  const { error, results = [] } = await migrator.migrateTo(name);
  if (error) {
    const failed = results.find((r) => r.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? "?"} failed: ${(error as Error).message ?? error}`);
  }
  return results;
}
