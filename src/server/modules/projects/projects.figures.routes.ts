import { z } from "zod";
import {
  FlowStatsQuerySchema,
  FlowStatsSchema,
  PartyInputSchema,
  PartyMapSchema,
  PartySchema,
  PivotQuerySchema,
  PivotSchema,
  RateImportResultSchema,
  RateInputSchema,
  RateSchema,
  StatsOverviewQuerySchema,
  StatsOverviewSchema,
  UnmappedNameSchema,
} from "../../../common/projects.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { requires } from "../../http/access-rules.js";
import { AppError } from "../../http/errors.js";
import { actorOf } from "../../http/request-context.js";
import { recordRoutes } from "../../platform/record-routes.js";
import { attachmentDisposition, TABULAR_CONTENT_TYPES, writeCsv, writeXlsx } from "../../platform/tabular.js";
import { pivotExport } from "./projects.export.js";
import { RATE_COLUMNS, RATE_FILE_MAX_BYTES } from "./projects.rates.js";

const member = { access: requires("member:read") };
const coordination = { access: requires("reference:manage") };
const tags = ["projects (ADAM)"];

/** ADAM's figures and what they rest on: the pivot, the controlled list of donors and organizations, the rate table. */
export function registerFigureRoutes(app: AppInstance, ctx: AppContext) {
  registerPivotRoute(app, ctx);
  registerOverviewRoute(app, ctx);
  registerFlowRoute(app, ctx);
  registerPartyRoutes(app, ctx);
  registerRateRoutes(app, ctx);
}

function registerFlowRoute(app: AppInstance, ctx: AppContext) {
  const record = recordRoutes(app, tags);
  record.list(
    "/projects/stats/flows",
    member,
    {
      summary: "Planned against actual over time: USD committed, disbursed and spent by year or quarter",
      description:
        "Counts the projects the pivot counts (published only; includeDrafts=true for coordinators, others get 403; each 'duplicate effort' group once). Each transaction is in USD at the stored rate of its own date (a commitment without a date at its project's start); what no rate converts is listed per type in `unconverted`. Filters, as the pivot splits projects: `from`/`to` (years of the transactions' dates, inclusive; `to` before `from` is 400), `country` (the country's share of each project), `donor` (that donor's transactions), `pillar` and `theme` (their equal share of each project). `choices` lists the values each filter may take among the projects counted.",
      querystring: FlowStatsQuerySchema,
      response: FlowStatsSchema,
    },
    (query, { principal }) => ctx.projects.figures.flows(principal, query),
  );
}

function registerOverviewRoute(app: AppInstance, ctx: AppContext) {
  const record = recordRoutes(app, tags);
  record.list(
    "/projects/stats/overview",
    member,
    {
      summary: "ADAM statistics' first screen in one read: the charts' pivots and the pivot table's first view",
      description:
        "One request instead of six for a page on a slow link: `charts` holds the pivots by donor, country, pillar, theme and year (committed USD), `table` the pivot of donors by year (committed USD). Each is exactly the answer of GET /projects/stats/pivot with those parameters, under the same rules: published projects only, each 'duplicate effort' group once; coordinators may add includeDrafts=true (others get 403).",
      querystring: StatsOverviewQuerySchema,
      response: StatsOverviewSchema,
    },
    (query, { principal }) => ctx.projects.figures.overview(principal, query),
  );
}

function registerPivotRoute(app: AppInstance, ctx: AppContext) {
  app.get(
    "/projects/stats/pivot",
    {
      config: member,
      schema: {
        tags,
        summary: "Funding by donor, country, pillar, theme, year …: a pivot (JSON, CSV or XLSX)",
        description:
          "Counts published projects only; each group of projects labelled 'duplicate effort' counts once. Coordinators may add includeDrafts=true (others get 403): draft and submitted projects are then counted and marked (draftCells, draftRows, draftColumns). `measure`: `usd` (committed, the default), `disbursed_usd`, `spent_usd` (each transaction at the stored rate of its own date; disbursements and expenditures fall in the year of their date) or `count`. Amounts without a stored rate on their transaction's date are not in the USD figures and are listed in `unconverted`. Donor rows are codes of the controlled list, named in `labels` (English and Russian); the CSV and XLSX name them in the request's language.",
        querystring: PivotQuerySchema,
        response: { 200: PivotSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const table = await ctx.projects.figures.pivot(request.principal, q);
      if (q.format === "json") return table;
      const { columns, rows, preamble, notes, sheet } = pivotExport(table, q, request.lang);
      const file = `projects-${q.measure}-by-${q.rows}${q.columns ? `-and-${q.columns}` : ""}.${q.format}`;
      const body =
        q.format === "csv"
          ? writeCsv(columns, rows)
          : await writeXlsx([{ name: sheet, columns, rows, preamble, notes }]);
      // The 200 schema documents the JSON form; the file forms are sent as they are.
      return reply
        .type(TABULAR_CONTENT_TYPES[q.format])
        .header("content-disposition", attachmentDisposition(file))
        .send(body as unknown as z.infer<typeof PivotSchema>);
    },
  );
}

function registerPartyRoutes(app: AppInstance, ctx: AppContext) {
  const record = recordRoutes(app, tags);
  const parties = ctx.projects.parties;
  app.get(
    "/projects/parties",
    {
      config: member,
      schema: {
        tags,
        summary: "The controlled list of donors and organizations: the partners, and other bodies (EN/RU names)",
        response: { 200: z.object({ items: z.array(PartySchema) }) },
      },
    },
    async () => ({ items: await parties.list() }),
  );
  record.create(
    "/projects/parties",
    coordination,
    {
      summary: "Add a donor or organization that is not a partner, with its English and Russian names (coordinators)",
      body: PartyInputSchema,
      response: PartySchema,
    },
    (body, { principal, actor }) => parties.create(body, principal, actor),
  );
  app.get(
    "/projects/parties/unmapped",
    {
      config: coordination,
      schema: {
        tags,
        summary: "The review list: donor and organization names that map to no entry of the list (coordinators)",
        response: { 200: z.object({ items: z.array(UnmappedNameSchema) }) },
      },
    },
    async (request) => ({ items: await parties.unmapped(request.principal) }),
  );
  app.post(
    "/projects/parties/map",
    {
      config: coordination,
      schema: {
        tags,
        summary: "Map a name as written to an entry of the list; kept as an alias for later imports (coordinators)",
        body: PartyMapSchema,
        response: {
          200: z.object({ projects: z.number().int(), unmapped: z.array(UnmappedNameSchema) }),
        },
      },
    },
    async (request) => parties.map(request.body, request.principal, actorOf(request)),
  );
}

function registerRateRoutes(app: AppInstance, ctx: AppContext) {
  const record = recordRoutes(app, tags);
  const rates = ctx.projects.rates;
  app.get(
    "/projects/rates",
    {
      config: member,
      schema: {
        tags,
        summary: "The dated table of exchange rates to USD",
        response: { 200: z.object({ items: z.array(RateSchema) }) },
      },
    },
    async () => ({ items: await rates.list() }),
  );
  record.create(
    "/projects/rates",
    coordination,
    {
      summary: "Add or correct an exchange rate (coordinators); transactions in that currency are converted again",
      body: RateInputSchema,
      response: RateSchema,
    },
    (body, { principal, actor }) => rates.add(body, principal, actor),
  );
  app.post(
    "/projects/rates/import",
    {
      config: coordination,
      schema: {
        tags,
        summary: "Import exchange rates from CSV or XLSX (multipart field `file`), all or nothing (coordinators)",
        description: `Columns: ${RATE_COLUMNS.join(", ")}. Every bad row is reported with its line and column (path body.file.<line>.<column>) and nothing is written; otherwise the rates are stored and transactions (commitments, disbursements, expenditures) in their currencies converted again at the rate of their dates.`,
        consumes: ["multipart/form-data"],
        response: { 200: RateImportResultSchema },
      },
    },
    async (request) => {
      const part = request.isMultipart()
        ? await request.file({ limits: { fileSize: RATE_FILE_MAX_BYTES } })
        : undefined;
      if (part?.fieldname !== "file") {
        part?.file.resume();
        throw new AppError("validation_failed", 400, undefined, [{ path: "body.file", code: "required" }]);
      }
      const data = await part.toBuffer();
      if (part.file.truncated) throw new AppError("payload_too_large", 413);
      return rates.importFile(data, part.filename, request.principal, actorOf(request));
    },
  );
}
