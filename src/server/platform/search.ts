import { type Kysely, type RawBuilder, sql } from "kysely";
import type { SearchHighlight, SearchResult } from "../../common/platform.js";
import type { DB } from "../db/schema.js";
import { can, type Principal, type SharingLevel } from "../http/access-policy.js";
import { anyOfText, isCyrillic, parseQuery } from "./search-thesaurus.js";

export interface SearchDocument {
  entityType: string;
  entityId: string;
  title: { en?: string; ru?: string };
  /** Plain text (no markup): snippets are cut from it. */
  body: string;
  /** Path of the record in the web app. */
  url: string;
  access: SharingLevel;
  /** For `partner` access: the partner whose users may see the record. */
  partnerCode?: string | null;
}

export interface SearchQuery {
  q: string;
  /** The reader's language: snippets are cut where the record speaks it. */
  lang?: "en" | "ru" | undefined;
  type?: string | undefined;
  limit: number;
  offset: number;
}

/** A tsvector has a 1 MB limit; the start of a long text is what matters for finding it. */
const MAX_BODY_CHARS = 200_000;
/** Delimiters of a match in ts_headline's output (private-use characters, removed from the text beforehand). */
const MARK_START = "\uE000";
const MARK_END = "\uE001";
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;
/**
 * The part of a record's text in the reader's language. Modules index one body with the English text first and the
 * Russian after it, so Russian is the text from the first Cyrillic letter on, English the text before it (when it
 * has Latin letters). Null when the record has no text in that script.
 */
const READER_TEXT = { ru: "[А-Яа-яЁё].*", en: "^[^А-Яа-яЁё]*[A-Za-z][^А-Яа-яЁё]*" } as const;
/** Weight of trigram similarity in the rank: enough to order typos and partial words, not to put a language first. */
const TRIGRAM_WEIGHT = 0.5;

/** Turns ts_headline's delimited output into plain text and the offsets of its matches. */
export function highlighted(marked: string | null): { snippet: string | null; highlights: SearchHighlight[] } {
  if (marked === null) return { snippet: null, highlights: [] };
  let snippet = "";
  const highlights: SearchHighlight[] = [];
  let start = -1;
  for (const ch of marked) {
    if (ch === MARK_START) start = snippet.length;
    else if (ch === MARK_END) {
      if (start >= 0 && snippet.length > start) {
        const last = highlights[highlights.length - 1];
        // Adjacent matched words ("пограничной связи") become one highlight.
        if (last && /^\s*$/.test(snippet.slice(last.end, start))) last.end = snippet.length;
        else highlights.push({ start, end: snippet.length });
      }
      start = -1;
    } else snippet += ch;
  }
  return { snippet, highlights };
}

/**
 * The spelling keys of a query word as a tsquery over `tsv_key`: the word is stemmed (Russian or English), reduced
 * by search_key (migration 0021), stripped of final vowels (Karaganda finds Караганде) and matched as a prefix
 * when four letters or longer. Hyphenated words are matched by their parts.
 */
function keyQuery(word: string): RawBuilder<unknown> {
  return sql`(select coalesce(to_tsquery('simple', string_agg(
      case when length(k) >= 4 then quote_literal(k) || ':*' else quote_literal(k) end, ' & ')), ''::tsquery)
    from (select regexp_replace(search_key(lexeme), '^(.{4,}?)[aeiou]+$', '\\1') as k
          from unnest(to_tsvector('russian', ${word}::text)) where lexeme !~ '-') x)`;
}

/** How many of a query's word groups a record must match through the expansion. */
function needed(anyOf: boolean): RawBuilder<unknown> {
  return anyOf ? sql`1` : sql`(case when c.n <= 2 then c.n else ceil(c.n * 0.6) end)`;
}

/** Escapes LIKE wildcards so a user's `%` or `_` matches itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Which rows the principal may find: visitors public ones, members also members and own partner rows. */
function accessFilter(principal: Principal): RawBuilder<boolean> {
  const user = principal.user;
  if (!user) return sql<boolean>`s.access = 'public'`;
  if (can(principal, "partners:all")) return sql<boolean>`true`;
  if (!user.partnerCode) return sql<boolean>`s.access in ('public', 'members')`;
  return sql<boolean>`(s.access in ('public', 'members') or (s.access = 'partner' and s.partner_code = ${user.partnerCode}))`;
}

type HitRow = {
  entity_type: string;
  entity_id: string;
  title: { en?: string; ru?: string };
  url: string;
  rank: number;
  snippet: string | null;
};

/**
 * The global search: PostgreSQL full text in English and Russian (stemmed, titles weighted above bodies)
 * plus pg_trgm for partial words and typos, over one `search_index` table that every module feeds.
 */
export class SearchService {
  private readonly typeLabels = new Map<string, { en: string; ru: string }>();

  /** `readDb`: the read replica when DATABASE_READ_URL is set, else the primary; searching reads it, indexing never. */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly readDb: Kysely<DB> = db,
  ) {}

  /** Labels of an entity type for the web's facets. */
  registerType(entityType: string, label: { en: string; ru: string }): void {
    this.typeLabels.set(entityType, label);
  }

  types(): { entityType: string; label: { en: string; ru: string } }[] {
    return [...this.typeLabels].map(([entityType, label]) => ({ entityType, label }));
  }

  async upsert(doc: SearchDocument, trx: Kysely<DB> = this.db): Promise<void> {
    const title = {
      ...(doc.title.en?.trim() ? { en: doc.title.en.trim() } : {}),
      ...(doc.title.ru?.trim() ? { ru: doc.title.ru.trim() } : {}),
    };
    if (!title.en && !title.ru) throw new Error(`Search document ${doc.entityType}/${doc.entityId} has no title`);
    const titleText = [title.en, title.ru].filter(Boolean).join(" ");
    const body = doc.body.slice(0, MAX_BODY_CHARS);
    const plain = `${titleText} ${body}`.toLowerCase();
    await sql`
      insert into search_index (entity_type, entity_id, title, body, url, access, partner_code, plain, tsv_en, tsv_ru, updated_at)
      values (
        ${doc.entityType}, ${doc.entityId}, ${JSON.stringify(title)}::jsonb, ${body}, ${doc.url}, ${doc.access},
        ${doc.partnerCode ?? null}, ${plain},
        setweight(to_tsvector('english', ${titleText}::text), 'A') || setweight(to_tsvector('english', ${body}::text), 'B'),
        setweight(to_tsvector('russian', ${titleText}::text), 'A') || setweight(to_tsvector('russian', ${body}::text), 'B'),
        now()
      )
      on conflict (entity_type, entity_id) do update set
        title = excluded.title, body = excluded.body, url = excluded.url, access = excluded.access,
        partner_code = excluded.partner_code, plain = excluded.plain, tsv_en = excluded.tsv_en,
        tsv_ru = excluded.tsv_ru, updated_at = now()`.execute(trx);
  }

  async remove(entityType: string, entityId: string, trx: Kysely<DB> = this.db): Promise<void> {
    await trx
      .deleteFrom("search_index")
      .where("entity_type", "=", entityType)
      .where("entity_id", "=", entityId)
      .execute();
  }

  async search(principal: Principal, query: SearchQuery): Promise<SearchResult> {
    const q = query.q.trim();
    const lowered = q.toLowerCase();
    const pattern = `%${escapeLike(lowered)}%`;
    const parsed = parseQuery(q);
    const words = parsed.words;
    const reader = query.lang ?? "en";

    // One group per word of the query: the word itself (stemmed), the stems of its concepts in both languages
    // (search-thesaurus.ts), and its spelling key against the keys of the records' words (Термез = Termez).
    const groups = words.map((w) => {
      if (w.phrase) return { gq: sql`phraseto_tsquery('russian', ${w.text}::text)`, kq: sql`''::tsquery` };
      const latin = anyOfText(w.stems.filter((x) => !isCyrillic(x)));
      const cyrillic = anyOfText(w.stems.filter(isCyrillic));
      const parts = [sql`plainto_tsquery('russian', ${w.text}::text)`];
      if (latin) parts.push(sql`to_tsquery('english', ${latin}::text)`);
      if (cyrillic) parts.push(sql`to_tsquery('russian', ${cyrillic}::text)`);
      return { gq: sql`(${sql.join(parts, sql` || `)})`, kq: keyQuery(w.text) };
    });
    // The terms in the reader's language, for cutting the snippet where the record speaks it.
    const readerTerms = [
      ...words.filter((w) => !w.phrase && isCyrillic(w.text) === (reader === "ru")).map((w) => w.text),
      ...words.flatMap((w) => w.stems.filter((x) => isCyrillic(x) === (reader === "ru"))),
    ];
    const readerText = anyOfText(readerTerms);
    const readerQuery = readerText
      ? sql`to_tsquery(${reader === "ru" ? "russian" : "english"}::regconfig, ${readerText}::text)`
      : sql`''::tsquery`;
    const expanded = groups.length > 0;
    const groupRows = expanded
      ? sql.join(
          groups.map((g, i) => sql`(${i}, ${g.gq}, ${g.kq})`),
          sql`, `,
        )
      : sql`(0, ''::tsquery, ''::tsquery)`;
    const anyGroup = (part: (g: (typeof groups)[number]) => RawBuilder<unknown>) =>
      expanded ? sql`(${sql.join(groups.map(part), sql` || `)})` : sql`''::tsquery`;
    const excluded = parsed.excluded.length
      ? sql`and not (s.tsv_ru @@ ${sql.join(
          parsed.excluded.map((x) => sql`plainto_tsquery('russian', ${x}::text)`),
          sql` || `,
        )})`
      : sql``;

    // The matching rows with their rank; reused by the facet counts and the page. A row matches as before
    // (full text of the query as typed, or trigrams for partial words and typos), or through the expanded groups:
    // all of them for one or two words, 60 % of them for longer queries (a word of a longer query often has no
    // counterpart in the other language), any of them for "a or b". Rank: the share of groups matched, then
    // full-text rank, then trigram similarity; same-language and other-language records are ranked together.
    const matches = sql`
      with g as (
        select i, gq, kq from (values ${groupRows}) v(i, gq, kq) where numnode(gq) > 0 or numnode(kq) > 0
      ), q as (
        select websearch_to_tsquery('english', ${q}::text) as qen,
               websearch_to_tsquery('russian', ${q}::text) as qru,
               ${lowered}::text as ql,
               ${anyGroup((g) => g.gq)} as gx,
               ${anyGroup((g) => g.kq)} as kx,
               ${readerQuery} as qr,
               (select count(*) from g)::int as n
      )
      select c.*, ((case when c.n > 0 then h.hits::float8 / c.n else 0 end)
          + greatest(ts_rank(c.tsv_en, c.qen), ts_rank(c.tsv_ru, c.qru), ts_rank(c.tsv_ru, c.gx))
          + ${TRIGRAM_WEIGHT}::float8 * greatest(similarity(c.plain, c.ql), word_similarity(c.ql, c.plain)))::float8 as rank
      from (
        select s.entity_type, s.entity_id, s.title, s.body, s.url, s.plain, s.tsv_en, s.tsv_ru, s.tsv_key,
          q.qen, q.qru, q.ql, q.gx, q.kx, q.qr, q.n,
          (s.tsv_en @@ q.qen or s.tsv_ru @@ q.qru or s.plain % q.ql or q.ql <% s.plain
            or s.plain ilike ${pattern} escape '\\') as literal
        from search_index s, q
        where (s.tsv_en @@ q.qen or s.tsv_ru @@ q.qru or s.plain % q.ql or q.ql <% s.plain
               or s.plain ilike ${pattern} escape '\\' or s.tsv_ru @@ q.gx or s.tsv_key @@ q.kx)
          and ${accessFilter(principal)} ${excluded}
      ) c, lateral (select count(*)::int as hits from g where c.tsv_ru @@ g.gq or c.tsv_key @@ g.kq) h
      where c.literal or (c.n > 0 and h.hits >= ${needed(parsed.anyOf)})`;

    // One statement: the matches are worked out once (the expensive part: full text, trigrams and spelling keys
    // over the index) and give both the facet counts and the page. Counting and paging used to be two statements
    // that each worked the matches out again.
    const typeFilter = query.type ? sql`where m.entity_type = ${query.type}` : sql``;
    // The snippet is cut around the matches in the reader's language when the record has them, else around any
    // match; matches are delimited by two private-use characters (removed from the text first) and turned into
    // offsets below, so the API returns plain text and never markup.
    const statement = sql<HitRow & { by_type: Record<string, number> | null }>`
      with m as materialized (${matches}),
      counts as (
        select json_object_agg(entity_type, n) as by_type from (select entity_type, count(*)::int as n from m group by entity_type) x
      )
      select counts.by_type, p.entity_type, p.entity_id, p.title, p.url, p.rank,
        case
          when p.body = '' then null
          when numnode(p.qr) > 0 and p.tsv_reader @@ p.qr then ts_headline('russian', p.rt, p.qr, ${HEADLINE_OPTIONS})
          when numnode(p.gx) > 0 and p.tsv_reader @@ p.gx then ts_headline('russian', p.rt, p.gx, ${HEADLINE_OPTIONS})
          when numnode(p.gx) > 0 and p.tsv_body @@ p.gx then ts_headline('russian', p.clean, p.gx, ${HEADLINE_OPTIONS})
          when p.tsv_en @@ p.qen and to_tsvector('english', p.clean) @@ p.qen
            then ts_headline('english', p.clean, p.qen, ${HEADLINE_OPTIONS})
          when p.tsv_body @@ p.qru then ts_headline('russian', p.clean, p.qru, ${HEADLINE_OPTIONS})
          when p.at > 0
            then substr(p.clean, greatest(1, p.at - 80), p.at - greatest(1, p.at - 80))
              || ${MARK_START}::text || substr(p.clean, p.at, length(p.ql)) || ${MARK_END}::text
              || substr(p.clean, p.at + length(p.ql), 160)
          else left(coalesce(p.rt, p.clean), 240)
        end as snippet
      from counts left join lateral (
        select r.*, to_tsvector('russian', r.clean) as tsv_body, to_tsvector('russian', coalesce(r.rt, '')) as tsv_reader
        from (
        select t.*, strpos(lower(t.clean), t.ql) as at, substring(t.clean from ${READER_TEXT[reader]}::text) as rt
        from (
          select m.*, translate(m.body, ${MARK_START + MARK_END}::text, '') as clean from m ${typeFilter}
          order by m.rank desc, m.entity_type, m.entity_id
          limit ${query.limit} offset ${query.offset}
        ) t
        ) r
      ) p on true
      order by p.rank desc, p.entity_type, p.entity_id`;
    // The index is small next to what a sequential scan costs on it: each row's trigrams and spelling keys are
    // worked out again for every search (about 0.3 ms a row), while the GIN indexes find the few candidates
    // directly. The planner, costing those operators like a comparison, takes the sequential scan; it is told not to
    // for this statement only (SET LOCAL ends with the transaction).
    const result = await this.readDb.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return statement.execute(trx);
    });
    const byType: Record<string, number> = {};
    for (const [type, n] of Object.entries(result.rows[0]?.by_type ?? {})) byType[type] = Number(n);
    const total = query.type ? (byType[query.type] ?? 0) : Object.values(byType).reduce((a, b) => a + b, 0);
    const page = { rows: result.rows.filter((r) => r.entity_type !== null) };

    const items = page.rows.map((r) => ({
      entityType: r.entity_type,
      entityId: r.entity_id,
      title: r.title,
      ...highlighted(r.snippet),
      url: r.url,
      rank: Number(r.rank),
    }));
    if (expanded)
      await this.markNames(
        items,
        anyGroup((g) => g.kq),
      );
    return { query: q, items, total, byType };
  }

  /**
   * Marks the words of the snippets that match a query word only by spelling key (Termez in "…пропуска Термез"),
   * which ts_headline cannot see: the snippets' words are keyed in the database like the index's.
   */
  private async markNames(
    items: { snippet: string | null; highlights: SearchHighlight[] }[],
    keys: RawBuilder<unknown>,
  ): Promise<void> {
    const snippets = items.map((i) => i.snippet ?? "");
    if (!snippets.some(Boolean)) return;
    const found = await sql<{ i: number; word: string }>`
      select distinct t.i::int as i, w.word
      from unnest(${snippets}::text[]) with ordinality t(snip, i),
        regexp_split_to_table(t.snip, '[^[:alnum:]]+') w(word)
      where w.word <> '' and numnode(${keys}) > 0
        and to_tsvector('simple', search_key(lower(w.word))) @@ ${keys}`.execute(this.readDb);
    const byItem = new Map<number, Set<string>>();
    for (const row of found.rows) byItem.set(row.i - 1, (byItem.get(row.i - 1) ?? new Set()).add(row.word));
    for (const [index, words] of byItem) {
      const item = items[index];
      if (!item?.snippet) continue;
      const ranges = [...item.highlights];
      for (const m of item.snippet.matchAll(/[\p{L}\p{N}]+/gu)) {
        const start = m.index ?? 0;
        const end = start + m[0].length;
        if (words.has(m[0]) && !ranges.some((r) => r.start < end && start < r.end)) ranges.push({ start, end });
      }
      item.highlights = ranges.sort((a, b) => a.start - b.start);
    }
  }
}
