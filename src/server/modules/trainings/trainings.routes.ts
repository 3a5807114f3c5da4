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
import { attachmentDisposition, TABULAR_CONTENT_TYPES } from "../../platform/tabular.js";
import { buildReport, exportReport } from "./trainings.reports.js";
import { reviewQueue } from "./trainings-review.js";

const IdParams = z.object({ id: z.uuid() });
const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Routes of the trainings module under /api/v1. */
export async function registerTrainingsRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ["trainings"];
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
  app.post(
    "/trainings/courses",
    {
      config: write,
      schema: {
        tags,
        summary: "Add a course to the catalogue",
        body: CourseInputSchema,
        response: { 201: CourseSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createCourse(request.body, actorOf(request))),
  );
  app.get(
    "/trainings",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "Training events (no personal data)",
        querystring: TrainingListQuerySchema,
        response: { 200: TrainingListSchema },
      },
    },
    async (request) => service.list(request.query, request.principal),
  );
  app.post(
    "/trainings",
    {
      config: write,
      schema: {
        tags,
        summary: "Record a training event",
        body: TrainingInputSchema,
        response: { 201: TrainingSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.create(request.body, request.principal, actorOf(request))),
  );
  app.get(
    "/trainings/:id",
    {
      config: { access: publicAccess() },
      schema: { tags, summary: "One training event", params: IdParams, response: { 200: TrainingSchema } },
    },
    async (request) => service.get(request.params.id, request.principal),
  );
  app.patch(
    "/trainings/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Edit a training event (optimistic locking: send the version you read)",
        params: IdParams,
        body: TrainingUpdateSchema,
        response: { 200: TrainingSchema },
      },
    },
    async (request) => service.update(request.params.id, request.body, request.principal, actorOf(request)),
  );
  app.get(
    "/trainings/:id/participants",
    {
      config: personal,
      schema: {
        tags,
        summary: "Participants of a training (personal data: organizers and coordinators; audited)",
        params: IdParams,
        response: { 200: ParticipantListSchema },
      },
    },
    async (request) => {
      const items = await service.participants(request.params.id, request.principal, actorOf(request));
      return { items, total: items.length };
    },
  );
  app.post(
    "/trainings/:id/participants",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Register a participant; queues the linkage job that links them to a person and checks for repeat training",
        params: IdParams,
        body: ParticipantInputSchema,
        response: { 201: z.object({ participant: ParticipantSchema, linkageJobId: z.uuid() }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addParticipant(request.params.id, request.body, request.principal, actorOf(request))),
  );
  app.post(
    "/trainings/:id/participants/import",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Import a participant list (CSV or XLSX uploaded to /files); all or nothing; rows repeating a participant of the list wait for one decision (duplicates: merge or keep_both) and nothing is written before it; queues the linkage job (follow it at /jobs/:id)",
        params: IdParams,
        body: ParticipantImportRequestSchema,
        response: { 200: ParticipantImportResultSchema },
      },
    },
    async (request) =>
      service.importUpload(
        request.params.id,
        request.body.fileId,
        { dryRun: request.body.dryRun, duplicates: request.body.duplicates },
        request.principal,
        actorOf(request),
      ),
  );
  app.post(
    "/trainings/:id/participants/imports",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Check (dryRun) or import a participant list uploaded to /files as a background job with a progress bar " +
          "(follow it at /jobs/:id); the job's result is the import's result, as POST …/participants/import returns it",
        params: IdParams,
        body: ParticipantImportRequestSchema,
        response: { 202: ImportStartedSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await service.startImport(
            request.params.id,
            request.body.fileId,
            { dryRun: request.body.dryRun, duplicates: request.body.duplicates },
            request.principal,
            actorOf(request),
          ),
        ),
  );
  app.patch(
    "/trainings/participants/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Correct a participant (optimistic locking); queues the linkage job",
        params: IdParams,
        body: ParticipantUpdateSchema,
        response: { 200: ParticipantSchema },
      },
    },
    async (request) => service.updateParticipant(request.params.id, request.body, request.principal, actorOf(request)),
  );
  app.get(
    "/trainings/persons/suggest",
    {
      config: personal,
      schema: {
        tags,
        summary: "Likely existing persons for a name being typed",
        querystring: PersonSuggestQuerySchema,
        response: { 200: PersonSuggestionsSchema },
      },
    },
    async (request) => ({ items: await service.suggest(request.query, request.principal, actorOf(request)) }),
  );
  app.get(
    "/trainings/persons/:id",
    {
      config: personal,
      schema: {
        tags,
        summary: "A person's training passport (audited)",
        params: IdParams,
        response: { 200: PassportSchema },
      },
    },
    async (request) => service.passport(request.params.id, request.principal, actorOf(request)),
  );
  app.get(
    "/trainings/linkage/review",
    {
      config: review,
      schema: {
        tags,
        summary:
          "Pairs awaiting review, with each field's level and weight; the thresholds in use (learned from reviewers' decisions with a 90% interval, or the defaults and why) and the linkage run under way",
        querystring: PageQuery,
        response: { 200: ReviewQueueSchema },
      },
    },
    async (request) => reviewQueue(service, request.principal, actorOf(request), request.query),
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
  app.get(
    "/trainings/reports",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "People trained by country, agency, sex, topic or year; repeat-training rate (aggregated)",
        querystring: ReportQuerySchema.omit({ format: true }),
        response: { 200: ReportSchema },
      },
    },
    async (request) => buildReport(service.repo, request.query.by),
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
      const report = await buildReport(service.repo, request.query.by);
      const body = await exportReport(report, request.query.format, request.lang);
      return reply
        .type(TABULAR_CONTENT_TYPES[request.query.format])
        .header("content-disposition", attachmentDisposition(`trainings-by-${report.by}.${request.query.format}`))
        .send(body);
    },
  );
}
