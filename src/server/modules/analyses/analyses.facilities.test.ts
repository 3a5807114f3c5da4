import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type Json, ok } from "../../../../test/api-calls.js";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/app.js";
import { analysisInput } from "../../../../test/fixtures.js";
import { tablesOf } from "./reports.render.js";

/** The treatment facilities' statistics as a saved analysis: its route re-run as the reader. */
describe("saved analyses of treatment facility statistics", () => {
  let t: TestApp;
  let owner: TestClient; // focal point of Tajikistan
  let reader: TestClient; // member of another partner

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.signIn("focal_point", { partnerCode: "TJK" });
    const coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    reader = await t.signIn("member", { partnerCode: "UZB" });
    const facility = (name: string, sharing: string, capacity: number) => ({
      name: { en: name },
      orgType: "public",
      country: "TJK",
      city: "Dushanbe",
      latitude: 38.5598,
      longitude: 68.787,
      modalities: ["outpatient"],
      capacity,
      sharing,
    });
    await ok(coordinator, "POST", "/facilities", facility("Open clinic", "public", 100));
    await ok(coordinator, "POST", "/facilities", facility("Restricted clinic", "restricted", 40));
  });
  afterAll(async () => t.close());
  /** The owner asks to save `input` as an analysis (`call`'s answer), or saves it (`ok`'s body). */
  const post = (input: Json) => call(owner, "POST", "/analyses", input);
  const save = (input: Json) => ok(owner, "POST", "/analyses", input);

  it("saves the question only, refuses parameters the route does not take, and runs as the reader", async () => {
    const bad = await post(analysisInput("Facilities", "facilities.stats", "map", { country: "TJK" }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: "body.config.country", code: "unknown_parameter" });
    const wrongView = await post(analysisInput("Facilities", "facilities.stats", "heatmap"));
    expect(wrongView.status).toBe(400);

    const saved = await save(analysisInput("Facilities by country", "facilities.stats", "map", {}, "members"));
    const opened = await ok(reader, "GET", `/analyses/${saved.id}`);
    expect(opened.run).toEqual({ endpoint: "/facilities/stats", query: {}, narrowed: [], available: true });
    // The reader's run is their own call of the route; a visitor's call counts the public facility only.
    const mine = await ok(reader, "GET", "/facilities/stats");
    const visitor = await (await t.visitor()).request({ url: "/api/v1/facilities/stats" });
    expect(mine.totals.capacity).toBe(140);
    expect(visitor.json().totals.capacity).toBe(100);
    // Opening it is for signed-in members only.
    expect((await (await t.visitor()).request({ url: `/api/v1/analyses/${saved.id}` })).statusCode).toBe(401);

    // A scheduled report's table of it names countries in the recipient's language.
    const ru = tablesOf("facilities.stats", {}, mine, "ru")[0];
    expect(ru?.headers[0]).toBe("Страна");
    expect(ru?.rows[0]?.slice(0, 3)).toEqual(["Таджикистан", 2, 140]);
    expect(ru?.rows.at(-1)?.slice(0, 3)).toEqual(["Итого", 2, 140]);
  });
});
