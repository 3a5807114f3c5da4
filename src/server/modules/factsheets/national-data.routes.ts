import { z } from "zod";
import {
  IndicatorInputSchema,
  IndicatorSchema,
  IndicatorUpdateSchema,
  NationalTotalInputSchema,
  NationalTotalSchema,
  NationalTotalUpdateSchema,
  nationalImportRequestSchema,
  VersionBodySchema,
} from "../../../common/factsheets.js";
import { ImportStartedSchema, importReport } from "../../../common/imports.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { attachmentDisposition, TABULAR_CONTENT_TYPES, writeCsv, writeXlsx } from "../../platform/tabular.js";
import { INDICATOR_COLUMNS, TOTAL_COLUMNS } from "./factsheets.import.js";

const IdParams = z.object({ id: z.uuid() });
const TemplateQuerySchema = z.object({ format: z.enum(["csv", "xlsx"]).default("xlsx") });
const ListQuerySchema = z.object({
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/),
  years: z
    .string()
    .regex(/^\d{4}(,\d{4}){0,9}$/)
    .transform((s) => s.split(",").map(Number)),
});

const TEMPLATE_EXAMPLES = {
  indicators: [
    {
      country: "UZB",
      year: 2023,
      kind: "price",
      drug: "heroin",
      market: "retail",
      unit: "g",
      currency: "UZS",
      usdRate: 0.000082,
      typical: 420000,
      min: 350000,
      max: 500000,
      source: "Ministry of Internal Affairs",
      note: "",
    },
    {
      country: "UZB",
      year: 2023,
      kind: "purity",
      drug: "heroin",
      market: "retail",
      unit: "%",
      currency: "",
      usdRate: "",
      typical: 35,
      min: 12,
      max: 60,
      source: "Forensic laboratory",
      note: "",
    },
    {
      country: "UZB",
      year: 2023,
      kind: "treatment",
      drug: "opiates",
      market: "",
      unit: "persons",
      currency: "",
      usdRate: "",
      typical: 5230,
      min: "",
      max: "",
      source: "Ministry of Health",
      note: "",
    },
  ],
  totals: [
    {
      country: "UZB",
      year: 2023,
      drug: "heroin",
      unit: "kg",
      quantity: 312.5,
      cases: 140,
      source: "ARQ 2023 Part III",
      note: "",
    },
  ],
};

/** Indicators and officially reported national totals: entry, correction, archive, import and templates. */
export function registerNationalDataRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["factsheets"];
  const write = { access: requires("factsheets:write") };
  const read = { access: requires("member:read") };
  const fs = ctx.factsheets;

  const kinds = [
    {
      path: "indicators",
      label: "indicator",
      input: IndicatorInputSchema,
      output: IndicatorSchema,
      update: IndicatorUpdateSchema,
      columns: INDICATOR_COLUMNS,
      importBody: nationalImportRequestSchema("indicators"),
      examples: TEMPLATE_EXAMPLES.indicators,
      list: (countries: string[], years: number[]) => fs.national.listIndicators(countries, years),
      create: fs.national.createIndicator.bind(fs.national),
      replace: fs.national.updateIndicator.bind(fs.national),
      archive: fs.national.archiveIndicator.bind(fs.national),
      importFile: fs.national.importIndicators.bind(fs.national),
    },
    {
      path: "national-totals",
      label: "officially reported national total",
      input: NationalTotalInputSchema,
      output: NationalTotalSchema,
      update: NationalTotalUpdateSchema,
      columns: TOTAL_COLUMNS,
      importBody: nationalImportRequestSchema("national-totals"),
      examples: TEMPLATE_EXAMPLES.totals,
      list: (countries: string[], years: number[]) => fs.national.listTotals(countries, years),
      create: fs.national.createTotal.bind(fs.national),
      replace: fs.national.updateTotal.bind(fs.national),
      archive: fs.national.archiveTotal.bind(fs.national),
      importFile: fs.national.importTotals.bind(fs.national),
    },
  ] as const;

  for (const k of kinds) {
    const base = `/factsheets/${k.path}`;
    app.get(
      base,
      {
        config: read,
        schema: {
          tags,
          summary: `Each ${k.label} of a country for the given years`,
          querystring: ListQuerySchema,
          response: { 200: z.object({ items: z.array(k.output) }) },
        },
      },
      async (request) => ({ items: await k.list([request.query.country], request.query.years) }),
    );
    app.post(
      base,
      {
        config: write,
        schema: {
          tags,
          summary: `Enter an ${k.label} (countries in your scopes)`,
          body: k.input,
          response: { 201: k.output },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await k.create(request.body as never, request.principal, actorOf(request))),
    );
    app.put(
      `${base}/:id`,
      {
        config: write,
        schema: {
          tags,
          summary: `Correct an ${k.label} (send the version you read)`,
          params: IdParams,
          body: k.update,
          response: { 200: k.output },
        },
      },
      async (request) => {
        const body = request.body as { version: number; value: never };
        return k.replace(request.params.id, body.version, body.value, request.principal, actorOf(request));
      },
    );
    app.post(
      `${base}/:id/archive`,
      {
        config: write,
        schema: {
          tags,
          summary: `Archive an ${k.label}`,
          params: IdParams,
          body: VersionBodySchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await k.archive(request.params.id, request.body.version, request.principal, actorOf(request));
        return reply.status(204).send(null);
      },
    );
    app.post(
      `${base}/import`,
      {
        config: write,
        schema: {
          tags,
          summary: `Import a CSV/XLSX file of ${k.label}s uploaded to /files: all or nothing; dryRun checks only`,
          body: k.importBody,
          response: { 200: importReport },
        },
      },
      async (request) => {
        const { fileId, ...options } = request.body;
        return k.importFile(fileId, options, request.principal, actorOf(request));
      },
    );
    app.post(
      `${base}/imports`,
      {
        config: write,
        schema: {
          tags,
          summary:
            `Check (dryRun) or import a CSV/XLSX file of ${k.label}s uploaded to /files as a background job with a ` +
            "progress bar (follow it at /jobs/:id); the job's result is the import's result (report, headers, mapping); an " +
            "unrecognised file is imported with `mapping` (field → the file's header) and `sheet`",
          body: k.importBody,
          response: { 202: ImportStartedSchema },
        },
      },
      async (request, reply) => {
        const { fileId, ...options } = request.body;
        return reply
          .status(202)
          .send(await fs.national.startImport(k.path, fileId, options, request.principal, actorOf(request)));
      },
    );
    app.get(
      `${base}/template`,
      {
        config: write,
        schema: {
          tags,
          summary: `The import template of ${k.label}s`,
          querystring: TemplateQuerySchema,
          response: { 200: z.unknown() },
        },
      },
      async (request, reply) => {
        const columns = k.columns.map((c) => ({ key: c.key, header: c.headers[0] ?? c.key, width: 16 }));
        const rows = k.examples as unknown as Record<string, unknown>[];
        const format = request.query.format;
        const body = format === "csv" ? writeCsv(columns, rows) : await writeXlsx([{ name: k.path, columns, rows }]);
        return reply
          .header("content-type", TABULAR_CONTENT_TYPES[format])
          .header("content-disposition", attachmentDisposition(`${k.path}-template.${format}`))
          .send(body);
      },
    );
  }
}
