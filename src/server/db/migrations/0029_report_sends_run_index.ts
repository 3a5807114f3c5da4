import { type Kysely, sql } from "kysely";

/**
 * Every foreign key has an index led by its column (`schema.test.ts`): deleting or locking a report run must not
 * scan every send. 0028 indexed `report_sends` by schedule only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index report_sends_run_idx on report_sends (run_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index report_sends_run_idx`.execute(db);
}
