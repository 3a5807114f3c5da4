/** Tables of the meetings module (Kysely row types); the migration 0006_meetings creates them. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the module.
export type MeetingsTables = {};
