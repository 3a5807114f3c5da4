import jaroWinkler from "talisman/metrics/jaro-winkler.js";
import { coreKey, initialOf, type ParsedName, parseName, phoneticKey, skeleton } from "./linkage-names.js";

/**
 * Comparison vectors of the Fellegi–Sunter model: for each field, the level at which two records agree.
 * Level 0 is always "missing on one side" and carries no weight.
 */

/** One participant record as the linkage sees it. */
export interface LinkRecord {
  id: string;
  fullName: string | null;
  fullNameNative: string | null;
  /** ISO date, or a partial one: YYYY-MM or YYYY. */
  dateOfBirth: string | null;
  sex: string | null;
  country: string | null;
  agency: string | null;
  position: string | null;
}

interface DateParts {
  y: number;
  m: number | null;
  d: number | null;
}

/** A record prepared once: parsed names, date parts, normalised attributes, keys. */
export interface PreparedRecord {
  id: string;
  index: number;
  names: ParsedName[];
  dob: DateParts | null;
  sex: string | null;
  country: string | null;
  agency: string | null;
  position: string | null;
  /** Ids of the agency and position texts (0 when missing), so that a pair's similarity is looked up by numbers. */
  agencyId: number;
  positionId: number;
  /** Term-frequency keys: core name, and surname-with-initial forms. */
  nameKeys: string[];
  blockingKeys: string[];
  /** Surname-and-initial keys: they pair a brief name ("Kovalev Yu.") with any record, but not two full names. */
  initialKeys: string[];
  brief: boolean;
}

/** Field order is stored with every scored pair (`levels`, `weights`): new fields go at the end. */
export const FIELDS = ["name", "dob", "sex", "country", "agency", "position", "patronymic"] as const;
export type Field = (typeof FIELDS)[number];

export const LEVELS: Record<Field, readonly string[]> = {
  name: ["missing", "different", "jw85", "jw92", "phonetic", "initials", "equivalent", "exact"],
  dob: ["missing", "different", "same_year", "same_year_month", "day_month_transposed", "exact"],
  sex: ["missing", "different", "same"],
  country: ["missing", "different", "same"],
  agency: ["missing", "different", "similar"],
  position: ["missing", "different", "similar"],
  patronymic: ["missing", "different", "similar", "same"],
};

export const NAME_LEVEL = Object.fromEntries(LEVELS.name.map((l, i) => [l, i])) as Record<string, number>;

export function parseDateParts(value: string | null): DateParts | null {
  const match = value?.trim().match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/);
  if (!match) return null;
  return { y: Number(match[1]), m: match[2] ? Number(match[2]) : null, d: match[3] ? Number(match[3]) : null };
}

const wordsCache = new Map<string, string | null>();

function words(text: string | null): string | null {
  if (!text?.trim()) return null;
  const cached = wordsCache.get(text);
  if (cached !== undefined) return cached;
  const result = wordsUncached(text);
  if (wordsCache.size > 100_000) wordsCache.clear();
  wordsCache.set(text, result);
  return result;
}

function wordsUncached(text: string): string | null {
  const sk = text
    .split(/[\s,.;:()/-]+/)
    .map((w) => skeleton(w))
    .filter((w) => w.length > 0)
    .join(" ");
  return sk || null;
}

export function prepareRecord(record: LinkRecord, index: number): PreparedRecord {
  const names: ParsedName[] = [];
  const initialKeys = new Set<string>();
  for (const text of [record.fullName, record.fullNameNative]) {
    const parsed = text ? parseName(text) : null;
    if (parsed && !names.some((n) => coreKey(n) === coreKey(parsed) && n.exact === parsed.exact)) names.push(parsed);
  }
  const nameKeys = new Set<string>();
  const blockingKeys = new Set<string>();
  let brief = false;
  for (const name of names) {
    nameKeys.add(coreKey(name));
    const others = [...name.core, ...name.initials];
    const phonetic = name.core.map(phoneticKey);
    for (const token of name.core) {
      for (const other of others) if (other !== token) nameKeys.add(`${token}|${initialOf(other)}`);
    }
    // Two core tokens in either order; a brief name ("Kovalev Yu.") by surname and initial.
    for (let i = 0; i < phonetic.length; i++) {
      for (let j = i + 1; j < phonetic.length; j++) {
        const [x, y] = [phonetic[i] as string, phonetic[j] as string].sort();
        blockingKeys.add(`n:${x}+${y}`);
        // A typo in one part: the other part's key with the first letter of the mistyped one.
        blockingKeys.add(`f:${phonetic[i]}|${(name.core[j] as string)[0]}`);
        blockingKeys.add(`f:${phonetic[j]}|${(name.core[i] as string)[0]}`);
      }
      for (const other of others) {
        if (other !== name.core[i]) initialKeys.add(`i:${phonetic[i]}|${initialOf(other)}`);
      }
    }
    if (name.core.length === 1) brief = true;
  }
  const agency = words(record.agency);
  const position = words(record.position);
  const dob = parseDateParts(record.dateOfBirth);
  if (dob?.d) blockingKeys.add(`d:${record.dateOfBirth}`);
  // A typo in one name part still meets the other part's key within the same month of birth.
  if (dob?.m)
    for (const name of names) for (const t of name.core) blockingKeys.add(`y:${phoneticKey(t)}|${dob.y}-${dob.m}`);
  return {
    id: record.id,
    index,
    names,
    dob,
    sex: record.sex?.trim().toLowerCase().slice(0, 1) || null,
    country: record.country?.trim().toUpperCase() || null,
    agency,
    position,
    agencyId: agency ? textId(agency) : 0,
    positionId: position ? textId(position) : 0,
    nameKeys: [...nameKeys],
    blockingKeys: [...blockingKeys],
    initialKeys: [...initialKeys],
    brief,
  };
}

/** Jaro–Winkler of two tokens, memoised: the same name parts meet again and again in a large batch. */
const jwCache = new Map<string, Map<string, number>>();
function jw(a: string, b: string): number {
  if (a === b) return 1;
  if (a > b) [a, b] = [b, a];
  let row = jwCache.get(a);
  if (!row) {
    if (jwCache.size > 200_000) jwCache.clear();
    row = new Map();
    jwCache.set(a, row);
  }
  let value = row.get(b);
  if (value === undefined) {
    value = jaroWinkler(a, b);
    row.set(b, value);
  }
  return value;
}

/** Jaro–Winkler of two name tokens by their ids, memoised in one numeric map. */
const tokenPairs = new Map<number, number>();
function jwTokens(x: number, y: number, a: string, b: string): number {
  if (x === y) return 1;
  const key = x < y ? x * 67_108_864 + y : y * 67_108_864 + x;
  let value = tokenPairs.get(key);
  if (value === undefined) {
    value = jaroWinkler(a, b);
    if (tokenPairs.size > 4_000_000) tokenPairs.clear();
    tokenPairs.set(key, value);
  }
  return value;
}

/** Best one-to-one alignment of core tokens (order-insensitive), averaged over the shorter name. */
function alignedSimilarity(a: ParsedName, b: ParsedName): number {
  const short = a.core.length <= b.core.length ? a : b;
  const long = short === a ? b : a;
  let used = 0;
  let total = 0;
  for (let i = 0; i < short.core.length; i++) {
    let best = 0;
    let bestIndex = -1;
    for (let j = 0; j < long.core.length && j < 30; j++) {
      if (used & (1 << j)) continue;
      const s = jwTokens(
        short.ids[i] as number,
        long.ids[j] as number,
        short.core[i] as string,
        long.core[j] as string,
      );
      if (s > best) {
        best = s;
        bestIndex = j;
      }
    }
    if (bestIndex >= 0) used |= 1 << bestIndex;
    total += best;
  }
  return short.core.length ? total / short.core.length : 0;
}

function patronymicsAgree(a: ParsedName, b: ParsedName): boolean {
  if (!a.patronymic || !b.patronymic) return true;
  return a.fatherLoose === b.fatherLoose || jw(a.fatherStem as string, b.fatherStem as string) >= 0.9;
}

/** Every core token of the shorter name has a token of the other with the same loose key (order-insensitive). */
function looselyEqual(a: ParsedName, b: ParsedName): boolean {
  const short = a.core.length <= b.core.length ? a : b;
  const long = short === a ? b : a;
  if (short.core.length < 2 && long.core.length >= 2) return false;
  let used = 0;
  for (const token of short.loose) {
    let found = -1;
    for (let j = 0; j < long.loose.length && j < 30; j++) {
      if (!(used & (1 << j)) && long.loose[j] === token) {
        found = j;
        break;
      }
    }
    if (found < 0) return false;
    used |= 1 << found;
  }
  return true;
}

/** "Kovalev Yu." against "Yuriy Ivanovich Kovalev": the surname is there and every initial fits another part. */
function initialsFit(brief: ParsedName, full: ParsedName): boolean {
  if (brief.core.length !== 1 || brief.initials.length === 0) return false;
  const surname = brief.core[0] as string;
  const rest = full.core.filter((t) => jw(t, surname) < 0.92);
  if (rest.length === full.core.length) return false;
  const firsts = [...rest.map(initialOf), ...full.initials, full.patronymic ? initialOf(full.patronymic) : null];
  return brief.initials.every((i) => firsts.includes(i));
}

function compareNamePair(a: ParsedName, b: ParsedName): number {
  if (a.exact === b.exact) return NAME_LEVEL.exact as number;
  const agree = patronymicsAgree(a, b);
  if (a.key === b.key && agree) return NAME_LEVEL.equivalent as number;
  if (a.initials.length || b.initials.length)
    if (initialsFit(a, b) || initialsFit(b, a)) return NAME_LEVEL.initials as number;
  if (agree && looselyEqual(a, b)) return NAME_LEVEL.phonetic as number;
  let similarity = alignedSimilarity(a, b);
  if (!agree) similarity -= 0.08;
  if (a.core.length !== b.core.length) similarity -= 0.03;
  if (similarity >= 0.92) return NAME_LEVEL.jw92 as number;
  if (similarity >= 0.85) return NAME_LEVEL.jw85 as number;
  return NAME_LEVEL.different as number;
}

export function compareNames(a: PreparedRecord, b: PreparedRecord): number {
  let best = 0;
  for (const x of a.names) for (const y of b.names) best = Math.max(best, compareNamePair(x, y));
  return best;
}

export function compareDates(a: DateParts | null, b: DateParts | null): number {
  if (!a || !b) return 0;
  if (a.y !== b.y) return 1;
  if (a.m === null || b.m === null) return 2;
  if (a.d !== null && b.d !== null) {
    if (a.m === b.m && a.d === b.d) return 5;
    if (a.m === b.d && a.d === b.m) return 4;
  }
  return a.m === b.m ? 3 : 2;
}

/** Agency and position texts as small integers, so their similarity is computed once per distinct pair. */
const textIds = new Map<string, number>();
const textPairs = new Map<number, number>();

function textId(text: string): number {
  let id = textIds.get(text);
  if (id === undefined) {
    id = textIds.size + 1;
    textIds.set(text, id);
  }
  return id;
}

function compareText(a: string | null, b: string | null, x: number, y: number, threshold: number): number {
  if (!a || !b) return 0;
  if (x === y) return 2;
  const key = x < y ? x * 67_108_864 + y : y * 67_108_864 + x;
  let level = textPairs.get(key);
  if (level === undefined) {
    level = jaroWinkler(a, b) >= threshold ? 2 : 1;
    if (textPairs.size > 2_000_000) textPairs.clear();
    textPairs.set(key, level);
  }
  return level;
}

function compareCode(a: string | null, b: string | null): number {
  if (!a || !b) return 0;
  return a === b ? 2 : 1;
}

/**
 * The patronymics (father's names) of two records: the same father (Jamshidovich, Jamshid oʻgʻli,
 * Djamchidovitch), a similar one, a different one, or missing on either side. Namesakes rarely share a father.
 */
export function comparePatronymics(a: PreparedRecord, b: PreparedRecord): number {
  let best = 0;
  for (const x of a.names) {
    if (x.fatherStem === null) continue;
    for (const y of b.names) {
      if (y.fatherStem === null) continue;
      const level =
        x.fatherStem === y.fatherStem || x.fatherLoose === y.fatherLoose
          ? 3
          : jw(x.fatherStem, y.fatherStem as string) >= 0.88
            ? 2
            : 1;
      if (level > best) best = level;
    }
  }
  return best;
}

/** The comparison vector of a pair, one level per field in FIELDS order. */
export function compareRecords(a: PreparedRecord, b: PreparedRecord): number[] {
  return [
    compareNames(a, b),
    compareDates(a.dob, b.dob),
    compareCode(a.sex, b.sex),
    compareCode(a.country, b.country),
    compareText(a.agency, b.agency, a.agencyId, b.agencyId, 0.9),
    compareText(a.position, b.position, a.positionId, b.positionId, 0.9),
    comparePatronymics(a, b),
  ];
}

/** The comparison vector of a pair encoded as one number (base 8, FIELDS order), without allocating. */
export function comparisonCode(a: PreparedRecord, b: PreparedRecord): number {
  return (
    compareNames(a, b) +
    8 * compareDates(a.dob, b.dob) +
    64 * compareCode(a.sex, b.sex) +
    512 * compareCode(a.country, b.country) +
    4096 * compareText(a.agency, b.agency, a.agencyId, b.agencyId, 0.9) +
    32_768 * compareText(a.position, b.position, a.positionId, b.positionId, 0.9) +
    262_144 * comparePatronymics(a, b)
  );
}

/** Two full dates of birth that cannot be one person's (neither equal nor day and month transposed). */
export function datesConflict(a: DateParts | null, b: DateParts | null): boolean {
  if (!a || !b) return false;
  if (a.y !== b.y) return true;
  if (a.d === null || b.d === null) return false;
  return compareDates(a, b) < 4;
}
