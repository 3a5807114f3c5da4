import { it } from "vitest";
import { createTestApp } from "../../../../../test/app.js";
it("x", async () => {
  const t = await createTestApp();
  const lo = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
  await t.ctx.database.db.insertInto("user_country_scopes").values({ user_id: lo.userId as string, country_code: "UZB" }).execute();
  console.log((await lo.request({ method: "POST", url: "/api/v1/seizures/terms/accept", payload: {} })).statusCode);
  const r = await lo.request({ method: "POST", url: "/api/v1/seizures", payload: { country: "UZB", sourceType: "official", seizureDate: "2023-01-14", drug: "heroin", quantity: 42, unit: "kg", transportMode: "road", originCountries: ["AFG"], transitCountries: [], destinationCountries: [] } });
  console.log(r.statusCode, r.body.slice(0, 300));
  await t.close();
}, 60000);
