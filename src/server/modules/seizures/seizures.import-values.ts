import {
  type MappableField,
  mappingTargets,
  type RememberedValue,
  type UnmappedValue,
  type ValueMapping,
} from "../../../common/seizures.js";
import { normalizeHeader } from "../../platform/tabular.js";
import type { RememberedMapping } from "./seizures-mappings.repository.js";

/**
 * The value-mapping step of the seizure import. A value no vocabulary knows does not refuse the row: it is noted
 * once per distinct value (with its count and first rows) so the person importing can map it to a known code or
 * to "not available"; their answers, and the answers remembered from earlier files of the same source (the rows'
 * country and the file's layout), are looked up here before a value is called unknown.
 */

/** Distinct unknown values kept per file; beyond this a column is almost surely mapped to the wrong field. */
export const MAX_UNMAPPED = 500;
/** Rows listed per unknown value. */
const ROWS_SHOWN = 5;

/** The form in which values are compared: case, accents, spaces and punctuation do not matter. */
export const valueKey = (value: string) => normalizeHeader(value);

/** The memory's scope of a value: the country columns' own values are not bound to a country. */
const scopeOf = (field: MappableField, country: string | null) =>
  mappingTargets(field) === "country" || !country ? "*" : country;

interface Use {
  field: MappableField;
  value: string;
  target: string | null;
  count: number;
  countries: Set<string>;
  given: boolean;
}

export class ValueMapper {
  private readonly given = new Map<string, string | null>();
  private readonly memory = new Map<string, string | null>();
  private readonly unknown = new Map<string, UnmappedValue>();
  private readonly used = new Map<string, Use>();
  /** Rows left unread because of an unknown value (0: the file can be imported as far as values go). */
  rows = 0;
  /** Distinct unknown values beyond MAX_UNMAPPED, not listed. */
  overflow = 0;

  constructor(given: ValueMapping | undefined, remembered: readonly RememberedMapping[]) {
    for (const [field, values] of Object.entries(given ?? {}))
      for (const [value, target] of Object.entries(values ?? {}))
        this.given.set(`${field}\u0000${valueKey(value)}`, target);
    for (const m of remembered) this.memory.set(`${m.field}\u0000${m.sourceCountry}\u0000${m.valueKey}`, m.target);
  }

  /** The code a value is mapped to (null: "not available"), or undefined when nobody has mapped it. */
  resolve(field: MappableField, country: string | null, value: string): string | null | undefined {
    const key = valueKey(value);
    let given = true;
    let target = this.given.get(`${field}\u0000${key}`);
    if (target === undefined) {
      given = false;
      const scope = scopeOf(field, country);
      target = this.memory.get(`${field}\u0000${scope}\u0000${key}`);
      if (target === undefined && scope !== "*") target = this.memory.get(`${field}\u0000*\u0000${key}`);
    }
    if (target === undefined) return undefined;
    const id = `${field}\u0000${key}`;
    let use = this.used.get(id);
    if (!use) {
      use = { field, value: value.trim(), target, count: 0, countries: new Set(), given };
      this.used.set(id, use);
    }
    use.count += 1;
    use.countries.add(scopeOf(field, country));
    return target;
  }

  /** Notes a value nobody knows, met on `row` of `column` (of `sheet`, when a workbook's sheets are read together). */
  note(field: MappableField, column: string | null, value: string, row: number, sheet?: string) {
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

  unmapped(): UnmappedValue[] {
    return [...this.unknown.values()].sort((a, b) => a.field.localeCompare(b.field) || b.count - a.count);
  }

  /** Values read through a remembered mapping (not through one given with this request). */
  remembered(): RememberedValue[] {
    return [...this.used.values()]
      .filter((u) => !u.given)
      .map((u) => ({ field: u.field, value: u.value, target: u.target, count: u.count }));
  }

  /** The answers given with this request that the file used, per source, to remember for the next file. */
  toRemember(): RememberedMapping[] {
    const out: RememberedMapping[] = [];
    for (const u of this.used.values()) {
      if (!u.given) continue;
      for (const sourceCountry of u.countries)
        out.push({ sourceCountry, field: u.field, valueKey: valueKey(u.value), value: u.value, target: u.target });
    }
    return out;
  }
}
