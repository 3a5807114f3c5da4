import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptSeizureTerms, scopeToCountries } from "../../../../test/api-calls.js";
import { createTestApp, type TestApp } from "../../../../test/app.js";

/**
 * A liaison officer's record with arrests and transit countries once answered 500: the response schema holds
 * a one-way transform (country codes upper-cased) that the response encoder refused. Kept as a regression test
 * of the platform's response serializer.
 */
describe("seizure entry with every list field", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it("answers 201 with arrests, transit and destination countries, lower-case codes upper-cased", async () => {
    const lo = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await scopeToCountries(t, lo, ["UZB"]);
    await acceptSeizureTerms(lo);
    const res = await lo.request({
      method: "POST",
      url: "/api/v1/seizures",
      payload: {
        seizureDate: "2023-03-10",
        country: "UZB",
        drug: "heroin",
        quantity: 12.5,
        unit: "kg",
        place: "Termez",
        sourceType: "official",
        sharing: "members",
        arrests: [{ nationality: "uzb", sex: "male", count: 2 }],
        transitCountries: ["tjk"],
        destinationCountries: ["KAZ"],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      arrests: [{ nationality: "UZB", sex: "male", count: 2 }],
      transitCountries: ["TJK"],
      destinationCountries: ["KAZ"],
      personsArrested: 2,
    });
  });
});
