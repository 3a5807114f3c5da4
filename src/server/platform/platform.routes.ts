import fs from "node:fs";
import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import { z } from "zod";
import {
  HealthSchema,
  JobSchema,
  NotificationListSchema,
  type NotificationPreference,
  NotificationPreferencesSchema,
  NotificationPreferencesUpdateSchema,
  SearchQuerySchema,
  SearchResultSchema,
} from "../../common/platform.js";
import type { AppInstance } from "../app.js";
import type { AppContext } from "../context.js";
import { pingDatabase } from "../db/database.js";
import { can } from "../http/access-policy.js";
import { publicAccess, requires } from "../http/access-rules.js";
import { AppError, notFound } from "../http/errors.js";
import { actorOf } from "../http/request-context.js";
import { ChangeRecorder } from "./changes.js";
import { DOCUMENTS, FileRecordSchema, IATI_XML, IMAGES, MEDIA } from "./files.js";
import { registerGeoRoutes } from "./geo.routes.js";
import { isTerminal } from "./jobs.js";

const IdParams = z.object({ id: z.uuid() });
const LabelSchema = z.object({ en: z.string(), ru: z.string() });
const SearchTypeSchema = z.object({ entityType: z.string(), label: LabelSchema });
const NotificationPageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
const SSE_POLL_MS = 500;
/** A replica that takes longer than this to answer a trivial query counts as down (health checks poll often). */
const REPLICA_PING_TIMEOUT_MS = 2000;
const SSE_HEARTBEAT_MS = 15_000;
const UPLOAD_ALLOWED = [...DOCUMENTS, ...IMAGES, ...IATI_XML];

/** The version in package.json, read once. */
const VERSION = (() => {
  for (const candidate of [new URL("../../../package.json", import.meta.url), `${process.cwd()}/package.json`]) {
    try {
      return String(JSON.parse(fs.readFileSync(candidate, "utf8")).version ?? "0.0.0");
    } catch {}
  }
  return "0.0.0";
})();

/** attachment; filename="ascii"; filename*=UTF-8''percent-encoded (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The multipart size limit truncates a file silently; make that an error before anything is stored. */
async function* refuseTruncated(file: AsyncIterable<Buffer> & { truncated?: boolean }): AsyncGenerator<Buffer> {
  for await (const chunk of file) {
    if (file.truncated) break;
    yield chunk;
  }
  if (file.truncated) throw new AppError("payload_too_large", 413);
}

export async function registerPlatformRoutes(app: AppInstance, ctx: AppContext) {
  app.get(
    "/health",
    {
      config: { access: publicAccess() },
      schema: {
        tags: ["platform"],
        summary: "Liveness, and reachability of the database and of its read replica",
        description:
          "503 when the primary database does not answer. A read replica (DATABASE_READ_URL) that does not answer within " +
          "2 s shows as `replica.status: down` and makes `status` degraded, with 200: the primary still serves every " +
          "record page and write, and only the analytical reads answer 503 meanwhile. `replica` is null without one.",
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      const { db, readDb } = ctx.database;
      const [latency, replicaLatency] = await Promise.all([
        pingDatabase(db),
        readDb === db ? undefined : pingDatabase(readDb, REPLICA_PING_TIMEOUT_MS),
      ]);
      const up = latency !== null;
      const ms = (v: number | null) => Math.round((v ?? 0) * 10) / 10;
      const replica =
        replicaLatency === undefined
          ? null
          : { status: replicaLatency === null ? ("down" as const) : ("up" as const), latencyMs: ms(replicaLatency) };
      return reply.status(up ? 200 : 503).send({
        status: up && replica?.status !== "down" ? "ok" : "degraded",
        database: { kind: ctx.database.kind, status: up ? "up" : "down", latencyMs: ms(latency) },
        replica,
        version: VERSION,
        uptimeSeconds: Math.round(process.uptime()),
      });
    },
  );

  registerSearchRoutes(app, ctx);
  registerFileRoutes(app, ctx);
  registerJobRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerGeoRoutes(app);
}

function registerSearchRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["search"];
  app.get(
    "/search",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "Search everything the caller may see, in English and Russian",
        description:
          "One ranked list across both languages: each word also matches its translations from the platform's domain thesaurus and, for names, its spelling in the other script (Термез/Termez). Snippets are plain text in the reader's language when the record has it; `highlights` gives the offsets of the matches.",
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema },
      },
    },
    async (request) => ctx.search.search(request.principal, { ...request.query, lang: request.lang }),
  );
  app.get(
    "/search/types",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "Kinds of searchable records, with labels",
        response: { 200: z.array(SearchTypeSchema) },
      },
    },
    async () => ctx.search.types(),
  );
}

function registerFileRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["files"];
  app.post(
    "/files",
    {
      config: { access: requires("files:upload") },
      schema: {
        tags,
        summary:
          "Upload one file (multipart field `file`): documents (PDF, DOCX, XLSX, ODT, ODS, CSV, TXT), images or IATI activity XML",
        description:
          "Send multipart/form-data with one file in the field `file`. The type is taken from the bytes, not the " +
          "name; HTML and SVG are always refused (415), and XML unless it is IATI activity XML (an `iati-activities` " +
          "root, no script, DTD or stylesheet); files over UPLOAD_MAX_BYTES are refused (413).",
        consumes: ["multipart/form-data"],
        response: { 201: FileRecordSchema },
      },
    },
    async (request, reply) => {
      const part = request.isMultipart() ? await request.file() : undefined;
      if (part?.fieldname !== "file") {
        part?.file.resume();
        throw new AppError("validation_failed", 400, undefined, [{ path: "body.file", code: "required" }]);
      }
      const record = await ctx.files.save({
        data: Readable.from(refuseTruncated(part.file)),
        originalName: part.filename,
        allowed: UPLOAD_ALLOWED,
        actor: actorOf(request),
      });
      return reply.status(201).send(record);
    },
  );

  app.get(
    "/files/:id",
    {
      config: { access: requires("files:read") },
      schema: {
        tags,
        summary: "Download a file you uploaded (coordinators: any); modules serve their attachments themselves",
        params: IdParams,
        response: { 200: z.unknown().describe("The file's bytes, as an attachment") },
      },
    },
    async (request, reply) => {
      const user = request.principal.user;
      const record = await ctx.files.get(request.params.id);
      if (!user || (record.createdBy !== user.id && !can(request.principal, "partners:all"))) throw notFound("file");
      const { stream } = await ctx.files.open(record.id);
      return (
        reply
          // XML (IATI files) goes back as bytes to save, never as a document a browser would render.
          .header("content-type", record.mediaType === MEDIA.iatiXml ? "application/octet-stream" : record.mediaType)
          .header("content-length", String(record.size))
          .header("content-disposition", contentDisposition(record.originalName))
          .header("x-content-type-options", "nosniff")
          .header("content-security-policy", "default-src 'none'; sandbox")
          .header("cache-control", "private, no-store")
          .send(stream)
      );
    },
  );
}

function registerJobRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["jobs"];
  app.get(
    "/jobs/:id",
    {
      config: { access: requires("jobs:read") },
      schema: {
        tags,
        summary: "State and progress of a job you started",
        params: IdParams,
        response: { 200: JobSchema },
      },
    },
    async (request) => ctx.jobs.getFor(request.principal, request.params.id),
  );

  app.get(
    "/jobs/:id/events",
    {
      config: { access: requires("jobs:read") },
      schema: {
        tags,
        summary: "Server-sent events: `progress` with the job each time it changes, until it finishes",
        params: IdParams,
        produces: ["text/event-stream"],
        response: { 200: z.string().describe("text/event-stream of `event: progress` messages carrying the Job") },
      },
    },
    async (request, reply) => {
      const first = await ctx.jobs.getFor(request.principal, request.params.id);
      streamJob(reply, first, () => ctx.jobs.get(first.id), ctx);
    },
  );
}

/** Polls the job row (instances share nothing but the database) and forwards each change as an event. */
function streamJob(
  reply: FastifyReply,
  first: z.infer<typeof JobSchema>,
  load: () => Promise<z.infer<typeof JobSchema>>,
  ctx: AppContext,
) {
  reply.hijack();
  const raw = reply.raw;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined) headers[name] = String(value);
  raw.writeHead(200, {
    ...headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  let last = "";
  let done = false;
  let poll: NodeJS.Timeout | null = null;
  const send = (job: z.infer<typeof JobSchema>) => {
    const data = JSON.stringify(job);
    if (data !== last) {
      last = data;
      raw.write(`event: progress\ndata: ${data}\n\n`);
    }
    if (isTerminal(job.status)) finish();
  };
  const heartbeat = setInterval(() => raw.write(": heartbeat\n\n"), SSE_HEARTBEAT_MS);
  const finish = () => {
    if (done) return;
    done = true;
    clearInterval(heartbeat);
    if (poll) clearTimeout(poll);
    if (!raw.writableEnded) raw.end();
  };
  const schedule = () => {
    poll = setTimeout(async () => {
      if (done) return;
      try {
        send(await load());
      } catch (error) {
        ctx.log.warn({ err: error, jobId: first.id }, "job event stream stopped");
        finish();
      }
      if (!done) schedule();
    }, SSE_POLL_MS);
  };
  raw.on("close", finish);
  send(first);
  if (!done) schedule();
}

function registerNotificationRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["notifications"];
  const access = { access: requires("notifications:read") };
  const userOf = (principal: { user: { id: string } | null }) => {
    if (!principal.user) throw new AppError("unauthenticated", 401);
    return principal.user.id;
  };
  const withLabels = (items: NotificationPreference[]) => {
    const labels = new Map(ctx.notifications.kinds().map((k) => [k.kind, k.label]));
    return items.map((i) => ({ ...i, label: labels.get(i.kind) ?? { en: i.kind, ru: i.kind } }));
  };

  app.get(
    "/notifications",
    {
      config: access,
      schema: {
        tags,
        summary: "My notifications, newest first, with the unread count",
        querystring: NotificationPageSchema,
        response: { 200: NotificationListSchema },
      },
    },
    async (request) => ctx.notifications.list(userOf(request.principal), request.query),
  );
  app.post(
    "/notifications/:id/read",
    {
      config: access,
      schema: { tags, summary: "Mark one of my notifications read", params: IdParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await ctx.notifications.markRead(userOf(request.principal), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/notifications/read-all",
    { config: access, schema: { tags, summary: "Mark all my notifications read", response: { 204: z.null() } } },
    async (request, reply) => {
      await ctx.notifications.markAllRead(userOf(request.principal));
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/notifications/preferences",
    {
      config: access,
      schema: {
        tags,
        summary: "How I am notified of each kind of event",
        response: { 200: NotificationPreferencesSchema },
      },
    },
    async (request) => ({ items: withLabels(await ctx.notifications.preferences(userOf(request.principal))) }),
  );
  app.put(
    "/notifications/preferences",
    {
      config: { access: requires("account:write") },
      schema: {
        tags,
        summary: "Choose in-app and e-mail notification per kind",
        body: NotificationPreferencesUpdateSchema,
        response: { 200: NotificationPreferencesSchema },
      },
    },
    async (request) => {
      const userId = userOf(request.principal);
      const saved = await ctx.notifications.setPreferences(userId, request.body.items);
      await new ChangeRecorder(ctx).event(actorOf(request), {
        action: "notification.preferences",
        objectType: "user",
        objectId: userId,
        details: { items: request.body.items },
      });
      return { items: withLabels(saved) };
    },
  );
}
