import { describe, expect, it } from "vitest";
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
