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

/**
 * Folds of Latin spellings, applied in order: longest clusters first, then single letters. Besides English-based
 * systems (ICAO 9303, GOST 52535, MVD, BGN/PCGN, Library of Congress) they cover GOST 7.79 (`cz`, `shh`, `j`),
 * the German transcription (`tsch`, `sch`, `schtsch`, `dsh`, `w`, `j` for й), the French one and the Soviet
 * passports written after it (`ou`, `tch`, `ch` for ш, `dj`, `gu` before e and i), and the Uzbek, Kazakh,
 * Turkmen and Azerbaijani Latin alphabets (`x`, `q`, `c` for дж before a back vowel, letters with diacritics
 * mapped in `clean`).
 */
const FOLDS: [RegExp, string][] = [
  [/schtsch|shtch|chtch|shch|shh/g, "š"],
  [/tsch/g, "č"],
  [/sch/g, "š"],
  // GOST 7.79 й after a vowel: Sergej, Gusejnov (elsewhere j is ж or дж, as in the Turkic alphabets).
  [/(?<=[aeiou])j(?![aeiou])/g, "i"],
  [/sh/g, "š"],
  [/tch|ch/g, "č"],
  [/dsh|dzh|dj|zh/g, "j"],
  [/ou/g, "u"],
  [/gu(?=[ei])/g, "g"],
  [/ts|tc|tz|cz/g, "ç"],
  // Azerbaijani c is дж: Cəfərov, Orucov; any other lone c is ч with its cedilla dropped (Turkmen, Azerbaijani,
  // Kazakh 2021 ç typed without it; Kazakh 2017 c').
  [/c(?=[aou])/g, "j"],
  [/c(?!k)/g, "č"],
  [/kh|gh(?=[aeiou])|ks|h|x/g, "x"],
  [/q|ck/g, "k"],
  [/w/g, "v"],
  [/z/g, "s"],
  [/[iyj](?=[iy])|[y]/g, "i"],
  [/ii+/g, "i"],
  // ё and е after a consonant or at the start: Kovalyov, Kovalyev, Yevgeniy → e.
  [/^ie|(?<=[bcdfgklmnprstvzxčšçj])i[eo]/g, "e"],
  [/(?<=[aeiou])ie/g, "e"],
  [/(.)\1+/g, "$1"],
];

/**
 * The German and French transcriptions give some letters other values (German ch х, sh ж, z ц, j й;
 * French ch ш, ou у), so a name written in one of them is folded with these first. Which one a name is
 * written in is told by the whole name: `sch` or `w` without the Turkmen y (German), `ou`, `tch`, `dj` (French).
 */
export type Transcription = "" | "de" | "fr";

export function transcriptionOf(text: string): Transcription {
  const t = text.toLowerCase();
  if (/[\u0400-\u04FF]/.test(t)) return "";
  if (/sch|dsh/.test(t) || (/w/.test(t) && !/[yýşçžňäə]|sh|kh|zh/.test(t))) return "de";
  if (/ou|tch|dj|ï/.test(t) && !/sh|zh|kh(?!o)/.test(t)) return "fr";
  return "";
}

const TRANSCRIPTION_FOLDS: Record<"de" | "fr", [RegExp, string][]> = {
  de: [
    [/schtsch/g, "š"],
    [/tsch/g, "č"],
    [/sch/g, "š"],
    [/dsh/g, "j"],
    [/sh/g, "j"],
    [/ch/g, "x"],
    [/z/g, "ç"],
    [/(?<!d)j/g, "i"],
    [/w/g, "v"],
  ],
  fr: [
    [/chtch/g, "š"],
    [/tch/g, "č"],
    [/ch/g, "š"],
    [/dj/g, "j"],
    [/ou/g, "u"],
    [/gu(?=[ei])/g, "g"],
  ],
};

/** Letters of the national Latin alphabets and of BGN/PCGN and LoC that decomposition alone would spoil. */
const LATIN_LETTERS: Record<string, string> = {
  ş: "sh",
  ș: "sh",
  ç: "ch",
  ž: "zh",
  č: "ch",
  š: "sh",
  ə: "a",
  ı: "i",
  ğ: "g",
  ñ: "n",
  ň: "n",
  ý: "y",
};

/** Kazakh Latin of 2017: s' ш, c' ч, and y' у where the word is written in that alphabet (elsewhere y' is GOST's ы). */
function kazakh2017(text: string): string {
  if (!/[sc]'|[aiougn]'/.test(text)) return text;
  const kazakh = /[aiougn]'|[sc]'/.test(text) && !/[ʻʼ‘’`]/.test(text);
  let t = text.replace(/s'/g, "sh").replace(/c'/g, "ch");
  if (kazakh && /[aiuon]'/.test(t)) t = t.replace(/y'/g, "u");
  return t;
}

/** Lower case, no diacritics (ё stays distinct until romanised), no apostrophes or soft signs. */
function clean(text: string): string {
  return kazakh2017(text.toLowerCase())
    .replace(/[şșçžčšəığñňý]/g, (c) => LATIN_LETTERS[c] ?? c)
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
export function skeleton(word: string, transcription: Transcription = ""): string {
  const key = transcription ? `${transcription}:${word}` : word;
  const cached = skeletons.get(key);
  if (cached !== undefined) return cached;
  let s = romanize(word).replace(/[^a-z]/g, "");
  if (transcription)
    for (const [pattern, replacement] of TRANSCRIPTION_FOLDS[transcription]) s = s.replace(pattern, replacement);
  for (const [pattern, replacement] of FOLDS) s = s.replace(pattern, replacement);
  if (skeletons.size > 500_000) skeletons.clear();
  skeletons.set(key, s);
  return s;
}

/** The initial a skeleton would be abbreviated to: Yu (iu), Ya (ia) and Yo (io) stay apart from I. */
export function initialOf(sk: string): string {
  return /^i[aueo]/.test(sk) ? sk.slice(0, 2) : sk.slice(0, 1);
}

/** Particles of national patronymics (skeletons): Uzbek oʻgʻli/qizi, Kazakh ұлы/қызы, Kyrgyz уулу/кызы, Turkmen ogly/gyzy, Azerbaijani oğlu/qızı. */
const PATRONYMIC_PARTICLES = new Set(["ugli", "ogli", "oglu", "uli", "uulu", "ulu", "kizi", "kiz", "gizi"]);
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
  /** Loose keys of the core tokens (same order as `core`). */
  loose: string[];
  /** Small integer ids of the core tokens, for memoised similarities. */
  ids: number[];
  /** The father's name in the patronymic, and its loose key. */
  fatherStem: string | null;
  fatherLoose: string | null;
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
  const transcription = transcriptionOf(text);
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i] as string;
    const letters = token.replace(/\./g, "");
    const sk = skeleton(letters, transcription);
    if (!sk) continue;
    if (token.endsWith(".") || letters.length === 1) {
      initials.push(initialOf(sk));
    } else if (PATRONYMIC_PARTICLES.has(sk)) {
      const previous = core.pop();
      if (previous) patronymic = previous;
    } else if (PATRONYMIC_ENDING.test(sk) && (core.length > 0 || initials.length > 0) && !patronymic) {
      patronymic = sk;
    } else {
      core.push(masculine(sk));
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
  const fatherStem = patronymic ? patronymicStem(patronymic) : null;
  return {
    core,
    initials,
    patronymic,
    exact,
    key: [...core].sort().join(" "),
    loose: core.map(looseKey),
    ids: core.map(tokenId),
    fatherStem,
    fatherLoose: fatherStem === null ? null : looseKey(fatherStem),
  };
}

const tokenIds = new Map<string, number>();

/** A small integer for a token (ids stay valid for the process: the map only grows with distinct name parts). */
export function tokenId(token: string): number {
  let id = tokenIds.get(token);
  if (id === undefined) {
    id = tokenIds.size + 1;
    tokenIds.set(token, id);
  }
  return id;
}

/** A surname's feminine ending dropped (Karimova → karimov, Ilyina → ilin), so that a clerk's wrong form still meets. */
export function masculine(sk: string): string {
  return sk.length >= 6 ? sk.replace(/(?<=(ov|ev|in))a$/, "") : sk;
}

/** The father's name in a patronymic: Jamshidovich, Jamshid oʻgʻli and Djamchidovitch give the same stem. */
export function patronymicStem(sk: string): string {
  return sk.replace(/(ovič|evič|ovna|evna|ična|inična|ič|aevič|aevna)$/, "");
}

/**
 * A looser key of one skeleton for spellings the folds cannot reconcile: vowels dropped after the first letter
 * (Uzbek Toshpoʻlatov and Russian Tashpulatov, Azerbaijani Məmmədov and Mamedov), hushing sounds, sibilants and
 * velars merged (French Charipov and Sharipov, German Nasarow), a leading i/j before a vowel dropped (German
 * Juri, ICAO Iurii).
 */
export function looseKey(sk: string): string {
  return sk
    .replace(/^[ij](?=[aeiou])/, "")
    .replace(/[čšj]/g, "š")
    .replace(/[çs]/g, "s")
    .replace(/[kgx]/g, "k")
    .replace(/(?<=.)[aeiou]/g, "")
    .replace(/(.)\1+/g, "$1");
}

/** Order-insensitive key of the core name (surname and given names), for term frequencies and exact equivalence. */
export function coreKey(name: ParsedName): string {
  return name.key;
}

/**
 * A coarse phonetic key for blocking: the loose key (consonant classes, no vowels after the first letter) with
 * any leading vowel the same, four letters long. Spellings of one name under different schemes share it
 * (Erlan, Yerlan, Ierlan; Charipov, Sharipov; Toshpoʻlatov, Tashpulatov).
 */
export function phoneticKey(sk: string): string {
  return looseKey(sk)
    .replace(/^[aeiou]/, "a")
    .slice(0, 4);
}
