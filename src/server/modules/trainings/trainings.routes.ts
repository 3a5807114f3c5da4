import { z } from "zod";
import { ImportStartedSchema } from "../../../common/imports.js";
import {
  CourseInputSchema,
  CourseSchema,
  DecisionInputSchema,
  LinkageJobSchema,
  ParticipantImportRequestSchema,
  ParticipantImportResultSchema,
  ParticipantInputSchema,
  ParticipantListSchema,
  ParticipantSchema,
  ParticipantUpdateSchema,
  PassportSchema,
  PersonSuggestionsSchema,
  PersonSuggestQuerySchema,
  RepeatAlertListSchema,
  ReportQuerySchema,
  ReportSchema,
  ReviewQueueSchema,
  TrainingInputSchema,
  TrainingListQuerySchema,
  TrainingListSchema,
  TrainingSchema,
  TrainingUpdateSchema,
} from "../../../common/trainings.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { recordRoutes } from "../../platform/record-routes.js";
import { attachmentDisposition, TABULAR_CONTENT_TYPES } from "../../platform/tabular.js";
import { exportReport } from "./trainings.reports.js";
import { reviewQueue } from "./trainings-review.js";

const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Routes of the trainings module under /api/v1. */
export async function registerTrainingsRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ["trainings"];
  const record = recordRoutes(app, tags);
  const service = ctx.trainings;
  const write = { access: requires("trainings:write") };
  const personal = { access: requires("trainings:personal") };
  const review = { access: requires("linkage:review") };

  app.get(
    "/trainings/courses",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "Course catalogue (topic, level, pillar)",
        response: { 200: z.object({ items: z.array(CourseSchema) }) },
      },
    },
    async () => ({ items: await service.courses() }),
  );
  record.create(
    "/trainings/courses",
    write,
    { summary: "Add a course to the catalogue", body: CourseInputSchema, response: CourseSchema },
    (body, { actor }) => service.createCourse(body, actor),
  );
  record.list(
    "/trainings",
    { access: publicAccess() },
    {
      summary: "Training events (no personal data)",
      querystring: TrainingListQuerySchema,
      response: TrainingListSchema,
    },
    (query, { principal }) => service.list(query, principal),
  );
  record.create(
    "/trainings",
    write,
    { summary: "Record a training event", body: TrainingInputSchema, response: TrainingSchema },
    (body, { principal, actor }) => service.create(body, principal, actor),
  );
  record.get(
    "/trainings/:id",
    { access: publicAccess() },
    { summary: "One training event", response: TrainingSchema },
    (id, { principal }) => service.get(id, principal),
  );
  record.change(
    "PATCH",
    "/trainings/:id",
    write,
    {
      summary: "Edit a training event (optimistic locking: send the version you read)",
      body: TrainingUpdateSchema,
      response: TrainingSchema,
    },
    (id, body, { principal, actor }) => service.update(id, body, principal, actor),
  );
  record.get(
    "/trainings/:id/participants",
    personal,
    {
      summary: "Participants of a training (personal data: organizers and coordinators; audited)",
      response: ParticipantListSchema,
    },
    async (id, { principal, actor }) => {
      const items = await service.participants(id, principal, actor);
      return { items, total: items.length };
    },
  );
  record.change(
    "POST",
    "/trainings/:id/participants",
    write,
    {
      summary:
        "Register a participant; queues the linkage job that links them to a person and checks for repeat training",
      body: ParticipantInputSchema,
      response: z.object({ participant: ParticipantSchema, linkageJobId: z.uuid() }),
      status: 201,
    },
    (id, body, { principal, actor }) => service.addParticipant(id, body, principal, actor),
  );
  record.change(
    "POST",
    "/trainings/:id/participants/import",
    write,
    {
      summary:
        "Import a participant list (CSV or XLSX uploaded to /files); all or nothing; rows repeating a participant of the list wait for one decision (duplicates: merge or keep_both) and nothing is written before it; queues the linkage job (follow it at /jobs/:id)",
      body: ParticipantImportRequestSchema,
      response: ParticipantImportResultSchema,
    },
    (id, { fileId, ...request }, { principal, actor }) => service.importUpload(id, fileId, request, principal, actor),
  );
  record.change(
    "POST",
    "/trainings/:id/participants/imports",
    write,
    {
      summary:
        "Check (dryRun) or import a participant list uploaded to /files as a background job with a progress bar " +
        "(follow it at /jobs/:id); the job's result is the import's result, as POST …/participants/import returns it",
      body: ParticipantImportRequestSchema,
      response: ImportStartedSchema,
      status: 202,
    },
    (id, { fileId, ...request }, { principal, actor }) => service.startImport(id, fileId, request, principal, actor),
  );
  record.change(
    "PATCH",
    "/trainings/participants/:id",
    write,
    {
      summary: "Correct a participant (optimistic locking); queues the linkage job",
      body: ParticipantUpdateSchema,
      response: ParticipantSchema,
    },
    (id, body, { principal, actor }) => service.updateParticipant(id, body, principal, actor),
  );
  record.list(
    "/trainings/persons/suggest",
    personal,
    {
      summary: "Likely existing persons for a name being typed",
      querystring: PersonSuggestQuerySchema,
      response: PersonSuggestionsSchema,
    },
    async (query, { principal, actor }) => ({ items: await service.suggest(query, principal, actor) }),
  );
  record.get(
    "/trainings/persons/:id",
    personal,
    { summary: "A person's training passport (audited)", response: PassportSchema },
    (id, { principal, actor }) => service.passport(id, principal, actor),
  );
  record.list(
    "/trainings/linkage/review",
    review,
    {
      summary:
        "Pairs awaiting review, with each field's level and weight; the thresholds in use (learned from reviewers' decisions with a 90% interval, or the defaults and why) and the linkage run under way",
      querystring: PageQuery,
      response: ReviewQueueSchema,
    },
    (query, { principal, actor }) => reviewQueue(service, principal, actor, query),
  );
  app.post(
    "/trainings/linkage/decisions",
    {
      config: review,
      schema: {
        tags,
        summary:
          "Decide a pair: the same person or not (kept and respected by later runs; the pair leaves the queue); queues the linkage job",
        body: DecisionInputSchema,
        response: { 200: LinkageJobSchema },
      },
    },
    async (request) => {
      await service.requireReviewable(request.body.a, request.body.b, request.principal);
      return {
        jobId: await service.linkage.decide(request.body.a, request.body.b, request.body.same, actorOf(request)),
      };
    },
  );
  app.post(
    "/trainings/linkage/run",
    {
      config: { access: requires("reference:manage") },
      schema: {
        tags,
        summary:
          "Link all participants again, as a job: 202 with its id (joins the run already queued, if any); follow it at /jobs/:id and /jobs/:id/events",
        response: { 202: LinkageJobSchema },
      },
    },
    async (request, reply) => reply.code(202).send({ jobId: await service.linkage.enqueue(actorOf(request)) }),
  );
  app.get(
    "/trainings/alerts",
    {
      config: personal,
      schema: { tags, summary: "Repeat-training alerts on your trainings", response: { 200: RepeatAlertListSchema } },
    },
    async (request) => ({ items: await service.alerts(request.principal) }),
  );
  record.list(
    "/trainings/reports",
    { access: publicAccess() },
    {
      summary: "People trained by country, agency, sex, topic or year; repeat-training rate (aggregated)",
      querystring: ReportQuerySchema.omit({ format: true }),
      response: ReportSchema,
    },
    (query) => service.report(query.by),
  );
  app.get(
    "/trainings/reports/export",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "The report as CSV or XLSX",
        querystring: ReportQuerySchema.extend({ format: z.enum(["csv", "xlsx"]).default("xlsx") }),
      },
    },
    async (request, reply) => {
      const report = await service.report(request.query.by);
      const body = await exportReport(report, request.query.format, request.lang);
      return reply
        .type(TABULAR_CONTENT_TYPES[request.query.format])
        .header("content-disposition", attachmentDisposition(`trainings-by-${report.by}.${request.query.format}`))
        .send(body);
    },
  );
}
