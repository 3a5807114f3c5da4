import { MVD_310, translate } from "iuliia";

/**
 * Names of trained officers, made comparable across scripts and transliteration systems.
 *
 * A name reaches us as Юрий Ковалёв, Yuriy Kovalev, Iurii Kovalev (ICAO 9303), Yury Kovalyov (BGN/PCGN,
 * Wikipedia), Xaydarov (Uzbek passport), Khaidarov (Tajik, Kazakh), with or without a patronymic, in any
 * order, or as "Kovalev Yu.". Cyrillic is first romanised with one system (iuliia's MVD 310); then every
 * Latin spelling is folded to a skeleton in which the differences between the systems vanish:
 * Iurii / Yuriy / Yury → "iuri", Kovalyov / Kovalyev / Kovalev → "kovalev", Xaydarov / Khaydarov → "xaidarov".
 */

/** Letters of Kazakh, Uzbek, Tajik and Kyrgyz Cyrillic folded to the Russian letters the romanisers know. */
const CENTRAL_ASIAN_CYRILLIC: Record<string, string> = {
  қ: "к",
  ғ: "г",
  ў: "у",
  ҳ: "х",
  һ: "х",
  ҷ: "дж",
  ӣ: "и",
  ӯ: "у",
  ә: "а",
  ө: "о",
  ү: "у",
  ұ: "у",
  і: "и",
  ң: "н",
};

const CYRILLIC = /[\u0400-\u04FF]/;

/** Folds of Latin spellings, applied in order: longest clusters first, then single letters. */
const FOLDS: [RegExp, string][] = [
  [/shch|sch|shh/g, "š"],
  [/sh/g, "š"],
  [/tch|ch/g, "č"],
  [/dzh|dj|zh/g, "j"],
  [/ts|tc|tz/g, "ç"],
  [/kh|gh(?=[aeiou])|ks|h|x/g, "x"],
  [/q|ck/g, "k"],
  [/w/g, "v"],
  [/[iyj](?=[iy])|[y]/g, "i"],
  [/ii+/g, "i"],
  // ё and е after a consonant or at the start: Kovalyov, Kovalyev, Yevgeniy → e.
  [/^ie|(?<=[bcdfgklmnprstvzxčšçj])i[eo]/g, "e"],
  [/(?<=[aeiou])ie/g, "e"],
  [/(.)\1+/g, "$1"],
];

/** Lower case, no diacritics (ё stays distinct until romanised), no apostrophes or soft signs. */
function clean(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[ьъ'’‘ʻʼ`´"]/g, "")
    .normalize("NFKD")
    .replace(/(?<=[a-z])[\u0300-\u036f]/g, "")
    .normalize("NFC");
}

/** Romanises one word of any script (Cyrillic by MVD 310, after folding Central Asian letters). */
export function romanize(word: string): string {
  const lower = clean(word);
  if (!CYRILLIC.test(lower)) return lower;
  const russian = lower.replace(/[қғўҳһҷӣӯәөүұің]/g, (c) => CENTRAL_ASIAN_CYRILLIC[c] ?? c);
  return translate(russian, MVD_310).toLowerCase();
}

const skeletons = new Map<string, string>();

/** The transliteration-independent skeleton of one word (memoised: names repeat across records). */
export function skeleton(word: string): string {
  const cached = skeletons.get(word);
  if (cached !== undefined) return cached;
  let s = romanize(word).replace(/[^a-z]/g, "");
  for (const [pattern, replacement] of FOLDS) s = s.replace(pattern, replacement);
  if (skeletons.size > 500_000) skeletons.clear();
  skeletons.set(word, s);
  return s;
}

/** The initial a skeleton would be abbreviated to: Yu (iu), Ya (ia) and Yo (io) stay apart from I. */
export function initialOf(sk: string): string {
  return /^i[aueo]/.test(sk) ? sk.slice(0, 2) : sk.slice(0, 1);
}

const PATRONYMIC_PARTICLES = new Set(["ugli", "ogli", "uli", "uulu", "kizi", "kiz", "gizi"]);
const PATRONYMIC_ENDING = /(ovič|evič|ovna|evna|ič|ična|inična)$/;

/** A name split into its parts; tokens are skeletons. */
export interface ParsedName {
  /** Surname and given names (order unknown). */
  core: string[];
  /** First letters of the initials ("Yu." → "i", the same first letter as the skeleton of Yuriy). */
  initials: string[];
  patronymic: string | null;
  /** Normalised spelling as written (same script), for the "exact" level. */
  exact: string;
  /** Sorted core tokens, for the "equivalent" level. */
  key: string;
}

const TOKEN = /[\p{L}'’ʻʼ`-]+\.?/gu;

const parsedNames = new Map<string, ParsedName | null>();

/** Splits a full name into core tokens, initials and patronymic, whatever the order (memoised). */
export function parseName(text: string): ParsedName | null {
  const cached = parsedNames.get(text);
  if (cached !== undefined) return cached;
  const parsed = parseNameUncached(text);
  if (parsedNames.size > 500_000) parsedNames.clear();
  parsedNames.set(text, parsed);
  return parsed;
}

function parseNameUncached(text: string): ParsedName | null {
  const raw = (text.normalize("NFC").match(TOKEN) ?? []).flatMap((t) => t.split("-")).filter((t) => t && t !== ".");
  if (raw.length === 0) return null;
  const core: string[] = [];
  const initials: string[] = [];
  let patronymic: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i] as string;
    const letters = token.replace(/\./g, "");
    const sk = skeleton(letters);
    if (!sk) continue;
    if (token.endsWith(".") || letters.length === 1) {
      initials.push(initialOf(sk));
    } else if (PATRONYMIC_PARTICLES.has(sk)) {
      const previous = core.pop();
      if (previous) patronymic = previous;
    } else if (PATRONYMIC_ENDING.test(sk) && (core.length > 0 || initials.length > 0) && !patronymic) {
      patronymic = sk;
    } else {
      core.push(sk);
    }
  }
  if (core.length === 0 && patronymic) {
    core.push(patronymic);
    patronymic = null;
  }
  if (core.length === 0) return null;
  const exact = raw
    .map((t) => clean(t).replace(/\./g, ""))
    .sort()
    .join(" ");
  return { core, initials, patronymic, exact, key: [...core].sort().join(" ") };
}

/** Order-insensitive key of the core name (surname and given names), for term frequencies and exact equivalence. */
export function coreKey(name: ParsedName): string {
  return name.key;
}

/** A coarse phonetic key for blocking: first letter and the next consonants, vowels dropped. */
export function phoneticKey(sk: string): string {
  return (
    (sk[0] ?? "") +
    sk
      .slice(1)
      .replace(/[aeiou]/g, "")
      .slice(0, 3)
  );
}
