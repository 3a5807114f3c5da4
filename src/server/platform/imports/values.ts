import type { RememberedValueOf, UnmappedValueOf, ValueAnswers } from "../../../common/imports.js";
import { normalizeHeader } from "../tabular.js";
import type { RememberedAnswer } from "./value-mappings.repository.js";

/**
 * The value-mapping step of the platform's pipeline. A module looks a value up in its own vocabulary first; a value it
 * does not know is asked of the mapper, which answers from the person's answers sent with this request, then from the
 * answers remembered for the same source (module, layout, the rows' source). A value nobody has mapped is noted once
 * (with its count and first rows) and does not refuse the file: the file waits for the answers, nothing is written.
 */

/** What a module tells the pipeline of a field whose values it reads against a vocabulary. */
export interface ImportVocabulary {
  /** Whether `code` is a value the field may be mapped to (the answers sent are checked against it). */
  isTarget(code: string): boolean;
  /**
   * The field's values mean the same whatever the rows' source (a country column's "Киргизия"): remembered for every
   * source ('*') instead of the rows' own.
   */
  anySource?: boolean;
}

/** Distinct unknown values kept per file; beyond this a column is almost surely mapped to the wrong field. */
export const MAX_UNMAPPED = 500;
/** Rows listed per unknown value. */
const ROWS_SHOWN = 5;
/** The source of answers shared by every source. */
export const ANY_SOURCE = "*";

/** The form in which values are compared: case, accents, spaces and punctuation do not matter. */
export const valueKey = (value: string) => normalizeHeader(value);

interface Use {
  field: string;
  value: string;
  target: string | null;
  count: number;
  sources: Set<string>;
  given: boolean;
}

export class ValueMapper {
  private readonly given = new Map<string, string | null>();
  private readonly memory = new Map<string, string | null>();
  private readonly unknown = new Map<string, UnmappedValueOf>();
  private readonly used = new Map<string, Use>();
  /** Distinct unknown values beyond MAX_UNMAPPED, not listed. */
  overflow = 0;

  constructor(
    private readonly vocabularies: Readonly<Record<string, ImportVocabulary>>,
    given: ValueAnswers | undefined,
    remembered: readonly RememberedAnswer[],
  ) {
    for (const [field, values] of Object.entries(given ?? {}))
      for (const [value, target] of Object.entries(values ?? {}))
        this.given.set(`${field}\u0000${valueKey(value)}`, target);
    for (const m of remembered) this.memory.set(`${m.field}\u0000${m.source}\u0000${m.valueKey}`, m.target);
  }

  /** The answers sent that name a code the field's vocabulary does not hold: field, value and code. */
  invalidAnswers(given: ValueAnswers | undefined): { field: string; value: string; target: string }[] {
    const out: { field: string; value: string; target: string }[] = [];
    for (const [field, values] of Object.entries(given ?? {})) {
      const vocabulary = this.vocabularies[field];
      for (const [value, target] of Object.entries(values ?? {}))
        if (target !== null && !vocabulary?.isTarget(target)) out.push({ field, value, target });
    }
    return out;
  }

  private scopeOf(field: string, source: string | null) {
    return this.vocabularies[field]?.anySource || !source ? ANY_SOURCE : source;
  }

  /**
   * The code a value the module's vocabulary does not know was mapped to (null: "not available"), or undefined when
   * nobody has mapped it: then it is noted for the step, at `row` of `column`.
   */
  resolve(
    field: string,
    source: string | null,
    value: string,
    at: { row: number; column: string | null; sheet?: string | undefined },
  ) {
    const key = valueKey(value);
    let given = true;
    let target = this.given.get(`${field}\u0000${key}`);
    if (target === undefined) {
      given = false;
      const scope = this.scopeOf(field, source);
      target = this.memory.get(`${field}\u0000${scope}\u0000${key}`);
      if (target === undefined && scope !== ANY_SOURCE)
        target = this.memory.get(`${field}\u0000${ANY_SOURCE}\u0000${key}`);
    }
    if (target === undefined) {
      this.note(field, at.column, value, at.row, at.sheet);
      return undefined;
    }
    const id = `${field}\u0000${key}`;
    let use = this.used.get(id);
    if (!use) {
      use = { field, value: value.trim(), target, count: 0, sources: new Set(), given };
      this.used.set(id, use);
    }
    use.count += 1;
    use.sources.add(this.scopeOf(field, source));
    return target;
  }

  /**
   * Notes a value nobody has mapped (or mapped to a code the field no longer has), met on `row` of `column` (of
   * `sheet`, when a workbook's sheets are read together).
   */
  note(field: string, column: string | null, value: string, row: number, sheet?: string) {
    const id = `${field}\u0000${valueKey(value)}`;
    let entry = this.unknown.get(id);
    if (!entry) {
      if (this.unknown.size >= MAX_UNMAPPED) {
        this.overflow += 1;
        return;
      }
      entry = { field, column, value: value.trim().slice(0, 200), count: 0, rows: [] };
      this.unknown.set(id, entry);
    }
    entry.count += 1;
    if (entry.rows.length < ROWS_SHOWN) {
      entry.rows.push(row);
      if (sheet !== undefined) {
        entry.sheets ??= [];
        entry.sheets.push(sheet);
      }
    }
  }

  /** Whether any value still needs mapping. */
  get pending(): boolean {
    return this.unknown.size > 0 || this.overflow > 0;
  }

  unmapped(): UnmappedValueOf[] {
    return [...this.unknown.values()].sort((a, b) => a.field.localeCompare(b.field) || b.count - a.count);
  }

  /** Values read through a remembered mapping (not through one given with this request). */
  remembered(): RememberedValueOf[] {
    return [...this.used.values()]
      .filter((u) => !u.given)
      .map((u) => ({ field: u.field, value: u.value, target: u.target, count: u.count }));
  }

  /** The answers given with this request that the file used, per source, to remember for the next file. */
  toRemember(): RememberedAnswer[] {
    const out: RememberedAnswer[] = [];
    for (const u of this.used.values()) {
      if (!u.given) continue;
      for (const source of u.sources)
        out.push({ source, field: u.field, valueKey: valueKey(u.value), value: u.value, target: u.target });
    }
    return out;
  }
}
