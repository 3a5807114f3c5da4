import { z } from "zod";
import { CountryYearQuerySchema, NationalFiguresSchema, ReconciliationSchema } from "../../../common/factsheets.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { attachmentDisposition, TABULAR_CONTENT_TYPES } from "../../platform/tabular.js";

const ExportQuerySchema = CountryYearQuerySchema.extend({ lang: z.enum(["en", "ru"]).optional() });

/** National figures for the ARQ, their reconciliation with reported totals, and the questionnaire-shaped export. */
export function registerArqRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["factsheets"];
  const config = { access: requires("factsheets:write") };
  const fs = ctx.factsheets;

  app.get(
    "/factsheets/arq",
    {
      config,
      schema: {
        tags,
        summary: "ARQ drug-supply figures of a country and year from the seizure records (countries in your scopes)",
        querystring: CountryYearQuerySchema,
        response: { 200: NationalFiguresSchema },
      },
    },
    async (request) => {
      await fs.national.requireCountry(request.principal, request.query.country);
      return fs.arq.nationalFigures(request.query.country, request.query.year);
    },
  );
  app.get(
    "/factsheets/arq/reconciliation",
    {
      config,
      schema: {
        tags,
        summary:
          "Totals from the records beside the officially reported totals, with the records that explain each difference",
        querystring: CountryYearQuerySchema,
        response: { 200: ReconciliationSchema },
      },
    },
    async (request) => {
      await fs.national.requireCountry(request.principal, request.query.country);
      return fs.arq.reconciliation(request.query.country, request.query.year);
    },
  );
  app.get(
    "/factsheets/arq/export",
    {
      config,
      schema: {
        tags,
        summary: "The ARQ seizure tables as XLSX, in English or Russian (lang, else Accept-Language)",
        querystring: ExportQuerySchema,
        response: { 200: z.unknown().describe("XLSX workbook") },
      },
    },
    async (request, reply) => {
      const { country, year } = request.query;
      const lang = request.query.lang ?? request.lang;
      await fs.national.requireCountry(request.principal, country);
      const { body } = await fs.arq.export(country, year, lang, actorOf(request));
      return reply
        .header("content-type", TABULAR_CONTENT_TYPES.xlsx)
        .header("content-disposition", attachmentDisposition(`arq-${country}-${year}-${lang}.xlsx`))
        .header("cache-control", "no-store")
        .send(body);
    },
  );
}
