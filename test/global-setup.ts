import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../src/server/db/embedded-postgres.js";
import { migrateToLatest } from "../src/server/db/migrate.js";

export interface TestDatabaseInfo {
  /** Where to connect to create and drop the per-file databases (a database other than the template). */
  admin: pg.ClientConfig;
  /** Settings for a per-file database; its name is added by the test. */
  connection: pg.ClientConfig;
  /** The migrated template each test file's database is cloned from. */
  template: string;
  /** Role that owns the clones when `admin` is another one (the embedded server's superuser). */
  owner?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabaseInfo;
  }
}

function fromUrl(url: string): pg.ClientConfig {
  return { connectionString: url };
}

/** Runs one statement on its own connection (CREATE/DROP DATABASE cannot run in a pooled transaction). */
export async function query(config: pg.ClientConfig, text: string): Promise<void> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * One PostgreSQL for the whole run: the embedded server in a temporary directory (no fsync), or the server named
 * by TEST_DATABASE_URL. Migrations run once, into a template; every test file clones it (CREATE DATABASE …
 * TEMPLATE), which takes a fraction of a second instead of migrating a new database per file.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let embedded: EmbeddedPostgres | undefined;
  let tempDir: string | undefined;
  let admin: pg.ClientConfig;
  let connection: pg.ClientConfig;
  if (serverUrl) {
    admin = fromUrl(serverUrl);
    connection = fromUrl(serverUrl);
  } else {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-testdb-"));
    // The server may run under another account (root in CI): it must be able to enter the directory.
    fs.chmodSync(tempDir, 0o755);
    // No autovacuum: databases live for one test file, and a worker in one would stop its DROP … WITH (FORCE)
    // (only a superuser may end an autovacuum worker).
    embedded = await startEmbeddedPostgres({
      dataDir: tempDir,
      durable: false,
      settings: { max_connections: 300, autovacuum: "off" },
    });
    // Databases are made and dropped by the superuser (it may end any session), owned by the platform's role.
    admin = embedded.superuserConnection("postgres");
    connection = embedded.connection("pact");
  }
  const template = `pact_template_${randomBytes(5).toString("hex")}`;
  const owner = embedded ? " owner pact" : "";
  await query(admin, `create database ${template}${owner}`);
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ ...withDatabase(connection, template), max: 1 }) }),
  });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  project.provide("testDatabase", { admin, connection, template, ...(embedded ? { owner: "pact" } : {}) });

  return async () => {
    await query(admin, `drop database if exists ${template} with (force)`).catch(() => {});
    if (embedded) await embedded.stop();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  };
}

/** The same settings pointed at another database (works for connection strings too). */
export function withDatabase(config: pg.ClientConfig, database: string): pg.ClientConfig {
  if (!config.connectionString) return { ...config, database };
  const url = new URL(config.connectionString);
  url.pathname = `/${database}`;
  return { connectionString: url.toString() };
}
