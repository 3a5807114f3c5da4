import { type Kysely, sql } from "kysely";

/**
 * "More than 50 participants attending in person" was stored as an exact 50 (issue 19): the in-person figure
 * gets the same qualifier as the participants figure, and the one reference meeting that says "more than" is
 * corrected (report of 2022, para. 20: Moscow, December 2021).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table meetings add column in_person_qualifier text not null default 'exact'
    check (in_person_qualifier in ('exact','over','nearly'))`.execute(db);
  await sql`update meetings set in_person_qualifier = 'over'
    where ref_key = 'ewg-2021-moscow' and in_person_participants = 50`.execute(db);
}
