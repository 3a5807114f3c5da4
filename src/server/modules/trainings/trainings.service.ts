import type { Kysely } from "kysely";
import type {
  Course,
  CourseInput,
  Participant,
  ParticipantImportRequest,
  ParticipantImportResult,
  ParticipantInput,
  ParticipantUpdate,
  Passport,
  PersonSuggestion,
  RepeatAlert,
  Report,
  Training,
  TrainingInput,
  TrainingList,
  TrainingUpdate,
} from "../../../common/trainings.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { AppError, forbidden, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { FileService } from "../../platform/files.js";
import { defineImport, type ModuleImport } from "../../platform/imports/jobs.js";
import type { JobService } from "../../platform/jobs.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { SearchDocument, SearchService } from "../../platform/search.js";
import type { UsersService } from "../users/users.service.js";
import { type ParticipantImportOptions, participantImport } from "./trainings.import.js";
import { canManageTraining, trainingAbilities } from "./trainings.policy.js";
import { buildReport } from "./trainings.reports.js";
import { type ParticipantRow, TrainingsRepository } from "./trainings.repository.js";
import type { TrainingsLinkageService } from "./trainings-linkage.service.js";

type TrainingRow = NonNullable<Awaited<ReturnType<TrainingsRepository["findTraining"]>>>;
type CourseRow = Awaited<ReturnType<TrainingsRepository["listCourses"]>>[number];

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const num = (v: string | number | null) => (v === null ? null : Number(v));

export function toCourse(row: CourseRow): Course {
  return { id: row.id, code: row.code, title: row.title, topic: row.topic, level: row.level, pillar: row.pillar };
}

export function toParticipant(row: ParticipantRow): Participant {
  return {
    id: row.id,
    trainingId: row.training_id,
    fullName: row.full_name,
    fullNameNative: row.full_name_native,
    dateOfBirth: row.date_of_birth,
    sex: row.sex,
    country: row.country,
    agency: row.agency,
    unit: row.unit,
    position: row.position,
    contact: row.contact,
    attended: row.attended,
    completed: row.completed,
    preScore: num(row.pre_score),
    postScore: num(row.post_score),
    personId: row.person_id,
    otherTrainings: Number(row.other_trainings ?? 0),
    version: row.version,
  };
}

/** A training's search document, from the row its write returned (the course's titles come with it). */
function searchDocument(row: TrainingRow): SearchDocument {
  return {
    entityType: "training",
    entityId: row.id,
    title: { en: row.title, ru: row.title },
    body: [row.course_title.en, row.course_title.ru, row.topic, row.project, row.organizer, row.place]
      .filter(Boolean)
      .join(" "),
    url: `/trainings/${row.id}`,
    access: "public",
  };
}

export interface TrainingsDeps {
  audit: AuditService;
  revisions: RevisionService;
  files: FileService;
  jobs: JobService;
  search: SearchService;
  users: UsersService;
  linkage: TrainingsLinkageService;
}

/** The training database: courses, trainings, participants (restricted personal data), passports. */
export class TrainingsService {
  readonly repo: TrainingsRepository;
  /** Revisions, audit entries and the search document of every change, in the change's transaction. */
  readonly changes: ChangeRecorder;
  readonly participantsImport: ModuleImport<ParticipantImportOptions, { linkageJobId: string | null }>;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: TrainingsDeps,
  ) {
    this.repo = new TrainingsRepository(db);
    this.changes = new ChangeRecorder(deps);
    this.participantsImport = this.makeParticipantImport();
  }

  get linkage(): TrainingsLinkageService {
    return this.deps.linkage;
  }

  /** People trained by one grouping, with the repeat-training rate, aggregated and protected (trainings.reports.ts). */
  report(by: Report["by"]): Promise<Report> {
    return buildReport(this.repo, by);
  }

  /** Who organizes a training and so may read and edit its participants: trainings.policy.ts. */
  async canManage(principal: Principal, t: Pick<TrainingRow, "created_by" | "country">) {
    return canManageTraining(principal, t, (id) => this.deps.users.countryScopesOf(id));
  }

  private async toTraining(row: TrainingRow, principal: Principal): Promise<Training> {
    return {
      id: row.id,
      course: {
        id: row.course_id,
        code: row.course_code,
        title: row.course_title,
        topic: row.topic,
        level: row.level,
        pillar: row.pillar,
      },
      title: row.title,
      project: row.project,
      organizer: row.organizer,
      organizerPartner: row.organizer_partner,
      startsOn: day(row.starts_on),
      endsOn: day(row.ends_on),
      place: row.place,
      country: row.country,
      format: row.format,
      trainers: row.trainers,
      materials: row.materials,
      participantCount: Number(row.participant_count ?? 0),
      can: await trainingAbilities(principal, row, (id) => this.deps.users.countryScopesOf(id)),
      version: row.version,
    };
  }

  async courses(): Promise<Course[]> {
    return (await this.repo.listCourses()).map(toCourse);
  }

  async createCourse(input: CourseInput, actor: Actor): Promise<Course> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repo.insertCourse(input, false, trx).catch((e: unknown) => {
        if (String((e as { code?: string }).code) === "23505") throw new AppError("conflict", 409, { field: "code" });
        throw e;
      });
      // Courses keep no history of their own: the audit entry is the record of who added one.
      await this.changes.event(
        actor,
        { action: "training_course.create", objectType: "training_course", objectId: row.id },
        trx,
      );
      return toCourse(row);
    });
  }

  async list(filter: Parameters<TrainingsRepository["listTrainings"]>[0], principal: Principal): Promise<TrainingList> {
    const { items, total } = await this.repo.listTrainings(filter);
    return { items: await Promise.all(items.map((r) => this.toTraining(r, principal))), total };
  }

  async get(id: string, principal: Principal): Promise<Training> {
    const row = await this.repo.findTraining(id);
    if (!row) throw notFound("training");
    return this.toTraining(row, principal);
  }

  private async requireManaged(id: string, principal: Principal): Promise<TrainingRow> {
    const row = await this.repo.findTraining(id);
    if (!row) throw notFound("training");
    if (!(await this.canManage(principal, row))) throw forbidden();
    return row;
  }

  async create(input: TrainingInput, principal: Principal, actor: Actor, isDemo = false): Promise<Training> {
    // A liaison officer organizes trainings in the countries of their scopes.
    const user = principal.user;
    if (user && input.country && !(await this.canManage(principal, { created_by: null, country: input.country }))) {
      throw forbidden();
    }
    const row = await this.db.transaction().execute(async (trx) => {
      if (!(await this.repo.findCourse(input.courseId, trx))) {
        throw new AppError("validation_failed", 400, undefined, [{ path: "body.courseId", code: "not_found" }]);
      }
      const created = await this.repo.insertTraining(input, principal.user?.id ?? null, isDemo, trx);
      // A new training's first revision keeps the input it was made from.
      return this.recordTraining(trx, actor, "create", null, created, () => ({ ...input }));
    });
    return this.toTraining(row, principal);
  }

  async update(id: string, input: TrainingUpdate, principal: Principal, actor: Actor): Promise<Training> {
    const before = await this.requireManaged(id, principal);
    // Moved to another country: the editor must organize there too, or they would hand the participants over.
    if (!(await this.canManage(principal, { created_by: before.created_by, country: input.country ?? null }))) {
      throw forbidden();
    }
    const row = await this.db
      .transaction()
      .execute(async (trx) =>
        this.recordTraining(
          trx,
          actor,
          "update",
          before,
          await this.repo.updateTraining(trx, id, input.version, input),
          (r) => ({ ...r }),
        ),
      );
    return this.toTraining(row, principal);
  }

  /**
   * Records a training's change (revision, audit entry, search document) from the row its write returned; a
   * stale version is a 409 with the training as it is now.
   */
  private async recordTraining(
    trx: Kysely<DB>,
    actor: Actor,
    action: "create" | "update",
    before: TrainingRow | null,
    after: TrainingRow | undefined,
    snapshot: (row: TrainingRow) => Record<string, unknown>,
  ): Promise<TrainingRow> {
    const { row } = await this.changes.record(trx, actor, {
      type: "training",
      action,
      before,
      after,
      current: () => this.repo.findTraining(before?.id ?? "", trx),
      snapshot,
      audit: {
        action: `training.${action}`,
        ...(action === "update" ? { details: (changes) => ({ changes }) } : {}),
      },
      search: searchDocument,
    });
    return row;
  }

  /** The participants of a training: personal data, so the organizers' read is audited. */
  async participants(trainingId: string, principal: Principal, actor: Actor): Promise<Participant[]> {
    await this.requireManaged(trainingId, principal);
    const rows = await this.repo.listParticipants(trainingId);
    await this.changes.event(actor, {
      action: "training.participants.read",
      objectType: "training",
      objectId: trainingId,
      details: { records: rows.length },
    });
    return rows.map(toParticipant);
  }

  async addParticipant(trainingId: string, input: ParticipantInput, principal: Principal, actor: Actor) {
    await this.requireManaged(trainingId, principal);
    const [row] = await this.db.transaction().execute(async (trx) => {
      const ids = await this.repo.insertParticipants(trainingId, [input], principal.user?.id ?? null, trx);
      const id = ids[0]?.id as string;
      // A new participant's first revision keeps the input it was made from.
      await this.changes.record(trx, actor, {
        type: "training_participant",
        action: "create",
        before: null,
        after: { id, version: 1 },
        snapshot: () => ({ ...input }),
        audit: { action: "training.participant.create" },
      });
      // Linked (and checked for repeat training) by the linkage job, queued with the participant.
      return [{ id, linkageJobId: await this.deps.linkage.enqueue(actor, [id], trx) }];
    });
    const saved = await this.repo.findParticipant(row?.id as string);
    if (!saved) throw notFound("participant");
    return { participant: toParticipant(saved), linkageJobId: row?.linkageJobId as string };
  }

  async updateParticipant(
    id: string,
    input: ParticipantUpdate,
    principal: Principal,
    actor: Actor,
  ): Promise<Participant> {
    const before = await this.repo.findParticipant(id);
    if (!before) throw notFound("participant");
    await this.requireManaged(before.training_id, principal);
    return this.db.transaction().execute(async (trx) => {
      const { row } = await this.changes.record(trx, actor, {
        type: "training_participant",
        action: "update",
        before: toParticipant(before),
        after: await this.repo.updateParticipant(trx, id, input.version, input).then((r) => r && toParticipant(r)),
        current: () => this.repo.findParticipant(id, trx).then((r) => (r ? toParticipant(r) : undefined)),
        what: "participant",
        snapshot: (p) => ({ ...p }),
        audit: { action: "training.participant.update", details: (changes) => ({ changes }) },
      });
      await this.deps.linkage.enqueue(actor, [], trx);
      return row;
    });
  }

  /** The participant-list import on the platform's pipeline; the manifest lists its job. */
  private makeParticipantImport() {
    return defineImport(
      { db: this.db, jobs: this.deps.jobs, files: this.deps.files },
      participantImport(async (trx, plan, options, actor, file) => {
        const rows = plan.rows.map((r) => r.value);
        const inserted = await this.repo.insertParticipants(options.trainingId, rows, options.userId, trx);
        // One entry for the list (its rows keep no revision each): the file, how many, and the repeats' decision.
        await this.changes.event(
          actor,
          {
            action: "training.participants.import",
            objectType: "training",
            objectId: options.trainingId,
            details: {
              fileName: file.fileName,
              rows: inserted.length,
              repeats: plan.repeats,
              repeatsDecision: plan.decision,
            },
          },
          trx,
        );
        // The new participants are linked, and checked for repeat training, by the linkage job queued with them.
        return this.deps.linkage.enqueue(
          actor,
          inserted.map((r) => r.id),
          trx,
        );
      }),
    );
  }

  /**
   * Enqueues the import of a participant list uploaded through /files as a job with a progress bar (the caller must
   * organize the training and own the upload); the job's result is the import's result.
   */
  async startImport(
    trainingId: string,
    fileId: string,
    request: ParticipantImportRequest,
    principal: Principal,
    actor: Actor,
  ): Promise<{ jobId: string }> {
    await this.requireManaged(trainingId, principal);
    const options = { trainingId, userId: principal.user?.id ?? null };
    return this.participantsImport.enqueue(fileId, request, options, principal, actor);
  }

  /** Imports a participant list uploaded through /files (all or nothing) and queues the linkage job. */
  async importUpload(
    trainingId: string,
    fileId: string,
    options: ParticipantImportRequest,
    principal: Principal,
    actor: Actor,
  ): Promise<ParticipantImportResult> {
    await this.requireManaged(trainingId, principal);
    const { record, data } = await this.deps.files.readOwn(fileId, principal);
    return this.importData(trainingId, data, record.originalName, options, actor, record.createdBy);
  }

  /** Imports a file's bytes into a training (also used by `pact import trainings`). */
  async importData(
    trainingId: string,
    data: Buffer,
    fileName: string,
    options: ParticipantImportRequest,
    actor: Actor,
    userId: string | null,
  ): Promise<ParticipantImportResult> {
    if (!(await this.repo.findTraining(trainingId))) throw notFound("training");
    const result = await this.participantsImport.runData(data, fileName, options, { trainingId, userId }, actor);
    const { report, duplicates, decisionRequired, duplicatesDecision, linkageJobId } = result;
    // The report of a refused list names no repeats' decision: nothing was decided.
    const refused = report.refused;
    return {
      report: { ...report, layout: "participant-list" },
      duplicates,
      decisionRequired: refused ? null : decisionRequired,
      duplicatesDecision: refused ? null : duplicatesDecision,
      linkageJobId,
    };
  }

  /** A person's training history; every read audited. */
  async passport(personId: string, principal: Principal, actor: Actor): Promise<Passport> {
    const rows = await this.repo.participantsOfPerson(personId);
    if (rows.length === 0) throw notFound("person");
    const visible = [];
    for (const r of rows) {
      if (await this.canManage(principal, { created_by: r.training_created_by, country: r.training_country }))
        visible.push(r);
    }
    if (visible.length === 0) throw notFound("person");
    await this.changes.event(actor, {
      action: "training.passport.read",
      objectType: "training_person",
      objectId: personId,
    });
    const names = [
      ...new Set(visible.flatMap((r) => [r.full_name, r.full_name_native]).filter((n): n is string => !!n)),
    ];
    const full = visible
      .map((r) => r.date_of_birth)
      .filter((d): d is string => !!d)
      .sort((a, b) => b.length - a.length);
    return {
      personId,
      names,
      dateOfBirth: full[0] ?? null,
      country: visible.find((r) => r.country)?.country ?? null,
      trainings: visible.map((r) => ({
        participantId: r.id,
        trainingId: r.training_id,
        title: r.title,
        course: {
          id: r.course_id,
          code: r.course_code,
          title: r.course_title,
          topic: r.topic,
          level: r.level,
          pillar: r.pillar,
        },
        startsOn: day(r.starts_on),
        endsOn: day(r.ends_on),
        attended: r.attended,
        completed: r.completed,
        preScore: num(r.pre_score),
        postScore: num(r.post_score),
        agency: r.agency,
        position: r.position,
      })),
    };
  }

  /** Likely existing persons for a name being typed, among records the viewer may see; audited (personal data). */
  async suggest(
    query: Parameters<TrainingsLinkageService["suggest"]>[0],
    principal: Principal,
    actor: Actor,
  ): Promise<PersonSuggestion[]> {
    const visible = await this.visibleSuggestions(await this.deps.linkage.suggest(query), principal);
    await this.changes.event(actor, {
      action: "trainings.persons.suggest",
      objectType: "training_person",
      details: { shown: visible.length },
    });
    return visible;
  }

  /** Suggestions from records the viewer may see (trainings they organize; coordinators see all). */
  private async visibleSuggestions(items: PersonSuggestion[], principal: Principal): Promise<PersonSuggestion[]> {
    const rows = new Map((await this.repo.participantsByIds(items.map((i) => i.participantId))).map((r) => [r.id, r]));
    const out: PersonSuggestion[] = [];
    for (const item of items) {
      const row = rows.get(item.participantId);
      const training = row ? await this.repo.findTraining(row.training_id) : undefined;
      if (training && (await this.canManage(principal, training))) out.push(item);
    }
    return out;
  }

  /** A reviewer decides only pairs whose two trainings they organize. */
  async requireReviewable(a: string, b: string, principal: Principal): Promise<void> {
    for (const id of [a, b]) {
      const row = await this.repo.findParticipant(id);
      if (!row) throw notFound("participant");
      await this.requireManaged(row.training_id, principal);
    }
  }

  /** Repeat-training alerts on trainings the viewer organizes. */
  async alerts(principal: Principal): Promise<RepeatAlert[]> {
    const rows = await this.repo.listAlerts(200);
    const out: RepeatAlert[] = [];
    for (const r of rows) {
      if (!(await this.canManage(principal, r))) continue;
      out.push({
        id: r.id,
        createdAt: new Date(r.created_at).toISOString(),
        participantId: r.participant_id,
        name: r.full_name ?? r.full_name_native ?? "",
        trainingId: r.training_id,
        trainingTitle: r.title,
        previousTrainingId: r.previous_training_id,
        previousTrainingTitle: r.previous_title,
        previousEndsOn: day(r.previous_ends_on),
        topic: r.topic,
        level: r.level,
      });
    }
    return out;
  }
}
