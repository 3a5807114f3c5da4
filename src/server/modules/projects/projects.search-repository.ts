import { type Kysely, type RawBuilder, sql } from "kysely";
import type { ProjectQuery } from "../../../common/projects.js";
import type { DB } from "../../db/schema.js";

export interface Viewer {
  all: boolean;
  partnerCode: string | null;
}

/** Which projects a viewer may see: published ones, their own partner's, or all for coordinators. */
export function visibleTo(viewer: Viewer): RawBuilder<boolean> {
  if (viewer.all) return sql<boolean>`true`;
  if (!viewer.partnerCode) return sql<boolean>`p.workflow = 'published'`;
  return sql<boolean>`(p.workflow = 'published' or p.partner_code = ${viewer.partnerCode})`;
}

type Filter = Omit<ProjectQuery, "sort" | "limit" | "offset">;

function where(filter: Filter, viewer: Viewer, skip?: keyof Filter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [visibleTo(viewer)];
  if (filter.q && skip !== "q") {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(p.tsv @@ (websearch_to_tsquery('english', ${filter.q}::text) || websearch_to_tsquery('russian', ${filter.q}::text))
      or lower(p.code) like ${like} or lower(coalesce(p.iati_identifier, '')) like ${like}
      or lower(p.title::text) like ${like})`);
  }
  if (filter.donor && skip !== "donor") parts.push(sql`p.donors @> array[${filter.donor}]::text[]`);
  if (filter.country && skip !== "country")
    parts.push(sql`p.countries @> array[${filter.country.toUpperCase()}]::text[]`);
  if (filter.theme && skip !== "theme") parts.push(sql`p.themes @> array[${filter.theme}]::text[]`);
  if (filter.pillar && skip !== "pillar")
    parts.push(
      sql`exists (select 1 from project_pillars pp where pp.project_id = p.id and pp.pillar = ${filter.pillar})`,
    );
  if (filter.workflow && skip !== "workflow") parts.push(sql`p.workflow = ${filter.workflow}`);
  else if (!filter.workflow) parts.push(sql`p.workflow <> 'archived'`);
  if (filter.stage && skip !== "stage") parts.push(sql`p.stage = ${filter.stage}`);
  if (filter.year && skip !== "year")
    parts.push(
      sql`p.period && daterange(make_date(${filter.year}::int, 1, 1), make_date(${filter.year}::int + 1, 1, 1))`,
    );
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

const ORDER: Record<ProjectQuery["sort"], RawBuilder<unknown>> = {
  relevance: sql`rank desc, p.updated_at desc`,
  updated: sql`p.updated_at desc`,
  start: sql`lower(p.period) desc nulls last`,
  budget: sql`p.total_usd desc nulls last`,
  title: sql`coalesce(p.title->>'en', p.title->>'ru')`,
};

export type ListRow = {
  id: string;
  code: string;
  partner_code: string;
  title: { en?: string; ru?: string };
  workflow: "draft" | "submitted" | "published" | "archived";
  stage: string;
  planned_start: string | null;
  planned_end: string | null;
  themes: string[];
  countries: string[];
  donors: string[];
  total_usd: string | null;
  snippet: string | null;
  pillars: number[];
  unconverted_currencies: string[];
};

/** Faceted full-text search over projects (English and Russian stemming). */
export class ProjectsSearchRepository {
  /** `readDb`: the read replica when DATABASE_READ_URL is set, else the primary; `facts` (charts, pivot, gaps) reads it. */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly readDb: Kysely<DB> = db,
  ) {}

  async list(query: ProjectQuery, viewer: Viewer) {
    const q = query.q ?? "";
    const rank = q
      ? sql`ts_rank(p.tsv, websearch_to_tsquery('english', ${q}::text) || websearch_to_tsquery('russian', ${q}::text))`
      : sql`0`;
    const snippet = q
      ? sql`ts_headline('russian', coalesce(p.summary->>'en', '') || ' ' || coalesce(p.summary->>'ru', ''),
          websearch_to_tsquery('russian', ${q}::text) || websearch_to_tsquery('english', ${q}::text),
          'StartSel=«, StopSel=», MaxWords=25, MinWords=8, MaxFragments=1')`
      : sql`null`;
    const rows = await sql<ListRow & { total: number | string }>`
      select p.id, p.code, p.partner_code, p.title, p.workflow, p.stage,
        to_char(p.planned_start, 'YYYY-MM-DD') as planned_start, to_char(p.planned_end, 'YYYY-MM-DD') as planned_end,
        p.themes, p.countries, p.donors, p.total_usd::text as total_usd, ${snippet} as snippet,
        array(select distinct f.currency from project_transactions f where f.project_id = p.id and f.usd is null
          and f.transaction_type = 'commitment' order by 1) as unconverted_currencies,
        array(select pillar from project_pillars pp where pp.project_id = p.id order by pillar) as pillars,
        ${rank} as rank, count(*) over () as total
      from projects p
      where ${where(query, viewer)}
      order by ${ORDER[query.sort]}, p.id
      limit ${query.limit} offset ${query.offset}`.execute(this.db);
    return rows.rows;
  }

  async count(query: ProjectQuery, viewer: Viewer): Promise<number> {
    const r = await sql<{ n: string }>`select count(*) as n from projects p where ${where(query, viewer)}`.execute(
      this.db,
    );
    return Number(r.rows[0]?.n ?? 0);
  }

  /** Counts per facet value, each facet ignoring its own filter (so the user can switch value). */
  async facets(query: ProjectQuery, viewer: Viewer) {
    const run = (skip: keyof Filter, expr: RawBuilder<unknown>, from = sql``) =>
      sql<{ value: string; count: string }>`
        select v as value, count(*) as count from projects p ${from}, lateral (select ${expr} as v) x
        where ${where(query, viewer, skip)} and v is not null
        group by v order by count(*) desc, v limit 30`
        .execute(this.db)
        .then((r) => r.rows.map((row) => ({ value: String(row.value), count: Number(row.count) })));
    const [donor, country, pillar, theme, workflow, stage, year] = await Promise.all([
      run("donor", sql`d`, sql`cross join lateral unnest(p.donors) d`),
      run("country", sql`c`, sql`cross join lateral unnest(p.countries) c`),
      run("pillar", sql`pp.pillar::text`, sql`join project_pillars pp on pp.project_id = p.id`),
      run("theme", sql`t`, sql`cross join lateral unnest(p.themes) t`),
      run("workflow", sql`p.workflow`),
      run("stage", sql`p.stage`),
      run("year", sql`extract(year from lower(p.period))::int::text`),
    ]);
    return { donor, country, pillar, theme, workflow, stage, year };
  }

  /**
   * The projects ADAM's figures count (charts, pivot, gaps): published ones, and draft and submitted ones only when
   * asked (coordinators; the caller checks). Never scoped by the reader's partner: a figure counts the same records
   * for every reader, so it never reveals a draft to anyone, nor differs by who asks.
   */
  async facts(scope: { includeDrafts: boolean }) {
    const r = await sql<{
      id: string;
      code: string;
      title: { en?: string; ru?: string };
      partner_code: string;
      stage: string;
      themes: string[];
      total_usd: string | null;
      start_year: number | null;
      end_year: number | null;
      period_start: string | null;
      period_end: string | null;
      pillars: number[];
      locations: { code: string; kind: string; share: number | null }[];
      workflow: "draft" | "submitted" | "published";
      /** Commitments, disbursements and expenditures; `date` is the transaction's, else the project's start. */
      transactions: {
        type: "commitment" | "disbursement" | "expenditure";
        donor: string;
        name: string;
        amount: string;
        currency: string;
        usd: string | null;
        date: string;
      }[];
    }>`
      select p.id, p.code, p.title, p.partner_code, p.stage, p.themes, p.total_usd::text as total_usd, p.workflow,
        extract(year from lower(p.period))::int as start_year,
        extract(year from upper(p.period) - 1)::int as end_year,
        to_char(lower(p.period), 'YYYY-MM-DD') as period_start,
        to_char(upper(p.period) - 1, 'YYYY-MM-DD') as period_end,
        array(select pillar from project_pillars pp where pp.project_id = p.id order by pillar) as pillars,
        coalesce((select json_agg(json_build_object('code', l.code, 'kind', l.kind, 'share', l.share))
          from project_locations l where l.project_id = p.id), '[]'::json) as locations,
        coalesce((select json_agg(json_build_object('type', f.transaction_type,
            'donor', coalesce(f.donor_code, f.donor_name), 'name', f.donor_name,
            'amount', f.amount::text, 'currency', f.currency, 'usd', f.usd::text,
            'date', to_char(coalesce(f.transaction_date, p.actual_start, p.planned_start,
              (p.created_at at time zone 'UTC')::date), 'YYYY-MM-DD')) order by f.position)
          from project_transactions f where f.project_id = p.id), '[]'::json) as transactions
      from projects p
      where p.workflow = any(${scope.includeDrafts ? ["published", "draft", "submitted"] : ["published"]}::text[])
      order by p.workflow <> 'published', p.created_at, p.id`.execute(this.readDb);
    return r.rows;
  }

  /** Pairs labelled "duplicate effort" among these projects (the figures count each such pair once). */
  async duplicateEffortPairs(ids: string[]) {
    if (ids.length < 2) return [];
    const r = await sql<{ a: string; b: string }>`
      select project_a as a, project_b as b from duplicate_alerts
      where label = 'duplicate' and project_a = any(${ids}::uuid[]) and project_b = any(${ids}::uuid[])`.execute(
      this.readDb,
    );
    return r.rows;
  }
}
