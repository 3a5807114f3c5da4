import { createRequire } from "node:module";
import type * as ECharts from "echarts";
import type { ChartData, FactsheetContent } from "../../../common/factsheets.js";
import { formatDate, formatNumber as formatLocalNumber, formatUnit, unitSymbol } from "../../../common/format.js";
import type { Language, LocalizedText } from "../../../common/localized.js";
import { drugOf } from "../../../common/seizures.js";
import { bbox } from "../../platform/geo.js";
import { basemap } from "../../platform/geo-basemap.js";

/**
 * The printable fact sheet: one self-contained HTML page (inline SVG charts rendered with ECharts on the
 * server, an SVG map from the offline basemap, print CSS with A4 pages) that Chromium turns into the PDF.
 * It shows the same content as the web page, from the same `FactsheetContent`.
 */
/**
 * ECharts, loaded on the first chart drawn: it is the heaviest library the server imports (about a second of CPU), and
 * only the fact sheets' printing uses it, so loading it eagerly slowed every start of the server, the CLI and every
 * test file that builds the app.
 */
let echartsLibrary: typeof ECharts | undefined;
function echarts(): typeof ECharts {
  echartsLibrary ??= createRequire(import.meta.url)("echarts") as typeof ECharts;
  return echartsLibrary;
}

const L = {
  en: {
    factsheet: "Paris Pact country fact sheet",
    regional: "Paris Pact regional fact sheet",
    headlines: "Headline figures",
    previous: "previous year",
    seizures: "Seizures by drug",
    drug: "Drug",
    quantity: "Quantity",
    unit: "Unit",
    kg: "kg",
    cases: "Cases",
    origins: "Main countries of origin",
    transport: "Modes of transport",
    indicators: "Indicators",
    kind: "Indicator",
    market: "Market",
    typical: "Typical",
    min: "Min",
    max: "Max",
    usd: "USD",
    source: "Source",
    reported: "Officially reported totals",
    completeness: "Data completeness",
    notes: "Notes",
    sources: "Sources",
    map: "Map",
    byCountry: "By country",
    country: "Country",
    none: "No data",
    generated: "Generated",
    edition: "Edition",
    draft: "DRAFT — not published",
    facilities: "Treatment facilities",
    modality: "Treatment modality",
    facilitiesLine: (n: string, c: string, p: string) =>
      `${n} facilities · capacity ${c} places · ${p} patients a year`,
    page: "Page",
    withheld: "withheld",
    partial: "partial",
    disclosure: (min: number) =>
      `Seizure figures count only published records shared publicly, as the public statistics do. A line resting on fewer than ${min} seizures, or dominated by one seizure, is withheld, together with the lines needed to keep it from being worked out; figures marked “partial” add up the published lines only.`,
    withdrawn:
      "The seizure figures of this edition were computed before the disclosure control and are no longer shown. The next edition recomputes them.",
  },
  ru: {
    factsheet: "Информационный бюллетень Парижского пакта по стране",
    regional: "Региональный информационный бюллетень Парижского пакта",
    headlines: "Основные показатели",
    previous: "предыдущий год",
    seizures: "Изъятия по наркотикам",
    drug: "Наркотик",
    quantity: "Количество",
    unit: "Ед.",
    kg: "кг",
    cases: "Случаи",
    origins: "Основные страны происхождения",
    transport: "Виды транспорта",
    indicators: "Показатели",
    kind: "Показатель",
    market: "Рынок",
    typical: "Типичное",
    min: "Мин.",
    max: "Макс.",
    usd: "USD",
    source: "Источник",
    reported: "Официально представленные итоги",
    completeness: "Полнота данных",
    notes: "Примечания",
    sources: "Источники",
    map: "Карта",
    byCountry: "По странам",
    country: "Страна",
    none: "Нет данных",
    generated: "Сформировано",
    edition: "Издание",
    draft: "ПРОЕКТ — не опубликовано",
    facilities: "Учреждения лечения",
    modality: "Вид лечения",
    facilitiesLine: (n: string, c: string, p: string) => `Учреждений: ${n} · мест: ${c} · пациентов в год: ${p}`,
    page: "Стр.",
    withheld: "скрыто",
    partial: "неполные",
    disclosure: (min: number) =>
      `Данные об изъятиях учитывают только опубликованные общедоступные записи, как и публичная статистика. Строка, основанная менее чем на ${min} изъятиях или с преобладанием одного изъятия, скрывается вместе со строками, по которым её можно было бы вычислить; показатели с пометкой «неполные» — сумма только опубликованных строк.`,
    withdrawn:
      "Данные об изъятиях этого издания рассчитаны до введения защиты от раскрытия и больше не показываются. Следующее издание пересчитает их.",
  },
} as const;

export const KIND_NAMES: Record<string, LocalizedText> = {
  price: { en: "Price", ru: "Цена" },
  purity: { en: "Purity", ru: "Чистота" },
  treatment: { en: "People in treatment", ru: "Лица на лечении" },
  prevalence: { en: "Prevalence", ru: "Распространённость" },
  precursor_seizure: { en: "Precursor seizure", ru: "Изъятие прекурсоров" },
  stopped_shipment: { en: "Stopped shipment", ru: "Остановленная поставка" },
};
const MARKETS: Record<string, LocalizedText> = {
  retail: { en: "retail", ru: "розница" },
  wholesale: { en: "wholesale", ru: "опт" },
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pick = (t: LocalizedText | undefined, lang: Language) => (t ? (t[lang] ?? t.en ?? t.ru ?? "") : "");

/** Numbers of the PDF, from the platform's one formatting module (12 000 and 253,749 in Russian). */
export function formatNumber(value: number | null, lang: Language, digits = 2): string {
  return formatLocalNumber(value, lang, digits);
}

const BRAND: Record<Language, string> = { en: "Paris Pact", ru: "Парижский пакт" };

/** The PDF's page footer, HTML-escaped for Chromium's footer template: "Парижский пакт · Узбекистан 2023". */
export function factsheetFooter(content: FactsheetContent, lang: Language): string {
  return esc(`${BRAND[lang]} · ${pick(content.title, lang)} ${content.year}`);
}

function formatChange(change: number | null, lang: Language): string {
  if (change === null) return "";
  const pct = formatNumber(Math.round(change * 1000) / 10, lang, 1);
  return `${change > 0 ? "+" : ""}${pct} %`;
}

/** A chart as an SVG string, rendered without a browser (ECharts server-side rendering). */
export function chartSvg(chart: ChartData, lang: Language, width = 680, height = 280): string {
  const instance = echarts().init(null, null, { renderer: "svg", ssr: true, width, height });
  instance.setOption({
    animation: false,
    textStyle: { fontFamily: "DejaVu Sans, Arial, sans-serif" },
    grid: {
      left: 70,
      right: 20,
      top: 30,
      bottom: (chart.kind === "bar" ? 70 : 30) + (chart.series.length > 1 ? 40 : 0),
    },
    legend: chart.series.length > 1 ? { bottom: 0, type: "plain", textStyle: { fontSize: 10 } } : undefined,
    xAxis: {
      type: "category",
      data: chart.categories.map((c) => pick(c, lang)),
      axisLabel: { interval: 0, rotate: chart.kind === "bar" && chart.categories.length > 4 ? 30 : 0, fontSize: 10 },
    },
    yAxis: {
      type: "value",
      name: formatUnit(chart.unit, lang),
      axisLabel: { fontSize: 10, formatter: (v: number) => formatNumber(v, lang) },
    },
    series: chart.series.map((s) => ({
      type: chart.kind,
      name: pick(s.name, lang),
      data: s.values,
      connectNulls: false,
      label:
        chart.kind === "bar" && chart.series.length === 1
          ? {
              show: true,
              position: "top",
              fontSize: 9,
              formatter: (p: { value: unknown }) => (typeof p.value === "number" ? formatNumber(p.value, lang) : ""),
            }
          : undefined,
    })),
    color: ["#1c5d99", "#e07a1f", "#2a9d8f", "#9b2226", "#6a4c93", "#577590", "#b5838d", "#588157"],
  });
  const svg = instance.renderToSVGString();
  instance.dispose();
  return svg;
}

/** Choropleth of the fact sheet's countries (by kg seized) with the main countries of origin outlined. */
export function mapSvg(content: FactsheetContent, width = 680, height = 320): string {
  const { collection } = basemap();
  const boxes = content.countries
    .map((c) => bbox(c.code))
    .filter((b): b is NonNullable<typeof b> => !!b && b[0] <= b[2]);
  if (!boxes.length) return "";
  let [w, s, e, n] = [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
  const padX = Math.max(4, (e - w) * 0.35);
  const padY = Math.max(3, (n - s) * 0.35);
  [w, s, e, n] = [w - padX, s - padY, e + padX, n + padY];
  const kx = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const scale = Math.min(width / ((e - w) * kx), height / (n - s));
  const px = (lon: number) => ((lon - w) * kx * scale).toFixed(1);
  const py = (lat: number) => ((n - lat) * scale).toFixed(1);
  const max = Math.max(0, ...content.byCountry.map((c) => c.kg ?? 0));
  const value = new Map(content.byCountry.map((c) => [c.country, c.kg]));
  const origins = new Set(content.origins.map((o) => o.code));
  const paths: string[] = [];
  for (const f of collection.features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const iso3 = f.properties.iso3;
    const d = polys
      .filter((poly) => poly[0]?.some(([lon, lat]) => lon >= w - 20 && lon <= e + 20 && lat >= s - 20 && lat <= n + 20))
      .map((poly) => poly.map((ring) => `M${ring.map(([lon, lat]) => `${px(lon)},${py(lat)}`).join("L")}Z`).join(""))
      .join("");
    if (!d) continue;
    const own = value.has(iso3);
    const kg = value.get(iso3) ?? 0;
    const shade = own ? (max > 0 ? 0.25 + 0.75 * ((kg ?? 0) / max) : 0.5) : 0;
    const fill = own ? `rgba(28,93,153,${shade.toFixed(2)})` : "#f1f3f5";
    const stroke = origins.has(iso3) ? ' stroke="#e07a1f" stroke-width="1.6"' : ' stroke="#adb5bd" stroke-width="0.5"';
    paths.push(`<path d="${d}" fill="${fill}"${stroke}><title>${esc(iso3)}</title></path>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img"><rect width="100%" height="100%" fill="#dbe9f6"/>${paths.join("")}</svg>`;
}

function table(headers: string[], rows: string[][], numeric: number[] = []): string {
  if (!rows.length) return "";
  const th = headers.map((h, i) => `<th${numeric.includes(i) ? ' class="n"' : ""}>${esc(h)}</th>`).join("");
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ""}>${esc(c)}</td>`).join("")}</tr>`)
    .join("");
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

export function renderFactsheetHtml(
  content: FactsheetContent,
  lang: Language,
  meta: { edition: number | null },
): string {
  const t = L[lang];
  const f = (v: number | null, d = 2) => formatNumber(v, lang, d);
  // A seizure figure that leaves out withheld lines (issue 17) says so next to the number.
  const partial = (withheld: number | undefined) => (withheld ? ` (${t.partial})` : "");
  const heading = content.scope === "region" ? t.regional : t.factsheet;
  const title = `${pick(content.title, lang)} — ${content.year}`;
  const headlines = content.headlines
    .map(
      (
        h,
      ) => `<div class="kpi"><div class="label">${esc(pick(h.label, lang))}</div><div class="value">${esc(f(h.value))}${h.unit ? ` <small>${esc(formatUnit(h.unit, lang))}</small>` : ""}${h.withheld ? ` <small class="partial">${esc(t.partial)}</small>` : ""}</div>
      <div class="change">${h.previous !== null ? `${esc(t.previous)}: ${esc(f(h.previous))}${esc(partial(h.previousWithheld))} ${esc(formatChange(h.change, lang))}` : ""}</div></div>`,
    )
    .join("");
  const charts = content.charts
    .map(
      (c) => `<figure class="chart"><figcaption>${esc(pick(c.title, lang))}</figcaption>${chartSvg(c, lang)}</figure>`,
    )
    .join("");
  const map = mapSvg(content);
  const notes = content.notes[lang] ?? content.notes.en ?? content.notes.ru ?? "";
  const draft = meta.edition === null;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #212529; margin: 0; }
header { border-bottom: 3px solid #1c5d99; margin-bottom: 10px; padding-bottom: 6px; }
header .kicker { color: #1c5d99; font-size: 9pt; text-transform: uppercase; letter-spacing: .05em; }
h1 { font-size: 20pt; margin: 2px 0; } h2 { font-size: 12.5pt; color: #1c5d99; margin: 14px 0 6px; break-after: avoid; }
.meta { color: #6c757d; font-size: 8.5pt; } .draft { color: #9b2226; font-weight: bold; }
.kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; }
.kpi { border: 1px solid #dee2e6; border-radius: 4px; padding: 6px 8px; break-inside: avoid; }
.kpi .label { font-size: 8.5pt; color: #495057; } .kpi .value { font-size: 15pt; font-weight: bold; } .kpi .change { font-size: 8pt; color: #6c757d; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin-bottom: 6px; }
th, td { border-bottom: 1px solid #dee2e6; padding: 3px 4px; text-align: left; vertical-align: top; } th { background: #f1f3f5; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 6px 0; break-inside: avoid; } figcaption { font-weight: bold; font-size: 9.5pt; margin-bottom: 2px; }
ul.flags { list-style: none; padding: 0; columns: 2; font-size: 8.5pt; } ul.flags li { break-inside: avoid; margin-bottom: 2px; }
.ok { color: #2b8a3e; } .missing { color: #c92a2a; }
section { break-inside: auto; } .notes { white-space: pre-wrap; }
.note { font-size: 8pt; color: #495057; } .partial { font-size: 8pt; font-weight: normal; color: #6c757d; }
</style></head><body>
<header><div class="kicker">${esc(heading)}</div><h1>${esc(title)}</h1>
<div class="meta">${esc(content.countries.map((c) => pick(c.name, lang)).join(", "))} · ${esc(t.generated)}: ${esc(formatDate(content.generatedAt, lang))}${meta.edition ? ` · ${esc(t.edition)} ${meta.edition}` : ""}</div>
${draft ? `<div class="draft">${esc(t.draft)}</div>` : ""}</header>
<section><h2>${esc(t.headlines)}</h2><div class="kpis">${headlines}</div></section>
${charts ? `<section>${charts}</section>` : ""}
${map ? `<section><h2>${esc(t.map)}</h2><figure>${map}</figure></section>` : ""}
<section><h2>${esc(t.seizures)}</h2>${
    content.disclosure?.basis === "withdrawn"
      ? `<p class="note">${esc(t.withdrawn)}</p>`
      : table(
          [t.drug, t.quantity, t.unit, t.kg, t.cases],
          content.seizures.map((s) =>
            s.cases === null
              ? [pick(s.drugName, lang), "—", unitSymbol(s.unit, lang), t.withheld, t.withheld]
              : [
                  pick(s.drugName, lang),
                  f(s.quantity, 3),
                  unitSymbol(s.unit, lang),
                  f(s.kg, 3),
                  f(s.cases, 0) + partial(s.withheld),
                ],
          ),
          [1, 3, 4],
        ) || `<p>${esc(t.none)}</p>`
  }${
    content.disclosure?.basis === "published_public"
      ? `<p class="note">${esc(t.disclosure(content.disclosure.minCases))}</p>`
      : ""
  }</section>
${
  content.scope === "region"
    ? `<section><h2>${esc(t.byCountry)}</h2>${table(
        [t.country, t.kg, t.cases],
        content.byCountry.map((c) => [
          pick(c.name, lang),
          f(c.kg, 3),
          c.cases === null && c.withheld ? t.withheld : f(c.cases, 0) + partial(c.withheld),
        ]),
        [1, 2],
      )}</section>`
    : ""
}
${
  content.origins.length || content.transportModes.length
    ? `<section><h2>${esc(t.origins)} · ${esc(t.transport)}</h2>${table(
        [t.origins, t.cases],
        content.origins.map((o) => [pick(o.name, lang), f(o.cases, 0)]),
        [1],
      )}${table(
        [t.transport, t.cases],
        content.transportModes.map((o) => [pick(o.name, lang), f(o.cases, 0)]),
        [1],
      )}</section>`
    : ""
}
<section><h2>${esc(t.indicators)}</h2>${
    table(
      [t.kind, t.drug, t.market, t.typical, t.min, t.max, t.unit, t.usd, t.source],
      content.indicators.map((i) => [
        pick(KIND_NAMES[i.kind], lang) + (content.scope === "region" ? ` (${i.country})` : ""),
        pick(i.drugName, lang),
        pick(MARKETS[i.market], lang),
        `${f(i.typical)}${i.change !== null ? ` (${formatChange(i.change, lang)})` : ""}`,
        f(i.min),
        f(i.max),
        formatUnit([i.currency, i.unit].filter(Boolean).join("/"), lang),
        f(i.usdTypical),
        i.source,
      ]),
      [3, 4, 5, 7],
    ) || `<p>${esc(t.none)}</p>`
  }</section>
${
  content.reported.length
    ? `<section><h2>${esc(t.reported)}</h2>${table(
        [t.drug, t.quantity, t.unit, t.cases],
        content.reported.map((r) => [
          drugOf(r.drug)?.name[lang] ?? r.drug,
          f(r.quantity, 3),
          unitSymbol(r.unit, lang),
          f(r.cases, 0),
        ]),
        [1, 3],
      )}</section>`
    : ""
}
${
  content.facilities
    ? `<section><h2>${esc(t.facilities)}</h2><p>${esc(t.facilitiesLine(f(content.facilities.total, 0), f(content.facilities.capacity, 0), f(content.facilities.patientsPerYear, 0)))}</p>${table(
        [t.modality, t.facilities],
        content.facilities.modalities.map((m) => [pick(m.name, lang), f(m.cases, 0)]),
        [1],
      )}</section>`
    : ""
}
<section><h2>${esc(t.completeness)}</h2><ul class="flags">${content.completeness
    .map(
      (c) =>
        `<li class="${c.ok ? "ok" : "missing"}">${c.ok ? "✔" : "✘"} ${esc(pick(c.label, lang))}${c.detail ? ` — ${esc(pick(c.detail, lang))}` : ""}</li>`,
    )
    .join("")}</ul></section>
${notes ? `<section><h2>${esc(t.notes)}</h2><p class="notes">${esc(notes)}</p></section>` : ""}
${content.sources.length ? `<section><h2>${esc(t.sources)}</h2><ul>${content.sources.map((s) => `<li>${esc(s)}</li>`).join("")}</ul></section>` : ""}
</body></html>`;
}
