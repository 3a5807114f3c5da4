import { type Kysely, sql } from "kysely";
import type { DB } from "../src/server/db/schema.js";
import type { ModuleManifest } from "../src/server/modules/manifest.js";

/** The migrator's own bookkeeping, which no module owns. */
const MIGRATOR_TABLES = ["kysely_migration", "kysely_migration_lock"];

/**
 * The database's tables against the manifests' `tables`: each table's owners, the tables no manifest lists, the
 * tables listed by more than one, and the listed tables the database does not have.
 */
export async function tableOwnership(db: Kysely<DB>, modules: readonly ModuleManifest<unknown>[]) {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by 1`.execute(db);
  const inDatabase = rows.map((r) => r.name).filter((name) => !MIGRATOR_TABLES.includes(name));
  const owners = new Map<string, string[]>();
  for (const m of modules)
    for (const table of m.tables ?? []) owners.set(table, [...(owners.get(table) ?? []), m.name]);
  return {
    owners,
    unowned: inDatabase.filter((table) => !owners.has(table)),
    shared: [...owners].filter(([, by]) => by.length > 1),
    missing: [...owners.keys()].filter((table) => !inDatabase.includes(table)),
  };
}
