import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.js";
import { tableOwnership } from "../../../test/owned-tables.js";
import { serverModules } from "./index.js";

describe("every table is owned by one manifest", { timeout: 120_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ reference: false });
  });
  afterAll(() => t?.close());

  it("after migrating, each table of the database is listed in exactly one manifest's tables, and each listed one exists", async () => {
    const { owners, unowned, shared, missing } = await tableOwnership(t.ctx.database.db, serverModules);

    expect(unowned).toEqual([]);
    expect(shared).toEqual([]);
    expect(missing).toEqual([]);
    // The platform's own list and a module's: both kinds of owner are present.
    expect(owners.get("jobs")).toEqual(["platform"]);
    expect(owners.get("seizures")).toEqual(["seizures"]);
  });
});
