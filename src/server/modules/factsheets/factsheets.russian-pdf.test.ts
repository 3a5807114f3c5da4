import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/app.js";
import { seedDemo } from "../../demo/index.js";
import { principalFor } from "../../http/access-policy.js";
import { renderFactsheetHtml } from "./factsheets.render.js";

/**
 * Issue 19: the Russian PDF is the page below printed, so what it must not show is checked on that page: on the
 * demo data's published fact sheet, no drug code or Latin unit typed by someone ("opium", "persons", "kg").
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx, {});
}, 180_000);
afterAll(() => t.close());

const OPERATOR = principalFor(
  {
    id: "00000000-0000-0000-0000-000000000000",
    email: "t",
    displayName: "t",
    role: "administrator",
    partnerCode: null,
  },
  null,
);

it("the Russian fact sheet names drugs and units in Russian, in every table", async () => {
  const rows = await t.ctx.database.db
    .selectFrom("factsheets")
    .select(["id", "edition"])
    .where("edition", ">", 0)
    .execute();
  expect(rows.length).toBeGreaterThan(0);
  let reported = 0;
  let persons = 0;
  for (const row of rows) {
    const { content, edition } = await t.ctx.factsheets.sheets.content(row.id, OPERATOR, row.edition);
    reported += content.reported.length;
    persons += content.indicators.filter((i) => i.unit === "persons").length;
    const html = renderFactsheetHtml(content, "ru", { edition });
    const cells = [...html.matchAll(/<t[dh][^>]*>([^<]*)<\/t[dh]>/g)].map((m) => m[1] ?? "");
    for (const cell of cells) {
      expect(cell, "a cell of the Russian PDF").not.toMatch(/^(?:opium|heroin|cannabis_resin|persons|kg|g|l)$/);
      expect(cell).not.toMatch(/(?<!\p{L})(?:kg|persons)(?!\p{L})/u);
    }
  }
  // The demo data must exercise what is checked (a reported total named by its code, a count of persons).
  expect(reported).toBeGreaterThan(0);
  expect(persons).toBeGreaterThan(0);
});
