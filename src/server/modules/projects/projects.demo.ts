import type { AppContext } from "../../context.js";
import type { DemoContributor } from "../../demo/index.js";
import { principalFor } from "../../http/access-policy.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import type { ProjectInputParsed } from "./projects.service.js";

const ADMIN = principalFor(
  {
    id: "00000000-0000-0000-0000-000000000000",
    email: "system",
    displayName: "system",
    role: "administrator",
    partnerCode: null,
  },
  null,
);

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
    fundings: [{ donorName: "Japan", donorCode: "JPN", amount: "2400000", currency: "USD" }],
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
    fundings: [{ donorName: "United States", donorCode: "USA", amount: "850000", currency: "USD" }],
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
    fundings: [{ donorName: "Germany", donorCode: "DEU", amount: "1200000", currency: "EUR" }],
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
    fundings: [{ donorName: "United Kingdom", donorCode: "GBR", amount: "600000", currency: "GBP" }],
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
    fundings: [{ donorName: "Казахстан", donorCode: "KAZ", amount: "90000000", currency: "KZT" }],
    locations: [{ code: "KAZ", kind: "country" }],
  },
];

const RATES = [
  { currency: "EUR", date: "2024-01-01", usdPerUnit: "1.1050", source: "[Demo] ECB reference rate" },
  { currency: "GBP", date: "2024-01-01", usdPerUnit: "1.2700", source: "[Demo] Bank of England" },
  { currency: "RUB", date: "2024-01-01", usdPerUnit: "0.0110", source: "[Demo] Central Bank of Russia" },
  { currency: "KZT", date: "2024-01-01", usdPerUnit: "0.0022", source: "[Demo] National Bank of Kazakhstan" },
];

export const demoProjects: DemoContributor = {
  name: "projects",
  async seed(ctx: AppContext) {
    const m = ctx.projects;
    if ((await m.projects.repo.demoProjectIds()).length) return ["projects        (already there)"];
    for (const r of RATES) await m.rates.add(r, ADMIN, SYSTEM_ACTOR);
    for (const d of PROJECTS) {
      const { workflow, ...input } = d;
      await m.projects.create({ ...base, ...input } as ProjectInputParsed, ADMIN, SYSTEM_ACTOR, {
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
      ADMIN,
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
      ADMIN,
      SYSTEM_ACTOR,
      true,
    );
    const alerts = await m.duplicates.list({ status: "open", limit: 100, offset: 0 }, ADMIN);
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
