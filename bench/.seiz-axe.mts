import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
const axe = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const base = "http://127.0.0.1:38123";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
const ctx = await browser.newContext({ locale: process.argv[3] ?? "en-GB", viewport: { width: Number(process.argv[4] ?? 1280), height: 900 } });
let csrf = (await (await ctx.request.get(base + "/api/v1/auth/me")).json()).csrfToken;
const r = await ctx.request.post(base + "/api/v1/auth/sign-in", { data: { email: "admin@paris-pact.local", password: "a long new passphrase for Vienna 2026" }, headers: { "x-csrf-token": csrf } });
csrf = (await r.json()).csrfToken;
const { TOTP } = await import("otpauth");
await new Promise((res) => setTimeout(res, 31000 - (Date.now() % 30000)));
const r2 = await ctx.request.post(base + "/api/v1/auth/sign-in/2fa", { data: { code: new TOTP({ secret: fs.readFileSync("/tmp/seiz/secret", "utf8") }).generate() }, headers: { "x-csrf-token": csrf } });
console.log("2fa", r2.status());
const page = await ctx.newPage();
let target = process.argv[2];
if (target.includes("BATCH")) {
  const list = await (await ctx.request.get(base + "/api/v1/seizures?limit=1")).json();
  target = target.replace("BATCH", list.items[0].importBatchId);
}
await page.goto(base + target);
if (process.argv[5]) { await page.getByRole("button", { name: process.argv[5] }).click(); await page.waitForTimeout(2000); }
await page.waitForTimeout(4000);
await page.evaluate(axe);
const v = await page.evaluate(async () => (await (window as any).axe.run(document, { resultTypes: ["violations"] })).violations.map((x: any) => [x.id, x.impact, x.nodes.map((n: any) => n.html).slice(0, 3)]));
console.log(JSON.stringify(v, null, 1));
await page.screenshot({ path: `/tmp/seiz/shot-${process.argv[2].replace(/[^a-z]/gi, "_")}-${process.argv[3] ?? "en"}-${process.argv[4] ?? 1280}.png`, fullPage: true });
await browser.close();
