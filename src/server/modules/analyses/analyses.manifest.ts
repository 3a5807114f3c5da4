import { INTERNAL_CALL_HEADER } from "../../http/internal-calls.js";
import { PdfRenderer } from "../factsheets/factsheets.pdf.js";
import { type ModuleManifest, serviceOf } from "../manifest.js";
import { AnalysesService } from "./analyses.service.js";
import { REPORT_JOB, ReportsService } from "./reports.service.js";

export const REPORT_CHECK_INTERVAL_MS = 15 * 60_000;

type Inject = (options: {
  method: "GET";
  url: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}) => Promise<{ statusCode: number; json(): unknown }>;

/** Saved analyses and dashboards, and their scheduled reports. No other module reads them. */
export interface AnalysesServices {
  analyses: AnalysesService;
  reports: ReportsService;
  pdf: PdfRenderer;
  /**
   * How a report runs a recipient's analysis route: through this instance's HTTP app, which sets it when it
   * registers the routes. The report job is registered with the context; on an instance without the app it fails.
   */
  http: { inject: Inject | null; issue: ((principal: Parameters<ReportsService["list"]>[2]) => string) | null };
}

export const analysesModule: ModuleManifest<AnalysesServices> = {
  name: "analyses",
  tables: [
    "saved_analyses",
    "dashboards",
    "dashboard_tiles",
    "dashboard_role_defaults",
    "report_schedules",
    "report_runs",
    "report_sends",
  ],
  createService: (ctx) => {
    const analyses = new AnalysesService(ctx.database.db, { audit: ctx.audit, revisions: ctx.revisions });
    const pdf = new PdfRenderer();
    const http: AnalysesServices["http"] = { inject: null, issue: null };
    const reports = new ReportsService(ctx.database.db, {
      analyses,
      audit: ctx.audit,
      revisions: ctx.revisions,
      jobs: ctx.jobs,
      mail: ctx.mail,
      runRoute: async (endpoint, query, principal, lang) => {
        if (!http.inject || !http.issue) throw new Error("A scheduled report needs this instance's HTTP app");
        const res = await http.inject({
          method: "GET",
          url: `/api/v1${endpoint}`,
          query,
          headers: { [INTERNAL_CALL_HEADER]: http.issue(principal), "accept-language": lang },
        });
        return { status: res.statusCode, body: res.statusCode === 200 ? res.json() : null };
      },
      partnerNames: async () => new Map((await ctx.partners.list({})).items.map((p) => [p.code, p.name])),
      renderPdf: (html, footer) => pdf.render(html, footer),
      eligible: async (users) => {
        const [terms, twoFactor] = await Promise.all([
          ctx.terms.acceptedAllAmong(users.map((u) => u.id)),
          ctx.accounts.twoFactorReady(users),
        ]);
        return new Set(users.map((u) => u.id).filter((id) => terms.has(id) && twoFactor.has(id)));
      },
      publicUrl: ctx.config.publicUrl,
      log: ctx.log,
    });
    return { analyses, reports, pdf, http };
  },
  // Routes are loaded when the app is built: the CLI and a worker never load them.
  accessMatrix: {
    "GET /api/v1/analyses": "signed-in",
    "POST /api/v1/analyses": "signed-in",
    "GET /api/v1/analyses/:id": "signed-in",
    "PATCH /api/v1/analyses/:id": "signed-in",
    "POST /api/v1/analyses/:id/copy": "signed-in",
    "POST /api/v1/analyses/:id/archive": "signed-in",
    "GET /api/v1/analyses/:id/history": "signed-in",
    "GET /api/v1/dashboards": "signed-in",
    "POST /api/v1/dashboards": "signed-in",
    "GET /api/v1/dashboards/defaults": "signed-in",
    "PUT /api/v1/dashboards/defaults/:role": ["coordinator", "administrator"],
    "GET /api/v1/dashboards/:id": "signed-in",
    "PATCH /api/v1/dashboards/:id": "signed-in",
    "POST /api/v1/dashboards/:id/archive": "signed-in",
    "GET /api/v1/dashboards/:id/history": "signed-in",
    "GET /api/v1/analyses/:id/report-schedules": "signed-in",
    "POST /api/v1/analyses/:id/report-schedules": "signed-in",
    "GET /api/v1/dashboards/:id/report-schedules": "signed-in",
    "POST /api/v1/dashboards/:id/report-schedules": "signed-in",
    "GET /api/v1/analyses/:id/report-recipients": "signed-in",
    "GET /api/v1/dashboards/:id/report-recipients": "signed-in",
    "PUT /api/v1/report-schedules/:id": "signed-in",
    "POST /api/v1/report-schedules/:id/archive": "signed-in",
    "POST /api/v1/report-schedules/:id/pause": "signed-in",
    "POST /api/v1/report-schedules/:id/send": "signed-in",
    "GET /api/v1/report-schedules": ["coordinator", "administrator"],
  },
  routes: async (app, ctx) => {
    const s = serviceOf(ctx, analysesModule);
    s.http.inject = (options) => app.inject(options);
    s.http.issue = (principal) => app.internalCalls.issue(principal);
    app.addHook("onClose", async () => s.pdf.close());
    return (await import("./analyses.routes.js")).registerAnalysesRoutes(app, ctx, s);
  },
  jobs: (ctx) => [
    {
      kind: REPORT_JOB,
      run: (job, progress) =>
        serviceOf(ctx, analysesModule).reports.sendRun(String(job.payload.runId ?? ""), ctx.jobs.workerId, progress),
    },
  ],
  schedules: [
    {
      // Opens the due report runs at start (catching up a period whose day passed while the platform was down) and
      // every 15 minutes: each run is one row per schedule and period, so two instances checking at once queue one
      // job; a run whose job ended with a recipient still claimed by a worker that stopped is queued again.
      name: "report-runs",
      everyMs: REPORT_CHECK_INTERVAL_MS,
      atStart: true,
      run: async (ctx) => {
        const { runs } = serviceOf(ctx, analysesModule).reports;
        await runs.openDue();
        await runs.resumeStalled();
      },
    },
  ],
};
