import { type Kysely, sql } from "kysely";

/**
 * The reason of a change, kept in the revision itself (issue 19): a seizure's correction asks for a reason, which
 * went to the audit log only, so the record's history showed a correction without saying why.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table revisions add column reason text`.execute(db);
}
