import ExcelJS from "exceljs";
import { TOTP } from "otpauth";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_FIELDS } from "../src/common/seizures.js";
import { generateSeizures } from "../src/server/modules/seizures/seizures.demo.js";
import { IDS_HEADER, idsWorkbook } from "../src/server/modules/seizures/seizures.fixtures.js";
import {
  apiSession,
  expectAccessible,
  launchBrowser,
  newContext,
  type RunningPlatform,
  screenshot,
  startPlatform,
} from "./harness.js";

/**
 * The DMP journeys of issue 6 ("Done when"): a liaison officer imports a real-format IDS spreadsheet, fixes the
 * reported bad rows, has a second officer validate it (four-eyes, issue 17; in Russian, confirming the count) and
 * publishes; a member explores dashboards and maps in Russian; a visitor sees only suppressed aggregates. Issue 16:
 * an officer working in Russian imports a file in UNODC's own IDS labels with one label no list knows, maps it once
 * in the value-mapping step, and the next file of the same country needs no step.
 */

const WAIT = { timeout: 30_000, interval: 100 };
const STEP_TIMEOUT = 240_000;
const NEW_PASSWORD = "a long new passphrase for Vienna 2026";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const SCOPES = ["TJK", "UZB", "KAZ", "TUR", "KGZ", "TKM"];

async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: "visible", timeout: WAIT.timeout });
  return locator;
}

/** Signs a context in through the API: one-time password → new password → 2FA when the role needs it → terms. */
async function signIn(
  context: BrowserContext,
  platform: RunningPlatform,
  email: string,
  password: string,
  twoFactor: boolean,
) {
  const { post, acceptTerms } = await apiSession(context, platform);
  await post("/auth/sign-in", { email, password });
  await post("/auth/password", { currentPassword: password, newPassword: NEW_PASSWORD });
  if (twoFactor) {
    const setup = await post("/auth/2fa/setup", {});
    await post("/auth/2fa/enable", { code: new TOTP({ secret: setup.secret }).generate() });
  }
  await acceptTerms();
  return post;
}

/**
 * axe files text in the colour of its own background under "incomplete", not as a violation: the light status
 * badges once rendered teal on teal and passed it. So measure every badge's text against its background (over
 * the white page) ourselves, at the AA ratio for small text.
 */
async function expectReadableBadges(page: Page, label: string) {
  const unreadable = await page.locator(".mantine-Badge-root").evaluateAll((badges) =>
    badges.flatMap((badge) => {
      const style = getComputedStyle(badge);
      const [text = 0, background = 0] = [style.color, style.backgroundColor].map((color) => {
        const [r = 0, g = 0, b = 0, a = 1] = (color.match(/[\d.]+/g) ?? []).map(Number);
        const [lr = 0, lg = 0, lb = 0] = [r, g, b].map((channel) => {
          const c = (channel * a + 255 * (1 - a)) / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
      });
      const ratio = (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05);
      return ratio >= 4.5
        ? []
        : [`${badge.textContent}: ${ratio.toFixed(2)}:1 (${style.color} on ${style.backgroundColor})`];
    }),
  );
  expect(unreadable, `badges below 4.5:1 on ${label}`).toEqual([]);
}

/**
 * A file in our template's layout: generated seizures along the routes, in the liaison officer's countries but
 * Kazakhstan (the IDS file's). They are shared `public` (what visitors' statistics count), but for Turkmenistan,
 * whose one public seizure stays under the public suppression threshold.
 */
function templateCsv(n: number): string {
  const header = IMPORT_FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  let turkmenPublic = 0;
  const sharingOf = (country: string) => {
    if (country !== "TKM") return "public";
    turkmenPublic += 1;
    return turkmenPublic === 1 ? "public" : "members";
  };
  const rows = generateSeizures(n * 3, 7)
    .filter((s) => SCOPES.includes(s.country) && s.country !== "KAZ")
    .slice(0, n)
    .map((s) => {
      // By field, not by position: the columns follow IMPORT_FIELDS, whose order is the field registry's.
      const cells: Partial<Record<(typeof IMPORT_FIELDS)[number], string | number | null>> = {
        seizureDate: s.seizureDate,
        datePrecision: "day",
        country: s.country,
        latitude: s.latitude,
        longitude: s.longitude,
        coordPrecision: "place",
        drug: s.drug,
        quantity: s.quantity,
        unit: s.unit,
        placeType: s.placeType,
        transportMode: s.transportMode,
        originCountries: s.originCountries.join(";"),
        transitCountries: s.transitCountries.join(";"),
        destinationCountries: s.destinationCountries.join(";"),
        route: s.route,
        sourceType: s.sourceType,
        sourceReference: "e2e",
        sharing: sharingOf(s.country),
      };
      return IMPORT_FIELDS.map((f) => cells[f] ?? "").join(",");
    });
  return [header.join(","), ...rows].join("\n");
}

async function uploadAndCheck(page: Page, name: string, buffer: Buffer, mimeType: string, check = "Check the file") {
  const input = page.locator('input[type="file"]');
  await input.setInputFiles({ name, mimeType, buffer });
  // Just after the terms are accepted the page may still be settling and drop the choice: choose the file again
  // until the import flow shows it (once failed in a loaded run with the check button left disabled).
  const flow = page.getByTestId("import-flow");
  await expect
    .poll(async () => {
      const shown = (await flow.innerText()).includes(name);
      if (!shown) await input.setInputFiles({ name, mimeType, buffer });
      return shown;
    }, WAIT)
    .toBe(true);
  await page.getByRole("button", { name: check }).click();
  return visible(page.getByTestId("import-report"));
}

/** An IDS export in UNODC's own labels (as the data portal writes them), with `unknown` as one drug's label. */
async function unodcLabelsWorkbook(unknown: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Export");
  ws.addRow(IDS_HEADER);
  const row = (drug: string, unit: string, quantity: string, place: string, mode: string) =>
    ws.addRow([
      "2024-03-10",
      "Tajikistan",
      "TJK",
      "Asia",
      "Central Asia",
      "Dushanbe",
      "Dushanbe",
      drug,
      unit,
      quantity,
      place,
      mode,
    ]);
  row("Crack cocaine", "g", "120.5", "Road/ Street/highway", "Car/motorcycle");
  row("Cannabis seeds", "unit", "40", "Private dwelling/Residence/Home/Private Garage", "Data not available");
  row("Dimethyltryptamine (DMT)", "tablet/pill", "25", "Post Office", "Postal/Mail/Express Parcel");
  row(unknown, "kg", "3", "Seaport/Riverport station/Harbour", "Vessel/boat");
  row(unknown, "kg", "1.2", "Airport", "Airplane");
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("DMP: seizures from import to public statistics", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof signIn>>;
  const people: Record<string, { email: string; password: string }> = {};

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    const context = await newContext(browser);
    admin = await signIn(context, platform, platform.administrator.email, platform.administrator.password, true);
    for (const [key, role, extra] of [
      ["liaison", "liaison_officer", { partnerCode: "UNODC", countryScopes: SCOPES }],
      // Four-eyes: a second officer of the same countries validates what the first one imported.
      ["checker", "liaison_officer", { partnerCode: "UNODC", countryScopes: SCOPES, language: "ru" }],
      ["member", "member", { partnerCode: "TUR", language: "ru" }],
      ["coordinator", "coordinator", { partnerCode: "UNODC" }],
      ["importer", "liaison_officer", { partnerCode: "UNODC", countryScopes: SCOPES, language: "ru" }],
    ] as const) {
      const created = await admin("/users", { email: `${key}@example.org`, displayName: `E2E ${key}`, role, ...extra });
      people[key] = { email: `${key}@example.org`, password: created.oneTimePassword };
    }
    await context.close();
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await checkerContext?.close();
    await browser?.close();
    await platform?.stop();
  });

  /** The second officer, in Russian, validates a whole imported file, confirming the count the dialog names. */
  let checkerContext: BrowserContext | null = null;
  async function validateAsChecker(batchUrl: string, count: number) {
    if (!checkerContext) {
      checkerContext = await newContext(browser, { locale: "ru-RU", width: 1280 });
      const checker = people.checker as { email: string; password: string };
      const post = await signIn(checkerContext, platform, checker.email, checker.password, true);
      await post("/seizures/terms/accept", {});
    }
    const page = await checkerContext.newPage();
    await page.goto(batchUrl);
    await page.getByRole("button", { name: "Подтвердить весь файл" }).click();
    const dialog = page.getByRole("dialog");
    await visible(dialog.getByText(`Подтвердить ${count} записей?`));
    if (count === 5) {
      await screenshot(page, "seizures-confirm-validate-ru");
      await expectAccessible(page, "confirm validation (ru)");
    }
    await dialog.getByRole("button", { name: "Подтвердить", exact: true }).click();
    await visible(page.getByText(`Изменено ${count} записей.`));
    await page.close();
  }

  it(
    "a liaison officer imports an IDS spreadsheet, fixes the bad rows, validates and publishes",
    async () => {
      const context = await newContext(browser, { locale: "en-GB", width: 1280 });
      const liaison = people.liaison as { email: string; password: string };
      await signIn(context, platform, liaison.email, liaison.password, true);
      const page = await context.newPage();
      await page.goto(`${platform.url}/seizures/import`);
      await visible(page.getByRole("heading", { level: 1, name: "Import seizures" }));
      // The DMP's own terms of use come first.
      await page.getByRole("button", { name: "I accept the terms of use" }).click();

      const refused = await uploadAndCheck(page, "ids-export.xlsx", await idsWorkbook({ bad: true }), XLSX);
      await visible(refused.getByText("The file was refused: nothing was imported"));
      const issues = refused.getByRole("table", { name: /Problems by row/ });
      // A drug no list knows is not a problem of the row but a value to match (issue 16), shown once.
      await visible(page.getByTestId("value-mapping").getByRole("cell", { name: "Unobtainium" }));
      await visible(issues.getByRole("row", { name: /^10 Seizure Date 2099-01-01 .*future/ }));
      await visible(issues.getByRole("row", { name: /^11 Quantity Seized about five .*Not a number/ }));
      await screenshot(page, "seizures-import-refused-en");
      await expectAccessible(page, "import refused (en)");

      // The fixed spreadsheet: checked, imported, then validated and published as a batch.
      const checked = await uploadAndCheck(page, "ids-export-fixed.xlsx", await idsWorkbook(), XLSX);
      await visible(checked.getByText("5 seizures are ready to import."));
      await page.getByRole("button", { name: "Import", exact: true }).click();
      await visible(page.getByText(/5 seizures imported as entered/));
      await screenshot(page, "seizures-import-done-en");
      await page.getByRole("link", { name: /Open the imported records/ }).click();
      await visible(page.getByText("5 records"));
      await expect.poll(() => page.getByRole("cell", { name: "Entered", exact: true }).count(), WAIT).toBe(5);
      await expectReadableBadges(page, "entered records");
      // Four-eyes: the officer who imported the file cannot validate it; a second officer does.
      await page.getByRole("button", { name: "Validate the whole file" }).click();
      await visible(page.getByRole("dialog").getByText(/None of these records can take this step by you/));
      await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
      await validateAsChecker(page.url(), 5);
      await page.reload();
      await expect.poll(() => page.getByRole("cell", { name: "Validated", exact: true }).count(), WAIT).toBe(5);
      await expectReadableBadges(page, "validated records");
      await page.getByRole("button", { name: "Publish the whole file" }).click();
      await visible(page.getByRole("dialog").getByText("Publish 5 records?"));
      await screenshot(page, "seizures-confirm-publish-en");
      await expectAccessible(page, "confirm publication (en)");
      await page.getByRole("dialog").getByRole("button", { name: "Publish", exact: true }).click();
      await visible(page.getByText("5 records changed."));
      await expect.poll(() => page.getByRole("cell", { name: "Published", exact: true }).count(), WAIT).toBe(5);
      await screenshot(page, "seizures-records-en");
      await expectAccessible(page, "records (en)");
      await expectReadableBadges(page, "published records");

      // A longer file in our template, so the dashboards and maps have something to show.
      await page.goto(`${platform.url}/seizures/import`);
      const big = await uploadAndCheck(page, "template.csv", Buffer.from(templateCsv(400)), "text/csv");
      await visible(big.getByText("400 seizures are ready to import."));
      await page.getByRole("button", { name: "Import", exact: true }).click();
      await page.getByRole("link", { name: /Open the imported records/ }).click();
      await visible(page.getByText("400 records"));
      await validateAsChecker(page.url(), 400);
      await page.reload();
      await page.getByRole("button", { name: "Publish the whole file" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Publish", exact: true }).click();
      await visible(page.getByText("400 records changed."));

      // One record: its page, with its history, locked once published.
      await page
        // Named by its date as reported, in the reader's format: "7 Mar 2024", "Mar 2024" or "2024".
        .getByRole("link", { name: /^(?:(?:\d{1,2} )?[A-Z][a-z]{2,3} )?\d{4}$/ })
        .first()
        .click();
      await visible(page.getByRole("heading", { level: 1, name: "Seizure" }));
      await visible(page.getByText(/Published records are locked/));
      await visible(page.getByRole("button", { name: "Correct" }));
      await screenshot(page, "seizures-record-en");
      await expectAccessible(page, "record (en)");
      await expectReadableBadges(page, "record (en)");
      // On a phone the history table scrolls sideways: its scrolling region must be reachable by keyboard.
      await page.setViewportSize({ width: 360, height: 900 });
      const region = page.getByRole("group", { name: "Scrollable table" }).first();
      await expect
        .poll(() => region.evaluate((el) => el.scrollWidth > el.clientWidth && el.tabIndex === 0), WAIT)
        .toBe(true);
      await screenshot(page, "seizures-record-en-360");
      await expectAccessible(page, "record (en, 360)");
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it(
    "an officer imports UNODC's own labels in Russian, matching the one label no list knows once",
    async () => {
      const context = await newContext(browser, { locale: "ru-RU", width: 1280 });
      const importer = people.importer as { email: string; password: string };
      await signIn(context, platform, importer.email, importer.password, true);
      const page = await context.newPage();
      await page.goto(`${platform.url}/seizures/import`);
      await visible(page.getByRole("heading", { level: 1, name: "Импорт изъятий" }));
      await page.getByRole("button", { name: "Я принимаю условия использования" }).click();

      const file = await unodcLabelsWorkbook("Черный гашиш");
      const held = await uploadAndCheck(page, "ids-unodc.xlsx", file, XLSX, "Проверить файл");
      // The shared import flow of every module: the check ran as a job whose bar (ARIA progressbar, named in
      // Russian) stays at 100% above the shared report.
      const checking = await visible(page.getByRole("progressbar", { name: "Проверка файла" }));
      await expect.poll(() => checking.getAttribute("aria-valuenow")).toBe("100");
      expect(await page.getByTestId("import-flow").getByTestId("import-report").count()).toBe(1);
      await visible(held.getByText("Перед импортом сопоставьте значения"));
      // The report names the layout in words and holds no raw code.
      await visible(held.getByText(/Формат: выгрузка IDS УНП ООН/));
      expect(await held.innerText()).not.toMatch(/unodc-ids|[a-z]+_[a-z]+/);
      const step = await visible(page.getByTestId("value-mapping"));
      await visible(step.getByRole("heading", { name: "Сопоставление значений" }));
      await visible(step.getByRole("row", { name: /Наркотик или вещество.*Черный гашиш.*2 строки: 5, 6/ }));
      await screenshot(page, "seizures-import-values-ru");
      await expectAccessible(page, "value mapping (ru)");
      await step.getByRole("combobox", { name: "Означает: Черный гашиш" }).fill("гашиш");
      await page.getByRole("option", { name: "Смола каннабиса (гашиш)" }).click();
      await step.getByRole("button", { name: "Применить значения и проверить снова" }).click();
      await visible(page.getByTestId("import-report").getByText("5 изъятий готовы к импорту."));
      await page.getByRole("button", { name: "Импортировать", exact: true }).click();
      const importing = await visible(page.getByRole("progressbar", { name: "Импорт" }));
      await visible(page.getByText(/Импортировано 5 изъятий/));
      expect(await importing.getAttribute("aria-valuenow")).toBe("100");
      await screenshot(page, "seizures-import-values-done-ru");

      // The next file of the same country and layout: the answer is remembered, no step is needed.
      await page.reload();
      const again = await uploadAndCheck(page, "ids-unodc-2.xlsx", file, XLSX, "Проверить файл");
      await visible(again.getByText("5 изъятий готовы к импорту."));
      await visible(page.getByTestId("value-mapping").getByText("Запомнено по прежним файлам"));
      await expectAccessible(page, "value mapping remembered (ru)");

      // What the import remembers is listed below, and a wrong answer is forgotten with the keyboard alone: the
      // next check of the file asks about the value again.
      const remembered = await visible(page.getByTestId("remembered-mappings"));
      await visible(remembered.getByRole("heading", { name: "Запомненные сопоставления значений" }));
      await visible(remembered.getByRole("row", { name: /Черный гашиш.*Смола каннабиса \(гашиш\)/ }));
      await screenshot(page, "seizures-import-remembered-ru");
      await expectAccessible(page, "remembered values (ru)");
      const forget = remembered.getByRole("button", { name: /^Забыть сопоставление «Черный гашиш»/ });
      await forget.focus();
      await page.keyboard.press("Enter");
      const confirm = await visible(page.getByRole("dialog", { name: "Забыть это сопоставление?" }));
      await confirm.getByRole("button", { name: "Забыть сопоставление" }).focus();
      await page.keyboard.press("Enter");
      await visible(remembered.getByRole("status").getByText(/«Черный гашиш» забыто/));
      await remembered.getByRole("row", { name: /Черный гашиш/ }).waitFor({ state: "detached" });
      await page.reload();
      const asked = await uploadAndCheck(page, "ids-unodc-3.xlsx", file, XLSX, "Проверить файл");
      await visible(asked.getByText("Перед импортом сопоставьте значения"));
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it(
    "a member explores the dashboards and maps in Russian",
    async () => {
      for (const width of [1280, 360]) {
        const context = await newContext(browser, { locale: "ru-RU", width });
        const member = people.member as { email: string; password: string };
        if (width === 1280) await signIn(context, platform, member.email, member.password, false);
        else {
          const api = context.request;
          const csrf = (await (await api.get(`${platform.url}/api/v1/auth/me`)).json()).csrfToken;
          await api.post(`${platform.url}/api/v1/auth/sign-in`, {
            data: { email: member.email, password: NEW_PASSWORD },
            headers: { "x-csrf-token": csrf },
          });
        }
        const page = await context.newPage();
        await page.goto(`${platform.url}/seizures`);
        await visible(page.getByRole("heading", { level: 1, name: "Изъятия наркотиков" }));
        if (width === 1280) await page.getByRole("button", { name: "Я принимаю условия использования" }).click();
        await visible(page.getByText("Опубликованные изъятия"));
        await expect
          .poll(async () => Number((await page.getByTestId("total-cases").innerText()).replace(/\s/g, "")), WAIT)
          .toBe(405);
        await visible(page.getByRole("heading", { name: "Изъято (кг) по месяцам и группам веществ" }));
        await page.waitForTimeout(1000);
        await screenshot(page, `seizures-dashboard-ru-${width}`);
        await expectAccessible(page, `dashboard (ru, ${width})`);

        await page.goto(`${platform.url}/seizures/map?countries=TJK,UZB`);
        await visible(page.getByRole("heading", { level: 1, name: "Карта изъятий" }));
        await visible(page.locator(".maplibregl-canvas"));
        await page.waitForTimeout(1500);
        await screenshot(page, `seizures-map-ru-${width}`);
        await expectAccessible(page, `map (ru, ${width})`);
        await page.getByText("Потоки незаконного оборота").first().click();
        await page.waitForTimeout(1500);
        await screenshot(page, `seizures-flows-ru-${width}`);
        await context.close();
      }
    },
    STEP_TIMEOUT,
  );

  it(
    "a member's first screen of the dashboard, the map and ADAM statistics comes from the server, in Russian",
    async () => {
      const context = await newContext(browser, { locale: "ru-RU", width: 1280 });
      const member = people.member as { email: string; password: string };
      const api = context.request;
      const csrf = (await (await api.get(`${platform.url}/api/v1/auth/me`)).json()).csrfToken;
      await api.post(`${platform.url}/api/v1/auth/sign-in`, {
        data: { email: member.email, password: NEW_PASSWORD },
        headers: { "x-csrf-token": csrf },
      });
      const page = await context.newPage();
      // Hold the app's code back: what is drawn meanwhile is the HTML the server rendered for this member.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(/\/assets\/.*\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      for (const [path, heading] of [
        ["/seizures/map", "Карта изъятий"],
        ["/projects/stats", "Графики и таблицы"],
        ["/seizures", "Изъятия наркотиков"],
      ] as const) {
        await page.goto(`${platform.url}${path}`, { waitUntil: "commit" });
        await expect.poll(() => page.locator("main h1").textContent(), WAIT).toBe(heading);
        expect(await page.locator("[data-prerendered]").count()).toBe(1);
        expect(await page.locator("main h2").count()).toBeGreaterThan(0);
        await expectAccessible(page, `prerendered ${path} (ru)`);
      }
      await expect.poll(() => page.locator("main").textContent()).toContain("405");
      await screenshot(page, "seizures-dashboard-prerendered-ru");
      release();
      await expect.poll(() => page.locator("[data-prerendered]").count(), WAIT).toBe(0);
      await expect
        .poll(async () => Number((await page.getByTestId("total-cases").innerText()).replace(/\s/g, "")), WAIT)
        .toBe(405);
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it(
    "a visitor sees only suppressed aggregates",
    async () => {
      const context = await newContext(browser, { locale: "en-GB", width: 360 });
      const page = await context.newPage();
      const records = await context.request.get(`${platform.url}/api/v1/seizures`);
      expect(records.status()).toBe(401);
      const stats = await (
        await context.request.get(`${platform.url}/api/v1/seizures/public-stats?groupBy=country`)
      ).json();
      expect(stats.rows.length).toBeGreaterThan(0);
      for (const row of stats.rows) {
        expect(Object.keys(row).sort()).toEqual(["cases", "country", "massKg", "quantity", "suppressed", "withheld"]);
        if (row.suppressed) expect(row.cases).toBeNull();
      }
      expect(stats.rows.some((r: { suppressed: boolean }) => r.suppressed)).toBe(true);
      await page.goto(`${platform.url}/seizures`);
      await visible(page.getByRole("heading", { level: 1, name: "Drug seizures" }));
      await visible(page.getByText(/Visitors see aggregated figures of the records their providers made public/));
      await visible(page.getByRole("heading", { name: "Seizures by year and drug group" }));
      await page.waitForTimeout(1000);
      await screenshot(page, "seizures-public-en-360");
      await expectAccessible(page, "public statistics (en, 360)");
      await page.locator("label", { hasText: /^By country$/ }).click();
      await visible(page.getByRole("heading", { name: "Seizures by country" }));
      await visible(page.getByText(/too few seizures to show/));
      await screenshot(page, "seizures-public-country-en-360");
      await expectAccessible(page, "public by country (en, 360)");
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it(
    "a coordinator turns four-eyes validation off for one country, and it is audited",
    async () => {
      const context = await newContext(browser, { locale: "en-GB", width: 1280 });
      const coordinator = people.coordinator as { email: string; password: string };
      await signIn(context, platform, coordinator.email, coordinator.password, true);
      const page = await context.newPage();
      await page.goto(`${platform.url}/seizures/settings`);
      await visible(page.getByRole("heading", { level: 1, name: "Validation settings" }));
      await visible(page.getByText("Four-eyes validation is on for every country."));
      await page.getByLabel("Change the setting of another country").first().fill("Kyrgyz");
      await page.getByRole("option", { name: /Kyrgyzstan/ }).click();
      const toggle = page.getByRole("switch", { name: "Four-eyes validation for Kyrgyzstan" });
      await expect.poll(() => toggle.isChecked(), WAIT).toBe(true);
      await toggle.click({ force: true });
      await expect.poll(() => toggle.isChecked(), WAIT).toBe(false);
      await visible(page.getByText("Off", { exact: true }));
      await screenshot(page, "seizures-settings-en");
      await expectAccessible(page, "validation settings (en)");
      const audit = await (
        await context.request.get(`${platform.url}/api/v1/audit?action=seizure.settings.update`)
      ).json();
      expect(audit.total).toBe(1);
      await context.close();
    },
    STEP_TIMEOUT,
  );
});
