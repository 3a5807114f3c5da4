import { countryName } from "../../common/countries.js";
import {
  formatDate,
  formatMass,
  formatMonth,
  formatNumber,
  formatPercent,
  formatSignificant,
  roundSignificant,
} from "../../common/format.js";
import type { Language } from "../../common/localized.js";
import type { Pivot, StatsOverview } from "../../common/projects.js";
import { type Dashboard, DRUG_GROUP_NAMES, DRUG_GROUPS, drugOf, type MapCountries } from "../../common/seizures.js";
import type { AppContext } from "../context.js";
import { escapeHtml as h, type Prerendered, reference, translator } from "./prerender.js";

/**
 * The first screen of the members' pages the slow-link budget names (issue 18): the seizure dashboard, the seizure
 * map and ADAM's statistics. A member's first visit waited 14–20 s for ~550 KB of code (and ECharts or MapLibre)
 * before any figure was drawn; the server now puts the page's heading and its figures, as tables, into the HTML.
 *
 * The figures are the API's own answers to this very request's user: each is read with `get`, which calls the API
 * route in-process with the request's cookies (web-app.ts), so the session, two-factor and terms checks, the access
 * rule, the member's record-level visibility, the disclosure control and the read audit are the route's, never a
 * second copy of them. Any answer but 200 (no session, terms not accepted, not allowed) means no first screen: the
 * app draws the page and its own answer. The HTML is `private, no-store` (web-app.ts) and the service worker never
 * keeps a page (navigations get its cached shell; it stores JSON only).
 */
export type ApiGet = <T>(url: string) => Promise<T>;

/** A member's page is prerendered only without query (a filtered view is the app's to draw). */
export const MEMBER_PAGES: ReadonlySet<string> = new Set(["/seizures", "/seizures/map", "/projects/stats"]);

type T = ReturnType<typeof translator>;

/** A code's label, or the code itself when the messages have none (as the app's `defaultValue`). */
const labelOr = (t: T, key: string, code: string) => {
  const text = t(key);
  return text === key ? code : text;
};

interface Table {
  id: string;
  title: string;
  subtitle?: string;
  columns: string[];
  /** First cell is the row's header; `{ html }` is markup already escaped (a link). */
  rows: (string | { html: string })[][];
  empty: string;
}

const cell = (v: string | { html: string }) => (typeof v === "string" ? h(v) : v.html);

/** A table the way the app's table view shows it: a heading, column headers, row headers, numbers on the right. */
function table(t: Table): string {
  const head = t.columns.map((c, i) => `<th scope="col"${i ? ' class="n"' : ""}>${h(c)}</th>`).join("");
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row">${cell(v)}</th>` : `<td class="n">${cell(v)}</td>`)).join("")}</tr>`,
    )
    .join("");
  return [
    `<section aria-labelledby="${t.id}"><h2 id="${t.id}">${h(t.title)}</h2>`,
    t.subtitle ? `<p><small>${h(t.subtitle)}</small></p>` : "",
    t.rows.length
      ? `<div class="pp-scroll" role="region" tabindex="0" aria-labelledby="${t.id}"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`
      : `<p>${h(t.empty)}</p>`,
    `</section>`,
  ].join("");
}

/** Country names as the app gives them: the partner's name, else the ISO list's. */
async function countryNames(ctx: AppContext, lang: Language) {
  const partners = await (await reference(ctx)).partners();
  const names = new Map(partners.items.filter((p) => p.kind === "country").map((p) => [p.code, p.name]));
  return (code: string) => {
    const name = names.get(code);
    return (name ? (name[lang] ?? name.en ?? name.ru) : undefined) || countryName(code, lang);
  };
}

const drugName = (lang: Language, code: string) => drugOf(code)?.name[lang] ?? code;
const groupName = (lang: Language, code: string) =>
  DRUG_GROUP_NAMES[code as keyof typeof DRUG_GROUP_NAMES]?.[lang] ?? code;

interface Names {
  lang: Language;
  t: T;
  country: (code: string) => string;
  kg: (n: number) => string;
}

function alertsOf(d: Dashboard, { lang, t, country, kg }: Names): string {
  if (!d.alerts.length) return "";
  const line = (a: Dashboard["alerts"][number]) =>
    t("seizures.alerts.line", {
      country: country(a.country),
      drug: drugName(lang, a.drug),
      period: formatMonth(a.year, a.month, lang),
      kg: kg(a.massKg),
      median: kg(a.median),
    });
  const items = d.alerts
    .slice(0, 8)
    .map((a) => `<li><b>${h(t(`seizures.alerts.${a.direction}`))}</b> ${h(line(a))}</li>`);
  return `<section aria-labelledby="pre-alerts"><h2 id="pre-alerts">${h(t("seizures.alerts.title"))}</h2><ul>${items.join("")}</ul></section>`;
}

/** The monthly chart's figures: a row per month, a column per drug group (kg, as the chart rounds them). */
function monthlyOf(d: Dashboard, { lang, t, kg }: Names): string {
  const months = [...new Set(d.byMonth.map((r) => r.year * 100 + r.month))].sort((a, b) => a - b);
  const groups = DRUG_GROUPS.filter((g) => d.byMonth.some((r) => r.drugGroup === g));
  const rows = months.map((m) => [
    formatMonth(Math.floor(m / 100), m % 100, lang),
    ...groups.map((g) => {
      const hit = d.byMonth.filter((r) => r.drugGroup === g && r.year * 100 + r.month === m);
      return hit.length ? kg(roundSignificant(hit.reduce((s, r) => s + r.massKg, 0))) : "";
    }),
  ]);
  return table({
    id: "pre-monthly",
    title: t("seizures.charts.monthly"),
    subtitle: t("seizures.kg"),
    columns: [t("viz.chart.category"), ...groups.map((g) => groupName(lang, g))],
    rows,
    empty: t("viz.chart.empty"),
  });
}

/** The dashboard's other charts and tables: by country (15 largest), drug and route, year on year. */
function breakdownsOf(d: Dashboard, { lang, t, country, kg }: Names): string[] {
  const lastYear = Math.max(0, ...d.yearOnYear.map((r) => r.year));
  const empty = t("viz.chart.empty");
  const change = (pct: number | null) =>
    pct === null ? "—" : `${pct > 0 ? "+" : ""}${formatPercent(pct / 100, lang, 1)}`;
  return [
    table({
      id: "pre-country",
      title: t("seizures.charts.byCountry"),
      columns: [t("seizures.fields.country"), t("seizures.kg")],
      rows: [...d.byCountry]
        .sort((a, b) => b.massKg - a.massKg)
        .slice(0, 15)
        .map((r) => [country(r.country), kg(r.massKg)]),
      empty,
    }),
    table({
      id: "pre-drug",
      title: t("seizures.charts.byDrug"),
      columns: [t("seizures.fields.drug"), t("seizures.kg"), t("seizures.cases")],
      rows: [...d.byDrug]
        .sort((a, b) => b.massKg - a.massKg)
        .map((r) => [drugName(lang, r.drug), kg(r.massKg), formatNumber(r.cases, lang, 0)]),
      empty,
    }),
    table({
      id: "pre-route",
      title: t("seizures.charts.byRoute"),
      columns: [t("viz.chart.category"), t("seizures.cases")],
      rows: d.byRoute.map((r) => [labelOr(t, `seizures.routes.${r.route}`, r.route), formatNumber(r.cases, lang, 0)]),
      empty,
    }),
    table({
      id: "pre-yoy",
      title: t("seizures.charts.yearOnYear"),
      columns: [t("seizures.fields.drugGroup"), t("seizures.kg"), t("seizures.charts.change")],
      rows: d.yearOnYear
        .filter((r) => r.year === lastYear)
        .sort((a, b) => b.massKg - a.massKg)
        .map((r) => [`${groupName(lang, r.drugGroup)} (${r.year})`, kg(r.massKg), change(r.changePct)]),
      empty,
    }),
  ];
}

function topOf(d: Dashboard, { lang, t, country, kg }: Names): string {
  return table({
    id: "pre-top",
    title: t("seizures.charts.top"),
    columns: [
      t("seizures.fields.seizureDate"),
      t("seizures.fields.country"),
      t("seizures.fields.drug"),
      t("seizures.kg"),
    ],
    rows: d.top.map((s) => [
      { html: `<a href="/seizures/records/${encodeURIComponent(s.id)}">${h(formatDate(s.seizureDate, lang))}</a>` },
      country(s.country),
      drugName(lang, s.drug),
      kg(s.massKg),
    ]),
    empty: t("viz.chart.empty"),
  });
}

async function dashboard(ctx: AppContext, lang: Language, t: T, get: ApiGet): Promise<Prerendered> {
  const [d, country] = await Promise.all([get<Dashboard>("/seizures/dashboard"), countryNames(ctx, lang)]);
  const names: Names = { lang, t, country, kg: (n) => formatSignificant(n, lang) };
  return {
    title: t("seizures.title"),
    main: [
      `<h1>${h(t("seizures.title"))}</h1><p>${h(t("seizures.intro"))}</p>`,
      `<ul class="pp-stats"><li><b>${h(formatNumber(d.totals.cases, lang, 0))}</b> ${h(t("seizures.totals.cases"))}</li>`,
      `<li><b>${h(formatMass(d.totals.massKg, lang))}</b> ${h(t("seizures.totals.kg"))}</li></ul>`,
      alertsOf(d, names),
      monthlyOf(d, names),
      `<div class="pp-grid">${breakdownsOf(d, names).join("")}</div>`,
      topOf(d, names),
    ].join(""),
  };
}

async function seizureMap(ctx: AppContext, lang: Language, t: T, get: ApiGet): Promise<Prerendered> {
  // The map's own default layer (its country aggregate), so the app takes over with the same read.
  const [layer, country] = await Promise.all([get<MapCountries>("/seizures/map/countries"), countryNames(ctx, lang)]);
  return {
    title: t("seizures.map.title"),
    main:
      `<h1>${h(t("seizures.map.title"))}</h1>` +
      table({
        id: "pre-map-countries",
        title: t("seizures.map.choropleth"),
        subtitle: t("seizures.source"),
        columns: [t("seizures.fields.country"), t("seizures.kg"), t("seizures.cases")],
        rows: [...layer.items]
          .sort((a, b) => b.massKg - a.massKg)
          .map((r) => [country(r.country), formatSignificant(r.massKg, lang), formatNumber(r.cases, lang, 0)]),
        empty: t("viz.chart.empty"),
      }),
  };
}

const PIVOTS = [
  ["donor", "projects.stats.byDonor"],
  ["country", "projects.stats.byCountry"],
  ["pillar", "projects.stats.byPillar"],
  ["theme", "projects.stats.byTheme"],
  ["year", "projects.stats.overTime"],
] as const;

async function projectStats(lang: Language, t: T, get: ApiGet): Promise<Prerendered> {
  // The charts' pivots in one read, the same the app asks for (GET /projects/stats/overview).
  const { charts } = await get<StatsOverview>("/projects/stats/overview");
  const pivots = PIVOTS.map(([dim]) => charts[dim]);
  const usd = new Intl.NumberFormat(lang, { style: "currency", currency: "USD", maximumFractionDigits: 0 });
  const label = (dim: string, value: string, p: Pivot) =>
    dim === "donor" && p.labels[value]
      ? p.labels[value][lang]
      : dim === "country" && value !== "—"
        ? countryName(value, lang)
        : dim === "theme"
          ? labelOr(t, `projects.theme.${value}`, value)
          : dim === "pillar" && value !== "—"
            ? t("projects.pillar", { number: value })
            : value;
  const tables = PIVOTS.map(([dim, title], i) => {
    const p = pivots[i] as Pivot;
    return table({
      id: `pre-${dim}`,
      title: t(title),
      subtitle: t("projects.stats.usd"),
      columns: [t(`projects.stats.dimension.${dim}`), t("projects.stats.usd")],
      rows: p.rows
        .slice(0, dim === "year" ? undefined : 15)
        .map((r, j) => [`${label(dim, r, p)}${p.draftRows[j] ? " *" : ""}`, usd.format(p.rowTotals[j] ?? 0)]),
      empty: t("viz.chart.empty"),
    });
  });
  const first = pivots[0] as Pivot;
  const notes = [
    first.includesDrafts
      ? t("projects.stats.notes.drafts", { count: first.draftProjects })
      : t("projects.stats.notes.published"),
    ...(first.duplicatesLeftOut ? [t("projects.stats.notes.duplicates", { count: first.duplicatesLeftOut })] : []),
  ];
  return {
    title: t("projects.stats.title"),
    main: [
      `<h1>${h(t("projects.stats.title"))}</h1>`,
      `<p>${h(t("projects.stats.source"))}</p>`,
      `<div class="pp-grid">${tables.slice(0, 4).join("")}</div>`,
      tables[4],
      `<ul>${notes.map((n) => `<li><small>${h(n)}</small></li>`).join("")}</ul>`,
    ].join(""),
  };
}

/** The page's first screen as the API answers this user, or null (not a member page, or an answer but 200). */
export async function prerenderMember(
  ctx: AppContext,
  pathname: string,
  lang: Language,
  get: ApiGet,
): Promise<Prerendered | null> {
  if (!MEMBER_PAGES.has(pathname)) return null;
  const t = translator(lang);
  try {
    if (pathname === "/seizures") return await dashboard(ctx, lang, t, get);
    if (pathname === "/seizures/map") return await seizureMap(ctx, lang, t, get);
    return await projectStats(lang, t, get);
  } catch (error) {
    if (error instanceof NotAnswered) return null;
    ctx.log.warn({ err: error, pathname }, "member prerender failed; serving the plain app shell");
    return null;
  }
}

/** The API did not answer 200 for this user: the page is left to the app. */
export class NotAnswered extends Error {
  constructor(readonly status: number) {
    super(`API answered ${status}`);
  }
}
