import { TOTP } from "otpauth";
import type { APIRequestContext, Browser, BrowserContext, Locator } from "playwright-core";
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
 * The acceptance journey of issue 8: an organizer imports a training's participant list, sees who was linked
 * to earlier trainings across spellings and scripts, decides a pair in the review queue, and gets the
 * repeat-training alert for an officer who already completed a course of the same topic and level. Issue 21:
 * an officer written by one clerk in the Russian passport style (Dzhamshid Tashpulatov, with a Cyrillic name)
 * and by another in the Uzbek Latin alphabet with the national patronymic (Toshpoʻlatov Jamshid Rustam oʻgʻli)
 * is recognised, and the repeat raises the alert. Linkage runs as a job after the import: the report gives its
 * outcome when the job has finished, and the review page shows the thresholds in use in both languages.
 */
const WAIT = { timeout: 30_000, interval: 100 };
const STEP_TIMEOUT = 240_000;
const NEW_PASSWORD = "a long new passphrase for Almaty 2026";

async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: "visible", timeout: WAIT.timeout });
  return locator;
}

async function signIn(api: APIRequestContext, platform: RunningPlatform, email: string, password: string) {
  const url = (p: string) => `${platform.url}/api/v1${p}`;
  let csrf = (await (await api.get(url("/auth/me"))).json()).csrfToken as string;
  const post = async (path: string, data: unknown) => {
    const res = await api.post(url(path), { data: data as object, headers: { "x-csrf-token": csrf } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    const body = res.status() === 204 ? {} : await res.json();
    if (body.csrfToken) csrf = body.csrfToken;
    return body;
  };
  await post("/auth/sign-in", { email, password });
  await post("/auth/password", { currentPassword: password, newPassword: NEW_PASSWORD });
  const setup = await post("/auth/2fa/setup", {});
  await post("/auth/2fa/enable", { code: new TOTP({ secret: setup.secret }).generate() });
  csrf = (await (await api.get(url("/auth/me"))).json()).csrfToken;
  const terms = await (await api.get(url("/terms/current"))).json();
  const ids = (terms.items ?? terms).map((v: { id: string }) => v.id);
  if (ids.length) await post("/terms/accept", { termsVersionIds: ids });
  const upload = async (name: string, content: string) => {
    const res = await api.post(url("/files"), {
      multipart: { file: { name, mimeType: "text/csv", buffer: Buffer.from(content) } },
      headers: { "x-csrf-token": csrf },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).id as string;
  };
  return { post, upload };
}

const FIRST_LIST = [
  "full_name,full_name_native,date_of_birth,sex,country,agency,position,completed",
  "Yuriy Kovalev,Ковалёв Юрий Иванович,12.04.1980,M,KAZ,Border Service,Major,yes",
  "Rustam Karimov,Каримов Рустам,1985-06-01,M,UZB,Drug Control Agency,Inspector,yes",
  "Aigul Zhumabaeva,Жумабаева Айгуль,1990-02-03,F,KAZ,Ministry of Internal Affairs,Captain,no",
  "Dzhamshid Tashpulatov,Ташпулатов Джамшид Рустамович,02.11.1979,M,UZB,Customs Committee,Inspector,yes",
].join("\n");

const SECOND_LIST = [
  "ФИО,full_name,Дата рождения,Пол,Страна,Ведомство,Должность",
  "Ковалев Юрий,Iurii Kovalev,1980-04-12,М,KAZ,Border Service,Major",
  ",Karimov R.,,М,UZB,Drug Control Agency,",
  ",Aygul Jumabayeva,,Ж,KGZ,,",
  "Нуриддинов Фаррух,Farrukh Nuriddinov,1988-07-19,М,UZB,Customs,Inspector",
  ",Toshpoʻlatov Jamshid Rustam oʻgʻli,1979-11-02,М,UZB,Customs Committee,Inspector",
].join("\n");

describe("training database: import, linkage, review, repeat alert", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let organizer: BrowserContext;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    const admin = await newContext(browser);
    const { post: adminPost } = await signIn(
      admin.request,
      platform,
      platform.administrator.email,
      platform.administrator.password,
    );
    const created = await adminPost("/users", {
      email: "lo.almaty@unodc.example",
      displayName: "Aliya Nurlanova",
      role: "liaison_officer",
      partnerCode: "UNODC",
      countryScopes: ["KAZ", "UZB"],
    });
    await admin.close();
    organizer = await newContext(browser, { locale: "en-GB", width: 1280 });
    const { post, upload } = await signIn(
      organizer.request,
      platform,
      "lo.almaty@unodc.example",
      created.oneTimePassword,
    );
    await post("/trainings/courses", {
      code: "CD-1",
      title: { en: "Controlled delivery", ru: "Контролируемая поставка" },
      topic: "controlled-delivery",
      level: "basic",
      pillar: 1,
    });
    const first = await post("/trainings", {
      courseId: (await (await organizer.request.get(`${platform.url}/api/v1/trainings/courses`)).json()).items[0].id,
      title: "Controlled delivery, Almaty",
      startsOn: "2025-03-10",
      endsOn: "2025-03-14",
      place: "Almaty",
      country: "KAZ",
      format: "in_person",
    });
    await post(`/trainings/${first.id}/participants/import`, { fileId: await upload("almaty.csv", FIRST_LIST) });
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it(
    "an organizer records a training, imports its list, sees the links and the repeat alert",
    async () => {
      const page = await organizer.newPage();
      await page.goto(`${platform.url}/trainings`);
      await visible(page.getByRole("heading", { level: 1, name: "Training database" }));
      await page.getByRole("link", { name: "New training" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "New training" }));
      await page
        .getByLabel(/^Course/)
        .first()
        .click();
      await page.getByRole("option", { name: /Controlled delivery/ }).click();
      await page.getByLabel(/^Title/).fill("Controlled delivery, Tashkent");
      await page.getByLabel(/^Starts/).fill("2025-09-01");
      await page.getByLabel("Ends").fill("2025-09-05");
      await page.getByRole("textbox", { name: "Place" }).fill("Tashkent");
      await page.getByRole("combobox", { name: "Country", exact: true }).fill("Uzbek");
      await page.getByRole("option", { name: "Uzbekistan", exact: true }).click();
      await page.getByRole("button", { name: "Create training" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Controlled delivery, Tashkent" }));

      await page.getByRole("tab", { name: "Import a list" }).click();
      await page.locator('input[type="file"]').setInputFiles({
        name: "tashkent.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(SECOND_LIST),
      });
      await page.getByRole("button", { name: "Check the file" }).click();
      await visible(page.getByTestId("import-report").getByText("5 participants are ready to import."));
      await page.getByRole("button", { name: "Import", exact: true }).click();
      const report = await visible(page.getByTestId("import-report"));
      await visible(report.getByText("5 participants imported."));
      await visible(report.getByText(/linked to earlier trainings/));
      await visible(report.getByText(/repeat-training alert/));
      await expectAccessible(page, "training import (en)");
      await screenshot(page, "trainings-import-en");

      await page.getByRole("tab", { name: "Participants" }).click();
      const table = await visible(page.getByTestId("participants"));
      await visible(table.getByRole("row", { name: /Iurii Kovalev/ }).getByText("1 other training"));
      await visible(
        page.getByTestId("repeat-alerts").getByText(/Iurii Kovalev already completed “Controlled delivery, Almaty”/),
      );
      // Another clerk, another alphabet: the Uzbek Latin spelling with the national patronymic.
      await visible(table.getByRole("row", { name: /Toshpoʻlatov Jamshid/ }).getByText("1 other training"));
      await visible(
        page
          .getByTestId("repeat-alerts")
          .getByText(/Toshpoʻlatov Jamshid Rustam oʻgʻli already completed “Controlled delivery, Almaty”/),
      );
      await expectAccessible(page, "participants (en)");
      await screenshot(page, "trainings-participants-en");

      await page.getByRole("link", { name: "Training passport" }).first().click();
      await visible(page.getByRole("heading", { level: 1, name: "Training passport" }));
      await page.goBack();

      // The in-app notification of the repeat.
      const notes = await (await organizer.request.get(`${platform.url}/api/v1/notifications`)).json();
      expect(JSON.stringify(notes)).toContain("Iurii Kovalev already completed");
      expect(JSON.stringify(notes)).toContain("Toshpoʻlatov Jamshid Rustam oʻgʻli already completed");
    },
    STEP_TIMEOUT,
  );

  it(
    "decides a pair in the review queue, and the decision holds",
    async () => {
      const page = await organizer.newPage();
      await page.goto(`${platform.url}/trainings/review`);
      await visible(page.getByRole("heading", { level: 1, name: "Person linkage: review" }));
      const pair = (await visible(page.getByTestId("review-pair"))).filter({ hasText: "Aygul Jumabayeva" });
      await visible(pair.getByRole("table", { name: /Why/ }).getByText("same name in another spelling"));
      await visible(pair.getByRole("row", { name: /Country/ }).getByText("different"));
      // The thresholds behind the queue: too few decisions yet, so the defaults, and the page says so.
      const thresholds = await visible(page.getByTestId("linkage-thresholds"));
      await visible(thresholds.getByText("Automatic link threshold 0.5 (default)"));
      await visible(thresholds.getByText(/The defaults are in use/));
      await expectAccessible(page, "review queue (en)");
      await screenshot(page, "trainings-review-en");
      await pair.getByRole("button", { name: "The same person" }).click();
      await expect
        .poll(() => page.getByTestId("review-pair").filter({ hasText: "Aygul Jumabayeva" }).count(), WAIT)
        .toBe(0);

      // The same pages in Russian, on a phone.
      const phone = await newContext(browser, { locale: "ru-RU", width: 360 });
      await phone.addCookies(await organizer.cookies());
      const ru = await phone.newPage();
      await ru.goto(`${platform.url}/trainings`);
      await ru
        .locator("label", { hasText: "RU" })
        .first()
        .click()
        .catch(() => undefined);
      await visible(ru.getByRole("heading", { level: 1, name: "База данных обучения" }));
      await ru.getByRole("link", { name: "Controlled delivery, Tashkent" }).click();
      await visible(ru.getByTestId("participants"));
      await expectAccessible(ru, "participants (ru, 360px)");
      await screenshot(ru, "trainings-participants-ru-360");
      await ru.goto(`${platform.url}/trainings/review`);
      await visible(ru.getByTestId("linkage-thresholds").getByText("Порог автоматической связи 0,5 (по умолчанию)"));
      await ru.goto(`${platform.url}/trainings/reports`);
      await visible(ru.getByRole("heading", { level: 1, name: "Прошедшие обучение" }));
      await expectAccessible(ru, "reports (ru, 360px)");
      await screenshot(ru, "trainings-reports-ru-360");
      await phone.close();
    },
    STEP_TIMEOUT,
  );
  it(
    "imports a list whose headers no layout knows after the person matches its columns",
    async () => {
      const page = await organizer.newPage();
      await page.goto(`${platform.url}/trainings`);
      await page.getByRole("link", { name: "Controlled delivery, Almaty" }).first().click();
      await visible(page.getByRole("heading", { level: 1, name: "Controlled delivery, Almaty" }));
      await page.getByRole("tab", { name: "Import a list" }).click();
      // A ministry's own list: headers no layout knows.
      await page.locator('input[type="file"]').setInputFiles({
        name: "ministry.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(["Слушатель;Родился;Гражданство", "Ержан Сапаров;1988-02-03;KAZ"].join("\n")),
      });
      await page.getByRole("button", { name: "Check the file" }).click();
      const step = await visible(page.getByTestId("column-mapping"));
      // Each column with its first value, to match it by.
      await visible(step.getByRole("row", { name: /Слушатель.*Ержан Сапаров/ }));
      for (const [column, field] of [
        ["Слушатель", "Name in the original script"],
        ["Родился", "Date of birth"],
        ["Гражданство", "Country"],
      ] as const) {
        await step.getByRole("combobox", { name: `Field for column ${column}` }).click();
        await page.getByRole("option", { name: field, exact: true }).click();
      }
      await expectAccessible(page, "training import, column step (en)");
      await screenshot(page, "trainings-import-columns-en");
      await step.getByRole("button", { name: "Use these columns and check again" }).click();
      await visible(page.getByTestId("import-report").getByText("1 participant is ready to import."));
      await page.getByRole("button", { name: "Import", exact: true }).click();
      await visible(page.getByTestId("import-report").getByText("1 participant imported."));
      await page.getByRole("tab", { name: "Participants" }).click();
      await visible(page.getByTestId("participants").getByText("Ержан Сапаров"));
    },
    STEP_TIMEOUT,
  );
});
