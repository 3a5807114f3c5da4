import { Readable } from "node:stream";
import { z } from "zod";
import { AuditExportQuerySchema, AuditListSchema, AuditQuerySchema } from "../../../common/users.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { contentDisposition } from "../../platform/platform.routes.js";

/** The audit-log screen's API: filtered pages, and the same filter exported as CSV. */
export function registerAuditLogRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["audit"];
  const read = { access: requires("audit:read") };

  app.get(
    "/audit",
    {
      config: read,
      schema: {
        tags,
        summary: "The audit log, newest first, filtered by action, actor, object, period or text (reading is audited)",
        querystring: AuditQuerySchema,
        response: { 200: AuditListSchema },
      },
    },
    async (request) => ctx.auditLog.search(request.query, actorOf(request)),
  );

  app.get(
    "/audit/export",
    {
      config: read,
      schema: {
        tags,
        summary: "The filtered audit log as CSV (UTF-8 with BOM, RFC 4180); the export is audited",
        querystring: AuditExportQuerySchema,
        response: { 200: z.unknown().describe("CSV (text/csv), one row per entry, newest first") },
      },
    },
    async (request, reply) => {
      const { format: _format, ...filter } = request.query;
      const lines = await ctx.auditLog.exportCsv(filter, request.lang, actorOf(request));
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", contentDisposition(`audit-log-${day}.csv`))
        .header("cache-control", "no-store")
        .send(Readable.from(lines));
    },
  );
}
