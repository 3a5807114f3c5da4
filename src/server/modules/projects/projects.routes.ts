import { z } from "zod";
import { JobSchema, QueryFlagSchema } from "../../../common/platform.js";
import {
  AlertLabelSchema,
  AlertQuerySchema,
  AlertSchema,
  DocumentInputSchema,
  DocumentSchema,
  FlowQuerySchema,
  FlowSeriesSchema,
  GapQuerySchema,
  GapSchema,
  ModelSchema,
  NeedInputSchema,
  NeedSchema,
  NeedUpdateSchema,
  ProjectInputSchema,
  ProjectListSchema,
  ProjectQuerySchema,
  ProjectSchema,
  ProjectUpdateSchema,
  SavedSearchInputSchema,
  SavedSearchSchema,
  TransitionSchema,
} from "../../../common/projects.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { requires } from "../../http/access-rules.js";
import { AppError } from "../../http/errors.js";
import { actorOf } from "../../http/request-context.js";
import { recordRoutes } from "../../platform/record-routes.js";
import { attachmentDisposition, TABULAR_CONTENT_TYPES, writeCsv, writeXlsx } from "../../platform/tabular.js";
import { projectExport } from "./projects.export.js";
import { registerFigureRoutes } from "./projects.figures.routes.js";
import { registerProjectImportRoutes } from "./projects.import.routes.js";
import { IMPORT_JOB, IMPORT_MAX_BYTES } from "./projects.module.js";

const IdParams = z.object({ id: z.uuid() });
const DocParams = z.object({ id: z.uuid(), documentId: z.uuid() });
const member = { access: requires("member:read") };
const editor = { access: requires("projects:write") };
const coordination = { access: requires("reference:manage") };
const tags = ["projects (ADAM)"];

/** Routes of the projects module under /api/v1. */
export async function registerProjectsRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  registerRecordRoutes(app, ctx);
  registerDocumentRoutes(app, ctx);
  registerDuplicateRoutes(app, ctx);
  registerNeedRoutes(app, ctx);
  registerExchangeRoutes(app, ctx);
  registerFigureRoutes(app, ctx);
  registerProjectImportRoutes(app, ctx);
}

function registerRecordRoutes(app: AppInstance, ctx: AppContext) {
  const record = recordRoutes(app, tags);
  const m = ctx.projects;
  record.list(
    "/projects",
    member,
    {
      summary: "Search projects: full text (EN/RU), facets, sorting",
      querystring: ProjectQuerySchema,
      response: ProjectListSchema,
    },
    (query, { principal }) => m.projects.list(query, principal),
  );
  record.create(
    "/projects",
    editor,
    {
      summary: "Create a project (draft) for your partner; runs the duplicate check",
      body: ProjectInputSchema,
      response: ProjectSchema,
    },
    (body, { principal, actor }) => m.projects.create(body, principal, actor),
  );
  record.get("/projects/:id", member, { summary: "One project", response: ProjectSchema }, (id, { principal }) =>
    m.projects.get(id, principal),
  );
  record.change(
    "PUT",
    "/projects/:id",
    editor,
    {
      summary: "Replace a project's fields (send the version you read; 409 with the current record when stale)",
      body: ProjectUpdateSchema,
      response: ProjectSchema,
    },
    (id, body, { principal, actor }) => m.projects.update(id, body, principal, actor),
  );
  record.change(
    "POST",
    "/projects/:id/transition",
    editor,
    {
      summary: "Workflow: draft → submitted → published (coordinators publish), archive",
      body: TransitionSchema,
      response: ProjectSchema,
    },
    (id, { to, version }, { principal, actor }) => m.projects.transition(id, to, version, principal, actor),
  );
  app.get(
    "/projects/:id/flows",
    {
      config: member,
      schema: {
        tags,
        summary: "Planned against actual: a project's USD committed, disbursed and spent by year or quarter",
        description:
          "Each transaction in USD at the stored rate of its own date; what no rate converts is listed per type in `unconverted`. Who may read the project may read this (drafts: its partner and coordinators).",
        params: IdParams,
        querystring: FlowQuerySchema.pick({ interval: true }),
        response: { 200: FlowSeriesSchema },
      },
    },
    async (request) => m.projects.flows(request.params.id, request.principal, request.query.interval),
  );
  record.history("/projects/:id/history", member, { summary: "Revision history of a project" }, (id, { principal }) =>
    m.projects.history(id, principal),
  );
  app.get(
    "/projects/saved-searches",
    {
      config: member,
      schema: {
        tags,
        summary: "Your saved project searches",
        response: { 200: z.object({ items: z.array(SavedSearchSchema) }) },
      },
    },
    async (request) => ({ items: await m.projects.savedSearches(request.principal) }),
  );
  record.create(
    "/projects/saved-searches",
    member,
    { summary: "Save a project search", body: SavedSearchInputSchema, response: SavedSearchSchema },
    (body, { principal }) => m.projects.saveSearch(principal, body.name, body.query),
  );
  app.delete(
    "/projects/saved-searches/:id",
    { config: member, schema: { tags, summary: "Delete a saved search", params: IdParams } },
    async (request, reply) => {
      await m.projects.deleteSearch(request.principal, request.params.id);
      return reply.status(204).send();
    },
  );
}

function registerDocumentRoutes(app: AppInstance, ctx: AppContext) {
  const record = recordRoutes(app, tags);
  const d = ctx.projects.documents;
  record.get(
    "/projects/:id/documents",
    member,
    { summary: "Documents and pictures of a project", response: z.object({ items: z.array(DocumentSchema) }) },
    async (id, { principal }) => ({ items: await d.list(id, principal) }),
  );
  record.change(
    "POST",
    "/projects/:id/documents",
    editor,
    {
      summary: "Attach an uploaded file (POST /files first); pictures get a thumbnail",
      body: DocumentInputSchema,
      response: DocumentSchema,
      status: 201,
    },
    (id, body, { principal, actor }) => d.add(id, body, principal, actor),
  );
  app.post(
    "/projects/:id/documents/:documentId/versions",
    {
      config: editor,
      schema: {
        tags,
        summary: "A new version of a document (the old one is kept)",
        params: DocParams,
        body: DocumentInputSchema.pick({ fileId: true }),
        response: { 201: DocumentSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await d.addVersion(
            request.params.id,
            request.params.documentId,
            request.body.fileId,
            request.principal,
            actorOf(request),
          ),
        ),
  );
  app.delete(
    "/projects/:id/documents/:documentId",
    {
      config: editor,
      schema: { tags, summary: "Remove a document from the project (kept in the archive)", params: DocParams },
    },
    async (request, reply) => {
      await d.archive(request.params.id, request.params.documentId, request.principal, actorOf(request));
      return reply.status(204).send();
    },
  );
  app.get(
    "/projects/:id/documents/:documentId/file",
    {
      config: member,
      schema: {
        tags,
        summary: "Download a document (a version, or a picture's thumbnail) after the access check",
        params: DocParams,
        querystring: z.object({
          version: z.coerce.number().int().min(1).optional(),
          thumbnail: QueryFlagSchema.optional(),
        }),
      },
    },
    async (request, reply) => {
      const { record, stream } = await d.open(
        request.params.id,
        request.params.documentId,
        request.principal,
        request.query,
      );
      const inline = record.mediaType.startsWith("image/") || record.mediaType === "application/pdf";
      return reply
        .type(record.mediaType)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, max-age=300")
        .header(
          "content-disposition",
          inline
            ? `inline; ${attachmentDisposition(record.originalName).slice("attachment; ".length)}`
            : attachmentDisposition(record.originalName),
        )
        .send(stream);
    },
  );
}

function registerDuplicateRoutes(app: AppInstance, ctx: AppContext) {
  const dup = ctx.projects.duplicates;
  app.get(
    "/projects/duplicates",
    {
      config: editor,
      schema: {
        tags,
        summary: "Duplication alerts touching your partner's projects (coordinators: all), each explained",
        querystring: AlertQuerySchema,
        response: {
          200: z.object({
            items: z.array(AlertSchema),
            total: z.number(),
            limit: z.number(),
            offset: z.number(),
            threshold: z.number(),
          }),
        },
      },
    },
    async (request) => dup.list(request.query, request.principal),
  );
  app.post(
    "/projects/duplicates/:id/label",
    {
      config: editor,
      schema: {
        tags,
        summary: "Label an alert: duplicate effort, co-financing or unrelated (tunes the threshold)",
        params: IdParams,
        body: AlertLabelSchema,
        response: { 200: AlertSchema },
      },
    },
    async (request) =>
      dup.label(request.params.id, request.body.label, request.body.version, request.principal, actorOf(request)),
  );
  app.get(
    "/projects/duplicates/model",
    {
      config: editor,
      schema: {
        tags,
        summary: "The current alert threshold and how well it fits the labels",
        response: { 200: ModelSchema },
      },
    },
    async () => dup.model(),
  );
  app.post(
    "/projects/duplicates/run",
    {
      config: coordination,
      schema: {
        tags,
        summary: "Run the duplicate check over all projects now (a job)",
        response: { 202: z.object({ jobId: z.string() }) },
      },
    },
    async (_request, reply) => reply.status(202).send({ jobId: await dup.enqueueNightly() }),
  );
}

function registerNeedRoutes(app: AppInstance, ctx: AppContext) {
  const record = recordRoutes(app, tags);
  const needs = ctx.projects.needs;
  app.get(
    "/projects/needs",
    {
      config: member,
      schema: {
        tags,
        summary: "Technical-assistance needs",
        querystring: z.object({
          country: z.string().trim().max(3).optional(),
          pillar: z.coerce.number().int().min(1).max(4).optional(),
        }),
        response: { 200: z.object({ items: z.array(NeedSchema) }) },
      },
    },
    async (request) =>
      needs.list({ country: request.query.country?.toUpperCase(), pillar: request.query.pillar }, request.principal),
  );
  app.post(
    "/projects/needs",
    {
      config: editor,
      schema: { tags, summary: "Record a need", body: NeedInputSchema, response: { 201: NeedSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await needs.create(request.body, request.principal, actorOf(request))),
  );
  record.change(
    "PUT",
    "/projects/needs/:id",
    editor,
    { summary: "Change a need (send the version you read)", body: NeedUpdateSchema, response: NeedSchema },
    (id, body, { principal, actor }) => needs.update(id, body, principal, actor),
  );
  app.post(
    "/projects/needs/:id/archive",
    {
      config: editor,
      schema: {
        tags,
        summary: "Archive a need",
        params: IdParams,
        body: z.object({ version: z.number().int().min(1) }),
      },
    },
    async (request, reply) => {
      await needs.archive(request.params.id, request.body.version, request.principal, actorOf(request));
      return reply.status(204).send();
    },
  );
  record.list(
    "/projects/gaps",
    member,
    {
      summary: "Needs against projects: covered, partly covered, open; assistance without a need",
      description:
        "`measure` chooses what the USD columns sum: `usd` committed (default), `disbursed_usd` or `spent_usd`, each transaction at the stored rate of its date; `unconverted` lists what no rate converts.",
      querystring: GapQuerySchema,
      response: GapSchema,
    },
    (query, { principal }) => needs.gaps(principal, query.measure),
  );
}

function registerExchangeRoutes(app: AppInstance, ctx: AppContext) {
  const m = ctx.projects;
  app.get(
    "/projects/export",
    {
      config: member,
      schema: {
        tags,
        summary: "The projects of a search as CSV or XLSX",
        querystring: ProjectQuerySchema.extend({ format: z.enum(["csv", "xlsx"]).default("xlsx") }),
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const names = await m.parties.names();
      const list = await m.projects.list({ ...query, limit: 200, offset: 0 }, request.principal);
      const items = [...list.items];
      for (let offset = 200; offset < Math.min(list.total, 20_000); offset += 200)
        items.push(...(await m.projects.list({ ...query, limit: 200, offset }, request.principal)).items);
      const { columns, rows, sheet } = projectExport(items, names, request.lang);
      const body = format === "csv" ? writeCsv(columns, rows) : await writeXlsx([{ name: sheet, columns, rows }]);
      return reply
        .type(TABULAR_CONTENT_TYPES[format])
        .header("content-disposition", attachmentDisposition(`projects.${format}`))
        .send(body);
    },
  );
  app.get(
    "/projects/export/iati",
    { config: member, schema: { tags, summary: "Published projects as IATI 2.03 activity XML" } },
    async (request, reply) => {
      const xml = await m.exchange.exportIati(request.principal, ctx.config.publicUrl);
      return reply
        .type("application/xml; charset=utf-8")
        .header("content-disposition", attachmentDisposition("adam-iati-activities.xml"))
        .send(xml);
    },
  );
  app.post(
    "/projects/import",
    {
      config: editor,
      schema: {
        tags,
        summary: "Import IATI activity XML (2.0x, 1.0x), CSV or XLSX (multipart field `file`) as a job",
        description:
          "Each activity that cannot be taken is reported with the reason; the rest are imported in one transaction (or none with allOrNothing=true). Follow the job at /jobs/:id/events.",
        consumes: ["multipart/form-data"],
        querystring: z.object({
          allOrNothing: z.enum(["true", "false"]).optional(),
          partnerCode: z.string().trim().max(20).optional(),
        }),
        response: { 202: z.object({ jobId: z.string(), job: JobSchema.optional() }) },
      },
    },
    async (request, reply) => {
      const part = request.isMultipart() ? await request.file({ limits: { fileSize: IMPORT_MAX_BYTES } }) : undefined;
      if (part?.fieldname !== "file") {
        part?.file.resume();
        throw new AppError("validation_failed", 400, undefined, [{ path: "body.file", code: "required" }]);
      }
      const data = await part.toBuffer();
      if (part.file.truncated) throw new AppError("payload_too_large", 413);
      const user = request.principal.user;
      if (!user) throw new AppError("unauthenticated", 401);
      const jobId = await ctx.jobs.enqueue(
        IMPORT_JOB,
        {
          data: data.toString("base64"),
          fileName: part.filename,
          partnerCode: request.query.partnerCode,
          allOrNothing: request.query.allOrNothing === "true",
          user,
          actor: actorOf(request),
        },
        actorOf(request),
      );
      return reply.status(202).send({ jobId });
    },
  );
}
