import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Kysely, Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyTestDatabase, openTestDatabase } from "../../../test/database.js";
import { openAndMigrate } from "../bootstrap.js";
import { loadConfig } from "../config.js";
import { databaseSummary } from "../platform/backup.js";
import { LocalFileStorage } from "../platform/file-storage.js";
import { type Database, openDatabase } from "./database.js";
import { openLegacyPglite } from "./legacy/pglite-dialect.js";
import { allMigrations, migrateToLatest } from "./migrate.js";
import { CarryOverError, carryOverPglite, MOVED_MARKER } from "./pglite-carry-over.js";
import type { DB } from "./schema.js";

// Every migration of this version: the central list and the modules' own (a module's migration is the newest one
// as often as a central one).
const migrations = allMigrations();
const LAST_BUT_ONE = Object.keys(migrations).sort().at(-2) ?? "";
const temps: string[] = [];

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-carry-over-"));
  // An embedded server started as root runs under another account, which must be able to enter it.
  fs.chmodSync(dir, 0o755);
  temps.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** Rows an installation of the earlier version holds: accounts, partners, a meeting, seizures and a stored file. */
async function fillLegacy(db: Kysely<DB>, dataDir: string, seizures: number): Promise<void> {
  const [admin] = await db
    .insertInto("users")
    .values([
      { email: "admin@example.org", display_name: "Администратор", role: "administrator" },
      { email: "focal@example.org", display_name: "Focal Point", role: "focal_point", partner_code: "KAZ" },
    ])
    .returning("id")
    .execute();
  await db
    .insertInto("partners")
    .values([
      {
        code: "KAZ",
        kind: "country",
        name: { en: "Kazakhstan", ru: "Казахстан" },
        listed_as: "KAZ",
        since_third_mc: true,
      },
      { code: "UNODC", kind: "organization", name: { en: "UNODC" }, listed_as: "UNODC", since_third_mc: false },
    ])
    .execute();
  await db
    .insertInto("meetings")
    .values({
      kind: "pcgm",
      title: { en: "Policy Consultative Group", ru: "Группа" },
      pillars: JSON.stringify([1, 2]),
      provenance: "[]",
      documents: "[]",
      start_date: "2024-11-05",
      lat: 48.2082,
      lon: 16.3738,
      created_by: admin?.id ?? null,
    })
    .execute();
  const storage = new LocalFileStorage(path.join(dataDir, "files"));
  const stored = await storage.put(Buffer.from("agenda of the 19th PCGM\n"), 1_000_000);
  await db
    .insertInto("files")
    .values({ sha256: stored.sha256, size: stored.size, media_type: "text/plain", original_name: "agenda.txt" })
    .execute();
  await insertSeizures(db, seizures);
}

async function insertSeizures(db: Kysely<DB>, count: number): Promise<void> {
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, k) => {
      const i = start + k;
      return {
        seizure_date: `20${10 + (i % 14)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
        date_precision: "day" as const,
        year: 2010 + (i % 14),
        month: 1 + (i % 12),
        country: ["KAZ", "UZB", "TJK", "KGZ", "AFG"][i % 5] ?? "KAZ",
        drug: i % 3 ? "heroin" : "opium",
        drug_group: "opiates" as const,
        quantity: 0.125 + (i % 997) * 1.7,
        unit: "kg" as const,
        mass_kg: 0.125 + (i % 997) * 1.7,
        place: `Пост ${i % 50}`,
        origin_countries: JSON.stringify(["AFG"]),
        transit_countries: JSON.stringify(["TKM", "IRN"].slice(0, i % 3)),
        destination_countries: "[]",
        arrests: JSON.stringify([{ nationality: "AFG", sex: "male", count: 1 + (i % 3) }]),
        persons_arrested: 1 + (i % 3),
        source_type: "official" as const,
        sharing: "members" as const,
        status: i % 4 ? ("published" as const) : ("entered" as const),
        warnings_confirmed: "[]",
        validated_at: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
      };
    });
    await db.insertInto("seizures").values(rows).execute();
  }
}

/** A PGlite directory as the earlier version left it: one migration behind this version, with rows in it. */
async function makeLegacyInstallation(dataDir: string): Promise<void> {
  const legacy = await openLegacyPglite(path.join(dataDir, "pglite"));
  try {
    const migrator = new Migrator({ db: legacy.db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo(LAST_BUT_ONE);
    if (error) throw error;
    await fillLegacy(legacy.db, dataDir, 120);
  } finally {
    await legacy.close();
  }
}

// Made once (PGlite's own initdb is slow), copied for every test.
const template = tempDataDir();
beforeAll(() => makeLegacyInstallation(template), 180_000);

/** A data directory of its own holding a copy of the earlier installation (its PGlite directory and files). */
function legacyInstallation(): { dataDir: string; dir: string } {
  const dataDir = tempDataDir();
  for (const name of ["pglite", "files"]) {
    fs.cpSync(path.join(template, name), path.join(dataDir, name), { recursive: true });
  }
  return { dataDir, dir: path.join(dataDir, "pglite") };
}

/** The content of the earlier installation once migrated to this version (in a throw-away copy). */
async function migratedSummaryOf(dir: string) {
  const copy = path.join(tempDataDir(), "pglite");
  fs.cpSync(dir, copy, { recursive: true });
  const legacy = await openLegacyPglite(copy);
  try {
    await migrateToLatest(legacy.db);
    return await databaseSummary(legacy.db);
  } finally {
    await legacy.close();
  }
}

async function appliedMigrationsOf(dir: string): Promise<number> {
  const legacy = await openLegacyPglite(dir);
  try {
    return (
      (await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(legacy.db)).rows[0]?.n ?? 0
    );
  } finally {
    await legacy.close();
  }
}

async function withTarget<T>(work: (target: Database) => Promise<T>): Promise<T> {
  const target = await openTestDatabase();
  try {
    return await work(target);
  } finally {
    await target.close();
  }
}

describe("moving an earlier PGlite installation into PostgreSQL", () => {
  it("moves every row once, checks it, leaves a marker and keeps the old directory as it was", async () => {
    const { dataDir, dir } = legacyInstallation();
    const expected = await migratedSummaryOf(dir);
    const lines: string[] = [];
    await withTarget(async (target) => {
      const report = await carryOverPglite(dataDir, target, (m) => lines.push(m));
      expect(report).toMatchObject({
        source: dir,
        files: 1,
        missingFiles: [],
        migrationsApplied: [Object.keys(migrations).sort().at(-1)],
      });
      expect(await databaseSummary(target.db)).toEqual(expected);
      expect(report?.rows).toBe(Object.values(expected).reduce((n, t) => n + t.rows, 0));
      expect(expected.seizures?.rows).toBe(120);
      const admin = await target.db
        .selectFrom("users")
        .select("display_name")
        .where("role", "=", "administrator")
        .executeTakeFirst();
      expect(admin?.display_name).toBe("Администратор");
      const file = await target.db.selectFrom("files").select("sha256").executeTakeFirstOrThrow();
      expect(await new LocalFileStorage(path.join(dataDir, "files")).has(file.sha256)).toBe(true);

      expect(lines[0]).toBe("Moving the data of the earlier embedded database (PGlite) into PostgreSQL…");
      expect(lines.at(-1)).toMatch(/^Moved \d+ rows in \d+ tables from .* is kept/);
      const marker = fs.readFileSync(path.join(dir, MOVED_MARKER), "utf8");
      expect(marker).toContain(`${report?.rows} rows`);
      expect(marker).toMatch(/you may remove it/);

      expect(await carryOverPglite(dataDir, target, (m) => lines.push(m))).toBeNull();
    });
    // The directory is still there and still one migration behind: the move worked on a copy.
    expect(fs.existsSync(path.join(dir, "PG_VERSION"))).toBe(true);
    expect(await appliedMigrationsOf(dir)).toBe(Object.keys(migrations).length - 1);
    expect(fs.readdirSync(dataDir).sort()).toEqual(["files", "pglite"]);
  });

  it("computes checksums alike when the new server runs in another time zone", async () => {
    const { dataDir } = legacyInstallation();
    const empty = await createEmptyTestDatabase();
    const target = await openDatabase({ connection: { ...empty.connection, options: "-c TimeZone=Asia/Almaty" } });
    try {
      await migrateToLatest(target.db);
      const report = await carryOverPglite(dataDir, target, () => {});
      expect(report?.rows).toBeGreaterThan(120);
      const seizure = await target.db
        .selectFrom("seizures")
        .select("validated_at")
        .orderBy("validated_at")
        .executeTakeFirstOrThrow();
      expect(new Date(seizure.validated_at as unknown as string).toISOString()).toBe("2020-01-01T00:00:00.000Z");
    } finally {
      await target.close();
      await empty.drop();
    }
  });

  it("does nothing without a PGlite directory", async () => {
    await withTarget(async (target) => {
      expect(await carryOverPglite(tempDataDir(), target, () => {})).toBeNull();
    });
  });

  async function expectNothingChanged(
    dataDir: string,
    prepare: (target: Database) => Promise<void>,
    message: RegExp,
  ): Promise<void> {
    await withTarget(async (target) => {
      await prepare(target);
      const before = await databaseSummary(target.db);
      const error = await carryOverPglite(dataDir, target, () => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CarryOverError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/the old data in .*pglite is untouched/);
      expect(await databaseSummary(target.db)).toEqual(before);
    });
    expect(fs.existsSync(path.join(dataDir, "pglite", MOVED_MARKER))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, ".pglite-carry-over"))).toBe(false);
  }

  it("refuses a new database that already holds accounts", async () => {
    const { dataDir } = legacyInstallation();
    await expectNothingChanged(
      dataDir,
      async (target) => {
        await target.db
          .insertInto("users")
          .values({ email: "x@example.org", display_name: "X", role: "member" })
          .execute();
      },
      /already holds data \(table users\).*was not changed/,
    );
  });

  it("changes nothing when the restore fails half-way (a table the new schema lacks)", async () => {
    const { dataDir, dir } = legacyInstallation();
    const legacy = await openLegacyPglite(dir);
    await sql`create table zz_stray (id int primary key)`.execute(legacy.db);
    await sql`insert into zz_stray values (1)`.execute(legacy.db);
    await legacy.close();
    await expectNothingChanged(
      dataDir,
      async () => {},
      /Table zz_stray of the backup does not exist here.*was not changed/,
    );
  });

  it("puts the new database back when the check after the restore finds a difference", async () => {
    const { dataDir } = legacyInstallation();
    // A column the old schema lacks: the restore's own check skips that table's checksum, the move's catches it.
    await expectNothingChanged(
      dataDir,
      async (target) => {
        await sql`alter table partners add column note text not null default 'here only'`.execute(target.db);
      },
      /tables differ from the earlier database: partners \(2 rows now, 2 before\).*put back as it was/,
    );
  });

  it("changes nothing when the old directory is damaged", async () => {
    const { dataDir, dir } = legacyInstallation();
    fs.rmSync(path.join(dir, "global"), { recursive: true });
    await expectNothingChanged(dataDir, async () => {}, /failed: .*was not changed/);
  });

  it("waits for an earlier version still holding the directory", async () => {
    const { dataDir } = legacyInstallation();
    fs.writeFileSync(path.join(dataDir, "pglite.lock"), String(process.ppid));
    try {
      await expectNothingChanged(dataDir, async () => {}, /in use by process/);
    } finally {
      fs.rmSync(path.join(dataDir, "pglite.lock"));
    }
  });
});

describe("first start of the embedded server beside an earlier PGlite installation", () => {
  it("moves the data (retrying after a failed attempt) and never counts it as a fresh database", async () => {
    const { dataDir } = legacyInstallation();
    const config = loadConfig({ PACT_DATA_DIR: dataDir });
    const log = () => {};
    const lock = path.join(dataDir, "pglite.lock");
    fs.writeFileSync(lock, String(process.ppid));
    await expect(openAndMigrate(config, { log })).rejects.toThrow(/in use by process/);
    fs.rmSync(lock);

    const second = await openAndMigrate(config, { log });
    try {
      expect(second.carriedOver?.rows).toBeGreaterThan(120);
      expect(second.fresh).toBe(false);
    } finally {
      await second.database.close();
    }
    const third = await openAndMigrate(config, { log });
    try {
      expect(third).toMatchObject({ carriedOver: null, fresh: false, applied: [] });
      expect(
        await third.database.db
          .selectFrom("seizures")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirst(),
      ).toEqual({ n: 120 });
    } finally {
      await third.database.close();
    }
  }, 180_000);
});
