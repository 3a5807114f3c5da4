/** Tables of the seizures module (Kysely row types); the migration 0007_seizures creates them. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the module.
export type SeizuresTables = {};
