import { CONCEPTS } from "./domain-concepts.js";

/**
 * Query expansion of the global search across English and Russian: each word of a query is expanded to the
 * stems of the concepts of the platform's domain thesaurus (domain-concepts.ts, shared with the projects'
 * duplicate check) that name it, in both languages, so "прекурсоры" also looks for "precursor…" and
 * "border" for "границ…"/"пограни…". Names are matched across scripts by spelling keys in the database
 * (search_key, migration 0021), not here.
 */

/**
 * Stems the search needs beyond the duplicate check's list (which stays as it is: changing it would change which
 * projects are flagged as duplicates). Same form: stems in both languages, three letters or fewer = a whole word;
 * a concept named here and there gets both lists. Added after the misses of the tuning part of the labelled set
 * (bench/search-eval-set.ts): terms of the partnership's own work (Expert Working Groups, pre-export
 * notifications, border liaison offices) and exonyms whose spellings no transliteration joins.
 */
export const SEARCH_CONCEPTS: [string, string[]][] = [
  ["liaison", ["liaison", "связ"]],
  ["canine", ["dogs", "sniffer"]],
  ["scanner", ["scan", "сканир"]],
  ["expert", ["expert", "эксперт"]],
  ["working", ["working", "рабоч"]],
  ["notification", ["notif", "уведомл", "извещен"]],
  ["export", ["export", "экспорт"]],
  ["flow", ["flow", "поток"]],
  ["treatment", ["therap"]],
  ["p_ashgabat", ["ashgabat", "ashkhabad", "ашхабад"]],
];

/** The domain thesaurus with the search's additions merged into it, concept by concept. */
const ALL_CONCEPTS: [string, string[]][] = (() => {
  const merged = new Map<string, string[]>(CONCEPTS.map(([c, stems]) => [c, [...stems]]));
  for (const [c, stems] of SEARCH_CONCEPTS) merged.set(c, [...(merged.get(c) ?? []), ...stems]);
  return [...merged];
})();

const SINGLE = ALL_CONCEPTS.map(([, stems]) => stems.filter((s) => !s.includes(" ")));
const PHRASES = ALL_CONCEPTS.map(([, stems]) => stems.filter((s) => s.includes(" ")));

const stemNames = (stem: string, word: string) => (stem.length <= 3 ? word === stem : word.startsWith(stem));

export interface QueryWord {
  /** The word as typed, lower case, without surrounding punctuation. */
  text: string;
  /** A quoted phrase: matched as typed (stemmed), never expanded. */
  phrase: boolean;
  /** Stems of the concepts that name the word, in both languages (prefixes; ≤ 3 letters: whole words). */
  stems: string[];
}

export interface ParsedQuery {
  words: QueryWord[];
  /** Words after a minus sign: records with them are left out. */
  excluded: string[];
  /** The query joins its words with "or" / "или": any one of them is enough. */
  anyOf: boolean;
}

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** Splits a query the way websearch_to_tsquery reads it (quotes, "or", leading minus) and expands its words. */
export function parseQuery(q: string): ParsedQuery {
  const words: QueryWord[] = [];
  const excluded: string[] = [];
  let anyOf = false;
  for (const raw of q.toLowerCase().match(/-?"[^"]*"?|\S+/g) ?? []) {
    if (raw === "or" || raw === "или") {
      anyOf = true;
      continue;
    }
    const negated = raw.startsWith("-");
    const quoted = raw.replace(/^-/, "").startsWith('"');
    const text = raw.replace(/^-/, "").replace(/"/g, "").replace(EDGE_PUNCTUATION, "").trim();
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    if (negated) excluded.push(text);
    else words.push({ text, phrase: quoted && text.includes(" "), stems: [] });
  }
  const plain = words.map((w) => (w.phrase ? "" : w.text));
  words.forEach((w, i) => {
    if (w.phrase) return;
    const concepts = new Set<number>();
    SINGLE.forEach((stems, c) => {
      if (stems.some((s) => stemNames(s, w.text))) concepts.add(c);
    });
    // Two-word names ("controlled delivery", "central asia") expand both of their words.
    PHRASES.forEach((stems, c) => {
      for (const s of stems) {
        const [a, b] = s.split(" ") as [string, string];
        const next = plain[i + 1] ?? "";
        const prev = plain[i - 1] ?? "";
        if ((w.text.startsWith(a) && next.startsWith(b)) || (prev.startsWith(a) && w.text.startsWith(b))) {
          concepts.add(c);
        }
      }
    });
    const stems = new Set<string>();
    for (const c of concepts) for (const s of ALL_CONCEPTS[c]?.[1] ?? []) stems.add(s);
    stems.delete(w.text);
    w.stems = [...stems];
  });
  return { words, excluded, anyOf };
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
export const isCyrillic = (text: string) => CYRILLIC.test(text);

/**
 * A stem as to_tsquery text: each word a quoted lexeme, a prefix (`:*`) when longer than three letters,
 * the words of a phrase joined by `<->`. Characters other than letters, digits and hyphens are dropped.
 */
export function stemQueryText(stem: string): string | null {
  const parts = stem
    .split(/\s+/)
    .map((p) => p.replace(/[^\p{L}\p{N}-]/gu, "").replace(/^-+|-+$/g, ""))
    .filter(Boolean);
  if (parts.length === 0) return null;
  return parts.map((p) => (p.length <= 3 ? `'${p}'` : `'${p}':*`)).join(" <-> ");
}

/** The to_tsquery text of several stems or words, any of which may match (null when none is usable). */
export function anyOfText(stems: string[], prefix = true): string | null {
  const parts = stems
    .map((s) => (prefix ? stemQueryText(s) : stemQueryText(s)?.replace(/:\*/g, "")))
    .filter((p): p is string => !!p);
  return parts.length ? parts.map((p) => `(${p})`).join(" | ") : null;
}
