import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isIso3 } from "../src/common/countries.js";
import { SPREADSHEETS } from "../src/server/platform/files.js";
import { createTestApp, type TestApp, type TestClient } from "./app.js";
import { projectInput, SEIZURE_INPUT } from "./fixtures.js";

/**
 * Issue 19: every XLSX export speaks the reader's language. A Russian export has Russian headers, names instead of
 * codes (countries, drugs, units, statuses, themes), numbers as numbers and dates as dates. A column that is a code
 * on purpose (a record's identifier, a project's code, currency codes) is named in each test's exceptions.
 */

type Sheet = { headers: string[]; rows: ExcelJS.CellValue[][] };

async function readSheet(body: Buffer, headerRow = 1): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const ws = workbook.worksheets[0] as ExcelJS.Worksheet;
  const values = (r: ExcelJS.Row) => (r.values as ExcelJS.CellValue[]).slice(1);
  const headers = values(ws.getRow(headerRow)).map((v) => String(v ?? ""));
  const rows: ExcelJS.CellValue[][] = [];
  for (let i = headerRow + 1; i <= ws.rowCount; i++) {
    const row = values(ws.getRow(i));
    // Notes under the table are one cell long.
    if (row.filter((v) => v !== null && v !== undefined).length > 1) rows.push(row);
  }
  return { headers, rows };
}

/** What a Russian reader should not meet in a cell: ISO3 codes alone, snake_case, bare lowercase Latin words. */
function rawCodes(value: ExcelJS.CellValue): string[] {
  if (typeof value !== "string") return [];
  const found: string[] = [];
  for (const m of value.matchAll(/(?<![\p{L}\d_-])[A-Z]{3}(?![\p{L}\d_-])/gu)) if (isIso3(m[0])) found.push(m[0]);
  for (const m of value.matchAll(/(?<![\p{L}\d@.])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\p{L}\d@])/gu)) found.push(m[0]);
  if (/^[a-z]+$/.test(value.trim())) found.push(value);
  for (const m of value.matchAll(/(?<!\p{L})(?:kg|mg|ml|g|l|t)(?!\p{L})/gu)) found.push(m[0]);
  return found;
}

/**
 * Russian headers (Cyrillic, or the number sign), and no raw code in the cells outside the named exceptions and
 * the English text columns.
 */
function expectRussian(sheet: Sheet, exceptions: readonly string[]) {
  expect(sheet.rows.length).toBeGreaterThan(0);
  for (const h of sheet.headers) expect(h, "header").toMatch(/[а-я№]/i);
  const findings: string[] = [];
  sheet.headers.forEach((header, i) => {
    if (exceptions.includes(header) || /англ/i.test(header)) return;
    for (const row of sheet.rows) for (const code of rawCodes(row[i] ?? null)) findings.push(`${header}: ${code}`);
  });
  expect(findings).toEqual([]);
}

const column = (sheet: Sheet, header: string) => {
  const i = sheet.headers.indexOf(header);
  expect(i, header).toBeGreaterThanOrEqual(0);
  return sheet.rows.map((r) => r[i]);
};

describe("localized exports: a Russian XLSX has Russian headers and names, numbers and dates as such", () => {
  let t: TestApp;
  let coordinator: TestClient;
  let focal: TestClient;
  let liaison: TestClient;
  const ru = { "accept-language": "ru" };

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    focal = await t.signIn("focal_point", { partnerCode: "TJK" });
    liaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
  });
  afterAll(() => t.close());

  it("projects", async () => {
    const created = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: { ...projectInput("Border liaison offices"), partnerCode: "TJK" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await coordinator.request({ url: "/api/v1/projects/export?format=xlsx", headers: ru });
    expect(res.statusCode).toBe(200);
    const sheet = await readSheet(res.rawPayload);
    expectRussian(sheet, ["Код проекта", "Не пересчитано (нет курса)"]);
    expect(column(sheet, "Страны")).toEqual(["Таджикистан"]);
    expect(column(sheet, "Партнер")).toEqual(["Таджикистан"]);
    expect(column(sheet, "Темы")).toEqual(["Пограничный контроль; Обучение"]);
    expect(column(sheet, "Этап")).toEqual(["Осуществляется"]);
    expect(column(sheet, "Всего, долл. США")).toEqual([1500000]);
    expect(column(sheet, "Плановое начало")[0]).toBeInstanceOf(Date);
    // English for an English reader, and the CSV keeps ISO dates.
    const en = await readSheet(
      (await coordinator.request({ url: "/api/v1/projects/export?format=xlsx", headers: { "accept-language": "en" } }))
        .rawPayload,
    );
    expect(en.headers[0]).toBe("Project code");
    expect(column(en, "Countries")).toEqual(["Tajikistan"]);
    const csv = (await coordinator.request({ url: "/api/v1/projects/export?format=csv", headers: ru })).body;
    expect(csv).toContain("2026-01-01");
    expect(csv).toContain("Код проекта");
  });

  it("projects: the pivot", async () => {
    for (const [rows, columns] of [
      ["donor", "country"],
      ["theme", "stage"],
    ] as const) {
      const res = await coordinator.request({
        url: `/api/v1/projects/stats/pivot?rows=${rows}&columns=${columns}&format=xlsx&includeDrafts=true`,
        headers: ru,
      });
      expect(res.statusCode, res.body).toBe(200);
      // A line saying what the table is, a blank line, then the header.
      const sheet = await readSheet(res.rawPayload, 3);
      expectRussian(sheet, []);
      expect(sheet.rows[0]?.slice(1).every((v) => typeof v === "number")).toBe(true);
    }
    const byDonor = await readSheet(
      (
        await coordinator.request({
          url: "/api/v1/projects/stats/pivot?rows=donor&columns=country&format=xlsx&includeDrafts=true",
          headers: ru,
        })
      ).rawPayload,
      3,
    );
    expect(byDonor.headers).toEqual(["Донор", "Таджикистан *", "Итого"]);
    expect(byDonor.rows[0]?.[0]).toBe("Соединенные Штаты Америки *");
  });

  it("facilities, and the Russian export imports again", async () => {
    const created = await coordinator.request({
      method: "POST",
      url: "/api/v1/facilities",
      payload: {
        name: { en: "Republican Narcology Centre", ru: "Республиканский центр наркологии" },
        orgType: "ngo",
        country: "TJK",
        city: "Dushanbe",
        latitude: 38.5598,
        longitude: 68.787,
        modalities: ["outpatient"],
        services: ["opioid_agonist_therapy", "hiv_testing"],
        populations: ["adults", "women"],
        languages: ["ru", "tg"],
        capacity: 120,
        lastVerified: "2025-03-01",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await coordinator.request({ url: "/api/v1/facilities/export?format=xlsx", headers: ru });
    expect(res.statusCode).toBe(200);
    const sheet = await readSheet(res.rawPayload);
    expectRussian(sheet, []);
    expect(column(sheet, "Страна")).toEqual(["Таджикистан"]);
    expect(column(sheet, "Тип организации")).toEqual(["Неправительственная организация"]);
    expect(column(sheet, "Языки")).toEqual(["русский; таджикский"]);
    expect(column(sheet, "Количество мест")).toEqual([120]);
    expect(column(sheet, "Дата проверки")[0]).toBeInstanceOf(Date);
    expect(column(sheet, "Доступ")).toEqual(["Открытый"]);
    // The same file, corrected and imported again, is read back to the same codes: nothing changes.
    const file = await t.ctx.files.save({
      data: res.rawPayload,
      originalName: "учреждения.xlsx",
      allowed: SPREADSHEETS,
      actor: { userId: coordinator.userId, label: "test", ip: null, requestId: null },
    });
    const preview = (
      await coordinator.request({
        method: "POST",
        url: "/api/v1/facilities/import/preview",
        payload: { fileId: file.id },
      })
    ).json();
    expect(Object.values(preview.mapping).filter((v) => v === null)).toEqual([]);
    const again = await coordinator.request({
      method: "POST",
      url: "/api/v1/facilities/import",
      payload: { fileId: file.id, mapping: preview.mapping },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ refused: false, created: 0, unchanged: 1, errors: [] });
  });

  it("recommendations", async () => {
    const meeting = (
      await coordinator.request({
        method: "POST",
        url: "/api/v1/meetings",
        payload: {
          kind: "ewg",
          number: 31,
          title: { en: "EWG 31", ru: "ЭРГ 31" },
          pillars: [2],
          startDate: "2031-03-10",
        },
      })
    ).json();
    const rec = await coordinator.request({
      method: "POST",
      url: "/api/v1/recommendations",
      payload: {
        meetingId: meeting.id,
        number: "1",
        text: { en: "Disrupt purchases paid with virtual assets", ru: "Пресекать закупки за виртуальные активы" },
        pillar: 2,
        themes: ["financial_investigation"],
        commitments: ["II.1"],
      },
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const res = await coordinator.request({ url: "/api/v1/recommendations/export?format=xlsx", headers: ru });
    expect(res.statusCode).toBe(200);
    const sheet = await readSheet(res.rawPayload);
    expectRussian(sheet, ["№", "Обязательства"]);
    expect(column(sheet, "Статус")).toEqual(["Проект"]);
    expect(column(sheet, "Темы")).toEqual(["Финансовые расследования"]);
    expect(column(sheet, "Дата")[0]).toBeInstanceOf(Date);
    expect(column(sheet, "Направление")).toEqual([2]);
  });

  it("seizures", async () => {
    await t.ctx.database.db
      .insertInto("user_country_scopes")
      .values({ user_id: liaison.userId as string, country_code: "TJK" })
      .execute();
    for (const client of [focal, liaison, coordinator])
      expect((await client.request({ method: "POST", url: "/api/v1/seizures/terms/accept" })).statusCode).toBe(200);
    const entered = await focal.request({
      method: "POST",
      url: "/api/v1/seizures",
      payload: { ...SEIZURE_INPUT, quantity: 250, unit: "g", transportMode: "road", placeType: "land_border" },
    });
    expect(entered.statusCode, entered.body).toBe(201);
    const id = entered.json().id;
    for (const [action, version] of [
      ["validate", 1],
      ["publish", 2],
    ] as const) {
      const res = await liaison.request({
        method: "POST",
        url: "/api/v1/seizures/transitions",
        payload: { action, records: [{ id, version }] },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await coordinator.request({ url: "/api/v1/seizures/export?format=xlsx", headers: ru });
    expect(res.statusCode, res.body).toBe(200);
    const sheet = await readSheet(res.rawPayload);
    expectRussian(sheet, ["Идентификатор записи"]);
    expect(column(sheet, "Страна")).toEqual(["Таджикистан"]);
    expect(column(sheet, "Наркотик или вещество")).toEqual(["Героин"]);
    expect(column(sheet, "Единица")).toEqual(["г"]);
    expect(column(sheet, "Количество")).toEqual([250]);
    expect(column(sheet, "Масса, кг")).toEqual([0.25]);
    expect(column(sheet, "Дата изъятия")[0]).toBeInstanceOf(Date);
  });
});
