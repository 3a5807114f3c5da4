import { z } from "zod";
import { columnMappingSchema, ImportStartedSchema, valueMappingSchema } from "../../../common/imports.js";
import { PROJECT_VALUE_FIELDS } from "../../../common/projects.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { can } from "../../http/access-policy.js";
import { requires } from "../../http/access-rules.js";
import { AppError } from "../../http/errors.js";
import { actorOf } from "../../http/request-context.js";
import { registerValueMappingRoutes } from "../../platform/imports/value-mappings.routes.js";
import { attachmentDisposition, TABULAR_CONTENT_TYPES } from "../../platform/tabular.js";
import { PROJECT_IMPORT_FIELDS, projectTemplate } from "./projects.import.js";

const editor = { access: requires("projects:write") };
const tags = ["projects (ADAM)"];

/** `POST /projects/imports`: a CSV/XLSX/XLS/ODS file of projects, uploaded to /files by the caller. */
export const ProjectTableImportRequestSchema = z.object({
  fileId: z.uuid(),
  /** Partner of the rows that name none (else the caller's own partner). */
  partnerCode: z.string().trim().min(2).max(20).optional(),
  sheet: z.string().max(100).optional(),
  /** Field → the file's header (the pipeline's direction); a field left out is not in the file. */
  mapping: columnMappingSchema(PROJECT_IMPORT_FIELDS).optional(),
  /**
   * The value-mapping step's answers: field → the file's value → the code it means (null: not available); remembered
   * per layout and partner (a country's for every partner).
   */
  valueMapping: valueMappingSchema(PROJECT_VALUE_FIELDS).optional(),
  /** Check and report without writing. */
  dryRun: z.boolean().default(false),
});

/** `POST /projects/rates/imports`: an exchange-rate file (currency, date, usd_per_unit, source) uploaded to /files. */
export const RateFileImportRequestSchema = z.object({
  fileId: z.uuid(),
  /** Check and report without writing. */
  dryRun: z.boolean().default(false),
});

/** `POST /projects/iati/imports`: an IATI activity XML file uploaded to /files by the caller. */
export const IatiFileImportRequestSchema = z.object({
  fileId: z.uuid(),
  /** Partner of the activities that name none (else the caller's own partner). */
  partnerCode: z.string().trim().min(2).max(20).optional(),
  /** Strict: one rejected activity refuses the file (else the others are imported and it is reported). */
  allOrNothing: z.boolean().default(false),
  /** Check and report without writing. */
  dryRun: z.boolean().default(false),
});

/** Projects as spreadsheets on the platform's import pipeline: the job routes and the template. */
export function registerProjectImportRoutes(app: AppInstance, ctx: AppContext) {
  app.post(
    "/projects/rates/imports",
    {
      config: { access: requires("reference:manage") },
      schema: {
        tags,
        summary:
          "Check (dryRun) or import an exchange-rate file (CSV/XLSX/XLS/ODS) uploaded to /files (the caller's own) as a " +
          "background job of the import pipeline with a progress bar (coordinators)",
        description:
          "One rate a row: currency, date, usd_per_unit, source. All or nothing: every problem (a bad currency, date or " +
          "rate, a currency and date given twice) is reported by row, column and value in English and Russian and " +
          "nothing is written; otherwise the rates are stored and the transactions in their currencies converted " +
          "again. The job's result is the pipeline's ImportResult with `imported` and `projectsUpdated`.",
        body: RateFileImportRequestSchema,
        response: { 202: ImportStartedSchema },
      },
    },
    async (request, reply) => {
      const { fileId, dryRun } = request.body;
      const started = await ctx.projects.rateImport.enqueue(
        fileId,
        { dryRun },
        {},
        request.principal,
        actorOf(request),
      );
      return reply.status(202).send(started);
    },
  );
  app.post(
    "/projects/imports",
    {
      config: editor,
      schema: {
        tags,
        summary:
          "Check (dryRun) or import a CSV/XLSX/XLS/ODS file of projects uploaded to /files (the caller's own) as a " +
          "background job of the import pipeline with a progress bar (follow it at /jobs/:id)",
        description:
          "One project a row (GET /projects/imports/template). Each row is checked by the project schema and the " +
          "projects service's own checks (partner, dates, donors); a row whose iati_identifier an existing project " +
          "has updates it. All or nothing: every problem is reported by row, column and value in English and Russian " +
          "and nothing is written. The job's result is the pipeline's ImportResult with `created` and `updated`.",
        body: ProjectTableImportRequestSchema,
        response: { 202: ImportStartedSchema },
      },
    },
    async (request, reply) => {
      const user = request.principal.user;
      if (!user) throw new AppError("unauthenticated", 401);
      const { fileId, partnerCode, sheet, mapping, dryRun, valueMapping } = request.body;
      const started = await ctx.projects.tableImport.enqueue(
        fileId,
        { sheet, mapping, dryRun, valueMapping },
        { user, partnerCode: partnerCode?.toUpperCase() },
        request.principal,
        actorOf(request),
      );
      return reply.status(202).send(started);
    },
  );
  app.post(
    "/projects/iati/imports",
    {
      config: editor,
      schema: {
        tags,
        summary:
          "Check (dryRun) or import an IATI activity XML file (2.0x, 1.0x) uploaded to /files (the caller's own) as a " +
          "background job with a progress bar and the import pipeline's report (follow it at /jobs/:id)",
        description:
          "Each activity becomes a project (one with the same iati-identifier as an existing project updates it). An " +
          "activity that cannot be taken is listed in the report (column `iati-identifier`, its identifier as the " +
          "value, the reason in English and Russian): a warning, the others being imported, or with allOrNothing an " +
          "error that refuses the file. Written in one transaction. The job's result is the pipeline's ImportResult " +
          "with `activities`, `created`, `updated` and `rejected` (counts).",
        body: IatiFileImportRequestSchema,
        response: { 202: ImportStartedSchema },
      },
    },
    async (request, reply) => {
      const user = request.principal.user;
      if (!user) throw new AppError("unauthenticated", 401);
      const { fileId, partnerCode, allOrNothing, dryRun } = request.body;
      const started = await ctx.projects.iatiImport.enqueue(
        fileId,
        dryRun,
        { partnerCode: partnerCode?.toUpperCase(), allOrNothing },
        request.principal,
        user,
        actorOf(request),
      );
      return reply.status(202).send(started);
    },
  );
  // What the import remembers of the value-mapping step, per partner: seen and taken back by that partner's editors.
  registerValueMappingRoutes(app, ctx, {
    kind: "projects",
    path: "/projects/imports/value-mappings",
    permission: "projects:write",
    sourcesOf: async (principal) => {
      if (can(principal, "partners:all")) return null;
      const partner = principal.user?.partnerCode?.toUpperCase();
      return partner ? [partner] : [];
    },
    source: "partner",
    tags,
  });
  app.get(
    "/projects/imports/template",
    {
      config: editor,
      schema: {
        tags,
        summary: "The project import template (CSV or XLSX) with an example row; the XLSX lists the allowed values",
        querystring: z.object({ format: z.enum(["csv", "xlsx"]).default("xlsx") }),
        response: { 200: z.unknown().describe("The template, as an attachment") },
      },
    },
    async (request, reply) =>
      reply
        .header("content-type", TABULAR_CONTENT_TYPES[request.query.format])
        .header("content-disposition", attachmentDisposition(`projects-template.${request.query.format}`))
        .send(await projectTemplate(request.query.format)),
  );
}
