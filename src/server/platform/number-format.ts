/**
 * The decimal separator of a file, decided once per file from its own numbers.
 *
 * Most numbers say which separator they use: `1,5`, `0,500`, `12.75` or `1.234,5` can be read only one way.
 * Some cannot: `1,500` is one and a half in a file written with decimal commas (a Russian Excel's CSV) and fifteen
 * hundred in one written with decimal points. Such a number is read the way the rest of its file reads: the file's
 * unambiguous numbers vote, and with no vote (every number ambiguous or whole) the CSV's delimiter decides, since a
 * `;` is what spreadsheets write where the comma is the decimal separator. Numbers are never read one way on one
 * row and the other way on the next: `NumberReader` counts the votes of the whole file as it goes, and when the
 * file's majority turns out to differ from the separator its first rows decided, `contradicted` lists the
 * ambiguous numbers already read, so the import refuses the file instead of storing them wrong.
 */
export type DecimalSeparator = "point" | "comma";
export type ThousandsSeparator = "none" | "space" | "comma" | "point" | "apostrophe";

export interface NumberFormat {
  decimal: DecimalSeparator;
  /** The grouping seen in the file's numbers (`none` when no number was grouped). */
  thousands: ThousandsSeparator;
  /** What decided `decimal`: the file's unambiguous numbers, its delimiter, or nothing (the decimal point). */
  source: "values" | "delimiter" | "default";
}

/** What one cell's text says about the separator, and its value under each reading. */
interface Reading {
  /** The value when the decimal separator is the point / the comma; null when it is not a number that way. */
  point: number | null;
  comma: number | null;
  /** Grouping seen in the text. */
  group: ThousandsSeparator;
}

const PLAIN = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;
/** One separator followed by exactly three digits, after one to three digits not starting with 0: `1,500`, `12.000`. */
const AMBIGUOUS = /^-?[1-9]\d{0,2}[.,]\d{3}$/;
const GROUPED_COMMA = /^-?[1-9]\d{0,2}(,\d{3})+$/;
const GROUPED_POINT = /^-?[1-9]\d{0,2}(\.\d{3})+$/;
const DIGITS = /^-?\d+$/;

/** Reads a cell's text both ways: spaces and apostrophes are grouping, a trailing unit word is dropped. */
function readBoth(text: string): Reading | null {
  let group: ThousandsSeparator = "none";
  let t = text.trim();
  if (/\d[\s\u00a0\u202f]\d/.test(t)) group = "space";
  else if (/\d'\d/.test(t)) group = "apostrophe";
  t = t.replace(/[\s\u00a0\u202f']/g, "").replace(/[a-zа-яё]+\.?$/i, "");
  if (!t) return null;
  if (PLAIN.test(t) && !AMBIGUOUS.test(t)) {
    const n = Number(t);
    // A point with decimals is a decimal point; a whole number reads the same both ways.
    return { point: n, comma: t.includes(".") && !/e/i.test(t) ? null : n, group };
  }
  const lastComma = t.lastIndexOf(",");
  const lastPoint = t.lastIndexOf(".");
  if (lastComma >= 0 && lastPoint >= 0) {
    // Both: the last one is the decimal separator, the other one groups.
    if (lastComma > lastPoint) {
      const whole = t.slice(0, lastComma);
      const ok = GROUPED_POINT.test(whole) || DIGITS.test(whole);
      const fraction = t.slice(lastComma + 1);
      return ok && /^\d+$/.test(fraction)
        ? { point: null, comma: Number(`${whole.replace(/\./g, "")}.${fraction}`), group: "point" }
        : null;
    }
    const whole = t.slice(0, lastPoint);
    const ok = GROUPED_COMMA.test(whole) || DIGITS.test(whole);
    const fraction = t.slice(lastPoint + 1);
    return ok && /^\d+$/.test(fraction)
      ? { point: Number(`${whole.replace(/,/g, "")}.${fraction}`), comma: null, group: "comma" }
      : null;
  }
  if (AMBIGUOUS.test(t)) {
    const separator = lastComma >= 0 ? "," : ".";
    const grouped = Number(t.replace(separator, ""));
    const decimal = Number(t.replace(separator, "."));
    return separator === ","
      ? { point: grouped, comma: decimal, group: "none" }
      : { point: decimal, comma: grouped, group: "none" };
  }
  if (lastComma >= 0) {
    if (GROUPED_COMMA.test(t)) return { point: Number(t.replace(/,/g, "")), comma: null, group: "comma" };
    return /^-?\d*,\d+$/.test(t) ? { point: null, comma: Number(t.replace(",", ".")), group } : null;
  }
  if (GROUPED_POINT.test(t)) return { point: null, comma: Number(t.replace(/\./g, "")), group: "point" };
  return null;
}

/** How many ambiguous numbers a contradicted file lists (the rest are counted). */
const LISTED = 50;

export interface AmbiguousNumber {
  row: number;
  /** Where the number came from (a sheet of a stacked workbook), when the caller says. */
  sheet?: string | undefined;
  column: string;
  text: string;
}

export class NumberReader {
  private votes = { point: 0, comma: 0 };
  private groups = new Map<ThousandsSeparator, number>();
  private ambiguous: AmbiguousNumber[] = [];
  private ambiguousCount = 0;
  decimal: DecimalSeparator;
  source: NumberFormat["source"];

  constructor(fallback: { delimiter: string | null }) {
    this.decimal = fallback.delimiter === ";" ? "comma" : "point";
    this.source = fallback.delimiter === ";" ? "delimiter" : "default";
  }

  /** Decides the separator from a sample of the file's number cells (its first rows), before any is read. */
  decide(samples: Iterable<string>): void {
    const votes = { point: 0, comma: 0 };
    for (const text of samples) {
      const r = readBoth(text);
      if (!r) continue;
      if (r.point !== null && r.comma === null) votes.point++;
      else if (r.comma !== null && r.point === null) votes.comma++;
    }
    if (votes.point === votes.comma) return;
    this.decimal = votes.comma > votes.point ? "comma" : "point";
    this.source = "values";
  }

  /** A cell's number as the file writes it, or null when it is not one. */
  read(text: string, where: () => Omit<AmbiguousNumber, "text">): number | null {
    // The common case (a whole number, or decimals after a point in a point file) without the full analysis.
    if (DIGITS.test(text)) return Number(text);
    const r = readBoth(text);
    if (!r) return null;
    if (r.group !== "none") this.groups.set(r.group, (this.groups.get(r.group) ?? 0) + 1);
    if (r.point !== null && r.comma !== null) {
      if (r.point !== r.comma) {
        this.ambiguousCount++;
        if (this.ambiguous.length < LISTED) this.ambiguous.push({ ...where(), text: text.trim() });
      }
      return this.decimal === "comma" ? r.comma : r.point;
    }
    if (r.point !== null) {
      this.votes.point++;
      return r.point;
    }
    this.votes.comma++;
    return r.comma;
  }

  /** The format the file was read with, for the report. */
  format(): NumberFormat {
    let thousands: ThousandsSeparator = "none";
    let most = 0;
    for (const [group, n] of this.groups)
      if (n > most) {
        thousands = group;
        most = n;
      }
    return { decimal: this.decimal, thousands, source: this.source };
  }

  /**
   * The ambiguous numbers read one way while the whole file, counted to its end, reads the other way: they may
   * have been read wrong (empty when the file agrees with itself). `count` includes the ones not listed.
   */
  contradicted(): { numbers: AmbiguousNumber[]; count: number; majority: DecimalSeparator } | null {
    const majority: DecimalSeparator | null =
      this.votes.comma > this.votes.point ? "comma" : this.votes.point > this.votes.comma ? "point" : null;
    if (!majority || majority === this.decimal || this.ambiguousCount === 0) return null;
    return { numbers: this.ambiguous, count: this.ambiguousCount, majority };
  }
}
