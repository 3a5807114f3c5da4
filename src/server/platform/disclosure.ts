/**
 * Statistical disclosure control: the one service every aggregate shown to someone who may not see the
 * records behind it goes through.
 *
 * Method: a fixed publication grid with primary suppression, and totals built from the published cells only.
 *  - The grid is the finest table an audience may ask for (for visitors' seizure statistics: country × year ×
 *    drug group). A cell is sensitive (primary suppression) when it rests on fewer than `minCases` units, or when
 *    one unit makes up more than `dominance` of its magnitude (the (1, k) dominance rule of τ-ARGUS).
 *  - Every coarser figure (a country's total, a year's total, any filter) is the sum of the *published* cells it
 *    covers; the number of grid cells left out is said with it (`withheld`). No figure ever includes a sensitive
 *    cell, so every answer is a linear combination of published cells, and no combination of answers (other
 *    groupings, filters, totals, pairs of queries) can recover a suppressed value: there is nothing to subtract.
 *  - Where a finer table is shown inside a total the same reader gets anyway (a fact sheet's drug lines inside the
 *    public statistics' drug-group cells; one-way tables of trainings under one grand total), the total less the
 *    published cells is the sum of the withheld ones: complementary suppression (`protectWithin`) withholds more
 *    cells until that sum is itself not sensitive.
 *
 * Why not classic secondary suppression (τ-ARGUS's hypercube or modular methods, sdcTable's `protectTable`)?
 * Those protect one fixed set of linked tables with their true margins. Our API lets a user choose any subset of
 * countries and drug groups, which makes every subset sum a margin: the set of linked tables grows with the
 * power set of the filters, and complementary suppressions chosen for one table are undone by a filter that
 * excludes the complement. Publishing margins as sums of published cells is the design that holds for any
 * filter, at the price of margins that are lower bounds when a cell is withheld — which the answer says.
 */

export interface DisclosureRule {
  /** Cells resting on fewer units than this are suppressed. */
  minCases: number;
  /** A cell whose largest unit exceeds this share of its magnitude is suppressed (null: no dominance rule). */
  dominance: number | null;
}

/** One cell of the finest grid: its coordinates, its unit count and magnitude, and its largest single unit. */
export interface GridCell<K extends string> {
  key: Record<K, string | number>;
  cases: number;
  magnitude: number;
  /** The largest single contribution (an upper bound is fine: it only errs towards suppressing). */
  largest: number;
}

export interface ProtectedRow<K extends string> {
  key: Partial<Record<K, string | number>>;
  /** Null when every cell the row covers is suppressed. */
  cases: number | null;
  magnitude: number | null;
  /** Every grid cell the row covers is suppressed. */
  suppressed: boolean;
  /** Grid cells left out of this row's figures (0: the figures are complete). */
  withheld: number;
}

export function isSensitive(cell: { cases: number; magnitude: number; largest: number }, rule: DisclosureRule) {
  if (cell.cases < rule.minCases) return true;
  return rule.dominance !== null && cell.magnitude > 0 && cell.largest > rule.dominance * cell.magnitude;
}

/**
 * The grid's figures summed by `groupBy` (a subset of the grid's dimensions), published cells only. Rows come in
 * the order of their first cell; callers sort.
 */
export function protectedTotals<K extends string>(
  cells: readonly GridCell<K>[],
  groupBy: readonly K[],
  rule: DisclosureRule,
): ProtectedRow<K>[] {
  const rows = new Map<string, ProtectedRow<K> & { published: number }>();
  for (const cell of cells) {
    if (cell.cases <= 0) continue;
    const key = Object.fromEntries(groupBy.map((g) => [g, cell.key[g]])) as Partial<Record<K, string | number>>;
    const id = JSON.stringify(groupBy.map((g) => cell.key[g]));
    let row = rows.get(id);
    if (!row) {
      row = { key, cases: 0, magnitude: 0, suppressed: false, withheld: 0, published: 0 };
      rows.set(id, row);
    }
    if (isSensitive(cell, rule)) {
      row.withheld += 1;
    } else {
      row.published += 1;
      row.cases = (row.cases ?? 0) + cell.cases;
      row.magnitude = (row.magnitude ?? 0) + cell.magnitude;
    }
  }
  return [...rows.values()].map(({ published, ...row }) =>
    published === 0 ? { ...row, cases: null, magnitude: null, suppressed: true } : row,
  );
}

/** The figures of a cell that the complementary suppression weighs (grid cells and rows of a one-way table alike). */
export interface Weighed {
  cases: number;
  magnitude: number;
  largest: number;
}

/**
 * Complementary (secondary) suppression among the cells that make up one total the reader also gets: a public
 * drug-group cell split into a fact sheet's drug lines, a country's seizures split by mode of transport, everyone
 * trained split by sex. As the total is known, one withheld cell would be the total less the published cells. So
 * more cells are withheld, the smallest first (τ-ARGUS's minimal-loss choice), until what the withheld cells add up
 * to — the only thing the total less the published cells tells — is itself not sensitive by the rule: at least
 * `minCases` units, and no single unit dominating it. Returns whether each cell is withheld, in the cells' order.
 *  - `totalPublished: false`: the total is itself withheld, and so is every cell of it, so that a finer table never
 *    shows more than the coarser one it splits.
 *  - `withhold`: cells withheld whatever their figures (sensitive on a measure the total does not carry, such as a
 *    count of plants, or never shown, such as the records without a mode of transport).
 */
export function protectWithin<C extends Weighed>(
  cells: readonly C[],
  rule: DisclosureRule,
  options: { totalPublished?: boolean; withhold?: (cell: C) => boolean } = {},
): boolean[] {
  if (options.totalPublished === false) return cells.map(() => true);
  const withheld = cells.map((c) => c.cases > 0 && (isSensitive(c, rule) || !!options.withhold?.(c)));
  const residual = () =>
    cells.reduce(
      (r, c, i) =>
        withheld[i]
          ? { cases: r.cases + c.cases, magnitude: r.magnitude + c.magnitude, largest: Math.max(r.largest, c.largest) }
          : r,
      { cases: 0, magnitude: 0, largest: 0 },
    );
  for (let left = residual(); left.cases > 0 && isSensitive(left, rule); left = residual()) {
    let next = -1;
    cells.forEach((c, i) => {
      if (withheld[i] || c.cases <= 0) return;
      const best = cells[next];
      if (!best || c.cases < best.cases || (c.cases === best.cases && c.magnitude < best.magnitude)) next = i;
    });
    if (next < 0) break;
    withheld[next] = true;
  }
  return withheld;
}
