import type { IndicatorInput } from "../../../common/factsheets.js";
import type { DemoContributor } from "../../demo/index.js";
import { principalFor } from "../../http/access-policy.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import { indicatorValues, totalValues } from "./factsheets.present.js";

/**
 * Demo data of the fact sheets: three years of indicators for Uzbekistan and one for its neighbours, the
 * officially reported 2023 totals (named and rounded as a national report would, so the reconciliation has
 * something to explain), the published 2023 fact sheet of Uzbekistan and a draft for Central Asia.
 * Seizure figures come from the seizure module's own demo records when they were seeded before.
 */
const DEMO_ADMIN = principalFor(
  {
    id: "00000000-0000-0000-0000-000000000000",
    email: "system",
    displayName: "[Demo] system",
    role: "administrator",
    partnerCode: null,
  },
  null,
);
const SOURCE = "[Demo] national report";
const UZS_PER_USD: Record<number, number> = { 2021: 10600, 2022: 11050, 2023: 11900 };

function uzbIndicators(year: number): IndicatorInput[] {
  const k = 1 + (year - 2021) * 0.08;
  const rate = 1 / (UZS_PER_USD[year] ?? 11900);
  const base = {
    country: "UZB",
    year,
    source: SOURCE,
    note: "",
    usdRate: null,
    min: null,
    max: null,
    currency: "",
    market: "" as const,
    drug: "",
    unit: "",
  };
  return [
    {
      ...base,
      kind: "price",
      drug: "heroin",
      market: "retail",
      unit: "g",
      currency: "UZS",
      usdRate: rate,
      typical: Math.round(310000 * k),
      min: Math.round(250000 * k),
      max: Math.round(420000 * k),
    },
    {
      ...base,
      kind: "price",
      drug: "heroin",
      market: "wholesale",
      unit: "kg",
      currency: "USD",
      usdRate: 1,
      typical: Math.round(9000 * k),
      min: Math.round(7500 * k),
      max: Math.round(11000 * k),
    },
    {
      ...base,
      kind: "price",
      drug: "opium",
      market: "wholesale",
      unit: "kg",
      currency: "USD",
      usdRate: 1,
      typical: Math.round(1300 * k),
      min: null,
      max: null,
    },
    {
      ...base,
      kind: "purity",
      drug: "heroin",
      market: "retail",
      unit: "%",
      typical: 34 - (year - 2021) * 2,
      min: 9,
      max: 62,
    },
    { ...base, kind: "treatment", drug: "opiates", unit: "persons", typical: 5400 + (year - 2021) * 260 },
    { ...base, kind: "prevalence", drug: "opiates", unit: "%", typical: 0.48 - (year - 2021) * 0.02 },
    { ...base, kind: "precursor_seizure", drug: "acetic anhydride", unit: "kg", typical: 1800 + (year - 2021) * 650 },
    { ...base, kind: "stopped_shipment", drug: "acetic anhydride", unit: "kg", typical: 4000 + (year - 2021) * 1000 },
  ];
}

const NEIGHBOURS: IndicatorInput[] = ["KAZ", "KGZ", "TJK", "TKM"].flatMap((country, i) => [
  {
    country,
    year: 2023,
    kind: "price",
    drug: "heroin",
    market: "retail",
    unit: "g",
    currency: "USD",
    usdRate: 1,
    typical: 28 + i * 6,
    min: null,
    max: null,
    source: SOURCE,
    note: "",
  },
  {
    country,
    year: 2023,
    kind: "treatment",
    drug: "opiates",
    market: "",
    unit: "persons",
    currency: "",
    usdRate: null,
    typical: 3100 + i * 900,
    min: null,
    max: null,
    source: SOURCE,
    note: "",
  },
]);

export const demoFactsheets: DemoContributor = {
  name: "factsheets",
  async seed(ctx) {
    const db = ctx.database.db;
    const repo = ctx.factsheets.repository;
    const existing = await repo.findFactsheetBySubject("country", "UZB", 2023);
    if (existing) return ["fact sheets: already there"];
    const indicators = [2021, 2022, 2023].flatMap(uzbIndicators).concat(NEIGHBOURS);
    const figures = await ctx.factsheets.arq.nationalFigures("UZB", 2023);
    await db.transaction().execute(async (trx) => {
      for (const input of indicators) await repo.insertIndicator(trx, indicatorValues(input, true), null);
      // Reported totals as a national report states them: Russian names, kg, rounded up, with a later correction.
      const heroin = figures.seizures.filter((s) => s.drug === "heroin").reduce((n, s) => n + (s.kg ?? 0), 0);
      const opium = figures.seizures.filter((s) => s.drug === "opium").reduce((n, s) => n + (s.kg ?? 0), 0);
      const totals = [
        { drug: "Героин", unit: "kg", quantity: Math.round((heroin || 480) * 1.12), cases: null },
        { drug: "opium", unit: "kg", quantity: Math.round(opium || 1900), cases: null },
        { drug: "Гашиш", unit: "kg", quantity: 215, cases: 37 },
      ];
      for (const t of totals) {
        await repo.insertTotal(
          trx,
          totalValues({ country: "UZB", year: 2023, source: SOURCE, note: "", ...t }, true),
          null,
        );
      }
    });
    const actor = { ...SYSTEM_ACTOR, label: "demo" };
    const sheet = await ctx.factsheets.sheets.create(
      { scope: "country", subject: "UZB", year: 2023 },
      DEMO_ADMIN,
      actor,
      true,
    );
    const edited = await ctx.factsheets.sheets.update(
      sheet.id,
      {
        version: sheet.version,
        notes: {
          en: "[Demo] Opiate seizures along the northern route remained high in 2023; retail heroin prices rose while purity fell. Treatment demand for opiates continued to grow.",
          ru: "[Демо] Изъятия опиатов на северном маршруте в 2023 году оставались высокими; розничные цены на героин выросли, а чистота снизилась. Спрос на лечение от опиатной зависимости продолжал расти.",
        },
        sources: [
          "[Demo] DMP individual seizure records",
          "[Demo] Annual Report Questionnaire 2023, Part III",
          "[Demo] Ministry of Health",
        ],
      },
      DEMO_ADMIN,
      actor,
    );
    const submitted = await ctx.factsheets.sheets.transition(
      sheet.id,
      { version: edited.version, action: "submit" },
      DEMO_ADMIN,
      actor,
    );
    await ctx.factsheets.sheets.transition(
      sheet.id,
      { version: submitted.version, action: "publish" },
      DEMO_ADMIN,
      actor,
    );
    await ctx.factsheets.sheets.create(
      { scope: "region", subject: "central_asia", year: 2023 },
      DEMO_ADMIN,
      actor,
      true,
    );
    return [
      `fact sheets: ${indicators.length} indicators, 3 reported totals, Uzbekistan 2023 published, Central Asia 2023 drafted` +
        (figures.seizures.length ? "" : " (no seizure records yet: figures from indicators only)"),
    ];
  },
  async remove(ctx) {
    const removed = await ctx.factsheets.repository.removeDemo();
    for (const id of removed.factsheets) await ctx.search.remove("factsheet", id);
    return `fact sheets: removed ${removed.factsheets.length} fact sheets, ${removed.indicators} indicators, ${removed.totals} totals`;
  },
};
