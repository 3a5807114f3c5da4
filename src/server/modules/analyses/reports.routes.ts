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
import { actorOf } from "../../http/request-context.js";
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
    app.get(
      base,
      {
        config: read,
        schema: {
          tags,
          summary: `Owner or coordinator: the ${type}'s report schedules, each with its recent sends (who, when, status)`,
          params: IdParams,
          response: { 200: ReportScheduleListSchema },
        },
      },
      async (request) => reports.list(type, request.params.id, request.principal),
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
    app.post(
      base,
      {
        config: write,
        schema: {
          tags,
          summary: `Owner or coordinator: mail the ${type} as PDF or XLSX weekly or monthly to its owner or listed members`,
          description:
            "`recipientIds` empty sends to the owner. Every recipient must be an active member who may open it; others " +
            "answer 400 `recipient_cannot_open` naming them. A schedule whose day is today sends today's report at once.",
          params: IdParams,
          body: ReportScheduleInputSchema,
          response: { 201: ReportScheduleSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await reports.create(type, request.params.id, request.body, request.principal, actorOf(request))),
    );
  }
  app.put(
    "/report-schedules/:id",
    {
      config: write,
      schema: {
        tags: ["analyses"],
        summary: "Owner of the item or coordinator: change a report schedule (states the version it read)",
        params: IdParams,
        body: ReportScheduleUpdateSchema,
        response: { 200: ReportScheduleSchema },
      },
    },
    async (request) => reports.update(request.params.id, request.body, request.principal, actorOf(request)),
  );
  app.post(
    "/report-schedules/:id/archive",
    {
      config: write,
      schema: {
        tags: ["analyses"],
        summary: "Owner of the item or coordinator: stop a report schedule (kept, with its sends, for the record)",
        params: IdParams,
        body: VersionBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await reports.remove(request.params.id, request.body.version, request.principal, actorOf(request));
      return reply.status(204).send(null);
    },
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
  app.post(
    "/report-schedules/:id/pause",
    {
      config: write,
      schema: {
        tags: ["analyses"],
        summary: "Owner of the item or coordinator: pause (paused=true) or resume a report schedule",
        description:
          "A paused schedule sends nothing until resumed; resumed on its day, that day's report goes at once.",
        params: IdParams,
        body: ReportPauseSchema,
        response: { 200: ReportScheduleSchema },
      },
    },
    async (request) =>
      controls.setPaused(
        request.params.id,
        request.body.paused,
        request.body.version,
        request.principal,
        actorOf(request),
      ),
  );
  app.post(
    "/report-schedules/:id/send",
    {
      config: write,
      schema: {
        tags: ["analyses"],
        summary: "Owner of the item or coordinator: send the report now, to the item's owner or to the list",
        description:
          `Queues a run of its own (recorded, audited as report_schedule.send_now); each recipient's report is computed ` +
          `as them. At most ${SEND_NOW_LIMIT} an hour per schedule: then 429 \`rate_limited\` with retryAfterSeconds.`,
        params: IdParams,
        body: ReportSendNowInputSchema,
        response: { 202: ReportSendNowSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await controls.sendNow(request.params.id, request.body.to, request.principal, actorOf(request))),
  );
}
