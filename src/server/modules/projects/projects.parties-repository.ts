import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../../db/schema.js";

/** The key free text is matched on: lower case, spaces collapsed, a trailing "(…)" dropped (as in migration 0017). */
export const nameKey = (expr: RawBuilder<unknown>) =>
  sql<
    string | null
  >`nullif(lower(regexp_replace(regexp_replace(trim(${expr}), '\\s*\\([^)]*\\)\\s*$', ''), '\\s+', ' ', 'g')), '')`;

/**
 * Every key that names exactly one entry of the controlled list: the partners' English and Russian names, their
 * listed name and its acronym in brackets, their code; the other bodies' names and code; and the aliases
 * coordinators mapped by hand, which win over the rest. A key that names two entries maps to neither. (The partner
 * registry is read here in SQL only to match names; the partners module owns those rows.)
 */
const PARTY_KEYS = sql`
  party_keys as (
    select k, min(code) as code from (
      select code, ${nameKey(sql`name->>'en'`)} as k from partners where archived_at is null
      union select code, ${nameKey(sql`name->>'ru'`)} from partners where archived_at is null
      union select code, ${nameKey(sql`listed_as`)} from partners where archived_at is null
      union select code, lower(substring(listed_as from '\\(([^)]+)\\)\\s*$')) from partners where archived_at is null
      union select code, lower(code) from partners where archived_at is null
      union select code, ${nameKey(sql`name->>'en'`)} from project_parties
      union select code, ${nameKey(sql`name->>'ru'`)} from project_parties
      union select code, lower(code) from project_parties
    ) keys
    where k is not null and k not in (select alias from project_party_aliases)
    group by k having count(distinct code) = 1
    union all select alias, code from project_party_aliases
  )`;

const KNOWN = sql`(select code from partners where archived_at is null union select code from project_parties)`;

/** SQL of the controlled list of donors and organizations, its aliases and the review list. */
export class PartiesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  listParties(trx: Kysely<DB> = this.db) {
    return trx.selectFrom("project_parties").select(["code", "name", "version"]).orderBy("code").execute();
  }

  findParty(code: string, trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("project_parties")
      .select(["code", "name", "version"])
      .where("code", "=", code)
      .executeTakeFirst();
  }

  insertParty(trx: Kysely<DB>, p: { code: string; name: { en: string; ru: string }; created_by: string | null }) {
    return trx
      .insertInto("project_parties")
      .values({ ...p, name: JSON.stringify(p.name), updated_at: new Date() })
      .execute();
  }

  /** Which of these codes are entries of the controlled list (a partner's, or another body's). */
  async knownCodes(codes: string[], trx: Kysely<DB> = this.db): Promise<Set<string>> {
    if (!codes.length) return new Set();
    const r = await sql<{ code: string }>`select code from ${KNOWN} k where code = any(${codes}::text[])`.execute(trx);
    return new Set(r.rows.map((row) => row.code));
  }

  /** The entry each name maps to, when it maps to exactly one. */
  async resolve(names: string[], trx: Kysely<DB> = this.db): Promise<Map<string, string>> {
    const unique = [...new Set(names.filter((n) => n.trim()))];
    if (!unique.length) return new Map();
    const r = await sql<{ name: string; code: string }>`
      with ${PARTY_KEYS}
      select n.name, k.code from unnest(${unique}::text[]) as n(name)
      join party_keys k on k.k = ${nameKey(sql`n.name`)}`.execute(trx);
    return new Map(r.rows.map((row) => [row.name, row.code]));
  }

  /** Keeps a free-text spelling as an alias of an entry (the spelling's key, so case and spaces do not matter). */
  addAlias(trx: Kysely<DB>, text: string, code: string, userId: string | null) {
    return sql`
      insert into project_party_aliases (alias, code, created_by) values (${nameKey(sql`${text}::text`)}, ${code}, ${userId})
      on conflict (alias) do update set code = excluded.code, created_by = excluded.created_by, created_at = now()`.execute(
      trx,
    );
  }

  /** Maps every unmapped donor and organization the current keys now name; returns the projects touched. */
  async remap(trx: Kysely<DB>): Promise<string[]> {
    const donors = await sql<{ project_id: string }>`
      with ${PARTY_KEYS}
      update project_transactions f set donor_code = k.code from party_keys k
      where (f.donor_code is null or f.donor_code not in ${KNOWN}) and k.k = ${nameKey(sql`f.donor_name`)}
      returning f.project_id`.execute(trx);
    const orgs = await sql<{ project_id: string }>`
      with ${PARTY_KEYS}
      update project_organizations o set party_code = k.code from party_keys k
      where (o.party_code is null or o.party_code not in ${KNOWN}) and k.k = ${nameKey(sql`o.name`)}
      returning o.project_id`.execute(trx);
    return [...new Set([...donors.rows, ...orgs.rows].map((r) => r.project_id))];
  }

  /** The projects' donor facet (codes of the list, else the names as written) after their rows were mapped. */
  async refreshDonors(trx: Kysely<DB>, ids: string[]) {
    if (!ids.length) return;
    await sql`
      update projects p set donors = array(
        select d from (select distinct on (coalesce(f.donor_code, f.donor_name)) coalesce(f.donor_code, f.donor_name) as d,
          f.position from project_transactions f where f.project_id = p.id order by coalesce(f.donor_code, f.donor_name), f.position) x
        order by x.position)
      where p.id = any(${ids}::uuid[])`.execute(trx);
  }

  /**
   * The review list: free text that maps to no entry, as written, with how many donor rows (transactions) and organization rows
   * and projects carry it. Archived projects included: their figures come back when they are restored.
   */
  async unmapped(trx: Kysely<DB> = this.db) {
    const r = await sql<{
      text: string;
      field: "donor" | "organization";
      code: string | null;
      rows: number;
      projects: number;
    }>`
      select donor_name as text, 'donor' as field, donor_code as code, count(*)::int as rows,
        count(distinct project_id)::int as projects
      from project_transactions where donor_code is null or donor_code not in ${KNOWN}
      group by donor_name, donor_code
      union all
      select name, 'organization', party_code, count(*)::int, count(distinct project_id)::int
      from project_organizations where party_code is null or party_code not in ${KNOWN}
      group by name, party_code
      order by rows desc, text`.execute(trx);
    return r.rows;
  }
}
