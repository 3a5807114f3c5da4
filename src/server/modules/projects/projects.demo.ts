import type { TransactionType } from "../../../common/projects.js";
import type { AppContext } from "../../context.js";
import type { DemoContributor } from "../../demo/index.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import { SYSTEM_PRINCIPAL } from "../../platform/system-principals.js";
import type { ProjectInputParsed } from "./projects.service.js";

type Demo = Partial<ProjectInputParsed> &
  Pick<ProjectInputParsed, "title"> & { partnerCode: string; workflow: "draft" | "submitted" | "published" };

const base = {
  stage: "implementation" as const,
  dacCodes: ["16063"],
  commitments: [],
  contacts: [],
  links: [],
  externalDocuments: [],
  themes: [],
  pillars: [],
  fundings: [],
  locations: [],
  organizations: [],
};

/**
 * A donor's commitments, disbursements and expenditures (IATI transaction types 2, 3, 4), each on its own date, so
 * that the planned-against-actual charts and the gaps by disbursed have something to show.
 */
const flows = (
  donor: { donorName: string; donorCode: string },
  currency: string,
  entries: [TransactionType, string, string][],
) => entries.map(([type, date, amount]) => ({ ...donor, currency, type, date, amount }));

/** Demo projects (titles marked [Demo]): donors of the programme, with two near-duplicate pairs across languages. */
const PROJECTS: Demo[] = [
  {
    partnerCode: "JPN",
    workflow: "published",
    title: { en: "[Demo] Border liaison offices on the Tajik-Afghan border" },
    summary: {
      en: "Equipment and training for border liaison offices and mobile interagency teams at the Panj crossing points; canine units and x-ray scanners for the Border Troops.",
    },
    plannedStart: "2025-01-01",
    plannedEnd: "2027-12-31",
    themes: ["border_control", "training"],
    pillars: [1],
    transactions: flows({ donorName: "Japan", donorCode: "JPN" }, "USD", [
      ["commitment", "2024-11-15", "2400000"],
      ["disbursement", "2025-01-20", "800000"],
      ["disbursement", "2025-07-10", "600000"],
      ["disbursement", "2026-01-15", "500000"],
      ["expenditure", "2025-06-30", "520000"],
      ["expenditure", "2025-12-31", "640000"],
      ["expenditure", "2026-06-30", "410000"],
    ]),
    locations: [{ code: "TJK", kind: "country", share: 100 }],
    organizations: [
      { role: "implementing", name: "UNODC" },
      { role: "beneficiary", name: "Border Troops of Tajikistan" },
    ],
  },
  {
    partnerCode: "RUS",
    workflow: "submitted",
    title: { ru: "[Demo] Пункты пограничной связи на таджикско-афганской границе" },
    summary: {
      ru: "Оборудование и обучение для пунктов пограничной связи и мобильных межведомственных групп на пунктах пропуска Пяндж; кинологические подразделения для Пограничных войск.",
    },
    plannedStart: "2025-06-01",
    plannedEnd: "2027-06-30",
    themes: ["border_control"],
    pillars: [1],
    fundings: [{ donorName: "Российская Федерация", donorCode: "RUS", amount: "150000000", currency: "RUB" }],
    locations: [{ code: "TJK", kind: "country", share: 100 }],
    organizations: [
      { role: "implementing", name: "УНП ООН" },
      { role: "beneficiary", name: "Пограничные войска Таджикистана" },
    ],
  },
  {
    partnerCode: "USA",
    workflow: "published",
    title: { en: "[Demo] Precursor identification laboratory of the Drug Control Agency" },
    summary: {
      en: "Field test kits and a reference laboratory to identify acetic anhydride and other precursor chemicals seized in Tajikistan.",
    },
    plannedStart: "2025-03-01",
    plannedEnd: "2026-12-31",
    themes: ["precursors", "forensics"],
    pillars: [3],
    transactions: flows({ donorName: "United States", donorCode: "USA" }, "USD", [
      ["commitment", "2025-02-01", "850000"],
      ["disbursement", "2025-04-01", "300000"],
      ["expenditure", "2025-10-31", "240000"],
    ]),
    locations: [{ code: "TJK", kind: "country" }],
    organizations: [{ role: "beneficiary", name: "Drug Control Agency of Tajikistan" }],
  },
  {
    partnerCode: "DEU",
    workflow: "published",
    title: {
      en: "[Demo] Container control at the Termez rail crossing",
      ru: "[Demo] Контроль контейнеров на железнодорожном пункте пропуска Термез",
    },
    summary: {
      en: "X-ray scanners and a port control unit at Termez for containers and rail wagons arriving from Hairatan.",
    },
    plannedStart: "2024-09-01",
    plannedEnd: "2026-08-31",
    themes: ["border_control"],
    pillars: [1],
    transactions: flows({ donorName: "Germany", donorCode: "DEU" }, "EUR", [
      ["commitment", "2024-07-01", "1200000"],
      ["disbursement", "2024-09-15", "400000"],
      ["disbursement", "2025-09-15", "400000"],
      ["expenditure", "2024-12-31", "210000"],
      ["expenditure", "2025-12-31", "455000"],
    ]),
    locations: [{ code: "UZB", kind: "country" }],
    organizations: [{ role: "beneficiary", name: "State Customs Committee of Uzbekistan" }],
  },
  {
    partnerCode: "GBR",
    workflow: "published",
    title: { en: "[Demo] Tracing and confiscating drug money in Kyrgyzstan" },
    summary: {
      en: "Courses in parallel financial investigation for the financial intelligence service and for drug investigators; supervision of exchange offices.",
    },
    plannedStart: "2025-01-01",
    plannedEnd: "2026-12-31",
    themes: ["financial_investigation"],
    pillars: [2],
    transactions: flows({ donorName: "United Kingdom", donorCode: "GBR" }, "GBP", [
      ["commitment", "2024-12-01", "450000"],
      ["commitment", "2025-10-01", "150000"],
      ["disbursement", "2025-02-01", "300000"],
      ["expenditure", "2025-11-30", "185000"],
    ]),
    locations: [{ code: "KGZ", kind: "country" }],
    organizations: [{ role: "beneficiary", name: "State Financial Intelligence Service" }],
  },
  {
    partnerCode: "KAZ",
    workflow: "published",
    title: { ru: "[Demo] Профилактика употребления синтетических наркотиков среди молодежи Алматы" },
    summary: {
      ru: "Студенты-волонтеры и кампании в социальных сетях предупреждают молодежь о синтетических наркотиках, продаваемых онлайн.",
    },
    plannedStart: "2025-02-01",
    plannedEnd: "2026-01-31",
    themes: ["prevention", "demand_reduction"],
    pillars: [4],
    transactions: flows({ donorName: "Казахстан", donorCode: "KAZ" }, "KZT", [
      ["commitment", "2025-01-15", "90000000"],
      ["disbursement", "2025-02-10", "45000000"],
      ["disbursement", "2025-08-10", "30000000"],
      ["expenditure", "2025-07-31", "38000000"],
    ]),
    locations: [{ code: "KAZ", kind: "country" }],
  },
];

const RATES = [
  { currency: "EUR", date: "2024-01-01", usdPerUnit: "1.1050", source: "[Demo] ECB reference rate" },
  { currency: "GBP", date: "2024-01-01", usdPerUnit: "1.2700", source: "[Demo] Bank of England" },
  { currency: "RUB", date: "2024-01-01", usdPerUnit: "0.0110", source: "[Demo] Central Bank of Russia" },
  { currency: "KZT", date: "2024-01-01", usdPerUnit: "0.0022", source: "[Demo] National Bank of Kazakhstan" },
  // Later rates, so that transactions of one project convert at different rates by their dates.
  { currency: "EUR", date: "2025-01-01", usdPerUnit: "1.0400", source: "[Demo] ECB reference rate" },
  { currency: "GBP", date: "2025-01-01", usdPerUnit: "1.2500", source: "[Demo] Bank of England" },
  { currency: "KZT", date: "2025-01-01", usdPerUnit: "0.0019", source: "[Demo] National Bank of Kazakhstan" },
];

export const demoProjects: DemoContributor = {
  name: "projects",
  async seed(ctx: AppContext) {
    const m = ctx.projects;
    if ((await m.projects.repo.demoProjectIds()).length) return ["projects        (already there)"];
    for (const r of RATES) await m.rates.add(r, SYSTEM_PRINCIPAL, SYSTEM_ACTOR);
    for (const d of PROJECTS) {
      const { workflow, ...input } = d;
      await m.projects.create({ ...base, ...input } as ProjectInputParsed, SYSTEM_PRINCIPAL, SYSTEM_ACTOR, {
        demo: true,
        workflow,
      });
    }
    await m.needs.create(
      {
        partnerCode: "TJK",
        country: "TJK",
        pillar: 3,
        theme: "precursors",
        description: {
          ru: "[Demo] Лаборатория для идентификации прекурсоров на южной границе",
          en: "[Demo] Precursor identification on the southern border",
        },
        priority: "high",
        periodStart: "2025-01-01",
        periodEnd: "2026-12-31",
      },
      SYSTEM_PRINCIPAL,
      SYSTEM_ACTOR,
      true,
    );
    await m.needs.create(
      {
        partnerCode: "TJK",
        country: "TJK",
        pillar: 4,
        theme: "treatment",
        description: {
          ru: "[Demo] Заместительная терапия в Хатлонской области",
          en: "[Demo] Opioid agonist therapy in Khatlon",
        },
        priority: "medium",
        periodStart: "2025-06-01",
        periodEnd: "2027-05-31",
      },
      SYSTEM_PRINCIPAL,
      SYSTEM_ACTOR,
      true,
    );
    const alerts = await m.duplicates.list({ status: "open", limit: 100, offset: 0 }, SYSTEM_PRINCIPAL);
    return [
      `projects        ${PROJECTS.length} projects, 2 needs, ${RATES.length} exchange rates, ${alerts.total} duplication alert(s)`,
    ];
  },
  async remove(ctx: AppContext) {
    const ids = (await ctx.projects.projects.repo.demoProjectIds()).map((r) => r.id);
    const removed = await ctx.database.db.transaction().execute((trx) => ctx.projects.projects.repo.removeDemo(trx));
    for (const id of ids) await ctx.search.remove("project", id);
    await ctx.database.db.deleteFrom("exchange_rates").where("source", "like", "[Demo]%").execute();
    return `projects: removed ${removed.projects} demo projects and ${removed.needs} needs`;
  },
};
