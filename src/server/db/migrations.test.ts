import type { Migration } from "kysely";
import { describe, expect, it } from "vitest";
import { serverModules } from "../modules/index.js";
import { allMigrations, mergeMigrations } from "./migrate.js";
import { migrations } from "./migrations/index.js";

/** Written before this rule, with no way back; no test steps back over them (the earliest step back is to 0029). */
const WITHOUT_DOWN = [
  "0016_revision_reason",
  "0017_adam_figures",
  "0019_seizure_value_mappings",
  "0020_meeting_in_person_qualifier",
];

describe("the migrations", () => {
  // Tests of a migration step back before it (`migrateTo`) and forward again. A migration without `down` is left
  // recorded as applied when the migrator steps back over it, and every later `migrateToLatest` then refuses the
  // history as corrupted ("expected previously executed migration … to be at index …").
  it("each new one can be undone, so a test may step back over it", () => {
    const withoutDown = Object.entries(migrations)
      .filter(([, migration]) => typeof migration.down !== "function")
      .map(([name]) => name);
    expect(withoutDown).toEqual(WITHOUT_DOWN);
  });

  it("are listed in the order of their numbers, each number once", () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
    const numbers = names.map((name) => name.slice(0, 4));
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describe("a module's own migrations", () => {
  const step = (tag: string): Migration => ({ up: async () => {}, down: async () => {}, [tag]: true }) as Migration;

  it("join the central list sorted by name, whatever the order they are declared in", () => {
    const merged = mergeMigrations({ "0001_platform": step("a"), "0003_c": step("c") }, [
      { name: "late", migrations: { "0004_d": step("d"), "0002_b": step("b") } },
      { name: "none" },
    ]);
    expect(Object.keys(merged)).toEqual(["0001_platform", "0002_b", "0003_c", "0004_d"]);
    expect(merged["0002_b"]).toHaveProperty("b", true);
  });

  it("refuses a repeated name or number, and a name that is not NNNN_name", () => {
    const central = { "0001_platform": step("a") };
    expect(() => mergeMigrations(central, [{ name: "x", migrations: { "0001_platform": step("x") } }])).toThrow(
      /"0001_platform" of module "x" repeats the name or number of db\/migrations\/index.ts/,
    );
    expect(() =>
      mergeMigrations(central, [
        { name: "x", migrations: { "0002_x": step("x") } },
        { name: "y", migrations: { "0002_y": step("y") } },
      ]),
    ).toThrow(/"0002_y" of module "y" repeats the name or number of 0002_x/);
    expect(() => mergeMigrations(central, [{ name: "x", migrations: { "0001_other": step("x") } }])).toThrow(
      /repeats the name or number of 0001_platform/,
    );
    expect(() => mergeMigrations(central, [{ name: "x", migrations: { widgets: step("x") } }])).toThrow(
      /not named NNNN_name/,
    );
  });

  it("every module's migration can be undone, and the platform's list is the central one plus theirs", () => {
    const all = allMigrations();
    const own = serverModules.flatMap((m) => Object.keys(m.migrations ?? {}));
    expect(Object.keys(all)).toEqual([...Object.keys(migrations), ...own].sort());
    const withoutDown = Object.entries(all).filter(([, migration]) => typeof migration.down !== "function");
    expect(withoutDown.map(([name]) => name)).toEqual(WITHOUT_DOWN);
  });
});
