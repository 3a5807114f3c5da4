/**
 * An independent labelled set for person linkage: persons drawn from published name-frequency lists of the
 * region (data/names.json, sources cited there), each written by several clerks under the schemes of
 * schemes.ts and their habits. Shares no code with the model (src/server/modules/trainings): its own
 * tables, its own names, its own random generator, its own record shape (structurally a LinkRecord).
 *
 * Every record carries the variations it was written with, so that a benchmark can report recall by kind.
 */
import fs from "node:fs";
import path from "node:path";
import { foldToRussian, NATIONAL_SCHEMES, RUSSIAN_SCHEMES, romanise, type SchemeId } from "./schemes.js";

interface NameEntry {
  ru: string;
  nat?: string;
  w?: number;
  invariable?: boolean;
}
interface CountryNames {
  share: number;
  /** Share of the population the surname list covers; the rest is the long tail. */
  listCoverage: number;
  givenListCoverage: number;
  surnames: NameEntry[];
  male: NameEntry[];
  moreMale: string[];
  female: NameEntry[];
}

const DATA = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "data/names.json"), "utf8")) as {
  countries: Record<string, CountryNames>;
};

/** Kinds of variation between two records of one person, reported separately. */
export const KINDS = [
  "scheme",
  "national-latin",
  "script",
  "name-order",
  "patronymic",
  "surname-ending",
  "doubled-letters",
  "typo",
  "initials",
  "no-dob",
  "attributes",
] as const;
export type Kind = (typeof KINDS)[number];

export interface IndependentRecord {
  id: string;
  fullName: string | null;
  fullNameNative: string | null;
  dateOfBirth: string | null;
  sex: string | null;
  country: string | null;
  agency: string | null;
  position: string | null;
  /** Truth and provenance, never shown to the model. */
  personId: string;
  /** The person's surname, given name and father's name in Russian Cyrillic (to count namesakes). */
  identity: string;
  scheme: SchemeId;
  surnameFirst: boolean;
  patronymicStyle: "none" | "russian" | "national";
  flags: Set<"ending" | "doubled" | "typo" | "initials" | "native-cyrillic" | "agency">;
}

/** mulberry32: a small seeded generator of our own. */
export function random32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(items: T[], weight: (t: T, i: number) => number, rnd: () => number): T {
  let total = 0;
  for (let i = 0; i < items.length; i++) total += weight(items[i] as T, i);
  let x = rnd() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weight(items[i] as T, i);
    if (x <= 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

const entryWeight = (e: NameEntry, i: number) => e.w ?? 1000 / (i + 1);
const pick = <T>(items: T[], rnd: () => number) => items[Math.floor(rnd() * items.length)] as T;

interface Person {
  id: string;
  country: string;
  sex: "M" | "F";
  surname: NameEntry;
  given: NameEntry;
  father: NameEntry;
  dob: string;
  agency: number;
  position: number;
}

const AGENCIES: [string, string][] = [
  ["Ministry of Internal Affairs", "Министерство внутренних дел"],
  ["Customs Service", "Таможенная служба"],
  ["Border Guard Service", "Пограничная служба"],
  ["Drug Control Agency", "Агентство по контролю за наркотиками"],
  ["Prosecutor General's Office", "Генеральная прокуратура"],
  ["State Security Service", "Служба государственной безопасности"],
  ["Financial Monitoring Agency", "Агентство финансового мониторинга"],
];
const POSITIONS: [string, string][] = [
  ["Senior inspector", "Старший инспектор"],
  ["Inspector", "Инспектор"],
  ["Investigator", "Следователь"],
  ["Head of unit", "Начальник отдела"],
  ["Operative officer", "Оперуполномоченный"],
  ["Analyst", "Аналитик"],
];

function feminine(surname: string, entry: NameEntry): string {
  if (entry.invariable) return surname;
  if (/(ов|ев|ёв|ин|ын)$/i.test(surname)) return `${surname}а`;
  if (/(ow|ew|ov|ev|ev|in|yn)$/i.test(surname)) return `${surname}a`;
  if (/(ий|ой)$/.test(surname)) return `${surname.slice(0, -2)}ая`;
  return surname;
}

/** Patronymic from the father's name: Russian style (-ович/-овна) or the national particle. */
function patronymicRu(father: string, sex: "M" | "F"): string {
  const stem = father.replace(/[йь]$/, "").replace(/ий$/, "");
  const soft = /[йь]$|ий$/.test(father) || /[жчшщц]$/.test(father);
  if (/[аяо]$/.test(father)) {
    const base = father.slice(0, -1);
    return sex === "M" ? `${base}аевич` : `${base}аевна`;
  }
  if (/ий$/.test(father)) return sex === "M" ? `${father.slice(0, -2)}ьевич` : `${father.slice(0, -2)}ьевна`;
  const suffix = soft ? (sex === "M" ? "евич" : "евна") : sex === "M" ? "ович" : "овна";
  return `${stem}${suffix}`;
}

const NATIONAL_PARTICLE: Record<string, { M: string; F: string }> = {
  KAZ: { M: "ұлы", F: "қызы" },
  UZB: { M: "ўғли", F: "қизи" },
  KGZ: { M: "уулу", F: "кызы" },
  TJK: { M: "", F: "" },
  TKM: { M: "ogly", F: "gyzy" },
  AZE: { M: "oğlu", F: "qızı" },
  RUS: { M: "", F: "" },
};

const LATIN = /[a-zəıöüğşç]/i;

export interface GenerateOptions {
  persons: number;
  seed: number;
  /** Mean records per person (at least one each). */
  recordsPerPerson?: number;
}

export function generateIndependent({ persons, seed, recordsPerPerson = 2.4 }: GenerateOptions): IndependentRecord[] {
  const rnd = random32(seed);
  const countries = Object.entries(DATA.countries);
  const people: Person[] = [];
  // Stems of the long tail of surnames: every male given name of the Central Asian and Caucasian lists.
  const allMale = (c: CountryNames) => [...c.male, ...c.moreMale.map((ru) => ({ ru }))];
  const stems = countries.filter(([c]) => c !== "RUS").flatMap(([, c]) => allMale(c));
  const russianStems = allMale(DATA.countries.RUS as CountryNames);
  const givenName = (c: CountryNames) =>
    rnd() < c.givenListCoverage ? weighted(c.male, entryWeight, rnd) : pick(allMale(c), rnd);
  const surnameOf = (country: string, c: CountryNames): NameEntry => {
    if (rnd() < c.listCoverage) return weighted(c.surnames, entryWeight, rnd);
    if (country === "RUS") return rnd() < 0.5 ? pick(c.surnames, rnd) : derivedSurname(pick(russianStems, rnd), "");
    return derivedSurname(pick(stems, rnd), weighted(SUFFIXES, ([, w]) => w, rnd)[0]);
  };
  for (let p = 0; p < persons; p++) {
    const [country, names] = weighted(countries, ([, c]) => c.share, rnd);
    const sex = rnd() < 0.2 ? "F" : "M";
    const year = 1962 + Math.floor(rnd() * 38);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    people.push({
      id: `P${seed}-${p}`,
      country,
      sex,
      surname: surnameOf(country, names),
      given: sex === "M" ? givenName(names) : weighted(names.female, entryWeight, rnd),
      father: givenName(names),
      dob: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      agency: Math.floor(rnd() * AGENCIES.length),
      position: Math.floor(rnd() * POSITIONS.length),
    });
  }
  const records: IndependentRecord[] = [];
  for (const person of people) {
    // Geometric-ish: one record for some, several for others.
    let count = 1;
    while (count < 6 && rnd() < 1 - 1 / recordsPerPerson) count++;
    for (let k = 0; k < count; k++) records.push(writeRecord(person, rnd, `${person.id}-${k}`));
  }
  // Shuffle so that a person's records are not adjacent.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [records[i], records[j]] = [records[j] as IndependentRecord, records[i] as IndependentRecord];
  }
  return records;
}

/** Surname suffixes of the long tail (Russian -ov/-ev, and the Turkic compounds -baev, -bekov, -zhanov, -kulov). */
const SUFFIXES: [string, number][] = [
  ["", 0.7],
  ["бай", 0.1],
  ["бек", 0.08],
  ["жан", 0.06],
  ["кул", 0.06],
];

/** A surname formed from a given name: Нурлан → Нурланов, Али → Алиев, Əli → Əliyev, Нурлан + бек → Нурланбеков. */
function derivedSurname(given: NameEntry, suffix: string): NameEntry {
  const stem = suffix ? { ru: given.ru.replace(/[ао]$/, "") + suffix } : given;
  const ru = /[аяоуиыеэ]$/.test(stem.ru)
    ? `${stem.ru.replace(/[ао]$/, "а")}ев`
    : /[йь]$/.test(stem.ru)
      ? `${stem.ru.slice(0, -1)}ев`
      : /[жчшщц]$/.test(stem.ru)
        ? `${stem.ru}ев`
        : `${stem.ru}ов`;
  const nat =
    !suffix && stem.nat
      ? /[a-zəıöüğşç]/i.test(stem.nat)
        ? `${stem.nat}${/[aeiouəıöü]$/i.test(stem.nat) ? "yev" : "ov"}`
        : /[аяоуиыеэәөүұі]$/.test(stem.nat)
          ? `${stem.nat}ев`
          : `${stem.nat}ов`
      : undefined;
  return nat ? { ru, nat } : { ru };
}

function typo(word: string, rnd: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(rnd() * (word.length - 2));
  const kind = rnd();
  if (kind < 0.35) return word.slice(0, i) + word.slice(i + 1); // deletion
  if (kind < 0.7) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // transposition
  const keys = /[а-яё]/i.test(word) ? "аеиоунртслк" : "aeiounrtslk";
  return word.slice(0, i) + pick([...keys], rnd) + word.slice(i + 1); // substitution
}

/** A doubled letter undoubled (Abdullaev → Abdulaev, Mammadov → Mamadov) or a single one doubled (Hasanov → Hassanov). */
function doubled(word: string, rnd: () => number): string {
  const double = word.match(/([a-zа-я])\1/i);
  if (double?.index !== undefined) return word.slice(0, double.index) + word.slice(double.index + 1);
  const positions = [...word.matchAll(/(?<=[aeiouаеиоуыэ])[lsnmrлснмр](?=[aeiouаеиоуыэ])/gi)].map((m) => m.index ?? 0);
  if (!positions.length) return word;
  const i = pick(positions, rnd);
  return word.slice(0, i + 1) + word[i] + word.slice(i + 1);
}

function writeRecord(person: Person, rnd: () => number, id: string): IndependentRecord {
  const flags = new Set<IndependentRecord["flags"] extends Set<infer F> ? F : never>();
  const national = NATIONAL_SCHEMES[person.country] ?? [];
  // The clerk's scheme: a national alphabet for a third of the records of a country that has one.
  const scheme: SchemeId =
    national.length && rnd() < 0.35
      ? pick(national, rnd)
      : rnd() < 0.22
        ? "cyrillic-ru"
        : weighted(RUSSIAN_SCHEMES, (s) => (s === "icao9303" || s === "mvd1997" ? 3 : s === "gost52535" ? 2 : 1), rnd);
  const useNational = national.includes(scheme);
  const form = (e: NameEntry) => (useNational ? (e.nat ?? e.ru) : e.ru);
  let surname = form(person.surname);
  const given = form(person.given);
  // Feminine surnames; a clerk sometimes writes a woman's surname in the masculine form (or the reverse).
  let ending = false;
  if (person.sex === "F") {
    if (rnd() < 0.2) ending = true;
    else surname = feminine(surname, person.surname);
  } else if (rnd() < 0.02 && !person.surname.invariable) {
    surname = feminine(surname, person.surname);
    ending = true;
  }
  if (ending) flags.add("ending");
  const style: IndependentRecord["patronymicStyle"] =
    rnd() < 0.55 ? "none" : useNational && NATIONAL_PARTICLE[person.country]?.M && rnd() < 0.7 ? "national" : "russian";
  let patronymic: string[] = [];
  if (style === "russian") patronymic = [patronymicRu(foldToRussian(person.father.ru), person.sex)];
  if (style === "national") patronymic = [form(person.father), NATIONAL_PARTICLE[person.country]?.[person.sex] ?? ""];
  const surnameFirst = rnd() < 0.55;
  const write = (w: string) =>
    scheme === "cyrillic-ru"
      ? foldToRussian(w)
      : LATIN.test(w)
        ? w
        : scheme === "azeri-latin"
          ? romanise(w, "icao9303")
          : romanise(w, scheme);
  let parts = { surname: write(surname), given: write(given), patronymic: patronymic.filter(Boolean).map(write) };
  if (scheme === "cyrillic-ru") parts = { ...parts, surname: cap(parts.surname), given: cap(parts.given) };
  // Clerks' habits.
  if (rnd() < 0.1) {
    const d = doubled(parts.surname, rnd);
    if (d !== parts.surname) {
      parts.surname = d;
      flags.add("doubled");
    }
  }
  if (rnd() < 0.1) {
    if (rnd() < 0.6) parts.surname = typo(parts.surname, rnd);
    else parts.given = typo(parts.given, rnd);
    flags.add("typo");
  }
  // Diacritics and apostrophes often dropped by a keyboard without them.
  const strip = rnd() < 0.4;
  const clean = (w: string) =>
    strip
      ? w
          .normalize("NFKD")
          .replace(/[\u0300-\u036f]/g, "")
          .replace(/[ʻʼ'`’”ʺʹ]/g, rnd() < 0.5 ? "" : "'")
          .replace(/ı/g, "i")
      : w;
  let text: string;
  if (rnd() < 0.06) {
    const initial = (w: string) => `${w.match(/^(Yu|Ya|Yo|Iu|Ia|Ju|Ja|Sh|Ch|Zh|Kh|Dzh|[\p{L}])/u)?.[0] ?? w[0]}.`;
    const init = [initial(parts.given), ...parts.patronymic.slice(0, 1).map(initial)].join(" ");
    text = surnameFirst ? `${parts.surname} ${init}` : `${init} ${parts.surname}`;
    flags.add("initials");
  } else {
    const words = surnameFirst
      ? [parts.surname, parts.given, ...parts.patronymic]
      : [parts.given, ...parts.patronymic, parts.surname];
    text = words.join(" ");
  }
  text = clean(text);
  if (rnd() < 0.3) text = text.toUpperCase();
  const cyrillic = scheme === "cyrillic-ru";
  // A second name field in the native Cyrillic script in some Latin records.
  let native: string | null = null;
  if (!cyrillic && rnd() < 0.2) {
    native = `${cap(foldToRussian(person.sex === "F" ? feminine(person.surname.ru, person.surname) : person.surname.ru))} ${person.given.ru}`;
    flags.add("native-cyrillic");
  }
  const dobRoll = rnd();
  const dateOfBirth =
    dobRoll < 0.35
      ? null
      : dobRoll < 0.39
        ? person.dob.slice(0, 4)
        : dobRoll < 0.42
          ? swapDayMonth(person.dob)
          : person.dob;
  let agency = person.agency;
  if (rnd() < 0.12) {
    agency = Math.floor(rnd() * AGENCIES.length);
    flags.add("agency");
  }
  const ru = rnd() < 0.4;
  return {
    id,
    fullName: cyrillic ? null : text,
    fullNameNative: cyrillic ? text : native,
    dateOfBirth,
    sex: rnd() < 0.85 ? person.sex : null,
    country: rnd() < 0.9 ? person.country : null,
    agency: rnd() < 0.85 ? ((AGENCIES[agency] as [string, string])[ru ? 1 : 0] ?? null) : null,
    position: rnd() < 0.6 ? ((POSITIONS[person.position] as [string, string])[ru ? 1 : 0] ?? null) : null,
    personId: person.id,
    identity: `${person.surname.ru} ${person.given.ru} ${person.father.ru}`,
    scheme,
    surnameFirst,
    patronymicStyle: style,
    flags,
  };
}

function swapDayMonth(dob: string): string {
  const [y, m, d] = dob.split("-");
  return Number(d) <= 12 ? `${y}-${d}-${m}` : dob;
}

const cap = (w: string) => (w ? (w[0] as string).toUpperCase() + w.slice(1) : w);

/** The kinds of variation between two records (of one person or not). */
export function pairKinds(a: IndependentRecord, b: IndependentRecord): Kind[] {
  const kinds: Kind[] = [];
  const isNational = (s: SchemeId) =>
    ["uzbek-latin", "kazakh-2017", "kazakh-2021", "turkmen-latin", "azeri-latin"].includes(s);
  if (a.scheme !== b.scheme) {
    if (isNational(a.scheme) || isNational(b.scheme)) kinds.push("national-latin");
    else if (a.scheme === "cyrillic-ru" || b.scheme === "cyrillic-ru") kinds.push("script");
    else kinds.push("scheme");
  }
  if (a.surnameFirst !== b.surnameFirst) kinds.push("name-order");
  if (a.patronymicStyle !== b.patronymicStyle) kinds.push("patronymic");
  const either = (f: Parameters<IndependentRecord["flags"]["has"]>[0]) => a.flags.has(f) || b.flags.has(f);
  if (either("ending")) kinds.push("surname-ending");
  if (either("doubled")) kinds.push("doubled-letters");
  if (either("typo")) kinds.push("typo");
  if (either("initials")) kinds.push("initials");
  if (!a.dateOfBirth || !b.dateOfBirth) kinds.push("no-dob");
  if (either("agency")) kinds.push("attributes");
  return kinds;
}

/** Dev and test halves, split by person with a fixed seed (a person's records are all in one half). */
export function splitByPerson(
  records: IndependentRecord[],
  seed: number,
): { dev: IndependentRecord[]; test: IndependentRecord[] } {
  const half = new Map<string, boolean>();
  const rnd = random32(seed);
  const dev: IndependentRecord[] = [];
  const test: IndependentRecord[] = [];
  for (const r of records) {
    let inDev = half.get(r.personId);
    if (inDev === undefined) {
      inDev = rnd() < 0.5;
      half.set(r.personId, inDev);
    }
    (inDev ? dev : test).push(r);
  }
  return { dev, test };
}
