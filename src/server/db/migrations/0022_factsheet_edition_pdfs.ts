import { type Kysely, sql } from "kysely";

/**
 * Fact sheets are rendered when they are published (issue 18): a published edition never changes, so its EN and RU
 * PDFs are printed once, by a job enqueued in the publishing transaction, stored as files and served from there.
 * One row per edition and language; a missing row (job not run yet, no Chromium) means the PDF is rendered on
 * demand as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table factsheet_edition_pdfs (
      factsheet_id uuid not null,
      edition integer not null,
      lang text not null check (lang in ('en', 'ru')),
      file_id uuid not null references files(id),
      rendered_at timestamptz not null default now(),
      primary key (factsheet_id, edition, lang),
      foreign key (factsheet_id, edition) references factsheet_editions(factsheet_id, edition) on delete cascade
    )`.execute(db);
  await sql`create index factsheet_edition_pdfs_file_idx on factsheet_edition_pdfs (file_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists factsheet_edition_pdfs`.execute(db);
}
