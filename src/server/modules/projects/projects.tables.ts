/** Tables of the projects module (Kysely row types); the migration 0010_projects creates them. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the module.
export type ProjectsTables = {};
