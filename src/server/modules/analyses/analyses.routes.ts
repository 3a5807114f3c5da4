import { z } from "zod";
import {
  AnalysisCopySchema,
  AnalysisInputSchema,
  AnalysisListQuerySchema,
  AnalysisListSchema,
  AnalysisSchema,
  AnalysisUpdateSchema,
  DashboardInputSchema,
  DashboardListQuerySchema,
  DashboardListSchema,
  DashboardSchema,
  DashboardUpdateSchema,
  HistorySchema,
  RoleDefaultInputSchema,
  RoleDefaultsSchema,
  VersionBodySchema,
} from "../../../common/analyses.js";
import { RoleSchema } from "../../../common/platform.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import type { AnalysesService } from "./analyses.service.js";
import { registerReportRoutes } from "./reports.routes.js";
import type { ReportsService } from "./reports.service.js";

const IdParams = z.object({ id: z.uuid() });
const RoleParams = z.object({ role: RoleSchema });

/**
 * Saved analyses and dashboards (docs/analyses.md). Reading needs a member's sign-in; saving is the user's own act
 * (`account:write`, which a read-only API token lacks). Record-level rules (visibility, owner only) are the
 * service's: a record the reader may not open answers 404.
 */
export async function registerAnalysesRoutes(
  app: AppInstance,
  ctx: AppContext,
  services: { analyses: AnalysesService; reports: ReportsService },
): Promise<void> {
  const read = { access: requires("member:read") };
  const write = { access: requires("account:write") };
  const coordination = { access: requires("users:manage") };
  const s = services.analyses;
  registerReportRoutes(app, ctx, services.reports);

  {
    const tags = ["analyses"];
    app.get(
      "/analyses",
      {
        config: read,
        schema: {
          tags,
          summary: "Saved analyses the reader may open: their own and those shared with them, newest first",
          querystring: AnalysisListQuerySchema,
          response: { 200: AnalysisListSchema },
        },
      },
      async (request) => s.listAnalyses(request.principal, request.query),
    );
    app.post(
      "/analyses",
      {
        config: write,
        schema: {
          tags,
          summary: "Save an analysis: its route's query, validated by that route's own schema (no figures are stored)",
          description:
            "kind `adam.pivot` takes the query of GET /projects/stats/pivot (without `format`; `includeDrafts` coordinators only); " +
            "`dmp.dashboard` the filter of GET /seizures/dashboard. A configuration the route would refuse answers 400 with " +
            "field errors under `body.config` and saves nothing. `partner` visibility shares with the owner's partner.",
          body: AnalysisInputSchema,
          response: { 201: AnalysisSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await s.createAnalysis(request.body, request.principal, actorOf(request))),
    );
    app.get(
      "/analyses/:id",
      {
        config: read,
        schema: {
          tags,
          summary:
            "One saved analysis with how the reader runs it (`run`: the route and the query narrowed to their access)",
          description: "404 when the reader may not open it, whether or not it exists.",
          params: IdParams,
          response: { 200: AnalysisSchema },
        },
      },
      async (request) => s.getAnalysis(request.params.id, request.principal),
    );
    app.patch(
      "/analyses/:id",
      {
        config: write,
        schema: {
          tags,
          summary: "Owner: rename, reconfigure or share a saved analysis (states the version it read)",
          params: IdParams,
          body: AnalysisUpdateSchema,
          response: { 200: AnalysisSchema },
        },
      },
      async (request) => s.updateAnalysis(request.params.id, request.body, request.principal, actorOf(request)),
    );
    app.post(
      "/analyses/:id/copy",
      {
        config: write,
        schema: {
          tags,
          summary: "Save as: the reader's own copy of an analysis they may open",
          params: IdParams,
          body: AnalysisCopySchema,
          response: { 201: AnalysisSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await s.copyAnalysis(request.params.id, request.body, request.principal, actorOf(request))),
    );
    app.post(
      "/analyses/:id/archive",
      {
        config: write,
        schema: {
          tags,
          summary: "Owner: archive a saved analysis (dashboard tiles showing it become not available)",
          params: IdParams,
          body: VersionBodySchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await s.archiveAnalysis(request.params.id, request.body.version, request.principal, actorOf(request));
        return reply.status(204).send(null);
      },
    );
    app.get(
      "/analyses/:id/history",
      {
        config: read,
        schema: { tags, summary: "Revisions of a saved analysis", params: IdParams, response: { 200: HistorySchema } },
      },
      async (request) => s.analysisHistory(request.params.id, request.principal),
    );
  }

  {
    const tags = ["dashboards"];
    app.get(
      "/dashboards",
      {
        config: read,
        schema: {
          tags,
          summary: "Dashboards the reader may open, and the default dashboard of their role",
          querystring: DashboardListQuerySchema,
          response: { 200: DashboardListSchema },
        },
      },
      async (request) => s.listDashboards(request.principal, request.query),
    );
    app.post(
      "/dashboards",
      {
        config: write,
        schema: {
          tags,
          summary:
            "Compose a dashboard: ordered tiles of saved analyses the author may open, 1–3 columns wide and rows high",
          body: DashboardInputSchema,
          response: { 201: DashboardSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await s.createDashboard(request.body, request.principal, actorOf(request))),
    );
    app.get(
      "/dashboards/defaults",
      {
        config: read,
        schema: {
          tags,
          summary: "The default dashboard of each role that has one",
          response: { 200: RoleDefaultsSchema },
        },
      },
      async () => s.roleDefaults(),
    );
    app.put(
      "/dashboards/defaults/:role",
      {
        config: coordination,
        schema: {
          tags,
          summary:
            "Coordinators: set (or clear with null) a role's default dashboard; it must be shared with all members",
          params: RoleParams,
          body: RoleDefaultInputSchema,
          response: { 200: RoleDefaultsSchema },
        },
      },
      async (request) =>
        s.setRoleDefault(request.params.role, request.body.dashboardId, request.principal, actorOf(request)),
    );
    app.get(
      "/dashboards/:id",
      {
        config: read,
        schema: {
          tags,
          summary: "A dashboard and its tiles; a tile whose analysis the reader may not open has `analysis: null`",
          params: IdParams,
          response: { 200: DashboardSchema },
        },
      },
      async (request) => s.getDashboard(request.params.id, request.principal),
    );
    app.patch(
      "/dashboards/:id",
      {
        config: write,
        schema: {
          tags,
          summary: "Owner: rename, share, reorder and resize (tiles in their new order; existing ones by id)",
          params: IdParams,
          body: DashboardUpdateSchema,
          response: { 200: DashboardSchema },
        },
      },
      async (request) => s.updateDashboard(request.params.id, request.body, request.principal, actorOf(request)),
    );
    app.post(
      "/dashboards/:id/archive",
      {
        config: write,
        schema: {
          tags,
          summary: "Owner: archive a dashboard (it stops being any role's default)",
          params: IdParams,
          body: VersionBodySchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await s.archiveDashboard(request.params.id, request.body.version, request.principal, actorOf(request));
        return reply.status(204).send(null);
      },
    );
    app.get(
      "/dashboards/:id/history",
      {
        config: read,
        schema: { tags, summary: "Revisions of a dashboard", params: IdParams, response: { 200: HistorySchema } },
      },
      async (request) => s.dashboardHistory(request.params.id, request.principal),
    );
  }
}
