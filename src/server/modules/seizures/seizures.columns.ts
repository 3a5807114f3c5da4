import type { SeizureField, StoreKind } from "../../../common/seizure-fields.js";
import { drugOf, massInKg, SEIZURE_FIELDS, type SeizureInputParsed } from "../../../common/seizures.js";
import type { SeizureInsert } from "./seizures.repository.js";

/** A JSON array; the empty one (most rows of most files) without serialising. */
const jsonList = (list: readonly unknown[]) => (list.length ? JSON.stringify(list) : "[]");

const FIELDS: [string, SeizureField][] = Object.entries(SEIZURE_FIELDS);
/** Stored fields copied from the input as they are (column, input key, JSON list or not), in the registry's order. */
const COPIED = FIELDS.filter(([, f]) => f.store && !f.computed).map(
  ([key, f]) => [f.column, f.inputKey ?? key, f.store === "json"] as const,
);

/** The columns `toColumns` sets by name, after the copied ones. */
const COMPUTED_COLUMNS = [
  "seizure_date",
  "year",
  "month",
  "coord_precision",
  "drug_group",
  "mass_kg",
  "persons_arrested",
] as const;
/**
 * Every record's columns are a copy of this object (the copied columns, then the computed ones) with its values
 * set, so they all share one hidden class. Filled into an empty object, the thirty-odd columns put each record's
 * object in V8's dictionary mode: 10 µs a row of an import's CPU here and in `copyRow`'s reads (profiled).
 */
const COLUMNS_SHAPE: Readonly<Record<string, unknown>> = Object.fromEntries(
  [...COPIED.map(([column]) => column), ...COMPUTED_COLUMNS].map((c) => [c, null]),
);

/** The columns worked out from the input (not copied as entered), in COMPUTED_COLUMNS' order. */
function computedColumns(input: SeizureInputParsed) {
  // Read without splitting into an array: an import calls this for every one of a million rows.
  const d = input.seizureDate;
  const dash = d.indexOf("-");
  const year = Number(d.slice(0, dash));
  const month = Number(d.slice(dash + 1, d.indexOf("-", dash + 1)));
  const precision = input.datePrecision;
  const kg = massInKg(input.drug, input.quantity, input.unit);
  return {
    seizure_date:
      precision === "year" ? `${year}-01-01` : precision === "month" ? `${d.slice(0, 7)}-01` : input.seizureDate,
    year,
    month: precision === "year" ? 0 : month,
    coord_precision: input.latitude !== null && input.latitude !== undefined ? (input.coordPrecision ?? "exact") : null,
    drug_group: drugOf(input.drug)?.group ?? "other",
    mass_kg: kg === null ? null : Math.round(kg * 1e6) / 1e6,
    persons_arrested: input.arrests.reduce((n, a) => n + a.count, 0),
  } satisfies Record<(typeof COMPUTED_COLUMNS)[number], unknown>;
}

/**
 * Columns of a seizure from validated input: the registry's stored fields as entered, then the computed ones —
 * the period fields, the coordinate precision, the drug group, the normalized mass and the persons arrested.
 */
export function toColumns(input: SeizureInputParsed): Omit<SeizureInsert, "created_by" | "owner_partner" | "status"> {
  const out: Record<string, unknown> = { ...COLUMNS_SHAPE };
  const values = input as unknown as Record<string, unknown>;
  for (const [column, key, json] of COPIED) {
    const v = values[key];
    out[column] = json ? jsonList(v as unknown[]) : (v ?? null);
  }
  const c = computedColumns(input);
  out.seizure_date = c.seizure_date;
  out.year = c.year;
  out.month = c.month;
  out.coord_precision = c.coord_precision;
  out.drug_group = c.drug_group;
  out.mass_kg = c.mass_kg;
  out.persons_arrested = c.persons_arrested;
  return out as unknown as Omit<SeizureInsert, "created_by" | "owner_partner" | "status">;
}

/** COPY's text format for free text: backslash, tab and line breaks escaped; `\N` for null. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const s = value as string;
  return NEEDS_ESCAPE.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"))
    : s;
}
const NEEDS_ESCAPE = /[\\\t\n\r]/;
/** A code of a closed list (drug, unit, country, place type…): never holds a tab, backslash or line break. */
const copyCode = (value: unknown): string => (value === null || value === undefined ? "\\N" : (value as string));
const copyNumber = (value: unknown): string =>
  value === null || value === undefined || !Number.isFinite(value) ? "\\N" : String(value);
const ENCODE: Record<StoreKind, (value: unknown) => string> = {
  text: copyText,
  code: copyCode,
  number: copyNumber,
  json: copyText,
};

/** The stored columns in the order `copyRow` writes them (INSERT_COLUMNS without the tail a whole file shares). */
export const COPY_COLUMNS = FIELDS.flatMap(([, f]) => (f.store ? [f.column] : []));
const COPY_ENCODE = FIELDS.flatMap(([, f]) => (f.store ? [ENCODE[f.store]] : []));

/**
 * One record's stored columns in COPY's text format, tab-separated, in COPY_COLUMNS' order (from `toColumns`;
 * JSON lists are already strings). Encoders are picked once per column, not once per cell.
 */
export function copyRow(c: Record<string, unknown>): string {
  let out = (COPY_ENCODE[0] as (v: unknown) => string)(c[COPY_COLUMNS[0] as string]);
  for (let i = 1; i < COPY_COLUMNS.length; i++)
    out += `\t${(COPY_ENCODE[i] as (v: unknown) => string)(c[COPY_COLUMNS[i] as string])}`;
  return out;
}

/** For each COPY column: the input key it is copied from, or null when `computedColumns` works it out. */
const COPY_SOURCE = FIELDS.flatMap(([key, f]) =>
  f.store ? [(COMPUTED_COLUMNS as readonly string[]).includes(f.column) ? null : (f.inputKey ?? key)] : [],
);
const COPY_JSON = FIELDS.flatMap(([, f]) => (f.store ? [f.store === "json"] : []));

/**
 * `copyRow(toColumns(input))` without the intermediate record: the import's COPY line for each of a million rows,
 * with one small object (the computed columns) made per row instead of one of thirty-odd columns.
 */
export function copyRowOf(input: SeizureInputParsed): string {
  const computed = computedColumns(input) as Record<string, unknown>;
  const values = input as unknown as Record<string, unknown>;
  let out = "";
  for (let i = 0; i < COPY_COLUMNS.length; i++) {
    const key = COPY_SOURCE[i];
    const v =
      key === null || key === undefined
        ? computed[COPY_COLUMNS[i] as string]
        : COPY_JSON[i]
          ? jsonList(values[key] as unknown[])
          : (values[key] ?? null);
    const cell = (COPY_ENCODE[i] as (v: unknown) => string)(v);
    out = i === 0 ? cell : `${out}\t${cell}`;
  }
  return out;
}
