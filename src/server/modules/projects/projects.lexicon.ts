/**
 * The cross-language signal of the duplicate check: concepts of counter-narcotics assistance with the word
 * stems that name them in English and Russian, and named entities (organizations, countries, places) whose
 * names differ between the languages (the platform's domain thesaurus, platform/domain-concepts.ts, shared
 * with the global search). A word maps to the first concept one of whose stems begins it.
 * Words with no concept are transliterated (Cyrillic to Latin) and cut to a short stem, which matches
 * place and person names written in both scripts (Термез / Termez, Хорог / Khorog).
 */
import { CONCEPTS } from "../../platform/domain-concepts.js";

export { CONCEPTS };

/** Concepts present in nearly every project: they carry little evidence of a shared activity. */
export const COMMON_CONCEPTS = new Set([
  "drug",
  "cooperation",
  "capacity",
  "strengthen",
  "regional",
  "lawenf",
  "officer",
  "crime",
  "trafficking",
  "e_unodc",
  "information",
]);

export const STOPWORDS = new Set(
  (
    "the of and to in for on with by a an at from as or is are be this that its their into under within " +
    "project programme program support supporting provide providing phase activity activities new national " +
    "и в во на по с со для к о об от из у за при а также или как что это его их под над между через " +
    "проект проекта программа программы поддержка поддержки оказание обеспечение этап деятельность национальный национальных"
  ).split(" "),
);

const TRANSLIT: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
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
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  қ: "q",
  ғ: "g",
  ҳ: "h",
  ӯ: "u",
  ӣ: "i",
  ҷ: "j",
};

export function transliterate(word: string): string {
  let out = "";
  for (const ch of word) out += TRANSLIT[ch] ?? ch;
  return out;
}

/** Stems sorted longest first so that "cross-border" wins over "border". */
const STEMS: { stem: string; concept: string }[] = CONCEPTS.flatMap(([concept, stems]) =>
  stems.map((stem) => ({ stem, concept })),
).sort((a, b) => b.stem.length - a.stem.length);

const SINGLE_WORD_STEMS = STEMS.filter((s) => !s.stem.includes(" "));
const PHRASE_STEMS = STEMS.filter((s) => s.stem.includes(" "));

/** The concept a word names, if any. Short stems (≤ 3 letters) must match the whole word. */
export function conceptOf(word: string): string | null {
  for (const { stem, concept } of SINGLE_WORD_STEMS) {
    if (stem.length <= 3 ? word === stem : word.startsWith(stem)) return concept;
  }
  return null;
}

/** Concepts named by phrases of two words ("central asia", "controlled delivery"). */
export function phraseConcepts(words: string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i] as string;
    const b = words[i + 1] as string;
    for (const { stem, concept } of PHRASE_STEMS) {
      const [s1, s2] = stem.split(" ") as [string, string];
      if (a.startsWith(s1) && b.startsWith(s2)) found.push(concept);
    }
  }
  return found;
}
