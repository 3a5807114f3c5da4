import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest, InjectOptions, LightMyRequestResponse } from "fastify";
import type { AppContext } from "../context.js";
import { injectPrerendered, type Prerendered, prerender, translator } from "./prerender.js";
import { type ApiGet, MEMBER_PAGES, NotAnswered, prerenderMember } from "./prerender-member.js";
import { SESSION_COOKIE } from "./security.js";

/** The built web app; `PACT_WEB_DIST` points elsewhere (e.g. a build made for one e2e run). */
export const WEB_DIST = process.env.PACT_WEB_DIST
  ? path.resolve(process.env.PACT_WEB_DIST)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../dist/web");

/** Hashed build output: its name changes with its content, so browsers may keep it for a year without asking. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Serves the built single-page app; unknown non-API paths get index.html so client routes work on reload.
 * - `/assets/*` (hashed names) are cached for a year, immutable; the build writes a brotli copy (level 11) of each
 *   next to it (`vite.config.ts`), sent as it is to browsers that accept br, so nothing is compressed per request.
 * - index.html and `/sw.js` (the service worker) are revalidated on every use (`no-cache`).
 * - The public pages' first screen is rendered into the HTML for visitors (`prerender.ts`), and that of the members'
 *   dashboard, seizure map and ADAM statistics for a signed-in user (`prerender-member.ts`), from the API's own
 *   answers to that user (`api`: the app's routes, called in-process with the request's cookies), `private, no-store`.
 */
export async function registerWebApp(
  app: FastifyInstance,
  ctx?: AppContext,
  dist = WEB_DIST,
  api: (options: InjectOptions) => Promise<LightMyRequestResponse> = (options) => app.inject(options),
) {
  const indexFile = path.join(dist, "index.html");
  if (!fs.existsSync(indexFile)) {
    app.log.warn(`web app not built (${dist} missing): run "npm run build"`);
    return;
  }
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    // "/" is answered below, prerendered; index.html itself stays reachable as the plain shell.
    index: false,
    preCompressed: true,
    maxAge: "1h",
    setHeaders(reply, filePath) {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) reply.header("cache-control", IMMUTABLE);
      else reply.header("cache-control", "no-cache");
    },
  });

  // The template is read again when the build changes (a rebuild while the server runs keeps working).
  let template: { mtimeMs: number; html: string } | null = null;
  const readTemplate = () => {
    const { mtimeMs } = fs.statSync(indexFile);
    if (template?.mtimeMs !== mtimeMs) template = { mtimeMs, html: fs.readFileSync(indexFile, "utf8") };
    return template.html;
  };

  const send = (request: FastifyRequest, reply: FastifyReply, rendered: Prerendered, cacheControl: string) =>
    reply
      .header("cache-control", cacheControl)
      .header("vary", "accept-language, cookie")
      .type("text/html; charset=utf-8")
      .send(injectPrerendered(readTemplate(), rendered, request.lang, translator(request.lang)("app.name")));

  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith("/api/")) return reply.callNotFound();
    const [rawPath = "/", query] = request.url.split("?");
    const pathname = rawPath.replace(/\/+$/, "") || "/";
    if (path.extname(pathname)) return reply.callNotFound();
    if (ctx && !request.cookies[SESSION_COOKIE]) {
      // A visitor's public page: the same for every visitor in that language.
      const rendered = await prerender(ctx, pathname, request.lang);
      if (rendered) return send(request, reply, rendered, "no-cache");
    } else if (ctx && MEMBER_PAGES.has(pathname) && !query) {
      // A member's page holds what only they may read: never stored, by the browser or anything between.
      const rendered = await prerenderMember(ctx, pathname, request.lang, apiAs(request));
      if (rendered) return send(request, reply, rendered, "private, no-store");
    }
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  };

  /** GETs an API route as the request's user would: their cookies, language, browser and address. */
  const apiAs =
    (request: FastifyRequest): ApiGet =>
    async <T>(url: string) => {
      const headers: Record<string, string> = { accept: "application/json", "accept-language": request.lang };
      for (const name of ["cookie", "user-agent"] as const) {
        const value = request.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      const res = await api({ method: "GET", url: `/api/v1${url}`, headers, remoteAddress: request.ip });
      if (res.statusCode !== 200) throw new NotAnswered(res.statusCode);
      return res.json() as T;
    };
  const access = { config: { access: { kind: "infrastructure" as const } } };
  app.get("/", access, page);
  app.get("/*", access, page);
}
