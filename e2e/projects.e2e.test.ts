import fs from "node:fs";
import { TOTP } from "otpauth";
import type { APIRequestContext, Browser, BrowserContext, Locator } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  launchBrowser,
  newContext,
  type RunningPlatform,
  screenshot,
  startPlatform,
} from "./harness.js";

/**
 * ADAM's "done when" (issue 5): a focal point enters a project in Russian with documents and pictures, gets a
 * duplication alert against an English project of another donor, labels it, and a coordinator sees the gap
 * view update.
 */
const WAIT = { timeout: 30_000 };
const STEP_TIMEOUT = 240_000;
const NEW_PASSWORD = "a long new passphrase for Vienna 2026";
const IATI_SAMPLE = new URL("../src/server/modules/projects/fixtures/iati/adam-sample-2.03.xml", import.meta.url);

async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: "visible", timeout: WAIT.timeout });
  return locator;
}

/** A signed-in API session in a browser context: one-time password → new password → 2FA → terms. */
async function activate(context: BrowserContext, base: string, email: string, password: string) {
  const api: APIRequestContext = context.request;
  const url = (p: string) => `${base}/api/v1${p}`;
  let csrf = (await (await api.get(url("/auth/me"))).json()).csrfToken as string;
  const call = async (method: "post" | "put", path: string, data: unknown) => {
    const res = await api[method](url(path), { data: data as object, headers: { "x-csrf-token": csrf } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    const body = res.status() === 204 ? {} : await res.json();
    if (body.csrfToken) csrf = body.csrfToken;
    return body;
  };
  await call("post", "/auth/sign-in", { email, password });
  await call("post", "/auth/password", { currentPassword: password, newPassword: NEW_PASSWORD });
  const setup = await call("post", "/auth/2fa/setup", {});
  await call("post", "/auth/2fa/enable", { code: new TOTP({ secret: setup.secret }).generate() });
  csrf = (await (await api.get(url("/auth/me"))).json()).csrfToken;
  const terms = await (await api.get(url("/terms/current"))).json();
  const ids = (terms.items ?? terms).map((v: { id: string }) => v.id);
  if (ids.length) await call("post", "/terms/accept", { termsVersionIds: ids });
  return { call };
}

describe("ADAM: duplication alert across languages and the gap view", () => {
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
    "a Russian project meets an English one, is labelled, and the coordinator's gap view updates",
    async () => {
      const base = platform.url;
      const adminContext = await newContext(browser);
      const admin = await activate(adminContext, base, platform.administrator.email, platform.administrator.password);
      const people: Record<string, { email: string; password: string }> = {};
      for (const [key, role, partnerCode, language] of [
        ["usa", "focal_point", "USA", "en"],
        ["tjk", "focal_point", "TJK", "ru"],
        ["coordinator", "coordinator", "UNODC", "en"],
      ] as const) {
        const email = `${key}@e2e.example.org`;
        const created = await admin.call("post", "/users", {
          email,
          displayName: `E2E ${key}`,
          role,
          partnerCode,
          language,
        });
        people[key] = { email, password: created.oneTimePassword };
      }
      const usaContext = await newContext(browser);
      const usa = await activate(usaContext, base, people.usa?.email as string, people.usa?.password as string);
      const coordinatorContext = await newContext(browser);
      const coordinator = await activate(
        coordinatorContext,
        base,
        people.coordinator?.email as string,
        people.coordinator?.password as string,
      );
      const tjkContext = await newContext(browser, { locale: "ru-RU" });
      const tjk = await activate(tjkContext, base, people.tjk?.email as string, people.tjk?.password as string);

      // The English project of another donor, published; it ends before the need's period.
      const english = await usa.call("post", "/projects", {
        title: { en: "Border liaison offices on the Tajik-Afghan border" },
        summary: {
          en: "Equipment and training for border liaison offices and mobile interagency teams at the Panj crossing points; canine units and x-ray scanners for the Border Troops.",
        },
        plannedStart: "2026-01-01",
        plannedEnd: "2026-12-31",
        themes: ["border_control", "training"],
        pillars: [1],
        fundings: [{ donorName: "United States", donorCode: "USA", amount: "1500000", currency: "USD" }],
        locations: [{ code: "TJK" }],
        organizations: [{ role: "implementing", name: "UNODC" }],
      });
      await usa.call("post", `/projects/${english.id}/transition`, { to: "submitted", version: 1 });
      await coordinator.call("post", `/projects/${english.id}/transition`, { to: "published", version: 2 });
      // Tajikistan's need for 2027, which nothing covers yet.
      await admin.call("post", "/projects/needs", {
        partnerCode: "TJK",
        country: "TJK",
        pillar: 1,
        theme: "border_control",
        description: { ru: "Оснащение пунктов пропуска на границе с Афганистаном" },
        priority: "high",
        periodStart: "2027-01-01",
        periodEnd: "2027-12-31",
      });

      const coordinatorPage = await coordinatorContext.newPage();
      await coordinatorPage.goto(`${base}/projects/gaps`);
      await visible(coordinatorPage.getByRole("heading", { name: "Needs and gaps", level: 1 }));
      await expect
        .poll(() => coordinatorPage.locator("[data-coverage]").first().getAttribute("data-coverage"), WAIT)
        .toBe("open");

      // The focal point of Tajikistan enters the project in Russian.
      const page = await tjkContext.newPage();
      await page.goto(`${base}/projects/new`);
      await visible(page.getByRole("heading", { name: "Новый проект", level: 1 }));
      await page.getByLabel("Название (русский)").fill("Пункты пограничной связи на таджикско-афганской границе");
      await page
        .getByLabel("Описание (русский)")
        .fill(
          "Оборудование и обучение для пунктов пограничной связи и мобильных межведомственных групп на пунктах пропуска Пяндж; кинологические подразделения для Пограничных войск.",
        );
      await page.getByLabel("Плановое начало").fill("2026-03-01");
      await page.getByLabel("Плановое окончание").fill("2027-12-31");
      await page.getByRole("checkbox", { name: "Пограничный контроль" }).check();
      await page.getByRole("checkbox", { name: "Направление 1" }).check();
      // The donor from the controlled list (partners and other donors), found by typing its Russian name.
      await page.getByRole("combobox", { name: "Донор", exact: true }).fill("Япон");
      await page.getByRole("option", { name: "Япония", exact: true }).click();
      await page.getByLabel("Сумма", { exact: true }).fill("1200000");
      await page.getByRole("combobox", { name: "Страна или регион", exact: true }).fill("Таджик");
      await page.getByRole("option", { name: "Таджикистан", exact: true }).click();
      // The organization picker: a name typed as people write it (the list's entry is matched on save).
      await page.getByRole("combobox", { name: "Название", exact: true }).fill("УНП ООН");
      await page.keyboard.press("Escape");
      await expectAccessible(page, "project form (ru)");
      await page.getByRole("button", { name: "Сохранить" }).click();
      await visible(page.getByRole("heading", { name: /Пункты пограничной связи/, level: 1 }));
      const russianId = new URL(page.url()).pathname.split("/").pop() as string;

      // A picture and a document.
      const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#2a6f97" } })
        .png()
        .toBuffer();
      await page
        .locator('input[type="file"]')
        .first()
        .setInputFiles({ name: "punkt-propuska.png", mimeType: "image/png", buffer: png });
      await visible(page.getByRole("img", { name: "punkt-propuska.png" }));
      await page
        .locator('input[type="file"]')
        .first()
        .setInputFiles({
          name: "otchet.txt",
          mimeType: "text/plain",
          buffer: Buffer.from("Отчет о ходе работ, версия 1"),
        });
      await visible(page.getByRole("link", { name: /otchet\.txt/ }));
      // The alert against the English project shows on the project's page, explained.
      await visible(page.getByRole("link", { name: "Border liaison offices on the Tajik-Afghan border" }));
      await visible(page.getByText(/та же страна Таджикистан/));
      await expectAccessible(page, "project page (ru)");
      await screenshot(page, "projects-ru-project");

      // The focal point labels it in the alerts list.
      await page.goto(`${base}/projects/duplicates`);
      await visible(page.getByRole("heading", { name: "Оповещения о дублировании", level: 1 }));
      await page.getByRole("button", { name: "Софинансирование" }).first().click();
      await page
        .getByRole("radio", { name: "Отмеченные" })
        .click({ force: true })
        .catch(() => {});
      await page.goto(`${base}/projects/duplicates?status=labelled`);
      await visible(page.getByText("Отмечено: Софинансирование"));
      await expectAccessible(page, "duplicates (ru)");
      await screenshot(page, "projects-ru-duplicates");
      const notices = await (await tjkContext.request.get(`${base}/api/v1/notifications`)).json();
      expect(JSON.stringify(notices)).toContain("дублирование");

      // Once published (the gap view counts published projects only), the need shows covered.
      const russian = await (await tjkContext.request.get(`${base}/api/v1/projects/${russianId}`)).json();
      await tjk.call("post", `/projects/${russianId}/transition`, { to: "submitted", version: russian.version });
      await coordinator.call("post", `/projects/${russianId}/transition`, {
        to: "published",
        version: russian.version + 1,
      });
      await coordinatorPage.reload();
      await expect
        .poll(() => coordinatorPage.locator("[data-coverage]").first().getAttribute("data-coverage"), WAIT)
        .toBe("covered");
      await expectAccessible(coordinatorPage, "gaps (en)");
      await screenshot(coordinatorPage, "projects-en-gaps");

      // The coordinator imports an IATI file from the web through the shared import flow (issue 16): the upload, the
      // check job with its bar, the shared report naming the rejected activity, then the import job.
      await coordinatorPage.goto(`${base}/projects/exchange`);
      await visible(coordinatorPage.getByRole("heading", { name: "Import and export", level: 1 }));
      await visible(coordinatorPage.getByRole("heading", { name: "Donors and organizations to review" }));
      const iatiCard = coordinatorPage.locator(".mantine-Card-root", {
        has: coordinatorPage.getByRole("heading", { name: "Import IATI activity XML" }),
      });
      await iatiCard.locator('input[type="file"]').setInputFiles({
        name: "adam-sample-2.03.xml",
        mimeType: "application/xml",
        buffer: fs.readFileSync(IATI_SAMPLE),
      });
      await iatiCard.getByRole("button", { name: "Check the file" }).click();
      await visible(iatiCard.getByText("2 projects would be created and 0 projects updated; 1 activity rejected."));
      await visible(iatiCard.getByText(/XM-TEST-0001-NOTITLE: no title/));
      await iatiCard.getByRole("button", { name: "Import", exact: true }).click();
      await visible(coordinatorPage.getByRole("progressbar", { name: "Importing" }));
      await visible(iatiCard.getByText("2 created, 0 updated, 1 rejected"));
      await visible(iatiCard.getByText(/XM-TEST-0001-NOTITLE: no title/));
      await expectAccessible(coordinatorPage, "exchange (en)");
      await screenshot(coordinatorPage, "projects-en-exchange");

      // Issue 16: a spreadsheet of projects through the shared import flow (the check's bar, the report, the value
      // step for a status written in the file's own words, the import's bar), and the answer then listed under
      // "Remembered value mappings" for the partner, where it can be forgotten.
      const sheetCard = coordinatorPage.locator(".mantine-Card-root", {
        has: coordinatorPage.getByRole("heading", { name: "Import a spreadsheet of projects" }),
      });
      await sheetCard.locator('input[type="file"]').setInputFiles({
        name: "projects.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          ["title_en,partner,countries,pillars,stage", "Border posts in Sughd,TJK,TJK,1,Under way"].join("\n"),
        ),
      });
      await sheetCard.getByRole("button", { name: "Check the file" }).click();
      await visible(coordinatorPage.getByRole("progressbar", { name: "Checking the file" }));
      const values = await visible(sheetCard.getByTestId("value-mapping"));
      await visible(values.getByRole("row", { name: /Stage.*Under way.*1 row: 2/ }));
      await values.getByRole("combobox", { name: "Means: Under way" }).click();
      await coordinatorPage.getByRole("option", { name: "Implementation", exact: true }).click();
      await values.getByRole("button", { name: "Use these values and check again" }).click();
      await visible(sheetCard.getByText("1 project would be created and 0 projects updated."));
      await visible(sheetCard.getByTestId("import-report"));
      await sheetCard.getByRole("button", { name: "Import", exact: true }).click();
      await visible(coordinatorPage.getByRole("progressbar", { name: "Importing" }));
      await visible(sheetCard.getByText("1 project was created and 0 projects updated."));
      const remembered = await visible(sheetCard.getByRole("region", { name: "Remembered value mappings" }));
      await visible(remembered.getByRole("row", { name: /Stage .*Under way Implementation/ }));
      await expectAccessible(coordinatorPage, "exchange, spreadsheet imported (en)");
      await coordinatorPage.goto(`${base}/projects/stats`);
      await visible(coordinatorPage.getByRole("heading", { name: "Funding by donor" }));
      await visible(coordinatorPage.getByRole("table", { name: "Pivot table" }));
      await expectAccessible(coordinatorPage, "stats (en)");
      await screenshot(coordinatorPage, "projects-en-stats");

      // The same pages at 360 px.
      const narrow = await newContext(browser, { locale: "ru-RU", width: 360 });
      await narrow.addCookies(await tjkContext.cookies());
      const phone = await narrow.newPage();
      await phone.goto(`${base}/projects`);
      await visible(phone.getByRole("heading", { name: "Проекты технической помощи", level: 1 }));
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await expectAccessible(phone, "projects list (ru, 360 px)");
      await screenshot(phone, "projects-ru-list-360");
      await phone.goto(`${base}/projects/stats`);
      await visible(phone.getByRole("heading", { name: "Финансирование по донорам" }));
      // The donor by its Russian name in the pivot (published projects only: the imported drafts are not counted).
      await visible(phone.getByRole("rowheader", { name: "Соединенные Штаты Америки" }));
      await visible(phone.getByText("Только опубликованные проекты."));
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        1,
      );
      await expectAccessible(phone, "stats (ru, 360 px)");
      await screenshot(phone, "projects-ru-stats-360");
    },
    STEP_TIMEOUT * 2,
  );
});
