import { chromium } from "playwright-core";
import { pino } from "pino";
import { openAndMigrate } from "./src/server/bootstrap.js";
import { loadConfig } from "./src/server/config.js";
import { createContext } from "./src/server/context.js";
import { insertSeizures } from "./src/server/modules/factsheets/factsheets.fixtures.js";
import { renderFactsheetHtml } from "./src/server/modules/factsheets/factsheets.render.js";
import { principalFor } from "./src/server/http/access-policy.js";

const config = loadConfig();
const { database } = await openAndMigrate(config);
const ctx = createContext(config, database, pino({ level: "warn" }));
if (process.argv[2] === "seed") {
  const list = [];
  const drugs = [["heroin", 40], ["opium", 120], ["cannabis_resin", 60], ["cannabis_herb", 300], ["methamphetamine", 2]] as const;
  for (const year of [2021, 2022, 2023]) for (let m = 1; m <= 12; m++) for (const [drug, kg] of drugs) {
    if (year === 2023 && (m === 11 || m === 12)) continue;
    list.push({ date: `${year}-${String(m).padStart(2, "0")}-1${m % 9}`, country: "UZB", drug, quantity: Math.round(kg * (0.5 + ((m * 7 + year) % 10) / 10)), unit: "kg" as const, origins: drug === "heroin" || drug === "opium" ? ["AFG"] : ["KGZ"], transit: ["TJK"], destinations: ["KAZ", "RUS"], transport: m % 3 ? "road" : "rail", persons: 1 + (m % 3), demo: true });
  }
  for (const c of ["KAZ", "KGZ", "TJK", "TKM"]) list.push({ date: "2023-05-05", country: c, drug: "heroin", quantity: 30 + c.charCodeAt(1), unit: "kg" as const, demo: true, transport: "road" });
  await insertSeizures(ctx, list);
  console.log("seeded", list.length);
}
const admin = principalFor({ id: "00000000-0000-0000-0000-000000000000", email: "x", displayName: "x", role: "administrator", partnerCode: null }, null);
const row = await ctx.factsheets.repository.findFactsheetBySubject(process.argv[3] === "region" ? "region" : "country", process.argv[3] === "region" ? "central_asia" : "UZB", 2023);
const { content } = await ctx.factsheets.sheets.content(row!.id, admin);
const lang = (process.argv[4] ?? "ru") as "en" | "ru";
const html = renderFactsheetHtml(content, lang, { edition: null });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
await page.setContent(html);
await page.emulateMedia({ media: "print" });
await page.screenshot({ path: `/tmp/factsheets-shots/print-${process.argv[3] ?? "country"}-${lang}.png`, fullPage: true });
await browser.close();
await database.close();
