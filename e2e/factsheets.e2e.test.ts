import { TOTP } from "otpauth";
import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from "playwright-core";
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
 * The acceptance journey of issue 7: a liaison officer enters and imports the indicators and the officially
 * reported totals of Uzbekistan for 2023, sees the reconciliation explain why the reported heroin total differs
 * from the seizure records, exports the ARQ seizure tables, builds, reviews and publishes the 2023 fact sheet,
 * and downloads it as a PDF in Russian; a visitor then reads the published fact sheet on a phone.
 */
const WAIT = { timeout: 30_000, interval: 100 };
const STEP_TIMEOUT = 240_000;
const NEW_PASSWORD = "a long new passphrase for Tashkent 2026";

async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: "visible", timeout: WAIT.timeout });
  return locator;
}

/** One-time password → new password → 2FA enrolment → terms, through the API of the context. */
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
  return post;
}

const SEIZURES = [
  {
    seizureDate: "2023-01-14",
    drug: "heroin",
    quantity: 42,
    unit: "kg",
    transportMode: "road",
    originCountries: ["AFG"],
  },
  {
    seizureDate: "2023-03-02",
    drug: "heroin",
    quantity: 18500,
    unit: "g",
    transportMode: "rail",
    originCountries: ["AFG"],
  },
  {
    seizureDate: "2023-05-21",
    drug: "heroin",
    quantity: 36,
    unit: "kg",
    transportMode: "road",
    originCountries: ["AFG"],
  },
  {
    seizureDate: "2023-06-09",
    drug: "opium",
    quantity: 310,
    unit: "kg",
    transportMode: "road",
    originCountries: ["AFG"],
  },
  {
    seizureDate: "2023-08-30",
    drug: "cannabis_resin",
    quantity: 95,
    unit: "kg",
    transportMode: "road",
    originCountries: ["AFG"],
  },
  {
    seizureDate: "2022-04-11",
    drug: "heroin",
    quantity: 120,
    unit: "kg",
    transportMode: "road",
    originCountries: ["AFG"],
  },
];

const INDICATORS = [
  "Country,Year,Indicator,Drug,Market,Unit,Currency,USD rate,Typical,Minimum,Maximum,Source",
  "UZB,2023,purity,heroin,retail,%,,,31,9,58,Forensic laboratory",
  "UZB,2023,treatment,opiates,,persons,,,5920,,,Ministry of Health",
  "UZB,2022,treatment,opiates,,persons,,,5660,,,Ministry of Health",
  "UZB,2023,prevalence,opiates,,%,,,0.44,,,Survey 2023",
  "UZB,2023,precursor_seizure,acetic anhydride,,kg,,,3100,,,Customs",
  "UZB,2023,stopped_shipment,acetic anhydride,,kg,,,6000,,,PEN Online",
].join("\n");
const TOTALS = [
  "Country,Year,Drug,Unit,Quantity,Cases,Source",
  "UZB,2023,Героин,kg,112,5,ARQ 2023",
  "UZB,2023,opium,kg,310,1,ARQ 2023",
].join("\n");

async function importFile(page: Page, name: string, content: string) {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Check the file" }).click();
  // The shared import flow: the check job's bar, then the shared report.
  await visible(page.getByRole("progressbar", { name: "Checking the file" }));
  await visible(page.getByTestId("import-report").getByText(/The file is valid/));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await visible(page.getByRole("progressbar", { name: "Importing" }));
  await visible(page.getByText(/Imported \d+ rows?/));
}

describe("fact sheets and national figures", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let officer: BrowserContext;
  let sheetUrl = "";

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    const admin = await newContext(browser);
    const adminPost = await signIn(
      admin.request,
      platform,
      platform.administrator.email,
      platform.administrator.password,
    );
    const created = await adminPost("/users", {
      email: "lo.tashkent@unodc.example",
      displayName: "Dilnoza Yusupova",
      role: "liaison_officer",
      partnerCode: "UNODC",
      countryScopes: ["UZB"],
    });
    officer = await newContext(browser, { locale: "en-GB", width: 1280 });
    const post = await signIn(officer.request, platform, "lo.tashkent@unodc.example", created.oneTimePassword);
    await post("/seizures/terms/accept", {});
    const records: { id: string; version: number }[] = [];
    for (const s of SEIZURES) {
      const r = await post("/seizures", { country: "UZB", sourceType: "official", ...s });
      records.push({ id: r.id, version: r.version });
    }
    // Four-eyes: the officer who entered the records does not validate them.
    await adminPost("/seizures/transitions", { action: "validate", records, expectedCount: records.length });
    await admin.close();
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it(
    "a liaison officer enters indicators and totals, and the reconciliation explains a difference",
    async () => {
      const page = await officer.newPage();
      await page.goto(`${platform.url}/factsheets/data?country=UZB&year=2023`);
      await visible(page.getByRole("heading", { level: 1, name: "National data and ARQ figures" }));
      // One price entered by hand, the rest imported from a spreadsheet.
      await page.getByRole("textbox", { name: "Currency", exact: true }).fill("UZS");
      await page.getByRole("textbox", { name: "USD per unit of currency" }).fill("0.0000840");
      await page.getByRole("textbox", { name: "Typical", exact: true }).fill("359600");
      await page.getByRole("textbox", { name: "Minimum", exact: true }).fill("290000");
      await page.getByRole("textbox", { name: "Maximum", exact: true }).fill("487200");
      await page.getByRole("textbox", { name: "Source", exact: true }).fill("Ministry of Internal Affairs");
      await page.getByRole("button", { name: "Save indicator" }).click();
      await visible(page.getByRole("cell", { name: "359,600" }));
      await importFile(page, "indicators-2023.csv", INDICATORS);
      await visible(page.getByRole("cell", { name: "Forensic laboratory" }));
      await expectAccessible(page, "indicators (en)");
      await screenshot(page, "factsheets-indicators-en");

      await page.getByRole("tab", { name: "Reported totals" }).click();
      await importFile(page, "arq-totals-2023.csv", TOTALS);
      await visible(page.getByRole("cell", { name: "Героин" }));

      await page.getByRole("tab", { name: "Reconciliation" }).click();
      const heroin = (await visible(page.getByTestId("reconciliation-line"))).filter({ hasText: "Героин" });
      await visible(heroin.getByText("Drug name mapped"));
      await visible(heroin.getByText("Months without records"));
      await visible(heroin.getByText(/Includes records in g \(18500\) converted to kg/));
      await visible(heroin.getByRole("table", { name: /records behind the difference/ }));
      await visible(page.getByTestId("reconciliation-line").filter({ hasText: "Opium" }).getByText("Matches"));
      await expectAccessible(page, "reconciliation (en)");
      await screenshot(page, "factsheets-reconciliation-en");

      await page.getByRole("tab", { name: "ARQ figures" }).click();
      await visible(page.getByRole("cell", { name: "18,500" }));
      for (const label of ["ARQ tables (XLSX, English)", "ARQ tables (XLSX, Russian)"]) {
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("link", { name: label }).click(),
        ]);
        const bytes = await download.createReadStream().then(async (s) => {
          const chunks: Buffer[] = [];
          for await (const c of s) chunks.push(c as Buffer);
          return Buffer.concat(chunks);
        });
        expect(bytes.subarray(0, 2).toString()).toBe("PK");
      }
      await expectAccessible(page, "ARQ figures (en)");
      await screenshot(page, "factsheets-arq-en");
    },
    STEP_TIMEOUT,
  );

  it(
    "the liaison officer builds, reviews and publishes the 2023 fact sheet and downloads it as PDF in Russian",
    async () => {
      const page = await officer.newPage();
      await page.goto(`${platform.url}/factsheets`);
      await visible(page.getByRole("heading", { level: 1, name: "Country fact sheets" }));
      await screenshot(page, "factsheets-list-en");
      await page.getByRole("combobox", { name: "Country", exact: true }).click();
      await page.getByRole("option", { name: /Uzbekistan/ }).click();
      await page.getByRole("combobox", { name: "Year", exact: true }).first().click();
      await page.getByRole("option", { name: "2023", exact: true }).click();
      await page.getByRole("button", { name: "Create" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Uzbekistan — 2023" }));
      sheetUrl = page.url();
      await visible(page.getByText("Draft: live figures"));
      await page
        .getByRole("textbox", { name: "Notes (English)" })
        .fill("Heroin seizures fell while retail prices rose.");
      await page
        .getByRole("textbox", { name: "Notes (Russian)" })
        .fill("Изъятия героина сократились, а розничные цены выросли.");
      await page.getByRole("textbox", { name: "Sources" }).fill("DMP seizure records\nARQ 2023, Part III");
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await visible(page.getByText("Saved"));
      await page.getByRole("button", { name: "Submit for review" }).click();
      await visible(page.getByRole("button", { name: "Publish" }));
      await expectAccessible(page, "fact sheet in review (en)");
      await page.getByRole("button", { name: "Publish" }).click();
      await visible(page.getByRole("button", { name: "Start a new edition" }));
      await visible(page.getByText("Edition 1"));
      await visible(page.locator(".maplibregl-canvas"));
      await expectAccessible(page, "published fact sheet (en)");
      await screenshot(page, "factsheets-published-en");

      // The same fact sheet in Russian, downloaded as PDF.
      const ru = await officer.newPage();
      await ru.addInitScript(() => localStorage.setItem("pact.lang", "ru"));
      await ru.goto(sheetUrl);
      await visible(ru.getByRole("heading", { level: 1, name: "Узбекистан — 2023" }));
      await visible(ru.getByText("Изъятия героина сократились, а розничные цены выросли."));
      await ru.getByRole("button", { name: "Скачать", exact: true }).click();
      const [pdf] = await Promise.all([
        ru.waitForEvent("download"),
        ru.getByRole("menuitem", { name: "PDF на русском" }).click(),
      ]);
      expect(pdf.suggestedFilename()).toBe("factsheet-UZB-2023-ru.pdf");
      const stream = await pdf.createReadStream();
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      const bytes = Buffer.concat(chunks);
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect(bytes.length).toBeGreaterThan(20_000);
      await ru.keyboard.press("Escape");
      await expectAccessible(ru, "published fact sheet (ru)");
      await screenshot(ru, "factsheets-published-ru");
    },
    STEP_TIMEOUT,
  );

  it(
    "a visitor reads the published fact sheet in Russian on a phone",
    async () => {
      const visitor = await newContext(browser, { locale: "ru-RU", width: 360 });
      const page = await visitor.newPage();
      await page.goto(`${platform.url}/factsheets`);
      await visible(page.getByRole("heading", { level: 1, name: "Информационные бюллетени по странам" }));
      await page.getByRole("link", { name: "Узбекистан" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Узбекистан — 2023" }));
      await visible(page.getByText("Издание 1"));
      expect(await page.getByRole("button", { name: "Начать новое издание" }).count()).toBe(0);
      await expectAccessible(page, "fact sheet for a visitor (ru, 360 px)");
      await screenshot(page, "factsheets-visitor-ru-360");
      await visitor.close();
    },
    STEP_TIMEOUT,
  );
});
