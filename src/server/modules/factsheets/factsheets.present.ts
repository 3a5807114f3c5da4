import type { Indicator, IndicatorInput, NationalTotal, NationalTotalInput } from "../../../common/factsheets.js";
import type { IndicatorRow, IndicatorValues, TotalRow, TotalValues } from "./factsheets.repository.js";

const num = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined || v === "" ? null : Number(v);

export function presentIndicator(row: IndicatorRow): Indicator {
  const typical = num(row.value_typical);
  const rate = num(row.usd_rate);
  return {
    id: row.id,
    country: row.country,
    year: row.year,
    kind: row.kind as Indicator["kind"],
    drug: row.drug,
    market: row.market,
    unit: row.unit,
    currency: row.currency,
    usdRate: rate,
    typical,
    min: num(row.value_min),
    max: num(row.value_max),
    usdTypical: row.kind === "price" && typical !== null && rate !== null ? round(typical * rate, 4) : null,
    source: row.source,
    note: row.note,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function indicatorValues(input: IndicatorInput, demo = false): IndicatorValues {
  return {
    country: input.country,
    year: input.year,
    kind: input.kind,
    drug: input.drug,
    market: input.market,
    unit: input.unit,
    currency: input.currency,
    usd_rate: input.kind === "price" && input.currency === "USD" ? 1 : input.usdRate,
    value_typical: input.typical,
    value_min: input.min,
    value_max: input.max,
    source: input.source,
    note: input.note,
    demo,
  };
}

export function presentTotal(row: TotalRow): NationalTotal {
  return {
    id: row.id,
    country: row.country,
    year: row.year,
    drug: row.drug,
    unit: row.unit,
    quantity: Number(row.quantity),
    cases: row.cases,
    source: row.source,
    note: row.note,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function totalValues(input: NationalTotalInput, demo = false): TotalValues {
  return {
    country: input.country,
    year: input.year,
    drug: input.drug,
    unit: input.unit,
    quantity: input.quantity,
    cases: input.cases,
    source: input.source,
    note: input.note,
    demo,
  };
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A record as kept in revisions: the columns without bookkeeping. */
export function snapshotOf(row: object): Record<string, unknown> {
  const { created_at: _c, updated_at: _u, ...rest } = row as Record<string, unknown>;
  return rest;
}
