import { type Kysely, sql } from "kysely";

/**
 * Tables of the training database: the course catalogue, training events, participants (personal data),
 * the persons participants are linked to, reviewers' linkage decisions, the review queue of the last
 * linkage run, and repeat-training alerts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table training_courses (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      title jsonb not null,
      topic text not null,
      level text not null check (level in ('basic','intermediate','advanced')),
      pillar integer check (pillar between 1 and 4),
      is_demo boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table trainings (
      id uuid primary key default gen_random_uuid(),
      course_id uuid not null references training_courses(id),
      title text not null,
      project text,
      organizer text,
      organizer_partner text,
      starts_on date not null,
      ends_on date not null,
      place text,
      country text,
      format text not null check (format in ('in_person','online','hybrid')),
      trainers text[] not null default '{}',
      materials text,
      created_by uuid references users(id),
      is_demo boolean not null default false,
      archived_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_on >= starts_on)
    )`.execute(db);
  await sql`create index trainings_starts_idx on trainings (starts_on desc)`.execute(db);
  await sql`
    create table training_persons (
      id uuid primary key default gen_random_uuid(),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table training_participants (
      id uuid primary key default gen_random_uuid(),
      training_id uuid not null references trainings(id),
      full_name text,
      full_name_native text,
      date_of_birth text check (date_of_birth ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
      sex text check (sex in ('F','M')),
      country text,
      agency text,
      unit text,
      position text,
      contact text,
      attended boolean not null default true,
      completed boolean not null default false,
      pre_score numeric(5,1),
      post_score numeric(5,1),
      person_id uuid references training_persons(id),
      link_probability double precision,
      created_by uuid references users(id),
      archived_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (full_name is not null or full_name_native is not null)
    )`.execute(db);
  await sql`create index training_participants_training_idx on training_participants (training_id)`.execute(db);
  await sql`create index training_participants_person_idx on training_participants (person_id)`.execute(db);
  await sql`
    create table training_link_decisions (
      participant_a uuid not null references training_participants(id),
      participant_b uuid not null references training_participants(id),
      same boolean not null,
      decided_by uuid references users(id),
      decided_at timestamptz not null default now(),
      primary key (participant_a, participant_b),
      check (participant_a < participant_b)
    )`.execute(db);
  await sql`
    create table training_link_reviews (
      participant_a uuid not null references training_participants(id),
      participant_b uuid not null references training_participants(id),
      probability double precision not null,
      levels jsonb not null,
      weights jsonb not null,
      created_at timestamptz not null default now(),
      primary key (participant_a, participant_b)
    )`.execute(db);
  await sql`
    create table training_repeat_alerts (
      id uuid primary key default gen_random_uuid(),
      participant_id uuid not null references training_participants(id),
      previous_participant_id uuid not null references training_participants(id),
      created_at timestamptz not null default now(),
      unique (participant_id, previous_participant_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "training_repeat_alerts",
    "training_link_reviews",
    "training_link_decisions",
    "training_participants",
    "training_persons",
    "trainings",
    "training_courses",
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
