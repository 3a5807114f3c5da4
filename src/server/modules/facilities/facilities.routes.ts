import { z } from "zod";
import {
  AssessmentInputSchema,
  AssessmentSchema,
  CountryFacilityStatsSchema,
  FacilityFilterSchema,
  FacilityImportJobRequestSchema,
  FacilityImportReportSchema,
  FacilityInputSchema,
  FacilityListQuerySchema,
  FacilityListSchema,
  FacilityPointsSchema,
  FacilityReferenceSchema,
  FacilitySchema,
  FacilityStatsSchema,
  FacilityUpdateSchema,
  ImportPreviewRequestSchema,
  ImportPreviewSchema,
  ImportRequestSchema,
} from "../../../common/facilities.js";
import { ImportStartedSchema } from "../../../common/imports.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { registerValueMappingRoutes } from "../../platform/imports/value-mappings.routes.js";
import { recordRoutes } from "../../platform/record-routes.js";
import { attachmentDisposition, TABULAR_CONTENT_TYPES, writeCsv, writeXlsx } from "../../platform/tabular.js";
import { localizedFacilityColumns, localizedFacilityRows, templateColumns } from "./facilities.export.js";

const CountryParams = z.object({
  iso3: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/),
});
const ExportQuery = FacilityFilterSchema.extend({ format: z.enum(["csv", "xlsx"]).default("xlsx") });

/** Routes of the facilities module under /api/v1. */
export async function registerFacilitiesRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ["facilities"];
  const record = recordRoutes(app, tags);
  const open = { access: publicAccess() };
  const write = { access: requires("facilities:write") };
  const service = ctx.facilities;

  app.get(
    "/facilities/reference",
    {
      config: open,
      schema: {
        tags,
        summary: "Modalities, services, populations and the self-assessment checklists (UNODC/WHO standards)",
        response: { 200: FacilityReferenceSchema },
      },
    },
    async () => service.reference(),
  );
  record.list(
    "/facilities",
    open,
    {
      summary: "Directory of treatment facilities (visitors see public ones only)",
      querystring: FacilityListQuerySchema,
      response: FacilityListSchema,
    },
    (query, { principal }) => service.list(query, principal),
  );
  record.list(
    "/facilities/points",
    open,
    {
      summary: "Coordinates of every matching facility, for the map",
      querystring: FacilityFilterSchema,
      response: FacilityPointsSchema,
    },
    (query, { principal }) => service.points(query, principal),
  );
  app.get(
    "/facilities/stats",
    {
      config: open,
      schema: {
        tags,
        summary: "Facilities, capacity and modality coverage by country",
        response: { 200: FacilityStatsSchema },
      },
    },
    async (request) => service.stats(request.principal),
  );
  app.get(
    "/facilities/stats/:iso3",
    {
      config: open,
      schema: {
        tags,
        summary: "Statistics of one country (what the country fact sheet shows)",
        params: CountryParams,
        response: { 200: CountryFacilityStatsSchema },
      },
    },
    async (request) => service.statsByCountry(request.params.iso3, request.principal, "replica"),
  );
  app.get(
    "/facilities/export",
    {
      config: open,
      schema: {
        tags,
        summary: "The matching facilities as XLSX or CSV (the import template's columns)",
        querystring: ExportQuery,
        response: { 200: z.unknown().describe("The file, as an attachment") },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const rows = localizedFacilityRows(
        await service.exportRows(filter, request.principal),
        service.reference(),
        request.lang,
      );
      const columns = localizedFacilityColumns(request.lang);
      const sheet = request.lang === "ru" ? "Учреждения" : "Facilities";
      const body = format === "csv" ? writeCsv(columns, rows) : await writeXlsx([{ name: sheet, columns, rows }]);
      return reply
        .header("content-type", TABULAR_CONTENT_TYPES[format])
        .header("content-disposition", attachmentDisposition(`facilities.${format}`))
        .send(body);
    },
  );
  app.get(
    "/facilities/import/template",
    {
      config: open,
      schema: {
        tags,
        summary: "The XLSX import template, with the codes of modalities, services and populations",
        response: { 200: z.unknown().describe("The template, as an attachment") },
      },
    },
    async (_request, reply) => {
      const body = await writeXlsx(templateColumns(service.reference()));
      return reply
        .header("content-type", TABULAR_CONTENT_TYPES.xlsx)
        .header("content-disposition", attachmentDisposition("facilities-template.xlsx"))
        .send(body);
    },
  );
  app.post(
    "/facilities/import/preview",
    {
      config: write,
      schema: {
        tags,
        summary: "Columns of an uploaded file (POST /files first) with a suggested mapping and the first rows",
        body: ImportPreviewRequestSchema,
        response: { 200: ImportPreviewSchema },
      },
    },
    async (request) => service.importPreview(request.body.fileId, request.body.sheet, request.principal),
  );
  app.post(
    "/facilities/import",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Import an uploaded CSV/XLSX/XLS/ODS file inside the request, all or nothing (dryRun: check only); mapping " +
          "header → field. The same stages as POST /facilities/imports, which runs them as a job",
        body: ImportRequestSchema,
        response: { 200: FacilityImportReportSchema },
      },
    },
    async (request) => service.importUpload(request.body, request.principal, actorOf(request)),
  );
  app.post(
    "/facilities/imports",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Check (dryRun) or import a facility list uploaded to /files (the caller's own) as a background job of the " +
          "import pipeline with a progress bar (follow it at /jobs/:id)",
        description:
          "The job's result is a FacilityImportResult: the report (rows, errors and warnings by row, column and value " +
          "in English and Russian), the file's headers, the column mapping used (field → header, the pipeline's " +
          "direction), created/updated/unchanged, and the rows repeating a facility of the file (same name, town " +
          "and country, coordinates within 100 m) with decisionRequired until `duplicates` (merge or keep_both) is " +
          "sent. A national locator list has no country column: send `country`. Nothing is written unless all is.",
        body: FacilityImportJobRequestSchema,
        response: { 202: ImportStartedSchema },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await service.startImport(request.body, request.principal, actorOf(request))),
  );
  // What the import remembers of the value-mapping step, per country: seen and taken back by who imports for it.
  registerValueMappingRoutes(app, ctx, {
    kind: "facilities",
    path: "/facilities/imports/value-mappings",
    permission: "facilities:write",
    sourcesOf: (principal) => service.editableCountries(principal),
    source: "country",
    tags,
  });
  record.create(
    "/facilities",
    write,
    {
      summary: "Enter a facility (liaison officers: their countries; focal points: their own country)",
      body: FacilityInputSchema,
      response: FacilitySchema,
    },
    (body, { principal, actor }) => service.create(body, principal, actor),
  );
  record.get(
    "/facilities/:id",
    open,
    {
      summary: "One facility (a restricted one is audited on read, and hidden from visitors)",
      response: FacilitySchema,
    },
    (id, { principal, actor }) => service.get(id, principal, actor),
  );
  record.change(
    "PATCH",
    "/facilities/:id",
    write,
    {
      summary: "Change a facility (optimistic locking: send the version you read)",
      body: FacilityUpdateSchema,
      response: FacilitySchema,
    },
    (id, body, { principal, actor }) => service.update(id, body, principal, actor),
  );
  record.archive(
    "/facilities/:id/archive",
    write,
    { summary: "Archive a facility (it leaves the directory, its history stays)" },
    (id, version, { principal, actor }) => service.archive(id, version, principal, actor),
  );
  record.history(
    "/facilities/:id/history",
    { access: requires("member:read") },
    { summary: "Revision history of a facility" },
    (id, { principal }) => service.history(id, principal),
  );
  record.get(
    "/facilities/:id/assessments",
    open,
    {
      summary: "Self-assessments of a facility against the quality standards, newest first",
      response: z.object({ items: z.array(AssessmentSchema) }),
    },
    async (id, { principal }) => ({ items: await service.assessments(id, principal) }),
  );
  record.change(
    "POST",
    "/facilities/:id/assessments",
    write,
    {
      summary: "Record a self-assessment of one modality (every checklist item answered)",
      body: AssessmentInputSchema,
      response: AssessmentSchema,
      status: 201,
    },
    (id, body, { principal, actor }) => service.assess(id, body, principal, actor),
  );
}
