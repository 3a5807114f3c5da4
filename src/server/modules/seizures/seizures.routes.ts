import type { FastifyReply } from "fastify";
import { z } from "zod";
import {
  AggregateQuerySchema,
  AggregateResultSchema,
  DashboardQuerySchema,
  DashboardSchema,
  DmpTermsSchema,
  DuplicateDecisionSchema,
  DuplicateListSchema,
  FlowsSchema,
  ImportRequestSchema,
  MapCountriesSchema,
  MapPointsSchema,
  PublicStatsQuerySchema,
  SeizureCorrectionSchema,
  SeizureFilterSchema,
  SeizureInputSchema,
  SeizureListQuerySchema,
  SeizureListSchema,
  SeizureSchema,
  SeizureUpdateSchema,
  TransitionResultSchema,
  TransitionSchema,
} from "../../../common/seizures.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires, signedIn } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { recordRoutes } from "../../platform/record-routes.js";
import { attachmentDisposition, TABULAR_CONTENT_TYPES } from "../../platform/tabular.js";
import { SeizureDuplicates } from "./seizures.duplicates.js";
import { SeizureInsights } from "./seizures.insights.js";
import { seizureImport } from "./seizures.jobs.js";
import { seizureTemplate } from "./seizures.template.js";
import { registerSeizureSettingsRoutes } from "./seizures-settings.routes.js";

/** Other headers pass through untouched (a strict object would drop the cookie and CSRF headers). */
const IdempotencyHeaders = z.looseObject({
  "idempotency-key": z.uuid().optional().describe("A UUID the client made for this entry (offline queue)"),
});
const FormatQuery = z.object({ format: z.enum(["csv", "xlsx"]).default("xlsx") });
const RevisionList = z.object({
  items: z.array(
    z.object({
      version: z.number().int(),
      at: z.string(),
      action: z.string(),
      actorName: z.string().nullable(),
      changes: z.record(z.string(), z.unknown()),
      /** Why: the reason a validator gave for a correction. */
      reason: z.string().nullable(),
    }),
  ),
});

/** Routes of the seizures module (DMP) under /api/v1. */
export async function registerSeizuresRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ["seizures"];
  const read = { access: requires("seizures:read-records") };
  const write = { access: requires("seizures:write") };
  const validate = { access: requires("seizures:validate") };
  const insights = new SeizureInsights(ctx.seizures, ctx.audit);
  const duplicates = new SeizureDuplicates(ctx.database.db, ctx.seizures, ctx.audit, ctx.revisions);
  registerSeizureSettingsRoutes(app, ctx);

  app.get(
    "/seizures/public-stats",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "Public statistics: published seizures by country, year and drug group; fewer than 3 cases suppressed",
        querystring: PublicStatsQuerySchema,
        response: { 200: AggregateResultSchema },
      },
    },
    async (request) => insights.publicStats(request.query),
  );
  app.get(
    "/seizures/stats",
    {
      config: read,
      schema: {
        tags,
        summary: "Aggregates of published seizures grouped as asked (cases, kg, quantity per unit)",
        querystring: AggregateQuerySchema,
        response: { 200: AggregateResultSchema },
      },
    },
    async (request) => insights.stats(request.query, request.principal),
  );
  app.get(
    "/seizures/dashboard",
    {
      config: read,
      schema: {
        tags,
        summary:
          "Dashboard: totals, series by month, country, drug and route, year on year, top seizures, alerts, and a " +
          "breakdown by any one or two dimensions (groupBy), the fields outside the monthly aggregate included",
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema },
      },
    },
    async (request) => insights.dashboard(request.query, request.principal, actorOf(request)),
  );
  app.get(
    "/seizures/map/countries",
    {
      config: read,
      schema: {
        tags,
        summary: "The seizure map's default layer: published seizures summed per country for the reader (cacheable)",
        description:
          "The dashboard's aggregate by country: a member sums only the records they may open, coordinators all. " +
          "No record-level data (the points are `/seizures/map/points`, loaded on demand). Answered with " +
          "`Cache-Control: private, no-cache` and an ETag naming the aggregate's version, the reader's access scope " +
          "and the filter; send If-None-Match to get 304 while nothing published has changed.",
        querystring: SeizureFilterSchema,
        response: { 200: MapCountriesSchema },
      },
    },
    async (request, reply) => {
      const { etag, body } = await insights.mapCountries(
        request.query,
        request.principal,
        request.headers["if-none-match"],
      );
      reply.header("etag", etag).header("cache-control", "private, no-cache").header("vary", "cookie, authorization");
      if (!body) return (reply as FastifyReply).status(304).send();
      return body;
    },
  );
  app.get(
    "/seizures/map/points",
    {
      config: read,
      schema: {
        tags,
        summary: "Seizure points for the map as compact arrays (audited)",
        querystring: SeizureFilterSchema,
        response: { 200: MapPointsSchema },
      },
    },
    async (request) => insights.points(request.query, request.principal, actorOf(request)),
  );
  app.get(
    "/seizures/map/flows",
    {
      config: read,
      schema: {
        tags,
        summary: "Trafficking flows: origin → transit → seizure country → destination, summed",
        querystring: SeizureFilterSchema,
        response: { 200: FlowsSchema },
      },
    },
    async (request) => insights.flows(request.query, request.principal),
  );
  app.get(
    "/seizures/terms",
    {
      config: { access: signedIn() },
      schema: {
        tags,
        summary: "The DMP terms of use and whether you accepted them",
        response: { 200: DmpTermsSchema },
      },
    },
    async (request) => ctx.seizures.terms(request.principal),
  );
  app.post(
    "/seizures/terms/accept",
    {
      // An act with legal weight: a read-only API token must not sign for its owner.
      config: { access: requires("account:write") },
      schema: {
        tags,
        summary: "Accept the DMP terms of use (required before individual records)",
        response: { 200: DmpTermsSchema },
      },
    },
    async (request) => ctx.seizures.acceptTerms(request.principal, actorOf(request)),
  );
  app.get(
    "/seizures",
    {
      config: read,
      schema: {
        tags,
        summary: "Individual seizure records the viewer may see (every read is audited)",
        querystring: SeizureListQuerySchema,
        response: { 200: SeizureListSchema },
      },
    },
    async (request) => ctx.seizures.list(request.query, request.principal, actorOf(request)),
  );
  app.post(
    "/seizures",
    {
      config: write,
      schema: {
        tags,
        summary: "Enter a seizure (status entered); unusual values answer 422 confirmation_required until confirmed",
        description:
          "With an `Idempotency-Key` (a UUID the client made for this entry), a repeat of the request by the same " +
          "user answers the record the first one created (201, `Idempotency-Replayed: true`) instead of creating " +
          "another; the same key with other content answers 409 `idempotency_key_reused` with `details.id` and " +
          "`details.version` of that record. A request refused (400, 422) creates nothing and keeps the key free.",
        headers: IdempotencyHeaders,
        body: SeizureInputSchema,
        response: { 201: SeizureSchema },
      },
    },
    async (request, reply) => {
      const { seizure, replayed } = await ctx.seizures.createOnce(
        request.body,
        request.headers["idempotency-key"] ?? null,
        request.principal,
        actorOf(request),
      );
      if (replayed) reply.header("idempotency-replayed", "true");
      return reply.status(201).send(seizure);
    },
  );
  app.get(
    "/seizures/export",
    {
      config: read,
      schema: {
        tags,
        summary: "Published records the viewer may see, as CSV or XLSX (audited)",
        querystring: SeizureFilterSchema.extend(FormatQuery.shape),
        response: { 200: z.unknown().describe("CSV or XLSX file") },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const body = await insights.exportRecords(filter, format, request.principal, actorOf(request), request.lang);
      return reply
        .header("content-type", TABULAR_CONTENT_TYPES[format])
        .header("content-disposition", attachmentDisposition(`seizures.${format}`))
        .send(body);
    },
  );
  app.get(
    "/seizures/import/template",
    {
      config: write,
      schema: {
        tags,
        summary: "The import template (XLSX with allowed values, or CSV)",
        querystring: FormatQuery,
        response: { 200: z.unknown().describe("CSV or XLSX file") },
      },
    },
    async (request, reply) =>
      reply
        .header("content-type", TABULAR_CONTENT_TYPES[request.query.format])
        .header("content-disposition", attachmentDisposition(`seizures-template.${request.query.format}`))
        .send(await seizureTemplate(request.query.format)),
  );
  app.post(
    "/seizures/imports",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Check (dry run) or import an uploaded CSV/XLSX file as a background job; the job's result is the report, " +
          "with the values no vocabulary knows (`unmapped`: map them with `valueMapping` and check again) and the " +
          "values read through mappings remembered for the file's source (`remembered`)",
        body: ImportRequestSchema,
        response: { 202: z.object({ jobId: z.uuid() }) },
      },
    },
    async (request, reply) => {
      // Checked here and again when the job runs: an import only ever reads its enqueuer's own upload.
      const { fileId, dryRun, mapping, valueMapping, confirmWarnings, sharing } = request.body;
      const who = await ctx.seizures.importContext(request.principal);
      const { jobId } = await seizureImport(ctx).enqueue(
        fileId,
        { dryRun, mapping: mapping as Record<string, string> | undefined, valueMapping, confirmWarnings },
        { sharing, ...who },
        request.principal,
        actorOf(request),
      );
      return reply.status(202).send({ jobId });
    },
  );
  app.post(
    "/seizures/transitions",
    {
      config: validate,
      schema: {
        tags,
        summary:
          "Validate or publish records (each with its version) or a whole import batch; a bulk step names the count " +
          "confirmed (expectedCount); whoever entered a record may not validate it (four-eyes, per country)",
        body: TransitionSchema,
        response: { 200: TransitionResultSchema },
      },
    },
    async (request) => ctx.seizures.transition(request.body, request.principal, actorOf(request)),
  );
  app.get(
    "/seizures/duplicates",
    {
      config: validate,
      schema: {
        tags,
        summary: "Possible duplicates across sources, to merge or keep apart",
        querystring: z.object({
          status: z.enum(["open", "merged", "kept_apart"]).default("open"),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: DuplicateListSchema },
      },
    },
    async (request) => duplicates.list(request.query.status, request.principal, request.query),
  );
  const record = recordRoutes(app, tags);
  record.change(
    "POST",
    "/seizures/duplicates/:id/decision",
    validate,
    {
      summary: "Merge a pair (one record stays) or keep them apart; the decision is kept",
      body: DuplicateDecisionSchema,
      response: z.object({ id: z.uuid(), status: z.enum(["merged", "kept_apart"]) }),
    },
    (id, body, { principal, actor }) => duplicates.decide(id, body, principal, actor),
  );
  record.get(
    "/seizures/:id",
    read,
    { summary: "One seizure record (audited)", response: SeizureSchema },
    (id, { principal, actor }) => ctx.seizures.get(id, principal, actor),
  );
  record.change(
    "PATCH",
    "/seizures/:id",
    write,
    {
      summary: "Edit an unpublished record (send the version you read); it returns to 'entered'",
      body: SeizureUpdateSchema,
      response: SeizureSchema,
    },
    (id, body, { principal, actor }) => ctx.seizures.update(id, body, principal, actor),
  );
  record.change(
    "POST",
    "/seizures/:id/correction",
    validate,
    {
      summary: "Correct a published record: a new revision with a reason; aggregates follow",
      body: SeizureCorrectionSchema,
      response: SeizureSchema,
    },
    (id, body, { principal, actor }) => ctx.seizures.correct(id, body, principal, actor),
  );
  record.history(
    "/seizures/:id/history",
    read,
    { summary: "Revision history of a record", response: RevisionList },
    (id, { principal }) => ctx.seizures.history(id, principal),
  );
}
