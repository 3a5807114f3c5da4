import type { FactsheetContent, FactsheetSeizureLine, Ranked } from "../../../common/factsheets.js";
import { type DisclosureRule, isSensitive, protectWithin } from "../../platform/disclosure.js";
import { round } from "./factsheets.present.js";
import type { PublicBreakdownRow, PublicGroupCell, PublicSeizureCell, SeizureReader } from "./seizure-reader.js";

/**
 * The seizure figures of fact sheets, which anyone may read (issue 17). They count what the public statistics count
 * (published records shared `public`) and pass through the platform's disclosure control (platform/disclosure.ts):
 *  - The publication grid is country × year × drug × unit: each cell splits one cell of the public statistics'
 *    grid (country × year × drug group). A cell is withheld when the public statistics withhold its drug group
 *    (a fact sheet never shows more than the public statistics), when it rests on fewer than `minCases` seizures
 *    or one seizure dominates its mass (or, for units without a mass, its quantity), and, by complementary
 *    suppression, when the drug group's published figure less the published lines would otherwise isolate a
 *    withheld one.
 *  - Every figure (headlines, per-drug lines of a region, charts, a country's totals, persons arrested) is a sum of
 *    published cells, with the number of cells left out: a withheld cell is in no figure, so no combination of
 *    fact sheets and public statistics recovers it.
 *    Persons arrested are never shown per cell, only summed over published cells, so they have no rule of their own.
 *  - Rankings (origins, modes of transport) and the months with records count only the records of published cells;
 *    a ranked count rests on at least `minCases` seizures, and as the modes of transport of a country split its
 *    published cases, the modes left out sum to 0 or to at least `minCases`.
 */

/** A cell of the fact sheets' grid with the control's decision. */
export interface DecidedCell extends PublicSeizureCell {
  withheld: boolean;
}

/** A figure summed from published cells, and how many cells it leaves out (above 0: partial). */
export interface ProtectedSum {
  value: number | null;
  withheld: number;
}

const groupId = (c: { country: string; year: number; group: string }) => `${c.country}|${c.year}|${c.group}`;
const cellId = (c: { country: string; drug: string; unit: string }) => `${c.country}|${c.drug}|${c.unit}`;

/** Decides which cells of the grid are published: see the header. */
export function decideCells(
  cells: readonly PublicSeizureCell[],
  groups: readonly PublicGroupCell[],
  rule: DisclosureRule,
): DecidedCell[] {
  const published = new Set(groups.filter((g) => g.published).map(groupId));
  const byGroup = new Map<string, PublicSeizureCell[]>();
  for (const c of cells) byGroup.set(groupId(c), [...(byGroup.get(groupId(c)) ?? []), c]);
  const decided = new Map<PublicSeizureCell, boolean>();
  for (const [id, list] of byGroup) {
    const weighed = list.map((c) => ({ cell: c, cases: c.cases, magnitude: c.kg ?? 0, largest: c.largestKg }));
    const flags = protectWithin(weighed, rule, {
      totalPublished: published.has(id),
      // A count of plants or tablets without a documented mass: its own dominance rule, on the quantity.
      withhold: ({ cell }) =>
        cell.kg === null &&
        isSensitive({ cases: cell.cases, magnitude: cell.quantity, largest: cell.largestQuantity }, rule),
    });
    for (const [i, c] of list.entries()) decided.set(c, flags[i] ?? true);
  }
  return cells.map((c) => ({ ...c, withheld: decided.get(c) ?? true }));
}

export function sumOf(cells: readonly DecidedCell[], measure: (c: DecidedCell) => number | null): ProtectedSum {
  const values = cells.filter((c) => !c.withheld).map(measure);
  const shown = values.filter((v): v is number => v !== null);
  return {
    value: shown.length ? round(shown.reduce((s, v) => s + v, 0)) : null,
    withheld: cells.filter((c) => c.withheld).length,
  };
}

/** One line per drug and unit: published cells summed, withheld lines without figures, after the published ones. */
export function seizureLines(cells: readonly DecidedCell[], reader: SeizureReader): FactsheetSeizureLine[] {
  const byLine = new Map<string, DecidedCell[]>();
  for (const c of cells) byLine.set(`${c.drug}|${c.unit}`, [...(byLine.get(`${c.drug}|${c.unit}`) ?? []), c]);
  const lines = [...byLine.values()].map((list): FactsheetSeizureLine => {
    const first = list[0] as DecidedCell;
    const cases = sumOf(list, (c) => c.cases);
    return {
      drug: first.drug,
      drugName: reader.drugName(first.drug),
      group: reader.drugGroup(first.drug),
      unit: first.unit,
      quantity: sumOf(list, (c) => c.quantity).value,
      kg: sumOf(list, (c) => c.kg).value,
      cases: cases.value,
      withheld: cases.withheld,
    };
  });
  // Withheld lines in a fixed order (drug, unit) whatever their figures, so their place tells nothing.
  return lines.sort(
    (a, b) =>
      Number(a.cases === null) - Number(b.cases === null) ||
      (a.cases === null ? 0 : (b.kg ?? 0) - (a.kg ?? 0)) ||
      a.drug.localeCompare(b.drug) ||
      a.unit.localeCompare(b.unit),
  );
}

/**
 * A ranking over the records of published cells: counts per country and code, each withheld under the rule's
 * `minCases`; for a partition of the records (`partition`: every record has one code, or none), complementary
 * suppression against the country's published cases. Counts of several countries are sums of published counts.
 */
export function protectRanking(
  rows: readonly PublicBreakdownRow[],
  shown: ReadonlySet<string>,
  rule: DisclosureRule,
  partition: boolean,
): { code: string; cases: number }[] {
  const counts = new Map<string, { country: string; code: string | null; cases: number }>();
  for (const r of rows.filter((x) => shown.has(cellId(x)))) {
    const id = `${r.country}|${r.code ?? ""}`;
    const entry = counts.get(id) ?? { country: r.country, code: r.code, cases: 0 };
    entry.cases += r.cases;
    counts.set(id, entry);
  }
  const countsRule = { minCases: rule.minCases, dominance: null };
  const totals = new Map<string, number>();
  for (const country of new Set([...counts.values()].map((c) => c.country))) {
    const cells = [...counts.values()]
      .filter((c) => c.country === country)
      .map((c) => ({ ...c, magnitude: 0, largest: 0 }));
    const flags = partition
      ? protectWithin(cells, countsRule, { withhold: (c) => c.code === null })
      : cells.map((c) => c.code === null || c.cases < rule.minCases);
    cells.forEach((c, i) => {
      if (!flags[i] && c.code !== null) totals.set(c.code, (totals.get(c.code) ?? 0) + c.cases);
    });
  }
  return [...totals]
    .map(([code, cases]) => ({ code, cases }))
    .sort((a, b) => b.cases - a.cases || a.code.localeCompare(b.code));
}

export interface PublicSeizureFigures {
  /** The grid's cells of every year asked, decided. */
  cells: DecidedCell[];
  origins: Ranked[];
  transportModes: Ranked[];
  /** Months (1–12) of the year with records in published cells. */
  months: number[];
}

/** Everything seizure-derived a fact sheet shows, from the public basis and through the control. */
export async function publicSeizureFigures(
  reader: SeizureReader,
  countries: string[],
  years: number[],
  year: number,
  rankLimit = 5,
): Promise<PublicSeizureFigures> {
  const [raw, groups, origins, transport, months] = await Promise.all([
    reader.publicCells(countries, years),
    reader.publicGroups(countries, years),
    reader.publicBreakdown(countries, year, "origin"),
    reader.publicBreakdown(countries, year, "transport"),
    reader.publicBreakdown(countries, year, "month"),
  ]);
  const cells = decideCells(raw, groups, reader.publicRule);
  const shown = new Set(cells.filter((c) => c.year === year && !c.withheld).map(cellId));
  const ranked = (rows: PublicBreakdownRow[], dimension: "origin" | "transport") =>
    protectRanking(rows, shown, reader.publicRule, dimension === "transport")
      .slice(0, rankLimit)
      .map((r) => ({ ...r, name: reader.codeName(dimension, r.code) }));
  return {
    cells,
    origins: ranked(origins, "origin"),
    transportModes: ranked(transport, "transport"),
    months: [...new Set(months.filter((m) => shown.has(cellId(m)) && m.code !== null).map((m) => Number(m.code)))].sort(
      (a, b) => a - b,
    ),
  };
}

const SEIZURE_HEADLINES = /^(seized_kg|cases|persons_arrested|kg:)/;
const SEIZURE_CHARTS = /^(seizures_|by_country$)/;
const SEIZURE_FLAGS = new Set(["seizure_records", "countries_with_data"]);

/**
 * An edition published before the disclosure control counted records of every sharing level with no suppression:
 * its seizure figures are no longer shown (the stored edition is kept as it was). The next edition recomputes them.
 */
export function withoutUnprotectedFigures(content: FactsheetContent): FactsheetContent {
  if (content.disclosure) return content;
  return {
    ...content,
    headlines: content.headlines.filter((h) => !SEIZURE_HEADLINES.test(h.key)),
    seizures: [],
    personsArrested: null,
    origins: [],
    transportModes: [],
    byCountry: content.byCountry.map((c) => ({ ...c, kg: null, cases: null })),
    charts: content.charts.filter((c) => !SEIZURE_CHARTS.test(c.key)),
    completeness: content.completeness.filter((c) => !SEIZURE_FLAGS.has(c.key)),
    disclosure: { basis: "withdrawn", minCases: 0, dominance: null, withheld: 0 },
  };
}
