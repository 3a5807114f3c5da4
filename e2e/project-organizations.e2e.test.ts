import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  launchBrowser,
  newContext,
  type RunningPlatform,
  screenshot,
  signInAdministratorByApi,
  startPlatform,
} from "./harness.js";

/**
 * Issue 19, ADAM: organizations come from the controlled list. In the project form (in Russian) an agency is
 * chosen from the list by its Russian name; one the list lacks is proposed as typed and lands in the coordinators'
 * review list of names that map to nothing.
 */

const WAIT = { timeout: 30_000 };
const NEW_PASSWORD = "a long new passphrase for Vienna 2026";
const PROPOSED = "Агентство по контролю за наркотиками при Президенте Республики Таджикистан";

describe("project form: the organization picker", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let projectId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    context = await newContext(browser, { locale: "ru-RU" });
    await context.addInitScript(() => localStorage.setItem("pact.lang", "ru"));
    const { post } = await signInAdministratorByApi(context, platform, NEW_PASSWORD);
    const project = await post("/projects", {
      partnerCode: "TJK",
      title: { en: "Border liaison offices", ru: "Пункты пограничной связи" },
      stage: "implementation",
      locations: [{ code: "TJK", kind: "country", share: 100 }],
      organizations: [{ role: "implementing", name: "Some agency typed by hand" }],
    });
    projectId = project.id;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("chooses an agency from the list by its Russian name and proposes one the list lacks", async () => {
    const page = await context.newPage();
    await page.goto(`${platform.url}/projects/${projectId}/edit`);
    const agencies = page.getByRole("group", { name: "Исполняющие и бенефициарные ведомства" });
    await agencies.waitFor(WAIT);
    // The row typed by hand shows as proposed, waiting for review.
    await agencies.getByText("Нет в списке").first().waitFor(WAIT);
    const first = agencies.getByLabel("Название", { exact: true }).first();
    await first.fill("Таджик");
    await page.getByRole("option", { name: "Таджикистан", exact: true }).click();
    await expect.poll(() => first.inputValue(), WAIT).toBe("Таджикистан");
    expect(await agencies.getByText("Нет в списке").count()).toBe(0);
    await agencies.getByRole("button", { name: "Добавить" }).click();
    const second = agencies.getByLabel("Название", { exact: true }).nth(1);
    await second.fill(PROPOSED);
    await agencies.getByText("Нет в списке").first().waitFor(WAIT);
    await page.keyboard.press("Escape");
    await expectAccessible(page, "project form");
    await screenshot(page, "project-form-organization-picker-ru");
    await page.getByRole("button", { name: "Сохранить", exact: true }).click();
    await page.waitForURL(new RegExp(`/projects/${projectId}$`), WAIT);

    const saved = await (await context.request.get(`${platform.url}/api/v1/projects/${projectId}`)).json();
    expect(saved.organizations).toEqual([
      { role: "implementing", name: "Таджикистан", code: "TJK" },
      { role: "implementing", name: PROPOSED, code: null },
    ]);
    const review = await (await context.request.get(`${platform.url}/api/v1/projects/parties/unmapped`)).json();
    expect(review.items.map((u: { text: string }) => u.text)).toContain(PROPOSED);
    expect(review.items.map((u: { text: string }) => u.text)).not.toContain("Some agency typed by hand");
  }, 240_000);
});
