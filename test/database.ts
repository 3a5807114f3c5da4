import { randomBytes } from "node:crypto";
import type pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "../src/server/db/database.js";
import { query, withDatabase } from "./global-setup.js";

/**
 * A fresh, migrated database for one test file, cloned from the run's migrated template on the embedded
 * PostgreSQL (or on the server named by TEST_DATABASE_URL); dropped on close.
 */
export async function openTestDatabase(options: { poolSize?: number } = {}): Promise<Database> {
  const { admin, connection, template, owner } = inject("testDatabase");
  const name = `pact_test_${randomBytes(6).toString("hex")}`;
  await query(admin, `create database ${name} template ${template}${owner ? ` owner ${owner}` : ""}`);
  const database = await openDatabase({ connection: withDatabase(connection, name), poolSize: options.poolSize ?? 5 });
  return {
    ...database,
    async close() {
      await database.close();
      await query(admin, `drop database if exists ${name} with (force)`);
    },
  };
}

/** Connection settings of a new empty database on the test server (for tests that migrate or restore themselves). */
export async function createEmptyTestDatabase(): Promise<{ connection: pg.ClientConfig; drop(): Promise<void> }> {
  const { admin, connection, owner } = inject("testDatabase");
  const name = `pact_empty_${randomBytes(6).toString("hex")}`;
  await query(admin, `create database ${name}${owner ? ` owner ${owner}` : ""}`);
  return {
    connection: withDatabase(connection, name),
    drop: () => query(admin, `drop database if exists ${name} with (force)`),
  };
}
