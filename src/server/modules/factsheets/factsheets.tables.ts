/** Tables of the factsheets module (Kysely row types); the migration 0011_factsheets creates them. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the module.
export type FactsheetsTables = {};
