import { z } from "zod";
import {
  AnalysisQuerySchema,
  HeatmapSchema,
  ProgressSchema,
  RecommendationDetailSchema,
  RecommendationExportQuerySchema,
  RecommendationInputSchema,
  RecommendationListQuerySchema,
  RecommendationListSchema,
  RecommendationUpdateSchema,
  ReportInputSchema,
  ReportSchema,
  TransitionInputSchema,
} from "../../../common/meetings.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires } from "../../http/access-rules.js";
import { notFound } from "../../http/errors.js";
import { recordRoutes } from "../../platform/record-routes.js";
import { attachmentDisposition, TABULAR_CONTENT_TYPES } from "../../platform/tabular.js";

export async function registerRecommendationsRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ["recommendations"];
  const record = recordRoutes(app, tags);
  const r = ctx.meetings.recommendations;
  const manage = { access: requires("meetings:manage") };

  record.list(
    "/recommendations",
    { access: publicAccess() },
    {
      summary: "Recommendations by meeting, pillar, status or partner; full-text search in English and Russian",
      querystring: RecommendationListQuerySchema,
      response: RecommendationListSchema,
    },
    (query, { principal }) => r.list(query, principal),
  );
  app.get(
    "/recommendations/export",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "The filtered recommendations as XLSX or CSV (implementation counts for members)",
        querystring: RecommendationExportQuerySchema,
        response: { 200: z.unknown().describe("XLSX or CSV file") },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const data = await r.export(filter, format, request.lang, request.principal);
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-type", TABULAR_CONTENT_TYPES[format])
        .header("content-disposition", attachmentDisposition(`paris-pact-recommendations-${day}.${format}`))
        .header("cache-control", "no-store")
        .send(data);
    },
  );
  record.list(
    "/recommendations/heatmap",
    { access: requires("member:read") },
    {
      summary: "Implementation heatmap: recommendations × partners, latest reported status",
      querystring: AnalysisQuerySchema,
      response: HeatmapSchema,
    },
    (query, { principal }) => r.heatmap(query, principal),
  );
  record.list(
    "/recommendations/progress",
    { access: requires("member:read") },
    { summary: "Implementation progress per month", querystring: AnalysisQuerySchema, response: ProgressSchema },
    (query, { principal }) => r.progress(query, principal),
  );
  record.get(
    "/recommendations/:id",
    { access: publicAccess() },
    {
      summary: "One recommendation with its lifecycle and (for members) implementation reports",
      response: RecommendationDetailSchema,
    },
    (id, { principal }) => r.get(id, principal),
  );
  record.create(
    "/recommendations",
    manage,
    {
      summary: "Record a recommendation of a meeting (as a draft)",
      body: RecommendationInputSchema,
      response: RecommendationDetailSchema,
    },
    (body, { principal, actor }) => r.create(body, actor, principal),
  );
  record.change(
    "PATCH",
    "/recommendations/:id",
    manage,
    {
      summary: "Change a recommendation's text, pillar, themes, commitments or priority (optimistic locking)",
      body: RecommendationUpdateSchema,
      response: RecommendationDetailSchema,
    },
    (id, body, { principal, actor }) => r.update(id, body, actor, principal),
  );
  record.change(
    "POST",
    "/recommendations/:id/transitions",
    manage,
    {
      summary: "Move a recommendation along its lifecycle (adopted, endorsed by a PCGM, …); dated and kept",
      body: TransitionInputSchema,
      response: RecommendationDetailSchema,
    },
    (id, body, { principal, actor }) => r.transition(id, body, actor, principal),
  );
  record.change(
    "POST",
    "/recommendations/:id/reports",
    { access: requires("recommendations:report") },
    {
      summary: "Report a partner's implementation (its focal point, or a coordinator marked as such)",
      body: ReportInputSchema,
      response: ReportSchema,
      status: 201,
    },
    (id, body, { principal, actor }) => r.report(id, body, actor, principal),
  );
  record.history(
    "/recommendations/:id/history",
    { access: requires("member:read") },
    { summary: "Revision history of a recommendation" },
    async (id) => {
      const items = await ctx.revisions.presented("recommendation", id);
      if (items.length === 0) throw notFound("recommendation");
      return items;
    },
  );
}
