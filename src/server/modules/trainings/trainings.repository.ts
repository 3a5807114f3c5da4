import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { CourseInput, ParticipantInput, TrainingInput } from "../../../common/trainings.js";
import type { DB } from "../../db/schema.js";
import { escapeLike } from "../../platform/search.js";

export type TrainingRow = Awaited<ReturnType<TrainingsRepository["findTraining"]>> & {};
export type ParticipantRow = NonNullable<Awaited<ReturnType<TrainingsRepository["findParticipant"]>>>;

const TRAINING_COLUMNS = [
  "t.id",
  "t.course_id",
  "t.title",
  "t.project",
  "t.organizer",
  "t.organizer_partner",
  "t.starts_on",
  "t.ends_on",
  "t.place",
  "t.country",
  "t.format",
  "t.trainers",
  "t.materials",
  "t.created_by",
  "t.version",
  "c.code as course_code",
  "c.title as course_title",
  "c.topic",
  "c.level",
  "c.pillar",
] as const;

function participantValues(input: ParticipantInput) {
  return {
    full_name: input.fullName ?? null,
    full_name_native: input.fullNameNative ?? null,
    date_of_birth: input.dateOfBirth ?? null,
    sex: input.sex ?? null,
    country: input.country ?? null,
    agency: input.agency ?? null,
    unit: input.unit ?? null,
    position: input.position ?? null,
    contact: input.contact ?? null,
    attended: input.attended ?? true,
    completed: input.completed ?? false,
    pre_score: input.preScore ?? null,
    post_score: input.postScore ?? null,
  };
}

function trainingValues(input: TrainingInput) {
  return {
    course_id: input.courseId,
    title: input.title,
    project: input.project ?? null,
    organizer: input.organizer ?? null,
    organizer_partner: input.organizerPartner ?? null,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    place: input.place ?? null,
    country: input.country ?? null,
    format: input.format,
    trainers: input.trainers ?? [],
    materials: input.materials ?? null,
  };
}

/** The live participants of the training `t` (the trainings table or a statement's row of it). */
function participantCount(eb: ExpressionBuilder<DB & { t: { id: string } }, "t">) {
  return eb
    .selectFrom("training_participants as p")
    .whereRef("p.training_id", "=", "t.id")
    .where("p.archived_at", "is", null)
    .select((e) => e.fn.countAll<string>().as("n"))
    .as("participant_count");
}

/** How many other live participations the person of participant `p` has. */
function otherTrainings(eb: ExpressionBuilder<DB & { p: { id: string; person_id: string | null } }, "p">) {
  return eb
    .selectFrom("training_participants as o")
    .whereRef("o.person_id", "=", "p.person_id")
    .whereRef("o.id", "<>", "p.id")
    .where("o.archived_at", "is", null)
    .select((e) => e.fn.countAll<string>().as("n"))
    .as("other_trainings");
}

/** All SQL of the training database. */
export class TrainingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  listCourses() {
    return this.db.selectFrom("training_courses").selectAll().orderBy("topic").orderBy("level").execute();
  }

  findCourse(id: string, trx: Kysely<DB> = this.db) {
    return trx.selectFrom("training_courses").selectAll().where("id", "=", id).executeTakeFirst();
  }

  insertCourse(input: CourseInput, isDemo = false, trx: Kysely<DB> = this.db) {
    return trx
      .insertInto("training_courses")
      .values({
        code: input.code,
        title: JSON.stringify(input.title),
        topic: input.topic,
        level: input.level,
        pillar: input.pillar ?? null,
        is_demo: isDemo,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  private trainings(trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("trainings as t")
      .innerJoin("training_courses as c", "c.id", "t.course_id")
      .select(TRAINING_COLUMNS)
      .select(participantCount)
      .where("t.archived_at", "is", null);
  }

  findTraining(id: string, trx: Kysely<DB> = this.db) {
    return this.trainings(trx).where("t.id", "=", id).executeTakeFirst();
  }

  async listTrainings(filter: { q?: string; country?: string; year?: number; limit: number; offset: number }) {
    let q = this.trainings();
    if (filter.q) {
      const like = `%${escapeLike(filter.q)}%`;
      q = q.where((eb) => eb.or([eb("t.title", "ilike", like), eb("t.project", "ilike", like)]));
    }
    if (filter.country) q = q.where("t.country", "=", filter.country);
    if (filter.year) q = q.where(sql<number>`extract(year from t.starts_on)`, "=", filter.year);
    const [items, count] = await Promise.all([
      q.orderBy("t.starts_on", "desc").orderBy("t.id").limit(filter.limit).offset(filter.offset).execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  }

  /** Inserts a training and returns it as `findTraining` reads it (one statement: the insert feeds the join). */
  insertTraining(input: TrainingInput, createdBy: string | null, isDemo: boolean, trx: Kysely<DB>) {
    return trx
      .with("t", (db) =>
        db
          .insertInto("trainings")
          .values({ ...trainingValues(input), created_by: createdBy, is_demo: isDemo })
          .returningAll(),
      )
      .selectFrom("t")
      .innerJoin("training_courses as c", "c.id", "t.course_id")
      .select(TRAINING_COLUMNS)
      .select(sql<string>`'0'`.as("participant_count"))
      .executeTakeFirstOrThrow();
  }

  /**
   * Updates a training at the version the caller read and returns it as `findTraining` reads it, or nothing when
   * the version was stale or the training is gone (one statement: the update feeds the join).
   */
  updateTraining(trx: Kysely<DB>, id: string, version: number, input: TrainingInput) {
    return trx
      .with("t", (db) =>
        db
          .updateTable("trainings")
          .set({ ...trainingValues(input), version: sql`version + 1`, updated_at: sql`now()` })
          .where("id", "=", id)
          .where("version", "=", version)
          .where("archived_at", "is", null)
          .returningAll(),
      )
      .selectFrom("t")
      .innerJoin("training_courses as c", "c.id", "t.course_id")
      .select(TRAINING_COLUMNS)
      .select(participantCount)
      .executeTakeFirst();
  }

  private participants(trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("training_participants as p")
      .selectAll("p")
      .select(otherTrainings)
      .where("p.archived_at", "is", null);
  }

  findParticipant(id: string, trx: Kysely<DB> = this.db) {
    return this.participants(trx).where("p.id", "=", id).executeTakeFirst();
  }

  listParticipants(trainingId: string) {
    return this.participants().where("p.training_id", "=", trainingId).orderBy("p.full_name").orderBy("p.id").execute();
  }

  participantsByIds(ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.participants()
      .innerJoin("trainings as t", "t.id", "p.training_id")
      .select(["t.title as training_title", "t.created_by as training_created_by"])
      .where("p.id", "in", ids)
      .execute();
  }

  participantsOfPerson(personId: string) {
    return this.db
      .selectFrom("training_participants as p")
      .innerJoin("trainings as t", "t.id", "p.training_id")
      .innerJoin("training_courses as c", "c.id", "t.course_id")
      .selectAll("p")
      .select([
        "t.title",
        "t.starts_on",
        "t.ends_on",
        "t.created_by as training_created_by",
        "t.country as training_country",
      ])
      .select(["t.organizer_partner", "c.id as course_id", "c.code as course_code", "c.title as course_title"])
      .select(["c.topic", "c.level", "c.pillar"])
      .where("p.person_id", "=", personId)
      .where("p.archived_at", "is", null)
      .where("t.archived_at", "is", null)
      .orderBy("t.starts_on")
      .execute();
  }

  insertParticipants(trainingId: string, rows: ParticipantInput[], createdBy: string | null, trx: Kysely<DB>) {
    if (rows.length === 0) return Promise.resolve([]);
    return trx
      .insertInto("training_participants")
      .values(rows.map((r) => ({ ...participantValues(r), training_id: trainingId, created_by: createdBy })))
      .returning("id")
      .execute();
  }

  /**
   * Updates a participant at the version the caller read and returns it as `findParticipant` reads it, or nothing
   * when the version was stale or the participant is gone (one statement: the update feeds the count).
   */
  updateParticipant(trx: Kysely<DB>, id: string, version: number, input: ParticipantInput) {
    return trx
      .with("p", (db) =>
        db
          .updateTable("training_participants")
          .set({ ...participantValues(input), version: sql`version + 1`, updated_at: sql`now()` })
          .where("id", "=", id)
          .where("version", "=", version)
          .where("archived_at", "is", null)
          .returningAll(),
      )
      .selectFrom("p")
      .selectAll("p")
      .select(otherTrainings)
      .executeTakeFirst();
  }

  /** Every live participant, as the linkage reads them. */
  linkageInput() {
    return this.db
      .selectFrom("training_participants")
      .select([
        "id",
        "full_name",
        "full_name_native",
        "date_of_birth",
        "sex",
        "country",
        "agency",
        "position",
        "person_id",
      ])
      .where("archived_at", "is", null)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
  }

  listDecisions() {
    return this.db.selectFrom("training_link_decisions").selectAll().execute();
  }

  async saveDecision(a: string, b: string, same: boolean, userId: string | null, trx: Kysely<DB>) {
    await trx
      .insertInto("training_link_decisions")
      .values({ participant_a: a, participant_b: b, same, decided_by: userId })
      .onConflict((oc) =>
        oc
          .columns(["participant_a", "participant_b"])
          .doUpdateSet({ same, decided_by: userId, decided_at: sql`now()` }),
      )
      .execute();
    await trx
      .deleteFrom("training_link_reviews")
      .where("participant_a", "=", a)
      .where("participant_b", "=", b)
      .execute();
  }

  async createPersons(count: number, trx: Kysely<DB>): Promise<string[]> {
    if (count === 0) return [];
    const rows = await trx
      .insertInto("training_persons")
      .values(Array.from({ length: count }, () => ({ created_at: sql`now()` })))
      .returning("id")
      .execute();
    return rows.map((r) => r.id);
  }

  async assignPersons(assignments: { id: string; personId: string; probability: number | null }[], trx: Kysely<DB>) {
    for (const a of assignments) {
      await trx
        .updateTable("training_participants")
        .set({ person_id: a.personId, link_probability: a.probability })
        .where("id", "=", a.id)
        .execute();
    }
  }

  async replaceReviews(
    rows: { a: string; b: string; probability: number; levels: number[]; weights: number[] }[],
    trx: Kysely<DB>,
  ) {
    await trx.deleteFrom("training_link_reviews").execute();
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto("training_link_reviews")
        .values(
          rows.slice(i, i + 500).map((r) => ({
            participant_a: r.a,
            participant_b: r.b,
            probability: r.probability,
            levels: JSON.stringify(r.levels),
            weights: JSON.stringify(r.weights),
          })),
        )
        .execute();
    }
  }

  listReviews() {
    return this.db.selectFrom("training_link_reviews").selectAll().orderBy("probability", "desc").execute();
  }

  /** Earlier completed participations of the same person in a course of the same topic and level. */
  repeatCandidates(participantIds: string[], sinceMonths: number) {
    if (participantIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("training_participants as p")
      .innerJoin("trainings as t", "t.id", "p.training_id")
      .innerJoin("training_courses as c", "c.id", "t.course_id")
      .innerJoin("training_participants as q", (j) =>
        j.onRef("q.person_id", "=", "p.person_id").onRef("q.id", "<>", "p.id"),
      )
      .innerJoin("trainings as qt", "qt.id", "q.training_id")
      .innerJoin("training_courses as qc", "qc.id", "qt.course_id")
      .select(["p.id as participant_id", "q.id as previous_id", "t.id as training_id", "qt.id as previous_training_id"])
      .select(["t.created_by", "qt.created_by as previous_created_by", "t.title", "qt.title as previous_title"])
      .select(["c.topic", "c.level", "p.full_name", "p.full_name_native"])
      .where("p.id", "in", participantIds)
      .where("q.completed", "=", true)
      .where("q.archived_at", "is", null)
      .where("qt.archived_at", "is", null)
      .whereRef("qc.topic", "=", "c.topic")
      .whereRef("qc.level", "=", "c.level")
      .whereRef("qt.ends_on", "<=", "t.starts_on")
      .where(sql<boolean>`qt.ends_on >= t.starts_on - make_interval(months => ${sinceMonths})`)
      .execute();
  }

  insertAlert(participantId: string, previousId: string, trx: Kysely<DB> = this.db) {
    return trx
      .insertInto("training_repeat_alerts")
      .values({ participant_id: participantId, previous_participant_id: previousId })
      .onConflict((oc) => oc.columns(["participant_id", "previous_participant_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
  }

  listAlerts(limit: number) {
    return this.db
      .selectFrom("training_repeat_alerts as a")
      .innerJoin("training_participants as p", "p.id", "a.participant_id")
      .innerJoin("trainings as t", "t.id", "p.training_id")
      .innerJoin("training_courses as c", "c.id", "t.course_id")
      .innerJoin("training_participants as q", "q.id", "a.previous_participant_id")
      .innerJoin("trainings as qt", "qt.id", "q.training_id")
      .select(["a.id", "a.created_at", "p.id as participant_id", "p.full_name", "p.full_name_native"])
      .select(["t.id as training_id", "t.title", "t.created_by", "t.country", "t.organizer_partner"])
      .select(["qt.id as previous_training_id", "qt.title as previous_title", "qt.ends_on as previous_ends_on"])
      .select(["qt.created_by as previous_created_by", "c.topic", "c.level"])
      .where("p.archived_at", "is", null)
      .orderBy("a.created_at", "desc")
      .limit(limit)
      .execute();
  }

  /** Participations with the dimensions of the reports (no names). */
  reportRows() {
    return this.db
      .selectFrom("training_participants as p")
      .innerJoin("trainings as t", "t.id", "p.training_id")
      .innerJoin("training_courses as c", "c.id", "t.course_id")
      .select(["p.id", "p.person_id", "p.country", "p.agency", "p.sex", "c.topic", "c.level"])
      .select(sql<number>`extract(year from t.starts_on)::int`.as("year"))
      .where("p.archived_at", "is", null)
      .where("t.archived_at", "is", null)
      .execute();
  }

  async removeDemo(trx: Kysely<DB>) {
    const trainings = trx.selectFrom("trainings").select("id").where("is_demo", "=", true);
    const participants = trx.selectFrom("training_participants").select("id").where("training_id", "in", trainings);
    await trx.deleteFrom("training_repeat_alerts").where("participant_id", "in", participants).execute();
    await trx.deleteFrom("training_repeat_alerts").where("previous_participant_id", "in", participants).execute();
    await trx.deleteFrom("training_link_reviews").execute();
    await trx.deleteFrom("training_link_decisions").where("participant_a", "in", participants).execute();
    await trx.deleteFrom("training_link_decisions").where("participant_b", "in", participants).execute();
    await trx.deleteFrom("training_participants").where("training_id", "in", trainings).execute();
    await trx.deleteFrom("trainings").where("is_demo", "=", true).execute();
    await trx
      .deleteFrom("training_courses")
      .where("is_demo", "=", true)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("trainings").select("id").whereRef("trainings.course_id", "=", "training_courses.id"))),
      )
      .execute();
    await trx
      .deleteFrom("training_persons")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("training_participants")
              .select("id")
              .whereRef("training_participants.person_id", "=", "training_persons.id"),
          ),
        ),
      )
      .execute();
  }
}
