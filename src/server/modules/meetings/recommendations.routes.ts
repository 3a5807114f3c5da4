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
import { RevisionSchema } from "../../../common/partners.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires } from "../../http/access-rules.js";
import { notFound } from "../../http/errors.js";
import { actorOf } from "../../http/request-context.js";
import { attachmentDisposition, TABULAR_CONTENT_TYPES } from "../../platform/tabular.js";

const IdParams = z.object({ id: z.string().uuid() });

export async function registerRecommendationsRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ["recommendations"];
  const r = ctx.meetings.recommendations;
  const manage = { access: requires("meetings:manage") };

  app.get(
    "/recommendations",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "Recommendations by meeting, pillar, status or partner; full-text search in English and Russian",
        querystring: RecommendationListQuerySchema,
        response: { 200: RecommendationListSchema },
      },
    },
    async (request) => r.list(request.query, request.principal),
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
  app.get(
    "/recommendations/heatmap",
    {
      config: { access: requires("member:read") },
      schema: {
        tags,
        summary: "Implementation heatmap: recommendations × partners, latest reported status",
        querystring: AnalysisQuerySchema,
        response: { 200: HeatmapSchema },
      },
    },
    async (request) => r.heatmap(request.query, request.principal),
  );
  app.get(
    "/recommendations/progress",
    {
      config: { access: requires("member:read") },
      schema: {
        tags,
        summary: "Implementation progress per month",
        querystring: AnalysisQuerySchema,
        response: { 200: ProgressSchema },
      },
    },
    async (request) => r.progress(request.query, request.principal),
  );
  app.get(
    "/recommendations/:id",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "One recommendation with its lifecycle and (for members) implementation reports",
        params: IdParams,
        response: { 200: RecommendationDetailSchema },
      },
    },
    async (request) => r.get(request.params.id, request.principal),
  );
  app.post(
    "/recommendations",
    {
      config: manage,
      schema: {
        tags,
        summary: "Record a recommendation of a meeting (as a draft)",
        body: RecommendationInputSchema,
        response: { 201: RecommendationDetailSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await r.create(request.body, actorOf(request), request.principal)),
  );
  app.patch(
    "/recommendations/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "Change a recommendation's text, pillar, themes, commitments or priority (optimistic locking)",
        params: IdParams,
        body: RecommendationUpdateSchema,
        response: { 200: RecommendationDetailSchema },
      },
    },
    async (request) => r.update(request.params.id, request.body, actorOf(request), request.principal),
  );
  app.post(
    "/recommendations/:id/transitions",
    {
      config: manage,
      schema: {
        tags,
        summary: "Move a recommendation along its lifecycle (adopted, endorsed by a PCGM, …); dated and kept",
        params: IdParams,
        body: TransitionInputSchema,
        response: { 200: RecommendationDetailSchema },
      },
    },
    async (request) => r.transition(request.params.id, request.body, actorOf(request), request.principal),
  );
  app.post(
    "/recommendations/:id/reports",
    {
      config: { access: requires("recommendations:report") },
      schema: {
        tags,
        summary: "Report a partner's implementation (its focal point, or a coordinator marked as such)",
        params: IdParams,
        body: ReportInputSchema,
        response: { 201: ReportSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await r.report(request.params.id, request.body, actorOf(request), request.principal)),
  );
  app.get(
    "/recommendations/:id/history",
    {
      config: { access: requires("member:read") },
      schema: {
        tags,
        summary: "Revision history of a recommendation",
        params: IdParams,
        response: { 200: z.object({ items: z.array(RevisionSchema) }) },
      },
    },
    async (request) => {
      const items = await ctx.revisions.history("recommendation", request.params.id);
      if (items.length === 0) throw notFound("recommendation");
      return {
        items: items.map((x) => ({
          version: x.version,
          at: new Date(x.at).toISOString(),
          action: x.action,
          actorName: x.actor_name ?? null,
          changes: x.changes,
        })),
      };
    },
  );
}
