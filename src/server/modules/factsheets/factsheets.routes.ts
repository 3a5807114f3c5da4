import { z } from "zod";
import {
  FactsheetCreateSchema,
  FactsheetListQuerySchema,
  FactsheetSchema,
  FactsheetSummarySchema,
  FactsheetTransitionSchema,
  FactsheetUpdateSchema,
  RegionInputSchema,
  RegionSchema,
  RegionUpdateSchema,
} from "../../../common/factsheets.js";
import { RevisionSchema } from "../../../common/partners.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { attachmentDisposition, TABULAR_CONTENT_TYPES } from "../../platform/tabular.js";
import { registerArqRoutes } from "./arq.routes.js";
import { factsheetWorkbook } from "./factsheets.export.js";
import { htmlToPdf } from "./factsheets.pdf.js";
import { factsheetFooter, renderFactsheetHtml } from "./factsheets.render.js";
import { registerNationalDataRoutes } from "./national-data.routes.js";

const IdParams = z.object({ id: z.uuid() });
const CodeParams = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_-]{2,40}$/),
});
const EditionQuerySchema = z.object({ edition: z.coerce.number().int().min(1).optional() });
const DownloadQuerySchema = EditionQuerySchema.extend({ lang: z.enum(["en", "ru"]).optional() });

/** Routes of the factsheets module under /api/v1. */
export async function registerFactsheetsRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ["factsheets"];
  const open = { access: publicAccess() };
  const write = { access: requires("factsheets:write") };
  const fs = ctx.factsheets;

  registerNationalDataRoutes(app, ctx);
  registerArqRoutes(app, ctx);

  app.get(
    "/factsheets/regions",
    {
      config: open,
      schema: {
        tags,
        summary: "Regions of regional fact sheets (built in and defined)",
        response: { 200: z.object({ items: z.array(RegionSchema) }) },
      },
    },
    async () => ({ items: await fs.regions.list() }),
  );
  app.post(
    "/factsheets/regions",
    {
      config: { access: requires("reference:manage") },
      schema: {
        tags,
        summary: "Define a region as a set of countries",
        body: RegionInputSchema,
        response: { 201: RegionSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await fs.regions.create(request.body, actorOf(request))),
  );
  app.patch(
    "/factsheets/regions/:code",
    {
      config: { access: requires("reference:manage") },
      schema: {
        tags,
        summary: "Rename, change the countries of, or archive a defined region",
        params: CodeParams,
        body: RegionUpdateSchema,
        response: { 200: RegionSchema },
      },
    },
    async (request) => fs.regions.update(request.params.code, request.body, actorOf(request)),
  );

  app.get(
    "/factsheets",
    {
      config: open,
      schema: {
        tags,
        summary:
          "Fact sheets: published ones for everyone, drafts for the liaison officers and coordinators of their countries",
        querystring: FactsheetListQuerySchema,
        response: {
          200: z.object({
            items: z.array(FactsheetSummarySchema),
            total: z.number().int(),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
        },
      },
    },
    async (request) => fs.sheets.list(request.query, request.principal),
  );
  app.post(
    "/factsheets",
    {
      config: write,
      schema: {
        tags,
        summary: "Start the fact sheet of a country or region for a year",
        body: FactsheetCreateSchema,
        response: { 201: FactsheetSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fs.sheets.create(request.body, request.principal, actorOf(request))),
  );
  app.get(
    "/factsheets/:id",
    {
      config: open,
      schema: {
        tags,
        summary:
          "A fact sheet: live content for its editors while drafted, else the frozen content of a published edition",
        params: IdParams,
        querystring: EditionQuerySchema,
        response: { 200: FactsheetSchema },
      },
    },
    async (request) => fs.sheets.get(request.params.id, request.principal, request.query.edition),
  );
  app.patch(
    "/factsheets/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Edit the notes and sources of a draft",
        params: IdParams,
        body: FactsheetUpdateSchema,
        response: { 200: FactsheetSchema },
      },
    },
    async (request) => fs.sheets.update(request.params.id, request.body, request.principal, actorOf(request)),
  );
  app.post(
    "/factsheets/:id/transitions",
    {
      config: write,
      schema: {
        tags,
        summary: "Submit for review, return to draft, publish (freezes a new edition) or reopen for the next edition",
        params: IdParams,
        body: FactsheetTransitionSchema,
        response: { 200: FactsheetSchema },
      },
    },
    async (request) => fs.sheets.transition(request.params.id, request.body, request.principal, actorOf(request)),
  );
  app.get(
    "/factsheets/:id/history",
    {
      config: write,
      schema: {
        tags,
        summary: "Revision history of a fact sheet",
        params: IdParams,
        response: { 200: z.object({ items: z.array(RevisionSchema) }) },
      },
    },
    async (request) => ({ items: await fs.sheets.history(request.params.id, request.principal) }),
  );
  app.get(
    "/factsheets/:id/pdf",
    {
      config: open,
      schema: {
        tags,
        summary: "The fact sheet as a paginated A4 PDF with its charts and map (lang: en or ru)",
        params: IdParams,
        querystring: DownloadQuerySchema,
        response: { 200: z.unknown().describe("PDF") },
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? request.lang;
      const { row, content, edition } = await fs.sheets.content(
        request.params.id,
        request.principal,
        request.query.edition,
      );
      const html = renderFactsheetHtml(content, lang, { edition });
      const pdf = await htmlToPdf(html, factsheetFooter(content, lang));
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", attachmentDisposition(`factsheet-${row.subject}-${row.year}-${lang}.pdf`))
        .header("cache-control", "no-store")
        .send(pdf);
    },
  );
  app.get(
    "/factsheets/:id/data",
    {
      config: open,
      schema: {
        tags,
        summary: "The data behind every table and chart of the fact sheet (XLSX)",
        params: IdParams,
        querystring: DownloadQuerySchema,
        response: { 200: z.unknown().describe("XLSX") },
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? request.lang;
      const { row, content } = await fs.sheets.content(request.params.id, request.principal, request.query.edition);
      return reply
        .header("content-type", TABULAR_CONTENT_TYPES.xlsx)
        .header("content-disposition", attachmentDisposition(`factsheet-${row.subject}-${row.year}-${lang}-data.xlsx`))
        .header("cache-control", "no-store")
        .send(await factsheetWorkbook(content, lang));
    },
  );
}
