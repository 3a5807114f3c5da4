/** Tables of the trainings module (Kysely row types); the migration 0008_trainings creates them. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the module.
export type TrainingsTables = {};
