import { countryName } from "../../../common/countries.js";
import { formatNumber, formatPercent } from "../../../common/format.js";
import projectsEn from "../../../web/i18n/modules/projects.en.json" with { type: "json" };
import projectsRu from "../../../web/i18n/modules/projects.ru.json" with { type: "json" };
import { COMMON_CONCEPTS, conceptOf, phraseConcepts, STOPWORDS, transliterate } from "./projects.lexicon.js";

/**
 * Duplicate detection, as pure functions. A project becomes `DupFeatures` (computed on save and stored);
 * two feature sets give a score in [0, 1] with one explained component per signal. Country and period
 * overlap are the gate: projects in different countries or at different times are never duplicates.
 */
export interface DupFeatures {
  countries: string[];
  start: string | null;
  end: string | null;
  /** Text tokens with counts: `c:` concepts (language-neutral), `w:` transliterated stems, `n:` numbers. */
  tokens: Record<string, number>;
  themes: string[];
  dac: string[];
  /** Agency tokens (implementing and beneficiary organizations), language-neutral like the text. */
  agencies: string[];
  usd: number | null;
  ids: string[];
  /** Normalised titles per language, for the baseline's title similarity. */
  titles: string[];
}

export interface FeatureInput {
  title: { en?: string; ru?: string };
  summary?: { en?: string; ru?: string };
  countries: string[];
  start: string | null;
  end: string | null;
  themes: string[];
  dacCodes: string[];
  organizations: string[];
  usd: number | null;
  ids: (string | null | undefined)[];
}

function words(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/ё/g, "е")
    .split(/[^\p{L}\p{N}-]+/u)
    .flatMap((w) => (w.includes("-") && !/^(cross|inter|x)-/.test(w) ? w.split("-") : [w]))
    .filter((w) => w.length > 1);
}

const RU_ENDING =
  /(ами|ями|ого|его|ому|ему|ыми|ими|ой|ей|ий|ый|ая|яя|ое|ее|ые|ие|ам|ям|ах|ях|ом|ем|ов|ев|ы|и|а|я|е|у|ю|о)$/u;
const EN_ENDING = /(ings?|ations?|ions?|ies|es|s|ed)$/;

/**
 * A phonetic key for words without a concept (mostly names of places, agencies and people): Russian case
 * endings cut, transliterated, Russian г/х and Latin h brought together, vowels dropped after the first
 * letter, four consonants kept — Пяндж/Panj, Худжанд/Khujand, Герат/Herat, Кабуле/Kabul meet.
 */
export function stem(input: string): string {
  const word = input.toLowerCase();
  const cyrillic = /[а-я]/.test(word);
  const base = cyrillic
    ? word.length > 5
      ? word.replace(RU_ENDING, "")
      : word
    : word.length > 5
      ? word.replace(EN_ENDING, "")
      : word;
  const latin = transliterate(base)
    .replace(/dzh|zh|dj/g, "j")
    .replace(/kh/g, "x")
    .replace(/h/g, "g")
    .replace(/ts/g, "c")
    .replace(/(.)\1+/g, "$1");
  const key = (latin[0] ?? "") + latin.slice(1).replace(/[aeiouy]/g, "");
  return key.slice(0, 5);
}

export function tokenize(text: string): string[] {
  const ws = words(text);
  const out: string[] = phraseConcepts(ws).map((c) => `c:${c}`);
  for (const w of ws) {
    if (STOPWORDS.has(w)) continue;
    if (/^\d+$/.test(w)) {
      if (w.length >= 2) out.push(`n:${w}`);
      continue;
    }
    const concept = conceptOf(w);
    if (concept) out.push(`c:${concept}`);
    else if (w.length >= 4) out.push(`w:${stem(w)}`);
  }
  return out;
}

export function buildFeatures(input: FeatureInput): DupFeatures {
  const texts = [input.title.en, input.title.ru, input.summary?.en, input.summary?.ru].filter((t): t is string => !!t);
  // Titles count twice: they name the activity; summaries describe it at length.
  const titleTokens = [input.title.en, input.title.ru].filter((t): t is string => !!t).flatMap(tokenize);
  const tokens: Record<string, number> = {};
  for (const t of [...titleTokens, ...titleTokens, ...texts.slice(0).flatMap(tokenize)])
    tokens[t] = (tokens[t] ?? 0) + 1;
  const agencies = [...new Set(input.organizations.flatMap(tokenize).filter((t) => !t.startsWith("n:")))];
  return {
    countries: [...new Set(input.countries.map((c) => c.toUpperCase()))].sort(),
    start: input.start,
    end: input.end,
    tokens,
    themes: [...new Set(input.themes)].sort(),
    dac: [...new Set(input.dacCodes)].sort(),
    agencies,
    usd: input.usd,
    ids: [...new Set(input.ids.filter((i): i is string => !!i?.trim()).map((i) => i.trim().toLowerCase()))],
    titles: [input.title.en, input.title.ru].filter((t): t is string => !!t).map((t) => words(t).join(" ")),
  };
}

/** Tokens used to find candidates through the index: every distinctive token (common concepts left out). */
export function fingerprintOf(f: DupFeatures): string[] {
  return Object.keys(f.tokens)
    .filter((t) => !(t.startsWith("c:") && COMMON_CONCEPTS.has(t.slice(2))))
    .sort();
}

export interface Component {
  key: "countries" | "period" | "text" | "themes" | "dac" | "agencies" | "budget" | "identifier";
  value: number;
  weight: number;
  reason: { en: string; ru: string };
}

export interface PairScore {
  score: number;
  gated: boolean;
  components: Component[];
}

export const WEIGHTS: Record<Component["key"], number> = {
  text: 0.42,
  themes: 0.14,
  agencies: 0.12,
  budget: 0.08,
  period: 0.12,
  countries: 0.06,
  dac: 0.06,
  identifier: 0,
};

const DAY = 86_400_000;

function days(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / DAY + 1;
}

/** Fraction of the shorter period that both share; null when a date is missing. */
export function periodOverlap(a: DupFeatures, b: DupFeatures): number | null {
  if (!a.start || !a.end || !b.start || !b.end) return null;
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  if (end < start) return 0;
  const shorter = Math.min(days(a.start, a.end), days(b.start, b.end));
  return shorter <= 0 ? 0 : Math.min(1, days(start, end) / shorter);
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const sb = new Set(b);
  const inter = a.filter((x) => sb.has(x)).length;
  return inter / (a.length + b.length - inter);
}

/** Inverse document frequency, from the candidates' token counts (smoothed) and common concepts damped. */
export type Idf = (token: string) => number;

export function idfFrom(docs: readonly DupFeatures[]): Idf {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of Object.keys(d.tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  // A prior corpus of 20 documents keeps the weights sensible when there are few candidates.
  const n = docs.length + 20;
  return (token) => {
    const common = token.startsWith("c:") && COMMON_CONCEPTS.has(token.slice(2));
    const prior = common ? 16 : token.startsWith("c:") ? 3 : 1;
    return Math.log((n + 1) / ((df.get(token) ?? 0) + prior + 1)) + 1;
  };
}

export function cosine(a: Record<string, number>, b: Record<string, number>, idf: Idf): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, c] of Object.entries(a)) {
    const w = (1 + Math.log(c)) * idf(t);
    na += w * w;
    const cb = b[t];
    if (cb) dot += w * (1 + Math.log(cb)) * idf(t);
  }
  for (const [t, c] of Object.entries(b)) {
    const w = (1 + Math.log(c)) * idf(t);
    nb += w * w;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

// Reasons are read by people in either language: theme labels from the web's own strings, country names
// instead of ISO3 codes, numbers with the language's decimal separator (0,93 in Russian, as on the rest of the page).
const THEME_LABELS: Record<"en" | "ru", Record<string, string>> = {
  en: projectsEn.projects.theme,
  ru: projectsRu.projects.theme,
};
const themes = (codes: string[], lang: "en" | "ru") => codes.map((c) => THEME_LABELS[lang][c] ?? c).join(", ");
const countryList = (codes: string[], lang: "en" | "ru") => codes.map((c) => countryName(c, lang)).join(", ");
const pct = (v: number, lang: "en" | "ru") => formatPercent(v, lang);
const two = (v: number, lang: "en" | "ru") => formatNumber(v, lang, 2);

/** Scores a pair; `gated` false means it cannot be a duplicate (no shared place or no shared time). */
export function scorePair(a: DupFeatures, b: DupFeatures, idf: Idf): PairScore {
  const components: Component[] = [];
  const sharedIds = a.ids.filter((id) => b.ids.includes(id));
  if (sharedIds.length) {
    components.push({
      key: "identifier",
      value: 1,
      weight: 0,
      reason: { en: `same identifier ${sharedIds[0]}`, ru: `одинаковый идентификатор ${sharedIds[0]}` },
    });
    return { score: 1, gated: true, components };
  }
  const sharedCountries = a.countries.filter((c) => b.countries.includes(c));
  const overlap = periodOverlap(a, b);
  if (sharedCountries.length === 0 || overlap === 0) return { score: 0, gated: false, components };
  const add = (key: Component["key"], value: number, en: string, ru: string) =>
    components.push({ key, value, weight: WEIGHTS[key], reason: { en, ru } });
  const cj = jaccard(a.countries, b.countries);
  add(
    "countries",
    cj,
    `same ${sharedCountries.length === 1 ? "country" : "countries"} ${countryList(sharedCountries, "en")}`,
    `${sharedCountries.length === 1 ? "та же страна" : "те же страны"} ${countryList(sharedCountries, "ru")}`,
  );
  if (overlap !== null)
    add("period", overlap, `dates overlap ${pct(overlap, "en")}`, `сроки совпадают на ${pct(overlap, "ru")}`);
  const text = cosine(a.tokens, b.tokens, idf);
  add("text", text, `text similarity ${two(text, "en")}`, `сходство текста ${two(text, "ru")}`);
  if (a.themes.length && b.themes.length) {
    const shared = a.themes.filter((t) => b.themes.includes(t));
    const v = jaccard(a.themes, b.themes);
    add(
      "themes",
      v,
      shared.length ? `same ${shared.length === 1 ? "theme" : "themes"}: ${themes(shared, "en")}` : "different themes",
      shared.length ? `${shared.length === 1 ? "та же тема" : "те же темы"}: ${themes(shared, "ru")}` : "разные темы",
    );
  }
  const specificA = a.dac.filter((d) => d !== "16063");
  const specificB = b.dac.filter((d) => d !== "16063");
  if (a.dac.length && b.dac.length) {
    const v = specificA.length || specificB.length ? jaccard(a.dac, b.dac) : 0.5;
    add("dac", v, `DAC sectors ${two(v, "en")}`, `секторы DAC ${two(v, "ru")}`);
  }
  if (a.agencies.length && b.agencies.length) {
    const v = Math.min(1, 1.5 * jaccard(a.agencies, b.agencies));
    add(
      "agencies",
      v,
      v >= 0.5 ? "shared implementing or beneficiary agency" : `agencies ${two(v, "en")}`,
      v >= 0.5 ? "общее исполняющее или бенефициарное ведомство" : `ведомства ${two(v, "ru")}`,
    );
  }
  if (a.usd && b.usd) {
    const v = Math.min(a.usd, b.usd) / Math.max(a.usd, b.usd);
    add("budget", v, `budget ratio ${two(v, "en")}`, `соотношение бюджетов ${two(v, "ru")}`);
  }
  const weight = components.reduce((s, c) => s + c.weight, 0);
  let score = components.reduce((s, c) => s + c.weight * c.value, 0) / (weight || 1);
  // Text carries the activity: without it the rest (same place, same time) is only circumstance.
  score *= Math.min(1, 0.35 + text);
  return { score: Math.round(score * 10_000) / 10_000, gated: true, components };
}

/** "same country Tajikistan, same theme: Border control, dates overlap 80%, text similarity 0.87" */
export function explain(components: readonly Component[]): { en: string; ru: string } {
  const strong = components.filter((c) => c.key === "identifier" || c.value >= 0.3 || c.key === "text");
  return { en: strong.map((c) => c.reason.en).join(", "), ru: strong.map((c) => c.reason.ru).join(", ") };
}

/** Character trigrams of a string, for the peers' "similar titles" baseline. */
export function trigramSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const padded = `  ${s} `;
    const set = new Set<string>();
    for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
    return set;
  };
  const ga = grams(a);
  const gb = grams(b);
  let inter = 0;
  for (const g of ga) if (gb.has(g)) inter += 1;
  return inter / (ga.size + gb.size - inter || 1);
}

/** What AMP, d-portal and FTS do: identical identifiers, or titles similar by trigrams (pg_trgm's 0.3 … 0.5). */
export function baselineMatch(a: DupFeatures, b: DupFeatures, threshold = 0.5): boolean {
  if (a.ids.some((id) => b.ids.includes(id))) return true;
  return a.titles.some((ta) => b.titles.some((tb) => trigramSimilarity(ta, tb) >= threshold));
}

/**
 * Tunes the alert threshold from reviewers' labels: the threshold that maximises F1 where "duplicate" and
 * "co-financing" (the same activity) are positives and "unrelated" negatives. Kept between 0.3 and 0.8.
 */
export function tuneThreshold(
  labelled: { score: number; positive: boolean }[],
  fallback: number,
): { threshold: number; precision: number | null; recall: number | null } {
  const positives = labelled.filter((l) => l.positive).length;
  if (labelled.length < 5 || positives === 0) return { threshold: fallback, precision: null, recall: null };
  let best = { threshold: fallback, f1: -1, precision: 0, recall: 0 };
  for (let t = 0.3; t <= 0.8001; t += 0.01) {
    const tp = labelled.filter((l) => l.positive && l.score >= t).length;
    const fp = labelled.filter((l) => !l.positive && l.score >= t).length;
    const precision = tp + fp ? tp / (tp + fp) : 1;
    const recall = tp / positives;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    // Ties go to the lower threshold: a missed duplicate costs more than a second look.
    if (f1 > best.f1 + 1e-9) best = { threshold: Math.round(t * 100) / 100, f1, precision, recall };
  }
  return { threshold: best.threshold, precision: best.precision, recall: best.recall };
}

export const DEFAULT_THRESHOLD = 0.45;
