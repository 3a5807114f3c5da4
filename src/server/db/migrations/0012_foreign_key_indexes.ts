import { type Kysely, sql } from "kysely";

/**
 * An index behind every foreign key (but those to `users`, whose rows are only ever deleted for the handful of
 * demo accounts). Without one, deleting a referenced row makes PostgreSQL scan the whole referencing table for
 * each row deleted: removing a million demo seizures checked `seizures.merged_into` by a full scan per row and
 * never finished. They also serve the lookups by parent (a project's documents, a course's trainings).
 * Partial where the column is mostly empty, so imports and saves pay nothing for rows that reference nothing.
 */
const INDEXES: [name: string, table: string, column: string, partial: boolean][] = [
  ["seizures_merged_into_idx", "seizures", "merged_into", true],
  ["seizure_duplicates_b_idx", "seizure_duplicates", "seizure_b", false],
  ["project_documents_project_idx", "project_documents", "project_id", false],
  ["project_document_versions_file_idx", "project_document_versions", "file_id", false],
  ["project_document_versions_thumbnail_idx", "project_document_versions", "thumbnail_file_id", true],
  ["project_commitments_commitment_idx", "project_commitments", "commitment_code", false],
  ["project_needs_pillar_idx", "project_needs", "pillar", false],
  ["project_pillars_pillar_idx", "project_pillars", "pillar", false],
  ["news_items_meeting_idx", "news_items", "meeting_id", true],
  ["recommendations_endorsed_by_idx", "recommendations", "endorsed_by_meeting_id", true],
  ["recommendations_successor_idx", "recommendations", "successor_id", true],
  ["recommendation_transitions_meeting_idx", "recommendation_transitions", "meeting_id", true],
  ["recommendation_transitions_successor_idx", "recommendation_transitions", "successor_id", true],
  ["terms_acceptances_version_idx", "terms_acceptances", "terms_version_id", false],
  ["trainings_course_idx", "trainings", "course_id", false],
  ["training_link_decisions_b_idx", "training_link_decisions", "participant_b", false],
  ["training_link_reviews_b_idx", "training_link_reviews", "participant_b", false],
  ["training_repeat_alerts_previous_idx", "training_repeat_alerts", "previous_participant_id", false],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, column, partial] of INDEXES) {
    await sql
      .raw(`create index ${name} on ${table} (${column})${partial ? ` where ${column} is not null` : ""}`)
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`drop index if exists ${name}`).execute(db);
}
