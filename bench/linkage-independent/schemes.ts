/**
 * Romanisation schemes, written for this benchmark from the standards' published tables and sharing no code
 * with the model under test (src/server/modules/trainings). Each scheme turns one Cyrillic word into the
 * Latin spelling a document written under it would carry.
 *
 * Sources (the tables as published):
 * - GOST 7.79-2000 (ISO 9:1995), system B — Межгосударственный стандарт ГОСТ 7.79-2000, table 1, column B.
 * - GOST R 52535.1-2006 — Russian passports 2006–2010, appendix A (х kh, ц tc, щ shch, ю iu, я ia, й i).
 * - ICAO Doc 9303 part 3 (7th ed., 2015), section 6.A, Cyrillic transliteration; Russian passports since
 *   2013 (MVD order 320/2013): ц ts, ъ ie, ю iu, я ia, й i.
 * - Soviet foreign passports (to 1997), French-based: ж j, у ou, х kh, ч tch, ш ch, щ chtch, ю iou, я ia.
 * - MVD 1997 (Russian passports 1997–2010): й y, е ye after vowels, ю yu, я ya, ё ye.
 * - BGN/PCGN 1947 for Russian: е ye initially and after vowels, ё yë, й y, ы y, ю yu, я ya.
 * - Library of Congress ALA-LC Russian: й ĭ, ё ë, э ė, ю i͡u, я i͡a, ц t͡s, ь ʹ, ъ ʺ.
 * - German transcription (Duden): в w, ж sh, з s, х ch, ц z, ч tsch, ш sch, щ schtsch, й j, ю ju, я ja.
 * - French transcription: у ou, ж j, ч tch, ш ch, щ chtch, х kh, й ï, ю iou, я ia, s doubled between vowels.
 * - Uzbek Latin alphabet (Law of 1993 as amended 1995): ў oʻ, ғ gʻ, қ q, ҳ h, х x, ж j, ч ch, ш sh, й y.
 * - Kazakh Latin alphabet of Decree 569 (26 Oct 2017, apostrophe version): ә a', ғ g', ң n', ө o', ү u', ұ u,
 *   ш s', ч c', ж j, қ q, ы y, і i, и/й i', у y', х/һ h.
 * - Kazakh Latin alphabet presented in January 2021: ә ä, ғ ğ, ң ñ, ө ö, ү ü, ұ ū, ш ş, ч ç, ы y, і ı, и/й i.
 * - Turkmen Latin alphabet (1999): ә ä, ч ç, ж ž, җ j, ң ň, ө ö, ш ş, ү ü, й ý, ы y, в w, х h.
 * - Azerbaijani is written in its own Latin alphabet (the `nat` form of the data file) or in Russian Cyrillic.
 * Letters a national alphabet lacks (ц, щ, ъ, ь, ю, я in the Kazakh and Turkmen Latin alphabets) are written
 * the way the Russian-derived letters are commonly written in those countries (ts, shch, yu, ya).
 */

export type SchemeId =
  | "gost779"
  | "gost52535"
  | "icao9303"
  | "soviet-french"
  | "mvd1997"
  | "bgn-pcgn"
  | "loc"
  | "german"
  | "french"
  | "uzbek-latin"
  | "kazakh-2017"
  | "kazakh-2021"
  | "turkmen-latin"
  | "azeri-latin"
  | "cyrillic-ru"
  | "cyrillic-national";

const VOWELS = "аеёиоуыэюяәөүұіӯӣ";

interface Table {
  map: Record<string, string>;
  /** Spelling of е, ё, ю, я at the start of a word and after a vowel, ь or ъ (where the scheme distinguishes it). */
  iotated?: Record<string, string>;
  /** Word-level rewrites applied before letters (Cyrillic in, Cyrillic out), e.g. -ий → i in Duden. */
  before?: [RegExp, string][];
  after?: [RegExp, string][];
}

const BASE: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  з: "z",
  и: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  ы: "y",
  ь: "",
  ъ: "",
  э: "e",
};

const TABLES: Record<string, Table> = {
  gost779: {
    map: {
      ...BASE,
      ё: "yo",
      ж: "zh",
      й: "j",
      х: "x",
      ц: "cz",
      ч: "ch",
      ш: "sh",
      щ: "shh",
      ъ: "``",
      ы: "y'",
      ь: "`",
      э: "e`",
      ю: "yu",
      я: "ya",
    },
    // ц is c before e, i, y, j.
    before: [[/ц(?=[еиыйэ])/g, "c"]],
  },
  gost52535: {
    map: { ...BASE, ё: "e", ж: "zh", й: "i", х: "kh", ц: "tc", ч: "ch", ш: "sh", щ: "shch", ю: "iu", я: "ia" },
  },
  icao9303: {
    map: { ...BASE, ё: "e", ж: "zh", й: "i", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "ie", ю: "iu", я: "ia" },
  },
  "soviet-french": {
    map: {
      ...BASE,
      ё: "e",
      ж: "j",
      й: "i",
      у: "ou",
      х: "kh",
      ц: "ts",
      ч: "tch",
      ш: "ch",
      щ: "chtch",
      ю: "iou",
      я: "ia",
    },
  },
  mvd1997: {
    map: { ...BASE, ё: "e", ж: "zh", й: "y", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ю: "yu", я: "ya" },
    iotated: { е: "ye", ё: "ye" },
  },
  "bgn-pcgn": {
    map: {
      ...BASE,
      ё: "ë",
      ж: "zh",
      й: "y",
      х: "kh",
      ц: "ts",
      ч: "ch",
      ш: "sh",
      щ: "shch",
      ъ: "”",
      ь: "’",
      ю: "yu",
      я: "ya",
    },
    iotated: { е: "ye", ё: "yë" },
  },
  loc: {
    map: {
      ...BASE,
      ё: "ë",
      ж: "zh",
      й: "ĭ",
      х: "kh",
      ц: "t͡s",
      ч: "ch",
      ш: "sh",
      щ: "shch",
      ъ: "ʺ",
      ь: "ʹ",
      э: "ė",
      ю: "i͡u",
      я: "i͡a",
    },
  },
  german: {
    map: {
      ...BASE,
      в: "w",
      ё: "jo",
      ж: "sh",
      з: "s",
      й: "j",
      х: "ch",
      ц: "z",
      ч: "tsch",
      ш: "sch",
      щ: "schtsch",
      ю: "ju",
      я: "ja",
    },
    iotated: { е: "je" },
    before: [
      [/ий$/g, "i"],
      [/ый$/g, "y"],
      [/(?<=[аеёиоуыэюя])с(?=[аеёиоуыэюя])/g, "сс"],
      [/(?<=[жчшщ])ё/g, "о"],
    ],
    // Duden writes -ov as -ow at the end of a name.
    after: [[/ow$/g, "ow"]],
  },
  french: {
    map: {
      ...BASE,
      ё: "io",
      ж: "j",
      й: "ï",
      у: "ou",
      х: "kh",
      ц: "ts",
      ч: "tch",
      ш: "ch",
      щ: "chtch",
      ю: "iou",
      я: "ia",
    },
    iotated: { е: "ie" },
    before: [
      [/ий$/g, "i"],
      [/(?<=[аеёиоуыэюя])с(?=[аеёиоуыэюя])/g, "сс"],
      // g stays hard before e and i: Sergueï, Guennadi.
      [/г(?=[еиэ])/g, "ґ"],
      [/(?<=[аоуэе])й$/g, "ï"],
      [/й/g, "ї"],
    ],
    after: [
      [/ї/g, "i"],
      [/ґ/g, "gu"],
    ],
  },
  "uzbek-latin": {
    map: {
      ...BASE,
      ё: "yo",
      ж: "j",
      й: "y",
      х: "x",
      ц: "ts",
      ч: "ch",
      ш: "sh",
      щ: "sh",
      ъ: "ʼ",
      ю: "yu",
      я: "ya",
      ў: "oʻ",
      ғ: "gʻ",
      қ: "q",
      ҳ: "h",
    },
    iotated: { е: "ye" },
  },
  "kazakh-2017": {
    map: {
      ...BASE,
      ә: "a'",
      ғ: "g'",
      ё: "io",
      ж: "j",
      и: "i'",
      й: "i'",
      қ: "q",
      ң: "n'",
      ө: "o'",
      у: "y'",
      ұ: "u",
      ү: "u'",
      х: "h",
      һ: "h",
      ц: "ts",
      ч: "c'",
      ш: "s'",
      щ: "s'",
      і: "i",
      ю: "iy'",
      я: "ia",
    },
  },
  "kazakh-2021": {
    map: {
      ...BASE,
      ә: "ä",
      ғ: "ğ",
      ё: "io",
      ж: "j",
      й: "i",
      қ: "q",
      ң: "ñ",
      ө: "ö",
      ұ: "ū",
      ү: "ü",
      х: "h",
      һ: "h",
      ц: "ts",
      ч: "ç",
      ш: "ş",
      щ: "ş",
      і: "ı",
      ю: "iu",
      я: "ia",
    },
  },
  "turkmen-latin": {
    map: {
      ...BASE,
      в: "w",
      ә: "ä",
      ё: "ýo",
      ж: "ž",
      җ: "j",
      й: "ý",
      ң: "ň",
      ө: "ö",
      ү: "ü",
      х: "h",
      ц: "s",
      ч: "ç",
      ш: "ş",
      щ: "şç",
      ю: "ýu",
      я: "ýa",
    },
    iotated: { е: "ýe" },
    // Turkmen writes дж as j.
    before: [[/дж/g, "җ"]],
  },
};

/** Kyrgyz, Tajik and Kazakh letters a Russian-based scheme does not know: as Russian clerks fold them. */
const TO_RUSSIAN: Record<string, string> = {
  ә: "а",
  ғ: "г",
  қ: "к",
  ң: "н",
  ө: "о",
  ұ: "у",
  ү: "у",
  һ: "х",
  і: "и",
  ў: "у",
  ҳ: "х",
  ҷ: "дж",
  җ: "дж",
  ӣ: "и",
  ӯ: "у",
};

function transliterateWord(word: string, table: Table): string {
  let w = word.toLowerCase();
  for (const [pattern, replacement] of table.before ?? []) w = w.replace(pattern, replacement);
  let out = "";
  for (let i = 0; i < w.length; i++) {
    const c = w[i] as string;
    const previous = i === 0 ? "" : (w[i - 1] as string);
    const iotated = table.iotated?.[c];
    if (iotated && (i === 0 || VOWELS.includes(previous) || previous === "ь" || previous === "ъ")) {
      out += iotated;
      continue;
    }
    let mapped = table.map[c];
    if (mapped === undefined && TO_RUSSIAN[c])
      mapped = [...(TO_RUSSIAN[c] as string)].map((x) => table.map[x] ?? x).join("");
    out += mapped ?? c;
  }
  for (const [pattern, replacement] of table.after ?? []) out = out.replace(pattern, replacement);
  return out;
}

const capitalise = (w: string) => (w ? (w[0] as string).toUpperCase() + w.slice(1) : w);

/** One word under a Latin scheme, capitalised. */
export function romanise(word: string, scheme: SchemeId): string {
  const table = TABLES[scheme];
  if (!table) throw new Error(`no table for ${scheme}`);
  return capitalise(transliterateWord(word, table));
}

export const RUSSIAN_SCHEMES: SchemeId[] = [
  "gost779",
  "gost52535",
  "icao9303",
  "soviet-french",
  "mvd1997",
  "bgn-pcgn",
  "loc",
  "german",
  "french",
];

/** The national Latin alphabet of a country, if it has one. */
export const NATIONAL_SCHEMES: Record<string, SchemeId[]> = {
  UZB: ["uzbek-latin"],
  KAZ: ["kazakh-2017", "kazakh-2021"],
  TKM: ["turkmen-latin"],
  AZE: ["azeri-latin"],
};

export function foldToRussian(word: string): string {
  return [...word].map((c) => TO_RUSSIAN[c.toLowerCase()] ?? c).join("");
}
