import type { AnalysisKind } from "../../../common/analyses.js";
import { countryName, isIso3 } from "../../../common/countries.js";
import type { FacilityStats } from "../../../common/facilities.js";
import type { Language, LocalizedText } from "../../../common/localized.js";
import type { Heatmap } from "../../../common/meetings.js";
import type { Pivot } from "../../../common/projects.js";
import {
  type Dashboard as DmpDashboard,
  drugOf,
  type Flow,
  type MapCountries,
  type MapPoints,
} from "../../../common/seizures.js";
import type { Report as TrainingReport } from "../../../common/trainings.js";
import projectsEn from "../../../web/i18n/modules/projects.en.json" with { type: "json" };
import projectsRu from "../../../web/i18n/modules/projects.ru.json" with { type: "json" };
import seizuresEn from "../../../web/i18n/modules/seizures.en.json" with { type: "json" };
import seizuresRu from "../../../web/i18n/modules/seizures.ru.json" with { type: "json" };
import trainingsEn from "../../../web/i18n/modules/trainings.en.json" with { type: "json" };
import trainingsRu from "../../../web/i18n/modules/trainings.ru.json" with { type: "json" };
import { labelsFrom } from "../../platform/export-labels.js";
import { type TableSheet, writeXlsx } from "../../platform/tabular.js";

/** One table of a report: what a recipient's run of an analysis gave them, headers in their language. */
export interface ReportTable {
  title: string;
  headers: string[];
  rows: (string | number | null)[][];
}

/** A section per analysis of the report (one for an analysis, one per tile the recipient may open for a dashboard). */
export interface ReportSection {
  name: string;
  tables: ReportTable[];
  /** The route refused the recipient or the tile's analysis is not open to them: nothing of it is shown. */
  unavailable?: boolean;
}

const T = {
  en: {
    total: "Total",
    cases: "Cases",
    massKg: "Mass, kg",
    country: "Country",
    drug: "Drug",
    route: "Route",
    totals: "Totals",
    byCountry: "By country",
    byDrug: "By drug",
    byRoute: "By route",
    persons: "Persons trained",
    participations: "Participations",
    withheld: "withheld",
    number: "No.",
    recommendation: "Recommendation",
    status: ["not started", "partial", "done"],
    unavailable: "Not available to you",
    facilities: ["Facilities", "Capacity", "Patients per year", "Modality coverage, %"],
    map: {
      choropleth: "Mass by country (the map's country layer)",
      points: "Seizure points by drug (the map's points layer)",
      flows: "Trafficking flows (the map's flows layer)",
      pointsCount: "Points",
      from: "From",
      to: "To",
      truncated: (n: number) => `The map shows the first ${n} points only; the table counts those.`,
    },
    dims: {
      donor: "Donor",
      country: "Country",
      pillar: "Pillar",
      theme: "Theme",
      year: "Year",
      stage: "Stage",
      partner: "Partner",
      agency: "Agency",
      sex: "Sex",
      topic: "Topic",
    } as Record<string, string>,
    value: { usd: "USD", disbursed_usd: "USD disbursed", spent_usd: "USD spent", count: "Projects" } as Record<
      string,
      string
    >,
  },
  ru: {
    total: "Итого",
    cases: "Случаи",
    massKg: "Масса, кг",
    country: "Страна",
    drug: "Наркотик",
    route: "Маршрут",
    totals: "Итоги",
    byCountry: "По странам",
    byDrug: "По наркотикам",
    byRoute: "По маршрутам",
    persons: "Обучено человек",
    participations: "Участий",
    withheld: "скрыто",
    number: "№",
    recommendation: "Рекомендация",
    status: ["не начато", "частично", "выполнено"],
    unavailable: "Вам недоступно",
    facilities: ["Учреждения", "Мест", "Пациентов в год", "Охват видов лечения, %"],
    map: {
      choropleth: "Масса по странам (слой стран карты)",
      points: "Точки изъятий по наркотикам (слой точек карты)",
      flows: "Потоки наркотрафика (слой потоков карты)",
      pointsCount: "Точки",
      from: "Откуда",
      to: "Куда",
      truncated: (n: number) => `На карте только первые ${n} точек; таблица считает их.`,
    },
    dims: {
      donor: "Донор",
      country: "Страна",
      pillar: "Направление",
      theme: "Тема",
      year: "Год",
      stage: "Стадия",
      partner: "Партнер",
      agency: "Ведомство",
      sex: "Пол",
      topic: "Тема",
    } as Record<string, string>,
    value: {
      usd: "USD",
      disbursed_usd: "USD выплачено",
      spent_usd: "USD израсходовано",
      count: "Проекты",
    } as Record<string, string>,
  },
};

/** A country's name in the reader's language; anything else as it is. */
const place = (code: string, lang: Language) => (isIso3(code) ? countryName(code, lang) : code);

/** Names of the codes the screens name, from the web app's own message files (as the exports do). */
const projectLabel = labelsFrom(projectsEn, projectsRu);
const seizureLabel = labelsFrom(seizuresEn, seizuresRu);
const trainingLabel = labelsFrom(trainingsEn, trainingsRu);
const drugName = (code: string, lang: Language) => drugOf(code)?.name[lang] ?? code;
const routeName = (code: string | null, lang: Language) => seizureLabel("seizures.routes", code ?? "none", lang);

/** A pivot key named as the statistics page names it: donors, countries, themes, stages and pillars. */
function pivotKey(dim: string | undefined, code: string, labels: Pivot["labels"], lang: Language): string {
  if (labels[code]) return labels[code][lang];
  if (code === "—") return code;
  if (dim === "theme") return projectLabel("projects.theme", code, lang);
  if (dim === "stage") return projectLabel("projects.stage", code, lang);
  if (dim === "pillar") return projectLabel("projects", "pillar", lang).replace("{number}", code);
  return place(code, lang);
}

/** How a report names what a run's figures carry only as codes. */
export interface TableOptions {
  /** The saved analysis's view (the seizure map's layer). */
  view?: string;
  /** Partners' names by code (the heatmap's columns). */
  partners?: ReadonlyMap<string, LocalizedText>;
}

/**
 * The seizure map's layer as its table (the PDF shows no map image: the renderer draws no WebGL map, and the
 * figures are the same): the country aggregate, the points summed by drug, or the flows.
 */
function mapTables(view: string | undefined, body: unknown, lang: Language): ReportTable[] {
  const t = T[lang];
  if (view === "points") {
    const p = body as MapPoints;
    const byDrug = new Map<number, { n: number; kg: number }>();
    p.drug.forEach((d, i) => {
      const v = byDrug.get(d) ?? { n: 0, kg: 0 };
      v.n += 1;
      v.kg += p.kg[i] ?? 0;
      byDrug.set(d, v);
    });
    const rows = [...byDrug.entries()]
      .map(([d, v]): (string | number | null)[] => [
        drugName(p.drugs[d] ?? "", lang),
        v.n,
        Math.round(v.kg * 1000) / 1000,
      ])
      .sort((a, b) => Number(b[2]) - Number(a[2]));
    return [
      {
        title: p.truncated ? `${t.map.points}. ${t.map.truncated(p.lon.length)}` : t.map.points,
        headers: [t.drug, t.map.pointsCount, t.massKg],
        rows: [...rows, [t.total, p.lon.length, Math.round(p.kg.reduce((a, b) => a + b, 0) * 1000) / 1000]],
      },
    ];
  }
  if (view === "flows") {
    const f = body as { items: Flow[] };
    return [
      {
        title: t.map.flows,
        headers: [t.map.from, t.map.to, t.cases, t.massKg],
        rows: f.items.map((x) => [place(x.from, lang), place(x.to, lang), x.cases, x.massKg]),
      },
    ];
  }
  // The country layer is the map page's own read (`/seizures/map/countries`): the countries with seizures.
  const c = body as MapCountries;
  return [
    {
      title: t.map.choropleth,
      headers: [t.country, t.cases, t.massKg],
      rows: [...c.items].sort((x, y) => y.massKg - x.massKg).map((r) => [place(r.country, lang), r.cases, r.massKg]),
    },
  ];
}

/** The figures of one run of an analysis route as tables, in the recipient's language. */
export function tablesOf(
  kind: AnalysisKind,
  query: Record<string, string>,
  body: unknown,
  lang: Language,
  options: TableOptions = {},
): ReportTable[] {
  const t = T[lang];
  if (kind === "dmp.map") return mapTables(options.view, body, lang);
  if (kind === "adam.pivot") {
    const p = body as Pivot;
    const rowsDim = t.dims[query.rows ?? "donor"] ?? query.rows ?? "";
    return [
      {
        title: `${rowsDim} (${t.value[p.measure] ?? p.measure})`,
        headers: [rowsDim, ...p.columns.map((c) => pivotKey(query.columns, c, p.labels, lang)), t.total],
        rows: [
          ...p.rows.map((r, i) => [
            pivotKey(query.rows ?? "donor", r, p.labels, lang),
            ...(p.columns.length ? (p.cells[i] ?? []) : []),
            p.rowTotals[i] ?? null,
          ]),
          [t.total, ...(p.columns.length ? p.columnTotals : []), p.total],
        ],
      },
    ];
  }
  if (kind === "dmp.dashboard") {
    const d = body as DmpDashboard;
    return [
      { title: t.totals, headers: [t.cases, t.massKg], rows: [[d.totals.cases, d.totals.massKg]] },
      {
        title: t.byCountry,
        headers: [t.country, t.cases, t.massKg],
        rows: d.byCountry.map((r) => [place(r.country, lang), r.cases, r.massKg]),
      },
      {
        title: t.byDrug,
        headers: [t.drug, t.cases, t.massKg],
        rows: d.byDrug.map((r) => [drugName(r.drug, lang), r.cases, r.massKg]),
      },
      {
        title: t.byRoute,
        headers: [t.route, t.cases, t.massKg],
        rows: d.byRoute.map((r) => [routeName(r.route, lang), r.cases, r.massKg]),
      },
    ];
  }
  if (kind === "trainings.report") {
    const r = body as TrainingReport;
    const dim = t.dims[r.by] ?? r.by;
    return [
      {
        title: dim,
        headers: [dim, t.persons, t.participations],
        rows: [
          ...r.rows.map((x) => [
            r.by === "country"
              ? place(x.key, lang)
              : r.by === "sex"
                ? trainingLabel("trainings.sex", x.key, lang)
                : x.key,
            x.persons ?? t.withheld,
            x.participations ?? t.withheld,
          ]),
          [t.total, r.totals.persons, r.totals.participations],
        ],
      },
    ];
  }
  if (kind === "facilities.stats") {
    const f = body as FacilityStats;
    return [
      {
        title: t.byCountry,
        headers: [t.country, ...t.facilities],
        rows: [
          ...f.countries.map((c) => [
            place(c.country, lang),
            c.facilities,
            c.capacity,
            c.patientsPerYear,
            Math.round(c.modalityCoverage * 100),
          ]),
          [t.total, f.totals.facilities, f.totals.capacity, null, null],
        ],
      },
    ];
  }
  const h = body as Heatmap;
  const status = new Map(h.cells.map(([ri, pi, s]) => [`${ri}:${pi}`, s]));
  return [
    {
      title: t.recommendation,
      // Partners by name in the recipient's language, as the heatmap on the page names them.
      headers: [
        t.number,
        t.recommendation,
        ...h.partners.map((code) => {
          const name = options.partners?.get(code);
          return name?.[lang] ?? name?.en ?? name?.ru ?? place(code, lang);
        }),
      ],
      rows: h.recommendations.map((rec, ri) => [
        rec.number,
        rec.text[lang] ?? rec.text.en ?? rec.text.ru ?? "",
        ...h.partners.map((_, pi) => {
          const s = status.get(`${ri}:${pi}`);
          return s === undefined ? null : (t.status[s] ?? null);
        }),
      ]),
    },
  ];
}

/** The report as an XLSX workbook: a sheet per table, the analysis's name above each. */
export async function reportXlsx(title: string, sections: ReportSection[], lang: Language): Promise<Buffer> {
  const sheets: TableSheet[] = [];
  for (const section of sections) {
    if (section.unavailable) {
      sheets.push({
        name: section.name,
        columns: [{ key: "a", header: section.name }],
        rows: [{ a: T[lang].unavailable }],
      });
      continue;
    }
    for (const table of section.tables) {
      sheets.push({
        name: sections.length > 1 || section.tables.length > 1 ? `${section.name} – ${table.title}` : section.name,
        preamble: [section.name, table.title],
        columns: table.headers.map((header, i) => ({ key: `c${i}`, header })),
        rows: table.rows.map((row) => Object.fromEntries(row.map((v, i) => [`c${i}`, v]))),
      });
    }
  }
  return writeXlsx(sheets, { title });
}

const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

const fmt = (v: string | number | null, lang: Language) =>
  typeof v === "number"
    ? new Intl.NumberFormat(lang === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: 2 }).format(v)
    : (v ?? "—");

/**
 * The PDF's page: the tables of each section, and for each table with one numeric column a bar per row drawn in
 * plain HTML (no script, no network: the renderer refuses both).
 */
export function reportHtml(title: string, subtitle: string, sections: ReportSection[], lang: Language): string {
  const t = T[lang];
  const body = sections
    .map((section) => {
      if (section.unavailable) return `<h2>${esc(section.name)}</h2><p class="muted">${esc(t.unavailable)}</p>`;
      const tables = section.tables
        .map((table) => {
          const numeric = table.rows.map((r) => (typeof r[1] === "number" ? (r[1] as number) : null));
          const max = Math.max(0, ...numeric.map((n) => n ?? 0));
          const bars = table.headers.length === 3 && max > 0;
          return `<h3>${esc(table.title)}</h3><table><thead><tr>${table.headers.map((h) => `<th>${esc(h)}</th>`).join("")}${bars ? "<th></th>" : ""}</tr></thead><tbody>${table.rows
            .map(
              (row, i) =>
                `<tr>${row.map((v) => `<td class="${typeof v === "number" ? "num" : ""}">${esc(fmt(v, lang))}</td>`).join("")}${
                  bars
                    ? `<td class="bar"><span style="width:${Math.round(((numeric[i] ?? 0) / max) * 100)}%"></span></td>`
                    : ""
                }</tr>`,
            )
            .join("")}</tbody></table>`;
        })
        .join("");
      return `<h2>${esc(section.name)}</h2>${tables}`;
    })
    .join("");
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10pt;color:#212529}
h1{font-size:16pt;margin:0 0 2mm}h2{font-size:13pt;margin:6mm 0 2mm}h3{font-size:11pt;margin:4mm 0 1mm}
.muted{color:#6c757d}table{border-collapse:collapse;width:100%;margin-bottom:3mm}
th,td{border-bottom:1px solid #dee2e6;padding:1mm 2mm;text-align:left}td.num{text-align:right}
td.bar{width:30%}td.bar span{display:inline-block;height:3mm;background:#1f6feb}
</style></head><body><h1>${esc(title)}</h1><p class="muted">${esc(subtitle)}</p>${body}</body></html>`;
}

const MAIL = {
  en: {
    subject: (name: string) => `Scheduled report: ${name}`,
    hello: (n: string) => `Hello ${n},`,
    intro: (name: string, format: string, when: string) =>
      `Attached is your ${format.toUpperCase()} report of “${name}” as of ${when}, with the figures your own access gives you.`,
    open: "Open it on the platform:",
    why: "You receive it because its owner scheduled this report for you. The owner or a coordinator can stop it.",
  },
  ru: {
    subject: (name: string) => `Отчет по расписанию: ${name}`,
    hello: (n: string) => `Здравствуйте, ${n}!`,
    intro: (name: string, format: string, when: string) =>
      `Во вложении ваш отчет ${format.toUpperCase()} «${name}» на ${when} — с данными, доступными вам.`,
    open: "Открыть на платформе:",
    why: "Вы получаете его, потому что владелец назначил вам этот отчет. Отменить рассылку может владелец или координатор.",
  },
};

export function reportMail(input: {
  lang: Language;
  name: string;
  recipient: string;
  format: string;
  when: Date;
  link: string;
}) {
  const m = MAIL[input.lang];
  const when = new Intl.DateTimeFormat(input.lang === "ru" ? "ru-RU" : "en-GB", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(input.when);
  const intro = m.intro(input.name, input.format, when);
  return {
    subject: m.subject(input.name),
    text: `${m.hello(input.recipient)}\n\n${intro}\n\n${m.open} ${input.link}\n\n${m.why}\n`,
    html: `<!doctype html><html lang="${input.lang}"><body><p>${esc(m.hello(input.recipient))}</p><p>${esc(intro)}</p><p><a href="${esc(input.link)}">${esc(m.open)} ${esc(input.link)}</a></p><p style="color:#6c757d">${esc(m.why)}</p></body></html>`,
  };
}
