import { TOTP } from "otpauth";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiSession,
  expectAccessible,
  launchBrowser,
  newContext,
  type RunningPlatform,
  signInAdministratorByApi,
  startPlatform,
} from "./harness.js";

/**
 * ADAM funding as transactions (issue 20, part 6): a focal point adds a disbursement to a project in the form, sees
 * its USD value and planned against actual on the project page and the funding page, and the gaps by disbursed.
 */
const WAIT = { timeout: 30_000 };
const STEP_TIMEOUT = 300_000;
const NEW_PASSWORD = "a long new passphrase for Vienna 2026";

async function activate(context: BrowserContext, platform: RunningPlatform, email: string, password: string) {
  const { post, acceptTerms } = await apiSession(context, platform);
  await post("/auth/sign-in", { email, password });
  await post("/auth/password", { currentPassword: password, newPassword: NEW_PASSWORD });
  const setup = await post("/auth/2fa/setup", {});
  await post("/auth/2fa/enable", { code: new TOTP({ secret: setup.secret }).generate() });
  await acceptTerms();
  return { post: (await apiSession(context, platform)).post };
}

describe("ADAM: planned against actual", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it(
    "a focal point adds a disbursement and sees planned against actual; the gaps by disbursed",
    async () => {
      const admin = await signInAdministratorByApi(await newContext(browser), platform, NEW_PASSWORD);
      const people: Record<string, string> = {};
      for (const [key, role, partnerCode] of [
        ["usa", "focal_point", "USA"],
        ["coordinator", "coordinator", "UNODC"],
      ] as const) {
        const created = await admin.post("/users", {
          email: `${key}@e2e.example.org`,
          displayName: `E2E ${key}`,
          role,
          partnerCode,
          language: "en",
        });
        people[key] = created.oneTimePassword;
      }
      const usaContext = await newContext(browser);
      const usa = await activate(usaContext, platform, "usa@e2e.example.org", people.usa as string);
      const coordinator = await activate(
        await newContext(browser),
        platform,
        "coordinator@e2e.example.org",
        people.coordinator as string,
      );
      await admin.post("/projects/rates", { currency: "EUR", date: "2025-01-01", usdPerUnit: "1.10", source: "e2e" });
      const project = await usa.post("/projects", {
        title: { en: "Forensic laboratory for precursor chemicals" },
        plannedStart: "2025-01-01",
        plannedEnd: "2026-12-31",
        pillars: [3],
        themes: ["precursors"],
        transactions: [
          {
            type: "commitment",
            donorCode: "USA",
            donorName: "United States",
            amount: "1000000",
            currency: "USD",
            date: "2025-01-01",
          },
        ],
        locations: [{ code: "TJK" }],
      });
      await usa.post(`/projects/${project.id}/transition`, { to: "submitted", version: 1 });
      await coordinator.post(`/projects/${project.id}/transition`, { to: "published", version: 2 });

      const page = await usaContext.newPage();
      await page.goto(`${platform.url}/projects/${project.id}/edit`);
      const editor = page.getByTestId("transactions-editor");
      await editor.getByRole("button", { name: "Add a transaction" }).waitFor(WAIT);
      await editor.getByRole("button", { name: "Add a transaction" }).click();
      const row = editor.getByTestId("transaction-row").nth(1);
      await expect(row.getByLabel("Type").inputValue()).resolves.toBe("disbursement");
      // No date yet: the form refuses it on its row and sends nothing.
      await row.getByLabel("Amount").fill("400000");
      await row.getByLabel("Currency").fill("EUR");
      await page.getByRole("button", { name: "Save" }).click();
      await row.getByText("A disbursement or an expenditure needs its date.").waitFor(WAIT);
      // A date before any EUR rate: the form says so; then a date the 2025 rate covers.
      await row.getByLabel("Date").fill("2024-06-01");
      await row.getByTestId("no-rate").waitFor(WAIT);
      await row.getByLabel("Date").fill("2025-06-01");
      await expect(row.getByTestId("usd-preview").textContent()).resolves.toContain("$440,000.00");
      await expectAccessible(page, "project form with transactions");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByRole("heading", { name: "Forensic laboratory for precursor chemicals", level: 1 }).waitFor(WAIT);
      const transactions = page.getByTestId("transactions");
      await transactions.getByRole("cell", { name: "Disbursement" }).waitFor(WAIT);
      const chart = page.getByTestId("flow-chart");
      await chart.getByRole("columnheader", { name: "Disbursed" }).waitFor(WAIT);
      await chart.getByRole("cell", { name: "$440,000" }).first().waitFor(WAIT);
      await expectAccessible(page, "project planned against actual");

      await page.getByRole("link", { name: "Funding over time" }).click();
      await page.getByRole("heading", { name: "Funding over time", level: 1 }).waitFor(WAIT);
      await page.getByTestId("flow-chart").getByRole("cell", { name: "$440,000" }).first().waitFor(WAIT);
      await expectAccessible(page, "funding over time");

      await page.goto(`${platform.url}/projects/gaps`);
      await page.getByRole("columnheader", { name: "Committed, USD" }).first().waitFor(WAIT);
      await page.getByTestId("gaps-measure").getByText("Disbursed", { exact: true }).click();
      await page.getByRole("columnheader", { name: "Disbursed, USD" }).first().waitFor(WAIT);
      await page.getByRole("cell", { name: "$440,000" }).first().waitFor(WAIT);
      await expectAccessible(page, "gaps by disbursed");
    },
    STEP_TIMEOUT,
  );
});
