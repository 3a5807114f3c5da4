import { TOTP } from "otpauth";
import type { APIRequestContext, Browser, BrowserContext, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDS_HEADER } from "../src/server/modules/seizures/seizures.fixtures.js";
import { type Cell, openXmlSdkWorkbook } from "../test/spreadsheet-fixtures.js";
import {
  expectAccessible,
  launchBrowser,
  newContext,
  type RunningPlatform,
  screenshot,
  startPlatform,
} from "./harness.js";

/**
 * Issue 16, in Russian in the browser: a participant list that names one officer twice asks once whether to merge
 * the repeats or keep both (nothing written before), and imports after the answer; the seizure import says how it
 * read a Russian Excel's `;` CSV in Windows-1251 (decimal comma) and how many rows each yearly sheet of a workbook
 * gave.
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
  return post;
}

const REPEATS_LIST = [
  "full_name,full_name_native,date_of_birth,sex,country,agency,position,completed",
  "Aibek Nurlanov,Айбек Нурланов,1985-04-12,M,KAZ,Customs,,no",
  "Dilnoza Karimova,,1990-01-01,F,UZB,Police,Inspector,yes",
  "AIBEK NURLANOV,,12.04.1985,M,KAZ,,Senior inspector,yes",
  "Dilnoza Karimova,,1990-01-01,F,UZB,,,no",
].join("\n");

/** Bytes of `text` in Windows-1251, from the runtime's own decoding table. */
function windows1251(text: string): Buffer {
  const table = new Map<string, number>();
  const decoded = new TextDecoder("windows-1251").decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  for (const [i, ch] of [...decoded].entries()) table.set(ch, i);
  return Buffer.from([...text].map((ch) => table.get(ch) as number));
}

const idsRow = (date: string, quantity: string): Cell[] => [
  date,
  "Tajikistan",
  "TJK",
  "Asia",
  "Central Asia",
  "Dushanbe",
  "Dushanbe",
  "Heroin",
  "kg",
  quantity,
  "Airport",
  "Airplane",
];

describe("imports of files others wrote, in Russian", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let officer: BrowserContext;
  let trainingId: string;

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
      email: "lo.dushanbe@unodc.example",
      displayName: "Farrukh Saidov",
      role: "liaison_officer",
      partnerCode: "UNODC",
      countryScopes: ["KAZ", "UZB", "TJK"],
    });
    await admin.close();
    officer = await newContext(browser, { locale: "ru-RU", width: 1280 });
    const post = await signIn(officer.request, platform, "lo.dushanbe@unodc.example", created.oneTimePassword);
    await post("/seizures/terms/accept", {});
    const course = await post("/trainings/courses", {
      code: "RP-1",
      title: { en: "Risk profiling", ru: "Профилирование рисков" },
      topic: "risk-profiling",
      level: "basic",
      pillar: 1,
    });
    const training = await post("/trainings", {
      courseId: course.id,
      title: "Профилирование рисков, Алматы",
      startsOn: "2025-03-10",
      endsOn: "2025-03-14",
      place: "Алматы",
      country: "KAZ",
      format: "in_person",
    });
    trainingId = training.id;
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it(
    "a list naming an officer twice asks once, writes nothing before, and imports after «merge»",
    async () => {
      const page = await officer.newPage();
      await page.goto(`${platform.url}/trainings/${trainingId}`);
      await page.getByRole("tab", { name: "Импорт списка" }).click();
      await page.locator('input[type="file"]').setInputFiles({
        name: "алматы.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(REPEATS_LIST),
      });
      // The shared import flow: the check finds the repeats and asks once, before anything is written.
      await page.getByRole("button", { name: "Проверить файл" }).click();
      // The check is a job with its progress bar, as in every import of the web (issue 16).
      await visible(page.getByRole("progressbar", { name: "Проверка файла" }));
      const repeats = await visible(page.getByTestId("repeats"));
      await visible(repeats.getByText("В списке есть повторы участников"));
      await visible(repeats.getByText(/^2 строки повторяют участника из строки выше/));
      await visible(repeats.getByText("Строка 4 повторяет строку 2: AIBEK NURLANOV"));
      const before = await (
        await officer.request.get(`${platform.url}/api/v1/trainings/${trainingId}/participants`)
      ).json();
      expect(before.total).toBe(0);
      await expectAccessible(page, "participant list repeats (ru)");
      await screenshot(page, "trainings-import-repeats-ru");

      await repeats.getByRole("button", { name: "Объединить каждый повтор с первой строкой" }).click();
      await visible(page.getByText("2 повторные строки объединены с первой строкой."));
      await page.getByRole("button", { name: "Импортировать", exact: true }).click();
      await visible(page.getByRole("progressbar", { name: "Импорт" }));
      const report = await visible(page.getByTestId("import-report"));
      await visible(report.getByText(/Импортировано 2 участника\./));
      const after = await (
        await officer.request.get(`${platform.url}/api/v1/trainings/${trainingId}/participants`)
      ).json();
      expect(after.total).toBe(2);
    },
    STEP_TIMEOUT,
  );

  it(
    "the seizure import says how it read a Russian `;` CSV and a workbook of yearly sheets",
    async () => {
      const page = await officer.newPage();
      await page.goto(`${platform.url}/seizures/import`);
      const csv = [
        IDS_HEADER.join(";"),
        ...["1,5", "0,25", "1 250,75"].map((q, i) => idsRow(`0${i + 1}.03.2022`, q).join(";")),
      ].join("\r\n");
      await page.locator('input[type="file"]').setInputFiles({
        name: "изъятия.csv",
        mimeType: "text/csv",
        buffer: windows1251(`${csv}\r\n`),
      });
      await page.getByRole("button", { name: "Проверить файл" }).click();
      const report = await visible(page.getByTestId("import-report"));
      await visible(report.getByText("3 изъятия готовы к импорту."));
      await visible(report.getByText("Десятичный разделитель: запятая; разделитель тысяч: пробел (по числам файла)"));
      await expectAccessible(page, "seizure import, decimal comma (ru)");

      await page.goto(`${platform.url}/seizures/import`);
      const year = (y: number, n: number) => ({
        name: String(y),
        rows: [[...IDS_HEADER], ...Array.from({ length: n }, (_, i) => idsRow(`${y}-0${i + 1}-15`, `${i + 1}.5`))],
      });
      await page.locator('input[type="file"]').setInputFiles({
        name: "IDS_release.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: openXmlSdkWorkbook([{ name: "Notes", rows: [["Source: UNODC"]] }, year(2019, 3), year(2020, 2)]),
      });
      await page.getByRole("button", { name: "Проверить файл" }).click();
      const yearly = await visible(page.getByTestId("import-reading"));
      await visible(yearly.getByText("Листы, загруженные вместе"));
      await visible(yearly.getByText("2019: 3 строки"));
      await visible(yearly.getByText("2020: 2 строки"));
      await visible(yearly.getByText("Не загружены (нет таблицы со столбцами этого импорта): Notes"));
      await expectAccessible(page, "seizure import, yearly sheets (ru)");
      await screenshot(page, "seizures-import-yearly-ru");
    },
    STEP_TIMEOUT,
  );
});
