/** Tables of the facilities module (Kysely row types); the migration 0009_facilities creates them. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the module.
export type FacilitiesTables = {};
