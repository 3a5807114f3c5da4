import { type Kysely, sql } from "kysely";

/**
 * Issue 16: the seizures' remembered value mappings are taken back through the platform's routes of every import, which
 * keep a deletion's history as `import_value_mapping` with the id `<kind>:<id>` (the same id encoding) and snapshots
 * naming the source `source`, with the kind. The deletions made before, kept as `seizure_value_mapping` (snapshots
 * naming it `sourceCountry`), join that history, so one answer has one history and its numbering goes on from them.
 * Versions are numbered again by time within each answer, in case both forms are there already (through negative
 * numbers, which no revision has, so the unique version of an entity holds at every row).
 */
const renumber = (type: string, prefix: string) => sql`
  update revisions r set version = -n.rn
  from (
    select id, row_number() over (partition by entity_id order by at, version) as rn
    from revisions where entity_type = ${type} and entity_id like ${`${prefix}%`}
  ) n
  where r.id = n.id`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update revisions set
      entity_type = 'import_value_mapping',
      entity_id = 'seizures:' || entity_id,
      version = -(version + 1000000),
      changes = case when changes ? 'sourceCountry'
        then (changes - 'sourceCountry')
          || jsonb_build_object('source', changes -> 'sourceCountry', 'kind', jsonb_build_object('from', 'seizures'))
        else changes end,
      snapshot = case when snapshot ? 'sourceCountry'
        then (snapshot - 'sourceCountry') || jsonb_build_object('source', snapshot -> 'sourceCountry', 'kind', 'seizures')
        else snapshot end
    where entity_type = 'seizure_value_mapping'`.execute(db);
  await renumber("import_value_mapping", "seizures:").execute(db);
  await sql`update revisions set version = -version where version < 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    update revisions set
      entity_type = 'seizure_value_mapping',
      entity_id = substr(entity_id, length('seizures:') + 1),
      changes = case when changes ? 'source'
        then (changes - 'source' - 'kind') || jsonb_build_object('sourceCountry', changes -> 'source')
        else changes - 'kind' end,
      snapshot = case when snapshot ? 'source'
        then (snapshot - 'source' - 'kind') || jsonb_build_object('sourceCountry', snapshot -> 'source')
        else snapshot - 'kind' end
    where entity_type = 'import_value_mapping' and entity_id like 'seizures:%'`.execute(db);
}
