import { type Kysely, sql } from "kysely";

/**
 * Cross-language search (issue 19): "Termez" did not find "Термез". `search_key(text)` reduces lower-case text in
 * either script to one Latin spelling key (Cyrillic transliterated, then the spellings that differ between
 * transliteration habits made equal: дж/j, ж/zh/j, х/kh/h, й/ы/y/i, x/ks, doubled letters, the y of я/ю/ё after a
 * consonant), so Термез/Termez, Хорог/Khorog, Худжанд/Khujand, Нижний/Nizhny get the same key. `tsv_key` holds the
 * keys of every word of a record; it is a generated column, so the rows already in the index get it here and
 * every later upsert keeps it true without the modules doing anything. The search reduces each query word the
 * same way (platform/search.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function search_key(t text) returns text language sql immutable parallel safe as $$
      select regexp_replace(
        regexp_replace(
          translate(
            replace(replace(replace(replace(
              translate(
                replace(replace(replace(replace(replace(replace(replace(replace(replace(t,
                  'щ', 'shch'), 'ж', 'zh'), 'х', 'kh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'), 'ю', 'yu'), 'я', 'ya'),
                  'ҷ', 'j'),
                'абвгдеёзийклмнопрстуфыэқғҳӯӣъь', 'abvgdeeziyklmnoprstufyeqghui'),
              'dzh', 'j'), 'zh', 'j'), 'kh', 'h'), 'x', 'ks'),
            'wqy', 'vki'),
          '([bcdfghjklmnprstvz])i([aou])', '\\1\\2', 'g'),
        '([a-z])\\1+', '\\1', 'g')
    $$`.execute(db);
  await sql`
    alter table search_index
      add column tsv_key tsvector generated always as (to_tsvector('simple', search_key(plain))) stored`.execute(db);
  await sql`create index search_index_key_idx on search_index using gin (tsv_key)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table search_index drop column tsv_key`.execute(db);
  await sql`drop function search_key(text)`.execute(db);
}
