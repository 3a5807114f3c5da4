import { type Kysely, sql } from "kysely";

/**
 * ADAM figures that do not mislead (issue 19).
 *  - Donors and organizations come from one controlled list: the partner registry plus `project_parties` (other
 *    bodies, with English and Russian names). `project_party_aliases` keeps the free-text spellings a coordinator
 *    mapped to an entry, so the same spelling in a later import maps by itself. Organizations get `party_code`
 *    beside their free text (`project_fundings.donor_code` already existed).
 *  - Exchange rates come from one dated table: every rate typed or stored on a funding row that the table lacks is
 *    carried into `exchange_rates`, then every funding is converted again with the rate in force on its
 *    commitment's date.
 * Existing free text is kept as written (`donor_name`, `name`); what cannot be mapped stays unmapped and appears in
 * the review list (`GET /projects/parties/unmapped`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table project_parties (
      code text primary key check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,19}$'),
      name jsonb not null check (coalesce(name->>'en', '') <> '' and coalesce(name->>'ru', '') <> ''),
      created_by uuid,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table project_party_aliases (
      alias text primary key,
      code text not null,
      created_by uuid,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table project_organizations add column party_code text`.execute(db);
  await sql`create index project_fundings_donor_code_idx on project_fundings (donor_code)`.execute(db);
  await sql`create index project_organizations_party_code_idx on project_organizations (party_code)`.execute(db);
  await sql`create index project_fundings_currency_idx on project_fundings (currency)`.execute(db);
  await carryOver(db);
}

/** The key a free-text name is matched on: lower case, spaces collapsed, a trailing "(…)" dropped. */
const key = (expr: ReturnType<typeof sql>) =>
  sql`nullif(lower(regexp_replace(regexp_replace(trim(${expr}), '\\s*\\([^)]*\\)\\s*$', ''), '\\s+', ' ', 'g')), '')`;

/**
 * Maps free text to the controlled list and carries per-row rates into the rate table (idempotent; the migration
 * runs it once, tests run it on legacy rows).
 */
export async function carryOver(
  db: Kysely<unknown>,
): Promise<{ rates: number; donors: number; organizations: number }> {
  // 1. Rates: every rate a funding row holds that the table lacks, at the date it was stated for.
  const rates = await sql`
    insert into exchange_rates (currency, rate_date, usd_per_unit, source)
    select distinct on (currency, rate_date) currency, rate_date, rate,
      'carried over from project funding rows (migration 0017)'
    from project_fundings
    where rate is not null and rate_date is not null and currency <> 'USD' and currency ~ '^[A-Z]{3}$' and rate > 0
    order by currency, rate_date, rate
    on conflict (currency, rate_date) do nothing`.execute(db);

  // 2. Names: the partners' English and Russian names, their listed name, its acronym in brackets and their code,
  //    plus the aliases coordinators keep; a key that names two entries maps to neither.
  const partyKeys = sql`
    party_keys as (
      select k, min(code) as code from (
        select code, ${key(sql`name->>'en'`)} as k from partners where archived_at is null
        union select code, ${key(sql`name->>'ru'`)} from partners where archived_at is null
        union select code, ${key(sql`listed_as`)} from partners where archived_at is null
        union select code, lower(substring(listed_as from '\\(([^)]+)\\)\\s*$')) from partners where archived_at is null
        union select code, lower(code) from partners where archived_at is null
        union select code, ${key(sql`name->>'en'`)} from project_parties
        union select code, ${key(sql`name->>'ru'`)} from project_parties
        union select code, lower(code) from project_parties
      ) keys
      where k is not null and k not in (select alias from project_party_aliases)
      group by k having count(distinct code) = 1
      union all select alias, code from project_party_aliases
    )`;
  const known = sql`(select code from partners union select code from project_parties)`;
  const donors = await sql`
    with ${partyKeys}
    update project_fundings f set donor_code = k.code
    from party_keys k
    where (f.donor_code is null or f.donor_code not in ${known})
      and k.k = ${key(sql`f.donor_name`)}`.execute(db);
  const organizations = await sql`
    with ${partyKeys}
    update project_organizations o set party_code = k.code
    from party_keys k
    where o.party_code is null and k.k = ${key(sql`o.name`)}`.execute(db);

  // The projects' donor facet by entry of the list (else the name as written), as the service now keeps it.
  await sql`
    update projects p set donors = array(
      select d from (select distinct on (coalesce(f.donor_code, f.donor_name)) coalesce(f.donor_code, f.donor_name) as d,
        f.position from project_fundings f where f.project_id = p.id order by coalesce(f.donor_code, f.donor_name), f.position) x
      order by x.position)`.execute(db);

  // 3. Every funding converted again from the one table: the rate in force on the commitment's date (else the
  //    project's start, else the day it was created). A funding no stored rate covers keeps its amount and currency
  //    and is reported as not converted; its former rate is in the table (step 1) and in the project's history.
  await sql`
    with eff as (
      select f.project_id, f.position, f.currency, f.amount,
        coalesce(f.commitment_date, p.actual_start, p.planned_start, (p.created_at at time zone 'UTC')::date) as d
      from project_fundings f join projects p on p.id = f.project_id
    ), conv as (
      select e.project_id, e.position, e.amount,
        case when e.currency = 'USD' then 1::numeric else r.usd_per_unit end as rate,
        case when e.currency = 'USD' then e.d else r.rate_date end as rate_date
      from eff e left join lateral (
        select x.usd_per_unit, x.rate_date from exchange_rates x
        where x.currency = e.currency and x.rate_date <= e.d order by x.rate_date desc limit 1) r on true
    )
    update project_fundings f set rate = c.rate, rate_date = c.rate_date, usd = round(c.amount * c.rate, 2)
    from conv c where f.project_id = c.project_id and f.position = c.position`.execute(db);
  await sql`
    update projects p set total_usd = t.usd,
      features = jsonb_set(p.features, '{usd}', coalesce(to_jsonb(t.usd::float8), 'null'::jsonb))
    from (select p2.id, (select sum(f.usd) from project_fundings f where f.project_id = p2.id) as usd from projects p2) t
    where t.id = p.id and p.total_usd is distinct from t.usd`.execute(db);
  return {
    rates: Number(rates.numAffectedRows ?? 0),
    donors: Number(donors.numAffectedRows ?? 0),
    organizations: Number(organizations.numAffectedRows ?? 0),
  };
}
