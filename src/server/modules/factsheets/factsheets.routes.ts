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
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { recordRoutes } from "../../platform/record-routes.js";
import { attachmentDisposition, TABULAR_CONTENT_TYPES } from "../../platform/tabular.js";
import { registerArqRoutes } from "./arq.routes.js";
import { factsheetWorkbook } from "./factsheets.export.js";
import { factsheetPdfName } from "./factsheets.publication.js";
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

/** A stored edition's PDF never changes; a day bounds how long an archived sheet stays in shared caches. */
const STORED_PDF_CACHE = "public, max-age=86400";

/** Routes of the factsheets module under /api/v1. */
export async function registerFactsheetsRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ["factsheets"];
  const record = recordRoutes(app, tags);
  const open = { access: publicAccess() };
  const write = { access: requires("factsheets:write") };
  const fs = ctx.factsheets;

  // The shared browser of the PDFs closes with the app (tests and a stopping server never wait on it).
  app.addHook("onClose", async () => fs.renderer.close());
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
  record.create(
    "/factsheets/regions",
    { access: requires("reference:manage") },
    { summary: "Define a region as a set of countries", body: RegionInputSchema, response: RegionSchema },
    (body, { actor }) => fs.regions.create(body, actor),
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
  record.create(
    "/factsheets",
    write,
    {
      summary: "Start the fact sheet of a country or region for a year",
      body: FactsheetCreateSchema,
      response: FactsheetSchema,
    },
    (body, { principal, actor }) => fs.sheets.create(body, principal, actor),
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
  record.change(
    "PATCH",
    "/factsheets/:id",
    write,
    { summary: "Edit the notes and sources of a draft", body: FactsheetUpdateSchema, response: FactsheetSchema },
    (id, body, { principal, actor }) => fs.sheets.update(id, body, principal, actor),
  );
  record.change(
    "POST",
    "/factsheets/:id/transitions",
    write,
    {
      summary: "Submit for review, return to draft, publish (freezes a new edition) or reopen for the next edition",
      body: FactsheetTransitionSchema,
      response: FactsheetSchema,
    },
    (id, body, { principal, actor }) => fs.sheets.transition(id, body, principal, actor),
  );
  record.history(
    "/factsheets/:id/history",
    write,
    { summary: "Revision history of a fact sheet" },
    (id, { principal }) => fs.sheets.history(id, principal),
  );
  app.get(
    "/factsheets/:id/pdf",
    {
      config: open,
      schema: {
        tags,
        summary: "The fact sheet as a paginated A4 PDF with its charts and map (lang: en or ru)",
        description:
          "A published edition is served from the PDF stored when it was published (header x-factsheet-pdf: stored, " +
          "a strong ETag; send If-None-Match to get 304). With both edition and lang in the URL the answer may be " +
          `cached publicly (${STORED_PDF_CACHE}). A draft, or an edition whose PDF is not stored yet, is rendered ` +
          "on demand (x-factsheet-pdf: rendered, no-store).",
        params: IdParams,
        querystring: DownloadQuerySchema,
        response: { 200: z.unknown().describe("PDF"), 304: z.unknown().describe("Not modified") },
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? request.lang;
      const { row, content, edition } = await fs.sheets.content(
        request.params.id,
        request.principal,
        request.query.edition,
      );
      reply
        .header("content-type", "application/pdf")
        .header("content-disposition", attachmentDisposition(factsheetPdfName(row, lang)));
      const stored = edition === null ? null : await fs.pdfs.openStored(row.id, edition, lang);
      if (stored) {
        // The same URL answers a draft to its editors unless the edition is in it, and the language of the reader
        // unless lang is: only then may a shared cache keep it.
        const explicit = request.query.edition !== undefined && request.query.lang !== undefined;
        const etag = `"${stored.record.sha256}"`;
        reply
          .header("etag", etag)
          .header("cache-control", explicit ? STORED_PDF_CACHE : "private, no-cache")
          .header("x-factsheet-pdf", "stored");
        if (request.headers["if-none-match"] === etag) {
          (stored.stream as { destroy?: () => void }).destroy?.();
          return reply.status(304).send();
        }
        return reply.header("content-length", String(stored.record.size)).send(stored.stream);
      }
      // A frozen edition not stored yet is rendered and kept, so its next request is served from the store.
      const pdf =
        edition === null
          ? await fs.pdfs.render(content, lang, edition)
          : await fs.pdfs.renderEdition(row, content, lang, edition);
      return reply.header("cache-control", "no-store").header("x-factsheet-pdf", "rendered").send(pdf);
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
