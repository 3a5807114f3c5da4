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
import { recordRoutes } from "../../platform/record-routes.js";
import type { AnalysesService } from "./analyses.service.js";
import { registerReportRoutes } from "./reports.routes.js";
import type { ReportsService } from "./reports.service.js";

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
    const record = recordRoutes(app, tags);
    record.list(
      "/analyses",
      read,
      {
        summary: "Saved analyses the reader may open: their own and those shared with them, newest first",
        querystring: AnalysisListQuerySchema,
        response: AnalysisListSchema,
      },
      (query, { principal }) => s.listAnalyses(principal, query),
    );
    record.create(
      "/analyses",
      write,
      {
        summary: "Save an analysis: its route's query, validated by that route's own schema (no figures are stored)",
        description:
          "kind `adam.pivot` takes the query of GET /projects/stats/pivot (without `format`; `includeDrafts` coordinators only); " +
          "`dmp.dashboard` the filter of GET /seizures/dashboard. A configuration the route would refuse answers 400 with " +
          "field errors under `body.config` and saves nothing. `partner` visibility shares with the owner's partner.",
        body: AnalysisInputSchema,
        response: AnalysisSchema,
      },
      (body, { principal, actor }) => s.createAnalysis(body, principal, actor),
    );
    record.get(
      "/analyses/:id",
      read,
      {
        summary:
          "One saved analysis with how the reader runs it (`run`: the route and the query narrowed to their access)",
        description: "404 when the reader may not open it, whether or not it exists.",
        response: AnalysisSchema,
      },
      (id, { principal }) => s.getAnalysis(id, principal),
    );
    record.change(
      "PATCH",
      "/analyses/:id",
      write,
      {
        summary: "Owner: rename, reconfigure or share a saved analysis (states the version it read)",
        body: AnalysisUpdateSchema,
        response: AnalysisSchema,
      },
      (id, body, { principal, actor }) => s.updateAnalysis(id, body, principal, actor),
    );
    record.change(
      "POST",
      "/analyses/:id/copy",
      write,
      {
        summary: "Save as: the reader's own copy of an analysis they may open",
        body: AnalysisCopySchema,
        response: AnalysisSchema,
        status: 201,
      },
      (id, body, { principal, actor }) => s.copyAnalysis(id, body, principal, actor),
    );
    record.archive(
      "/analyses/:id/archive",
      write,
      {
        summary: "Owner: archive a saved analysis (dashboard tiles showing it become not available)",
        body: VersionBodySchema,
      },
      (id, version, { principal, actor }) => s.archiveAnalysis(id, version, principal, actor),
    );
    record.history(
      "/analyses/:id/history",
      read,
      { summary: "Revisions of a saved analysis", response: HistorySchema },
      async (id, { principal }) => (await s.analysisHistory(id, principal)).items,
    );
  }

  {
    const tags = ["dashboards"];
    const record = recordRoutes(app, tags);
    record.list(
      "/dashboards",
      read,
      {
        summary: "Dashboards the reader may open, and the default dashboard of their role",
        querystring: DashboardListQuerySchema,
        response: DashboardListSchema,
      },
      (query, { principal }) => s.listDashboards(principal, query),
    );
    record.create(
      "/dashboards",
      write,
      {
        summary:
          "Compose a dashboard: ordered tiles of saved analyses the author may open, 1–3 columns wide and rows high",
        body: DashboardInputSchema,
        response: DashboardSchema,
      },
      (body, { principal, actor }) => s.createDashboard(body, principal, actor),
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
    record.get(
      "/dashboards/:id",
      read,
      {
        summary: "A dashboard and its tiles; a tile whose analysis the reader may not open has `analysis: null`",
        response: DashboardSchema,
      },
      (id, { principal }) => s.getDashboard(id, principal),
    );
    record.change(
      "PATCH",
      "/dashboards/:id",
      write,
      {
        summary: "Owner: rename, share, reorder and resize (tiles in their new order; existing ones by id)",
        body: DashboardUpdateSchema,
        response: DashboardSchema,
      },
      (id, body, { principal, actor }) => s.updateDashboard(id, body, principal, actor),
    );
    record.archive(
      "/dashboards/:id/archive",
      write,
      { summary: "Owner: archive a dashboard (it stops being any role's default)", body: VersionBodySchema },
      (id, version, { principal, actor }) => s.archiveDashboard(id, version, principal, actor),
    );
    record.history(
      "/dashboards/:id/history",
      read,
      { summary: "Revisions of a dashboard", response: HistorySchema },
      async (id, { principal }) => (await s.dashboardHistory(id, principal)).items,
    );
  }
}
