import { type Kysely, sql } from "kysely";

/**
 * Issue 17, two holes of the DMP.
 *
 * Four-eyes: `seizure_country_settings` holds a country's DMP settings; a country without a row keeps the
 * defaults (four-eyes on). `seizures.edited_by` remembers who last changed a record's data, since an editor
 * enters what they change and so may not validate it either.
 *
 * Partner-level sharing: a liaison officer's records were bound to the officer's own partner (UNODC) instead of
 * the partner of the record's country (a country partner's code is its ISO3 code). The records already written
 * are bound again here, with their search entries; the monthly aggregate, kept per owning partner since 0013,
 * is rebuilt from the published records so the members' figures follow.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table seizure_country_settings (
      country text primary key check (country ~ '^[A-Z]{3}$'),
      four_eyes boolean not null default true,
      version integer not null default 1,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table seizures add column edited_by uuid references users(id)`.execute(db);
  await rebindLiaisonRecords(db);
}

/** Binds liaison officers' records to the partner of their country; exported for the test that proves it. */
export async function rebindLiaisonRecords(db: Kysely<unknown>): Promise<void> {
  const rebound = await sql<{ published: number }>`
    with rebound as (
      update seizures s set owner_partner = s.country
      from users u
      where u.id = s.created_by and u.role = 'liaison_officer' and s.owner_partner is distinct from s.country
      returning s.id, s.country, s.status
    ), reindexed as (
      update search_index si set partner_code = r.country
      from rebound r
      where si.entity_type = 'seizure' and si.entity_id = r.id::text
      returning 1
    )
    select (count(*) filter (where status = 'published'))::int as published from rebound`.execute(db);
  if ((rebound.rows[0]?.published ?? 0) === 0) return;
  await sql`delete from seizure_monthly`.execute(db);
  await sql`
    insert into seizure_monthly
      (country, year, month, drug, drug_group, route, unit, sharing, owner_partner, cases, mass_kg, quantity, max_mass_kg)
    select s.country, s.year, s.month, s.drug, s.drug_group, coalesce(s.route, ''), s.unit, s.sharing,
           coalesce(s.owner_partner, ''), count(*), coalesce(sum(s.mass_kg), 0), sum(s.quantity),
           coalesce(max(s.mass_kg), 0)
    from seizures s where s.status = 'published'
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9`.execute(db);
  // The cached public grid (seizures.aggregates.ts) is computed again.
  await sql`update seizure_aggregate_state set version = version + 1`.execute(db);
}

/** The rebinding stays: the old binding was the hole. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table seizures drop column if exists edited_by`.execute(db);
  await sql`drop table if exists seizure_country_settings`.execute(db);
}
