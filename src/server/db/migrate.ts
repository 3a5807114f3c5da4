import { type Kysely, type MigrationResult, Migrator } from "kysely";
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
