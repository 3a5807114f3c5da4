import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { headerToFieldMapping, readColumnMappingOption } from "./cli.js";

/**
 * `--mapping` of every `pact import`: field → the file's header, the one direction of the API and the web. A mapping
 * file kept from when `pact import facilities` took header → field is read turned round, with a note, never silently
 * dropped; anything else is refused, named.
 */
describe("the CLI's column mapping option", () => {
  const FIELDS = ["name_en", "city", "country", "capacity"] as const;

  it("reads field → header as it is", async () => {
    const warned: string[] = [];
    const read = await readColumnMappingOption("--mapping", '{"name_en":"Facility","city":"Town"}', FIELDS, (l) =>
      warned.push(l),
    );
    expect(read).toEqual({ name_en: "Facility", city: "Town" });
    expect(warned).toEqual([]);
    expect(await readColumnMappingOption("--mapping", undefined, FIELDS)).toBeUndefined();
  });

  it("turns a mapping file written header → field round, saying so", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pact-mapping-"));
    const file = path.join(dir, "old-mapping.json");
    // The old facilities direction: a header → field, null to skip a column, a field named twice keeps the first.
    await fs.writeFile(
      file,
      JSON.stringify({ Facility: "name_en", Town: "city", Notes: null, Beds: "capacity", Places: "capacity" }),
    );
    const warned: string[] = [];
    const read = await readColumnMappingOption("--mapping", file, FIELDS, (l) => warned.push(l));
    expect(read).toEqual({ name_en: "Facility", city: "Town", capacity: "Beds" });
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain("field → header");
    expect(warned[0]).toContain('{"name_en":"Facility","city":"Town","capacity":"Beds"}');
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("refuses what is neither direction, naming the option", async () => {
    // A header mapped to something that is no field: not the old direction either.
    await expect(readColumnMappingOption("--mapping", '{"Facility":"title"}', FIELDS)).rejects.toThrow(/^--mapping: /);
    await expect(readColumnMappingOption("--mapping", '{"name_en":""}', FIELDS)).rejects.toThrow(/^--mapping: /);
    await expect(readColumnMappingOption("--mapping", "{not json", FIELDS)).rejects.toThrow(/--mapping: not JSON/);
    expect(headerToFieldMapping(FIELDS, ["name_en"])).toBeNull();
    expect(headerToFieldMapping(FIELDS, {})).toBeNull();
    // Keys that are all fields are the new direction, whatever the values say.
    expect(headerToFieldMapping(FIELDS, { city: "name_en" })).toBeNull();
  });
});
