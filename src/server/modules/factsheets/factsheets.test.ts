import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/app.js";
import { binaryUpload, importSpreadsheet } from "../../../../test/imports.js";
import { isIso3 } from "../../../common/countries.js";
import { NATIONAL_IMPORT_FIELDS } from "../../../common/factsheets.js";
import { readTabular } from "../../platform/tabular.js";
import { insertSeizures } from "./factsheets.fixtures.js";
import { INDICATOR_COLUMNS, TOTAL_COLUMNS } from "./factsheets.import.js";

let t: TestApp;
let lo: TestClient;
let otherLo: TestClient;
let coordinator: TestClient;
let member: TestClient;
let visitor: TestClient;

async function scope(client: TestClient, countries: string[]) {
  await t.ctx.database.db
    .insertInto("user_country_scopes")
    .values(countries.map((c) => ({ user_id: client.userId as string, country_code: c })))
    .execute();
}

async function upload(client: TestClient, name: string, content: string | Buffer): Promise<string> {
  const res = await client.request({
    method: "POST",
    url: "/api/v1/files",
    ...binaryUpload(name, content),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const price = {
  country: "UZB",
  year: 2023,
  kind: "price",
  drug: "heroin",
  market: "retail",
  unit: "g",
  currency: "UZS",
  usdRate: 0.00008,
  typical: 500000,
  min: 400000,
  max: 650000,
  source: "MVD",
};

beforeAll(async () => {
  t = await createTestApp();
  lo = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
  otherLo = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
  coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
  member = await t.signIn("member", { partnerCode: "TUR" });
  visitor = await t.visitor();
  await scope(lo, ["UZB", "KAZ", "KGZ", "TJK", "TKM"]);
  await scope(otherLo, ["ALB"]);
  await insertSeizures(t.ctx, [
    {
      date: "2023-01-12",
      country: "UZB",
      drug: "heroin",
      quantity: 60,
      unit: "kg",
      origins: ["AFG"],
      transit: ["TJK"],
      destinations: ["KAZ"],
      transport: "road",
      persons: 3,
    },
    {
      date: "2023-03-02",
      country: "UZB",
      drug: "heroin",
      quantity: 40000,
      unit: "g",
      origins: ["AFG"],
      transport: "road",
      persons: 2,
    },
    {
      date: "2023-05-20",
      country: "UZB",
      drug: "heroin",
      quantity: 500,
      unit: "dose",
      origins: ["AFG"],
      transport: "rail",
      persons: 1,
    },
    {
      date: "2023-06-10",
      country: "UZB",
      drug: "opium",
      quantity: 250,
      unit: "kg",
      origins: ["AFG"],
      transport: "road",
      persons: 4,
    },
    {
      date: "2023-07-01",
      country: "UZB",
      drug: "cannabis_herb",
      quantity: 900,
      unit: "kg",
      origins: ["KGZ"],
      transport: "road",
    },
    { date: "2023-08-01", country: "UZB", drug: "heroin", quantity: 999, unit: "kg", status: "entered" },
    {
      date: "2022-04-04",
      country: "UZB",
      drug: "heroin",
      quantity: 80,
      unit: "kg",
      origins: ["AFG"],
      transport: "road",
      persons: 5,
    },
    {
      date: "2022-09-09",
      country: "UZB",
      drug: "opium",
      quantity: 200,
      unit: "kg",
      origins: ["AFG"],
      transport: "road",
    },
    { date: "2023-02-02", country: "KAZ", drug: "heroin", quantity: 30, unit: "kg", transport: "air" },
  ]);
});
afterAll(() => t.close());

describe("indicators", () => {
  it("are entered by the liaison officer of the country, read by members, refused elsewhere", async () => {
    const created = await lo.request({ method: "POST", url: "/api/v1/factsheets/indicators", payload: price });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: "price", typical: 500000, usdTypical: 40, version: 1 });

    const again = await lo.request({ method: "POST", url: "/api/v1/factsheets/indicators", payload: price });
    expect(again.statusCode).toBe(409);
    const elsewhere = await otherLo.request({ method: "POST", url: "/api/v1/factsheets/indicators", payload: price });
    expect(elsewhere.statusCode).toBe(403);
    const noCurrency = await lo.request({
      method: "POST",
      url: "/api/v1/factsheets/indicators",
      payload: { ...price, currency: "" },
    });
    expect(noCurrency.statusCode).toBe(400);
    expect(noCurrency.json().errors[0].path).toBe("body.currency");
    const purity = await lo.request({
      method: "POST",
      url: "/api/v1/factsheets/indicators",
      payload: { country: "UZB", year: 2023, kind: "purity", drug: "heroin", typical: 140 },
    });
    expect(purity.statusCode).toBe(400);

    const list = await member.request({ url: "/api/v1/factsheets/indicators?country=uzb&years=2023" });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect((await visitor.request({ url: "/api/v1/factsheets/indicators?country=UZB&years=2023" })).statusCode).toBe(
      401,
    );
  });

  it("are corrected with optimistic locking, kept in history and archived", async () => {
    const [item] = (await lo.request({ url: "/api/v1/factsheets/indicators?country=UZB&years=2023" })).json().items;
    const ok = await lo.request({
      method: "PUT",
      url: `/api/v1/factsheets/indicators/${item.id}`,
      payload: { version: 1, value: { ...price, typical: 520000 } },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ typical: 520000, version: 2 });
    const stale = await lo.request({
      method: "PUT",
      url: `/api/v1/factsheets/indicators/${item.id}`,
      payload: { version: 1, value: price },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "version_conflict", details: { current: { typical: 520000 } } });
    const revisions = await t.ctx.revisions.history("indicator", item.id);
    expect(revisions.map((r) => r.action)).toEqual(["update", "create"]);
  });

  it("imports a CSV all or nothing, reporting bad rows with their numbers, and then imports the fixed file", async () => {
    const bad = [
      "Country;Year;Indicator;Drug;Market;Unit;Currency;USD rate;Typical;Minimum;Maximum;Source",
      "UZB;2023;purity;heroin;retail;%;;;38;12;61;Forensic lab",
      "UZB;2023;prices;heroin;wholesale;kg;USD;;9 500;;;MVD",
      "UZB;twenty;treatment;opiates;;persons;;;5230;;;MoH",
      "ALB;2023;prevalence;opiates;;%;;;0,6;;;Survey",
      "",
    ].join("\n");
    const report = await lo.request({
      method: "POST",
      url: "/api/v1/factsheets/indicators/import",
      payload: { fileId: await upload(lo, "indicators.csv", bad) },
    });
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json();
    expect(r).toMatchObject({ refused: true, imported: 0, rowsRead: 4 });
    expect(r.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [3, "unknown_indicator"],
      [4, "invalid_year"],
      [5, "country_not_allowed"],
    ]);
    expect(r.errors[0].message.ru).toContain("Неизвестный показатель");
    expect(
      (await lo.request({ url: "/api/v1/factsheets/indicators?country=UZB&years=2023" })).json().items,
    ).toHaveLength(1);

    const good = [
      "Страна;Год;Показатель;Наркотик;Рынок;Единица;Валюта;Курс USD;Типичное;Минимум;Максимум;Источник",
      "UZB;2023;purity;heroin;retail;%;;;38;12;61;Forensic lab",
      "UZB;2023;price;heroin;wholesale;kg;USD;;9 500;;;MVD",
      "UZB;2023;treatment;opiates;;persons;;;5230;;;MoH",
      "UZB;2022;treatment;opiates;;persons;;;4900;;;MoH",
      "UZB;2023;prevalence;opiates;;%;;;0,6;;;Survey",
      "UZB;2023;precursor_seizure;acetic anhydride;;kg;;;1200;;;Customs",
      "UZB;2023;stopped_shipment;acetic anhydride;;kg;;;3000;;;INCB PEN Online",
    ].join("\n");
    const dry = await lo.request({
      method: "POST",
      url: "/api/v1/factsheets/indicators/import",
      payload: { fileId: await upload(lo, "indicators.csv", good), dryRun: true },
    });
    expect(dry.json()).toMatchObject({ refused: false, imported: 0, rowsRead: 7, errors: [] });
    const done = await lo.request({
      method: "POST",
      url: "/api/v1/factsheets/indicators/import",
      payload: { fileId: await upload(lo, "indicators.csv", good) },
    });
    expect(done.json()).toMatchObject({ refused: false, imported: 7 });
    const items = (await lo.request({ url: "/api/v1/factsheets/indicators?country=UZB&years=2022,2023" })).json().items;
    expect(items).toHaveLength(8);
    expect(items.find((i: { kind: string }) => i.kind === "prevalence").typical).toBe(0.6);
    expect(items.find((i: { market: string }) => i.market === "wholesale")).toMatchObject({
      usdRate: 1,
      usdTypical: 9500,
    });
  });

  it("imports a file whose headers no layout knows once its columns are matched (the web's column step)", async () => {
    // The column step offers exactly the template's fields, the required ones marked.
    for (const [kind, columns] of [
      ["indicators", INDICATOR_COLUMNS],
      ["national-totals", TOTAL_COLUMNS],
    ] as const) {
      expect(NATIONAL_IMPORT_FIELDS[kind].fields, kind).toEqual(columns.map((c) => c.key));
      expect(NATIONAL_IMPORT_FIELDS[kind].required, kind).toEqual(columns.filter((c) => c.required).map((c) => c.key));
    }
    // A ministry's own table of totals.
    const data = ["Государство;Отчётный год;Вещество;Ед. изм.;Изъято всего", "UZB;2019;opium;kg;1 250,5"].join("\n");
    const url = "/api/v1/factsheets/national-totals/imports";
    const file = { name: "mvd-2019.csv", data };
    const unknown = await importSpreadsheet(t, lo, url, file, { dryRun: true });
    expect(unknown.report).toMatchObject({ refused: true, layout: "unknown" });
    expect(unknown.report.errors.map((e: { code: string }) => e.code)).toEqual(["unknown_layout"]);
    expect(unknown.headers).toEqual(["Государство", "Отчётный год", "Вещество", "Ед. изм.", "Изъято всего"]);
    expect(unknown.sample).toEqual([["UZB", "2019", "opium", "kg", "1 250,5"]]);
    const mapping = {
      country: "Государство",
      year: "Отчётный год",
      drug: "Вещество",
      unit: "Ед. изм.",
      quantity: "Изъято всего",
    };
    // Only the kind's own fields can be matched.
    const wrong = await lo.request({
      method: "POST",
      url,
      payload: { fileId: crypto.randomUUID(), mapping: { ...mapping, typical: "Изъято всего" } },
    });
    expect(wrong.statusCode).toBe(400);
    const imported = await importSpreadsheet(t, lo, url, file, { mapping, sheet: unknown.sheets[0] });
    expect(imported.report).toMatchObject({ refused: false, imported: 1 });
    const totals = (await lo.request({ url: "/api/v1/factsheets/national-totals?country=UZB&years=2019" })).json();
    expect(totals.items).toEqual([expect.objectContaining({ drug: "opium", unit: "kg", quantity: 1250.5 })]);
  });

  it("imports an XLSX of reported national totals from the template layout", async () => {
    const template = await lo.request({ url: "/api/v1/factsheets/national-totals/template?format=xlsx" });
    expect(template.statusCode).toBe(200);
    const sheets = await readTabular(template.rawPayload, "t.xlsx");
    expect(sheets[0]?.rows[0]).toEqual(["Country", "Year", "Drug", "Unit", "Quantity", "Cases", "Source", "Note"]);
    const csv = [
      "Country,Year,Drug,Unit,Quantity,Cases,Source",
      "UZB,2023,Героин,kg,120.5,9,ARQ 2023",
      "UZB,2023,opium,kg,250,1,ARQ 2023",
      "UZB,2023,Methamphetamine,kg,12,3,ARQ 2023",
    ].join("\n");
    const report = await lo.request({
      method: "POST",
      url: "/api/v1/factsheets/national-totals/import",
      payload: { fileId: await upload(lo, "totals.csv", csv) },
    });
    expect(report.json()).toMatchObject({ refused: false, imported: 3 });
  });

  it("imports UNODC data-portal files as published: national seizure totals and drug prices", async () => {
    // The portal's columns, its UN country names (one row without msCode), a decimal with a thousands comma.
    const totals = [
      "Region,SubRegion,Country/Territory,msCode,Drug group,DrugSubGroup,Drug,Year,Kilograms",
      "Asia,Central Asia and Transcaucasia,Uzbekistan,UZB,Opioids,Opiates,Heroin,2022,1520.75",
      'Asia,Central Asia and Transcaucasia,Uzbekistan,UZB,Opioids,Opiates,Opium,2022,"2,310.4"',
      "Asia,Central Asia and Transcaucasia,Tajikistan,TJK,Cannabis-type,Cannabis,Cannabis herb (marijuana),2022,4012",
      "Asia,Southern Asia,Iran (Islamic Republic of),,Opioids,Opiates,Heroin,2022,20000",
    ].join("\n");
    const imported = await coordinator.request({
      method: "POST",
      url: "/api/v1/factsheets/national-totals/import",
      payload: { fileId: await upload(coordinator, "data_portal_seizures.csv", totals) },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ refused: false, imported: 4, layout: "unodc-data-portal-totals" });
    const iran = (
      await coordinator.request({ url: "/api/v1/factsheets/national-totals?country=IRN&years=2022" })
    ).json().items;
    expect(iran).toEqual([
      expect.objectContaining({ drug: "heroin", unit: "kg", quantity: 20000, source: "UNODC data portal (dataUNODC)" }),
    ]);
    const tajik = (
      await coordinator.request({ url: "/api/v1/factsheets/national-totals?country=TJK&years=2022" })
    ).json().items;
    expect(tajik[0]).toMatchObject({ drug: "cannabis_herb", quantity: 4012 });
    // The reported totals stand in the reconciliation beside the records.
    const reconciliation = (
      await coordinator.request({ url: "/api/v1/factsheets/arq/reconciliation?country=UZB&year=2022" })
    ).json();
    expect(reconciliation.lines.find((l: { drug: string }) => l.drug === "heroin")?.reportedQuantity).toBe(1520.75);
    expect(reconciliation.lines.find((l: { drug: string }) => l.drug === "opium")?.reportedQuantity).toBe(2310.4);

    const prices = [
      "Region,SubRegion,Country/Territory,DrugGroup,Drug,LevelOfSale,Year,Typical_USD,Minimum_USD,Maximum_USD,Unit",
      "Asia,Central Asia and Transcaucasia,Kyrgyzstan,Opioids,Heroin,Retail,2022,25,20,30,Gram",
      "Asia,Central Asia and Transcaucasia,Kyrgyzstan,Opioids,Heroin,Wholesale,2022,7000,5000,9000,Kilogram",
      "Asia,Western Asia,Türkiye,Opioids,Heroin,Retail,2022,18.5,,,Gram",
    ].join("\n");
    const priced = await coordinator.request({
      method: "POST",
      url: "/api/v1/factsheets/indicators/import",
      payload: { fileId: await upload(coordinator, "data_portal_prices.csv", prices) },
    });
    expect(priced.json()).toMatchObject({ refused: false, imported: 3, layout: "unodc-data-portal-prices" });
    const kgz = (await coordinator.request({ url: "/api/v1/factsheets/indicators?country=KGZ&years=2022" })).json()
      .items;
    expect(kgz.find((i: { market: string }) => i.market === "wholesale")).toMatchObject({
      kind: "price",
      drug: "heroin",
      unit: "kg",
      currency: "USD",
      typical: 7000,
      min: 5000,
      max: 9000,
      usdTypical: 7000,
    });
    expect(kgz.find((i: { market: string }) => i.market === "retail")).toMatchObject({ unit: "g", typical: 25 });

    // A country the portal names but no list knows is reported with its row, column and value; nothing is written.
    const unknown = await coordinator.request({
      method: "POST",
      url: "/api/v1/factsheets/national-totals/import",
      payload: {
        fileId: await upload(
          coordinator,
          "portal.csv",
          [
            "Region,SubRegion,Country/Territory,msCode,Drug group,DrugSubGroup,Drug,Year,Kilograms",
            "Europe,Southern Europe,Atlantis,,Opioids,Opiates,Heroin,2021,5",
            "Asia,Central Asia and Transcaucasia,Uzbekistan,UZB,Opioids,Opiates,Heroin,2021,7",
          ].join("\n"),
        ),
      },
    });
    expect(unknown.json()).toMatchObject({ refused: true, imported: 0 });
    expect(unknown.json().errors[0]).toMatchObject({ row: 2, column: "Country/Territory", value: "Atlantis" });
    expect(unknown.json().errors[0].message.ru).toContain("страны");
    expect(
      (await coordinator.request({ url: "/api/v1/factsheets/national-totals?country=UZB&years=2021" })).json().items,
    ).toEqual([]);
  });
});

describe("national figures (ARQ)", () => {
  it("computes quantities and cases per drug and unit, origins, transport and arrests from validated records", async () => {
    const res = await lo.request({ url: "/api/v1/factsheets/arq?country=UZB&year=2023" });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    const heroinKg = f.seizures.find((s: { drug: string; unit: string }) => s.drug === "heroin" && s.unit === "kg");
    expect(heroinKg).toMatchObject({ quantity: 60, kg: 60, cases: 1 });
    expect(f.seizures.find((s: { drug: string; unit: string }) => s.drug === "heroin" && s.unit === "g")).toMatchObject(
      { quantity: 40000, kg: 40 },
    );
    expect(f.seizures.find((s: { unit: string }) => s.unit === "dose")).toMatchObject({ quantity: 500, kg: 0.015 });
    expect(f.totalCases).toBe(5);
    expect(f.personsArrested).toBe(10);
    expect(f.origins[0]).toMatchObject({ code: "AFG", cases: 4 });
    expect(f.transportModes[0]).toMatchObject({ code: "road", cases: 4, name: { ru: "Автомобильный" } });
    expect(f.monthsWithoutRecords).toEqual([2, 4, 8, 9, 10, 11, 12]);
    expect((await otherLo.request({ url: "/api/v1/factsheets/arq?country=UZB&year=2023" })).statusCode).toBe(403);
  });

  it("reconciles records with reported totals and explains the difference", async () => {
    const res = await lo.request({ url: "/api/v1/factsheets/arq/reconciliation?country=UZB&year=2023" });
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.json().lines as {
      drug: string;
      reasons: string[];
      difference: number;
      recordsQuantity: number;
      records: unknown[];
      explanations: { en: string }[];
    }[];
    const heroin = lines.find((l) => l.drug === "Героин");
    expect(heroin).toMatchObject({ recordsQuantity: 100.015, difference: 20.485 });
    expect(heroin?.reasons).toEqual(expect.arrayContaining(["drug_name_mapping", "missing_months"]));
    expect(heroin?.records.length).toBe(3);
    expect(heroin?.explanations.map((e) => e.en).join(" ")).toContain("converted to kg");
    expect(lines.find((l) => l.drug === "opium")?.reasons).toEqual(["match"]);
    expect(lines.find((l) => l.drug === "Methamphetamine")?.reasons).toContain("no_records");
    expect(lines.find((l) => l.drug === "cannabis_herb")?.reasons).toEqual(["not_reported"]);
  });

  it("exports the ARQ seizure tables as XLSX in English and Russian", async () => {
    for (const [lang, header, drug] of [
      ["en", "Drug/substance", "Heroin"],
      ["ru", "Наркотик/вещество", "Героин"],
    ] as const) {
      const res = await lo.request({ url: `/api/v1/factsheets/arq/export?country=UZB&year=2023&lang=${lang}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("spreadsheetml");
      const sheets = await readTabular(res.rawPayload, "arq.xlsx");
      expect(sheets).toHaveLength(5);
      const rows = sheets[0]?.rows ?? [];
      const headerRow = rows.findIndex((r) => r.includes(header));
      expect(headerRow).toBeGreaterThan(0);
      expect(rows.slice(headerRow).some((r) => r[1] === drug)).toBe(true);
      if (lang === "ru") {
        // No raw code in a Russian workbook (issue 19): groups, units and countries by name; the ISO3 column of
        // the trafficking sheet is a code column on purpose (people match it against their own files).
        const found: string[] = [];
        for (const sheet of sheets) {
          const header = sheet.rows.find((r) => r.includes("ISO3")) ?? [];
          const codeColumn = header.indexOf("ISO3");
          for (const row of sheet.rows)
            row.forEach((cell, i) => {
              if (i === codeColumn) return;
              for (const m of cell.matchAll(/(?<![\p{L}\d_-])[A-Z]{3}(?![\p{L}\d_-])/gu))
                if (isIso3(m[0])) found.push(`${sheet.name}: ${cell}`);
              if (/^(?:[a-z]+_[a-z_]+|kg|g|l|opiates|cocaine|cannabis|ats|precursors|other)$/.test(cell.trim()))
                found.push(`${sheet.name}: ${cell}`);
            });
        }
        expect(found).toEqual([]);
      }
    }
  });
});

describe("fact sheets", () => {
  let id = "";

  // Fact sheets count only what the public statistics count (published, shared publicly), through the disclosure
  // control: the validated records above stay on the ARQ pages.
  beforeAll(async () => {
    const pub = {
      status: "published" as const,
      sharing: "public" as const,
      transport: "road" as const,
      origins: ["AFG"],
    };
    await insertSeizures(t.ctx, [
      ...[10, 12, 15, 20].map((kg, i) => ({
        ...pub,
        date: `2023-0${i + 1}-05`,
        country: "UZB",
        drug: "heroin",
        quantity: kg,
        unit: "kg" as const,
        persons: 1,
      })),
      ...[1, 2, 3].map((m) => ({
        ...pub,
        date: `2023-0${m}-20`,
        country: "UZB",
        drug: "heroin",
        quantity: 1000,
        unit: "g" as const,
      })),
      { ...pub, date: "2023-06-01", country: "UZB", drug: "opium", quantity: 2, unit: "kg" },
      ...[100, 120, 130].map((kg) => ({
        ...pub,
        date: "2023-07-07",
        country: "UZB",
        drug: "cannabis_herb",
        quantity: kg,
        unit: "kg" as const,
      })),
      ...[30, 40, 50].map((kg) => ({
        ...pub,
        date: "2022-05-05",
        country: "UZB",
        drug: "heroin",
        quantity: kg,
        unit: "kg" as const,
      })),
    ]);
    await t.ctx.seizures.rebuildAggregates();
  });

  it("are drafted, reviewed and published; the published edition stays unchanged", async () => {
    const created = await lo.request({
      method: "POST",
      url: "/api/v1/factsheets",
      payload: { subject: "uzb", year: 2023 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const sheet = created.json();
    id = sheet.id;
    expect(sheet).toMatchObject({ status: "draft", subject: "UZB", can: { edit: true }, edition: 0 });
    // Heroin in kg (4 seizures) and cannabis herb (3) are published; the one opium seizure is withheld, and so is
    // heroin in grams, or the opiates of the public statistics less heroin in kg would give the opium seizure.
    expect(sheet.content.headlines[0]).toMatchObject({ key: "seized_kg", value: 407, previous: 120, withheld: 2 });
    expect(
      sheet.content.seizures.map((s: { drug: string; unit: string; cases: number | null }) => [
        s.drug,
        s.unit,
        s.cases,
      ]),
    ).toEqual([
      ["cannabis_herb", "kg", 3],
      ["heroin", "kg", 4],
      ["heroin", "g", null],
      ["opium", "kg", null],
    ]);
    expect(sheet.content.disclosure).toMatchObject({ basis: "published_public", minCases: 3, withheld: 2 });
    expect(sheet.content.charts.map((c: { key: string }) => c.key)).toEqual([
      "seizures_by_drug",
      "seizures_trend",
      "prices_retail",
      "prices_wholesale",
    ]);
    expect(sheet.content.completeness.find((c: { key: string }) => c.key === "indicator:price").ok).toBe(true);

    expect((await visitor.request({ url: `/api/v1/factsheets/${id}` })).statusCode).toBe(404);
    expect(
      (
        await otherLo.request({
          method: "PATCH",
          url: `/api/v1/factsheets/${id}`,
          payload: { version: 1, notes: { en: "x" } },
        })
      ).statusCode,
    ).toBe(403);

    const edited = await lo.request({
      method: "PATCH",
      url: `/api/v1/factsheets/${id}`,
      payload: {
        version: 1,
        notes: { en: "Heroin seizures fell.", ru: "Изъятия героина сократились." },
        sources: ["ARQ 2023", "DMP"],
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const early = await lo.request({
      method: "POST",
      url: `/api/v1/factsheets/${id}/transitions`,
      payload: { version: 2, action: "publish" },
    });
    expect(early.statusCode).toBe(409);
    const submitted = await lo.request({
      method: "POST",
      url: `/api/v1/factsheets/${id}/transitions`,
      payload: { version: 2, action: "submit" },
    });
    expect(submitted.json()).toMatchObject({ status: "in_review", version: 3 });
    const published = await lo.request({
      method: "POST",
      url: `/api/v1/factsheets/${id}/transitions`,
      payload: { version: 3, action: "publish" },
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: "published", edition: 1, editions: [{ edition: 1 }] });

    const forVisitor = (await visitor.request({ url: `/api/v1/factsheets/${id}` })).json();
    expect(forVisitor).toMatchObject({
      status: "published",
      can: { edit: false },
      notes: { en: "Heroin seizures fell." },
    });
    const frozen = forVisitor.content;

    // Data change after publication: the published edition keeps its figures.
    const [item] = (await lo.request({ url: "/api/v1/factsheets/indicators?country=UZB&years=2023" }))
      .json()
      .items.filter((i: { kind: string; market: string }) => i.kind === "price" && i.market === "retail");
    await lo.request({
      method: "PUT",
      url: `/api/v1/factsheets/indicators/${item.id}`,
      payload: { version: item.version, value: { ...price, typical: 999999 } },
    });
    const reopened = await lo.request({
      method: "POST",
      url: `/api/v1/factsheets/${id}/transitions`,
      payload: { version: 4, action: "reopen" },
    });
    expect(reopened.json()).toMatchObject({ status: "draft", edition: 1 });
    const live = reopened
      .json()
      .content.indicators.find((i: { kind: string; market: string }) => i.kind === "price" && i.market === "retail");
    expect(live.typical).toBe(999999);
    const again = (await visitor.request({ url: `/api/v1/factsheets/${id}` })).json();
    expect(again.status).toBe("published");
    expect(again.content).toEqual(frozen);
    const list = (await visitor.request({ url: "/api/v1/factsheets" })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([id]);

    // A second edition; asking for the first one answers with the first one's number and date.
    const resubmitted = await lo.request({
      method: "POST",
      url: `/api/v1/factsheets/${id}/transitions`,
      payload: { version: reopened.json().version, action: "submit" },
    });
    const second = await lo.request({
      method: "POST",
      url: `/api/v1/factsheets/${id}/transitions`,
      payload: { version: resubmitted.json().version, action: "publish" },
    });
    expect(second.json()).toMatchObject({ status: "published", edition: 2 });
    const first = (await visitor.request({ url: `/api/v1/factsheets/${id}?edition=1` })).json();
    expect(first.edition).toBe(1);
    expect(first.content).toEqual(frozen);
    expect(first.publishedAt).toBe(first.editions.find((e: { edition: number }) => e.edition === 1).publishedAt);
    const latest = (await visitor.request({ url: `/api/v1/factsheets/${id}` })).json();
    expect(latest.edition).toBe(2);
    expect(latest.publishedAt).toBe(latest.editions.find((e: { edition: number }) => e.edition === 2).publishedAt);
    expect((await visitor.request({ url: `/api/v1/factsheets/${id}?edition=3` })).statusCode).toBe(404);
  });

  it("serves the data behind the charts and a paginated PDF in Russian", async () => {
    const data = await visitor.request({ url: `/api/v1/factsheets/${id}/data?lang=ru` });
    expect(data.statusCode).toBe(200);
    const sheets = await readTabular(data.rawPayload, "d.xlsx");
    expect(sheets.map((s) => s.name)).toContain("Изъятия");
    // No raw code in the Russian workbook (issue 19): units, countries and markets by name; currency codes stay.
    const found: string[] = [];
    for (const sheet of sheets) {
      const header = sheet.rows.find((r) => r.includes("Валюта")) ?? [];
      const currency = header.indexOf("Валюта");
      for (const row of sheet.rows)
        row.forEach((cell, i) => {
          if (i === currency) return;
          for (const m of cell.matchAll(/(?<![\p{L}\d_-])[A-Z]{3}(?![\p{L}\d_-])/gu))
            if (isIso3(m[0])) found.push(`${sheet.name}: ${cell}`);
          if (/(?<!\p{L})(?:kg|g|USD\/g|USD\/kg|retail|wholesale)(?!\p{L})/u.test(cell))
            found.push(`${sheet.name}: ${cell}`);
        });
    }
    expect(found).toEqual([]);
    const pdf = await visitor.request({ url: `/api/v1/factsheets/${id}/pdf?lang=ru` });
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  }, 60_000);

  it("renders a published edition's PDFs once, at publication, serves the stored files and drafts live", async () => {
    // Each publication enqueued the rendering of its edition; run them as the worker would.
    while (await t.ctx.jobs.runNext()) {}
    const rows = await t.ctx.database.db
      .selectFrom("factsheet_edition_pdfs")
      .selectAll()
      .where("factsheet_id", "=", id)
      .orderBy("edition")
      .orderBy("lang")
      .execute();
    expect(rows.map((r) => `${r.edition}:${r.lang}`)).toEqual(["1:en", "1:ru", "2:en", "2:ru"]);
    const jobs = await t.ctx.database.db
      .selectFrom("jobs")
      .select(["status"])
      .where("kind", "=", "factsheets.render-edition")
      .execute();
    expect(jobs.map((j) => j.status)).toEqual(["succeeded", "succeeded"]);
    // Run again (a retried job): nothing is rendered or stored twice.
    expect(await t.ctx.factsheets.pdfs.storeEdition(id, 2)).toEqual([]);
    expect(
      await t.ctx.database.db
        .selectFrom("factsheet_edition_pdfs")
        .select("file_id")
        .where("factsheet_id", "=", id)
        .execute(),
    ).toHaveLength(4);

    const launches = t.ctx.factsheets.renderer.launches;
    const url = `/api/v1/factsheets/${id}/pdf?edition=2&lang=ru`;
    const first = await visitor.request({ url });
    expect(first.statusCode, first.body.slice(0, 300)).toBe(200);
    expect(first.headers["x-factsheet-pdf"]).toBe("stored");
    expect(first.headers["content-type"]).toBe("application/pdf");
    expect(first.headers["cache-control"]).toBe("public, max-age=86400");
    expect(first.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // What is served is the stored file, byte for byte, every time, without a browser.
    const stored = rows.find((r) => r.edition === 2 && r.lang === "ru");
    const file = await t.ctx.files.open(stored?.file_id as string);
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
    expect(first.rawPayload.equals(Buffer.concat(chunks))).toBe(true);
    expect(first.headers.etag).toBe(`"${file.record.sha256}"`);
    const second = await visitor.request({ url });
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(t.ctx.factsheets.renderer.launches).toBe(launches);
    const notModified = await visitor.request({ url, headers: { "if-none-match": first.headers.etag as string } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.rawPayload.length).toBe(0);
    // The latest edition in the reader's language: stored too, but only privately cacheable (the URL says neither).
    const latest = await visitor.request({ url: `/api/v1/factsheets/${id}/pdf`, headers: { "accept-language": "en" } });
    expect(latest.headers["x-factsheet-pdf"]).toBe("stored");
    expect(latest.headers["cache-control"]).toBe("private, no-cache");
    const enFile = rows.find((r) => r.edition === 2 && r.lang === "en");
    expect(latest.headers.etag).toBe(`"${(await t.ctx.files.get(enFile?.file_id as string)).sha256}"`);
    // An edition is never re-rendered when its source data changes: the stored PDF stays the published one.
    const firstEdition = await visitor.request({ url: `/api/v1/factsheets/${id}/pdf?edition=1&lang=en` });
    expect(firstEdition.headers["x-factsheet-pdf"]).toBe("stored");

    // A draft is rendered live for its editors, from the shared browser, never stored nor cached.
    const sheet = (await lo.request({ url: `/api/v1/factsheets/${id}` })).json();
    const reopened = await lo.request({
      method: "POST",
      url: `/api/v1/factsheets/${id}/transitions`,
      payload: { version: sheet.version, action: "reopen" },
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const draft = await lo.request({ url: `/api/v1/factsheets/${id}/pdf?lang=en` });
    expect(draft.statusCode, draft.body.slice(0, 300)).toBe(200);
    expect(draft.headers["x-factsheet-pdf"]).toBe("rendered");
    expect(draft.headers["cache-control"]).toBe("no-store");
    expect(draft.headers.etag).toBeUndefined();
    expect(draft.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const afterOne = t.ctx.factsheets.renderer.launches;
    expect(afterOne).toBeLessThanOrEqual(launches + 1);
    await lo.request({ url: `/api/v1/factsheets/${id}/pdf?lang=ru` });
    expect(t.ctx.factsheets.renderer.launches).toBe(afterOne);
    // Meanwhile visitors still get the published edition's stored PDF, never the draft.
    const published = await visitor.request({ url: `/api/v1/factsheets/${id}/pdf?lang=en` });
    expect(published.headers["x-factsheet-pdf"]).toBe("stored");
    expect(published.headers.etag).toBe(latest.headers.etag);
    // A fact sheet never published: its PDF is not there for visitors.
    const never = await lo.request({
      method: "POST",
      url: "/api/v1/factsheets",
      payload: { subject: "uzb", year: 2022 },
    });
    expect(never.statusCode, never.body).toBe(201);
    expect((await visitor.request({ url: `/api/v1/factsheets/${never.json().id}/pdf` })).statusCode).toBe(404);
    expect((await member.request({ url: `/api/v1/factsheets/${never.json().id}/pdf?lang=en` })).statusCode).toBe(404);
    expect(
      await t.ctx.database.db.selectFrom("jobs").select("id").where("kind", "=", "factsheets.render-edition").execute(),
    ).toHaveLength(2);

    // Without Chromium the job fails cleanly, stores nothing, and the edition is rendered on demand once it is back.
    const current = (await lo.request({ url: `/api/v1/factsheets/${id}` })).json();
    const submitted = await lo.request({
      method: "POST",
      url: `/api/v1/factsheets/${id}/transitions`,
      payload: { version: current.version, action: "submit" },
    });
    const third = await lo.request({
      method: "POST",
      url: `/api/v1/factsheets/${id}/transitions`,
      payload: { version: submitted.json().version, action: "publish" },
    });
    expect(third.json()).toMatchObject({ status: "published", edition: 3 });
    const previous = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    await t.ctx.factsheets.renderer.close();
    try {
      while (await t.ctx.jobs.runNext()) {}
      const failed = await t.ctx.database.db
        .selectFrom("jobs")
        .select(["status", "error"])
        .where("kind", "=", "factsheets.render-edition")
        .orderBy("created_at", "desc")
        .executeTakeFirstOrThrow();
      expect(failed.status).toBe("failed");
      expect(failed.error).toContain("pdf_renderer_unavailable");
      const unavailable = await visitor.request({ url: `/api/v1/factsheets/${id}/pdf?edition=3&lang=en` });
      expect(unavailable.statusCode).toBe(503);
      expect(unavailable.json().details).toMatchObject({ reason: "pdf_renderer_unavailable" });
    } finally {
      if (previous === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = previous;
    }
    expect(
      await t.ctx.database.db.selectFrom("factsheet_edition_pdfs").select("lang").where("edition", "=", 3).execute(),
    ).toEqual([]);
    const onDemand = await visitor.request({ url: `/api/v1/factsheets/${id}/pdf?edition=3&lang=en` });
    expect(onDemand.statusCode).toBe(200);
    expect(onDemand.headers["x-factsheet-pdf"]).toBe("rendered");
    expect(onDemand.headers["cache-control"]).toBe("no-store");
    // The edition healed itself: what was rendered on demand is kept, and served stored from then on.
    const healed = await visitor.request({ url: `/api/v1/factsheets/${id}/pdf?edition=3&lang=en` });
    expect(healed.headers["x-factsheet-pdf"]).toBe("stored");
    expect(healed.rawPayload.equals(onDemand.rawPayload)).toBe(true);
    expect(
      await t.ctx.database.db.selectFrom("factsheet_edition_pdfs").select("lang").where("edition", "=", 3).execute(),
    ).toEqual([{ lang: "en" }]);
  }, 120_000);

  it("builds regional fact sheets over built-in and coordinator-defined regions", async () => {
    const regions = (await visitor.request({ url: "/api/v1/factsheets/regions" })).json().items;
    expect(regions.filter((r: { builtIn: boolean }) => r.builtIn).map((r: { code: string }) => r.code)).toEqual([
      "central_asia",
      "south_eastern_europe",
      "caucasus",
      "west_asia",
      "east_africa",
    ]);
    expect(
      (
        await lo.request({
          method: "POST",
          url: "/api/v1/factsheets/regions",
          payload: { code: "x", name: { en: "X" }, countries: ["UZB"] },
        })
      ).statusCode,
    ).toBe(403);
    const defined = await coordinator.request({
      method: "POST",
      url: "/api/v1/factsheets/regions",
      payload: {
        code: "northern-route",
        name: { en: "Northern route", ru: "Северный маршрут" },
        countries: ["UZB", "KAZ", "tjk"],
      },
    });
    expect(defined.statusCode, defined.body).toBe(201);
    expect(defined.json().countries).toEqual(["KAZ", "TJK", "UZB"]);

    // Treatment-facility statistics (issue 9) come through the module's hook.
    t.ctx.factsheets.sheets.setFacilitiesStats(async (countries) => ({
      total: countries.length,
      capacity: 40,
      patientsPerYear: 500,
      modalities: [],
    }));
    const regional = await lo.request({
      method: "POST",
      url: "/api/v1/factsheets",
      payload: { scope: "region", subject: "central_asia", year: 2023 },
    });
    expect(regional.statusCode, regional.body).toBe(201);
    const content = regional.json().content;
    // KAZ has one validated record, which the ARQ pages count and no fact sheet shows.
    expect(content.byCountry.find((c: { country: string }) => c.country === "KAZ")).toMatchObject({
      kg: null,
      cases: null,
    });
    expect(content.byCountry.find((c: { country: string }) => c.country === "UZB")).toMatchObject({
      kg: 407,
      cases: 7,
      withheld: 2,
    });
    expect(content.completeness.find((c: { key: string }) => c.key === "countries_with_data").ok).toBe(false);
    expect(content.facilities).toMatchObject({ total: 5, capacity: 40 });
    const balkan = await lo.request({
      method: "POST",
      url: "/api/v1/factsheets",
      payload: { scope: "region", subject: "south_eastern_europe", year: 2023 },
    });
    expect(balkan.statusCode).toBe(403);
    const mine = (await otherLo.request({ url: "/api/v1/factsheets" })).json().items;
    expect(mine.map((i: { scope: string }) => i.scope)).toEqual(["country"]);
  });
});
