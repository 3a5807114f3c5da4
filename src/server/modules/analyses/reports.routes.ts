import { z } from "zod";
import { VersionBodySchema } from "../../../common/analyses.js";
import {
  ReportPauseSchema,
  ReportRecipientListSchema,
  ReportRecipientQuerySchema,
  ReportScheduleAdminListSchema,
  ReportScheduleAdminQuerySchema,
  ReportScheduleInputSchema,
  ReportScheduleListSchema,
  ReportScheduleSchema,
  ReportScheduleUpdateSchema,
  ReportSendNowInputSchema,
  ReportSendNowSchema,
  type ReportTargetType,
  SEND_NOW_LIMIT,
} from "../../../common/reports.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { requires } from "../../http/access-rules.js";
import { recordRoutes } from "../../platform/record-routes.js";
import { ReportControls } from "./reports.controls.js";
import type { ReportsService } from "./reports.service.js";

const IdParams = z.object({ id: z.uuid() });

/**
 * Scheduled reports of saved analyses and dashboards (docs/analyses.md, "Scheduled reports"). The schedules of an
 * item are managed by its owner or a coordinator (the service's rule; others 403, an item they may not open 404).
 * The sending job and the schedule are the module's manifest's (analyses.manifest.ts).
 */
export function registerReportRoutes(app: AppInstance, ctx: AppContext, reports: ReportsService): void {
  const read = { access: requires("member:read") };
  const write = { access: requires("account:write") };
  for (const type of ["analysis", "dashboard"] as const satisfies ReportTargetType[]) {
    const base = type === "analysis" ? "/analyses/:id/report-schedules" : "/dashboards/:id/report-schedules";
    const tags = [type === "analysis" ? "analyses" : "dashboards"];
    const record = recordRoutes(app, tags);
    record.get(
      base,
      read,
      {
        summary: `Owner or coordinator: the ${type}'s report schedules, each with its recent sends (who, when, status)`,
        response: ReportScheduleListSchema,
      },
      (id, { principal }) => reports.list(type, id, principal),
    );
    app.get(
      `${base.replace("/report-schedules", "")}/report-recipients`,
      {
        config: read,
        schema: {
          tags,
          summary: `Owner or coordinator: members who may open the ${type}, by name (at most 20; names only)`,
          params: IdParams,
          querystring: ReportRecipientQuerySchema,
          response: { 200: ReportRecipientListSchema },
        },
      },
      async (request) => reports.candidates(type, request.params.id, request.query.q, request.principal),
    );
    record.change(
      "POST",
      base,
      write,
      {
        summary: `Owner or coordinator: mail the ${type} as PDF or XLSX weekly or monthly to its owner or listed members`,
        description:
          "`recipientIds` empty sends to the owner. Every recipient must be an active member who may open it; others " +
          "answer 400 `recipient_cannot_open` naming them. A schedule whose day is today sends today's report at once.",
        body: ReportScheduleInputSchema,
        response: ReportScheduleSchema,
        status: 201,
      },
      (id, body, { principal, actor }) => reports.create(type, id, body, principal, actor),
    );
  }
  const schedules = recordRoutes(app, ["analyses"]);
  schedules.change(
    "PUT",
    "/report-schedules/:id",
    write,
    {
      summary: "Owner of the item or coordinator: change a report schedule (states the version it read)",
      body: ReportScheduleUpdateSchema,
      response: ReportScheduleSchema,
    },
    (id, body, { principal, actor }) => reports.update(id, body, principal, actor),
  );
  schedules.archive(
    "/report-schedules/:id/archive",
    write,
    {
      summary: "Owner of the item or coordinator: stop a report schedule (kept, with its sends, for the record)",
      body: VersionBodySchema,
    },
    (id, version, { principal, actor }) => reports.remove(id, version, principal, actor),
  );
  registerControlRoutes(app, new ReportControls(ctx.database.db, reports, ctx));
}

/** Managing schedules from the web: pause/resume, "send now", and the coordinators' list of every schedule. */
function registerControlRoutes(app: AppInstance, controls: ReportControls) {
  const write = { access: requires("account:write") };
  app.get(
    "/report-schedules",
    {
      config: { access: requires("users:manage") },
      schema: {
        tags: ["analyses"],
        summary: "Coordinators: every report schedule, newest first, with its item, last run and last failure",
        description: "`status=failing`: a send failed in the last 35 days; `status=paused`: paused schedules.",
        querystring: ReportScheduleAdminQuerySchema,
        response: { 200: ReportScheduleAdminListSchema },
      },
    },
    async (request) => controls.list(request.query),
  );
  const schedules = recordRoutes(app, ["analyses"]);
  schedules.change(
    "POST",
    "/report-schedules/:id/pause",
    write,
    {
      summary: "Owner of the item or coordinator: pause (paused=true) or resume a report schedule",
      description: "A paused schedule sends nothing until resumed; resumed on its day, that day's report goes at once.",
      body: ReportPauseSchema,
      response: ReportScheduleSchema,
    },
    // The schedule as presented after the change (present() of the row just written; typed as possibly absent).
    async (id, { paused, version }, { principal, actor }) =>
      (await controls.setPaused(id, paused, version, principal, actor)) as z.input<typeof ReportScheduleSchema>,
  );
  schedules.change(
    "POST",
    "/report-schedules/:id/send",
    write,
    {
      summary: "Owner of the item or coordinator: send the report now, to the item's owner or to the list",
      description:
        `Queues a run of its own (recorded, audited as report_schedule.send_now); each recipient's report is computed ` +
        `as them. At most ${SEND_NOW_LIMIT} an hour per schedule: then 429 \`rate_limited\` with retryAfterSeconds.`,
      body: ReportSendNowInputSchema,
      response: ReportSendNowSchema,
      status: 202,
    },
    (id, { to }, { principal, actor }) => controls.sendNow(id, to, principal, actor),
  );
}
