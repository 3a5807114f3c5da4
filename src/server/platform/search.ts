import { type Kysely, type RawBuilder, sql } from "kysely";
import type { SearchResult } from "../../common/platform.js";
import type { DB } from "../db/schema.js";
import type { Principal, SharingLevel } from "../http/access-policy.js";

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
  type?: string | undefined;
  limit: number;
  offset: number;
}

/** A tsvector has a 1 MB limit; the start of a long text is what matters for finding it. */
const MAX_BODY_CHARS = 200_000;
const HEADLINE_OPTIONS =
  'StartSel=«, StopSel=», MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "';

/** Escapes LIKE wildcards so a user's `%` or `_` matches itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Which rows the principal may find: visitors public ones, members also members and own partner rows. */
function accessFilter(principal: Principal): RawBuilder<boolean> {
  const user = principal.user;
  if (!user) return sql<boolean>`s.access = 'public'`;
  if (user.role === "coordinator" || user.role === "administrator") return sql<boolean>`true`;
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
    // The matching rows with their rank; reused by the facet counts and the page.
    const matches = sql`
      with q as (
        select websearch_to_tsquery('english', ${q}::text) as qen,
               websearch_to_tsquery('russian', ${q}::text) as qru,
               ${lowered}::text as ql
      )
      select s.entity_type, s.entity_id, s.title, s.body, s.url, s.tsv_en, s.tsv_ru, q.qen, q.qru, q.ql,
        (greatest(ts_rank(s.tsv_en, q.qen), ts_rank(s.tsv_ru, q.qru))
          + greatest(similarity(s.plain, q.ql), word_similarity(q.ql, s.plain)))::float8 as rank
      from search_index s, q
      where (s.tsv_en @@ q.qen or s.tsv_ru @@ q.qru or s.plain % q.ql or q.ql <% s.plain
             or s.plain ilike ${pattern} escape '\\')
        and ${accessFilter(principal)}`;

    const counts = await sql<{ entity_type: string; n: number | string }>`
      select entity_type, count(*) as n from (${matches}) m group by entity_type`.execute(this.readDb);
    const byType: Record<string, number> = {};
    for (const row of counts.rows) byType[row.entity_type] = Number(row.n);
    const total = query.type ? (byType[query.type] ?? 0) : Object.values(byType).reduce((a, b) => a + b, 0);
    if (total === 0 || query.offset >= total) return { query: q, items: [], total, byType };

    const typeFilter = query.type ? sql`where m.entity_type = ${query.type}` : sql``;
    const page = await sql<HitRow>`
      select p.entity_type, p.entity_id, p.title, p.url, p.rank,
        case
          when p.body = '' then null
          when p.tsv_en @@ p.qen then ts_headline('english', p.body, p.qen, ${HEADLINE_OPTIONS})
          when p.tsv_ru @@ p.qru then ts_headline('russian', p.body, p.qru, ${HEADLINE_OPTIONS})
          when strpos(lower(p.body), p.ql) > 0
            then substr(p.body, greatest(1, strpos(lower(p.body), p.ql) - 80), 240)
          else left(p.body, 240)
        end as snippet
      from (
        select m.* from (${matches}) m ${typeFilter}
        order by m.rank desc, m.entity_type, m.entity_id
        limit ${query.limit} offset ${query.offset}
      ) p
      order by p.rank desc, p.entity_type, p.entity_id`.execute(this.readDb);

    return {
      query: q,
      items: page.rows.map((r) => ({
        entityType: r.entity_type,
        entityId: r.entity_id,
        title: r.title,
        snippet: r.snippet,
        url: r.url,
        rank: Number(r.rank),
      })),
      total,
      byType,
    };
  }
}
