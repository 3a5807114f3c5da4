import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../context.js";
import { injectPrerendered, prerender, translator } from "./prerender.js";
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
 * - The public pages' first screen is rendered into the HTML for visitors (`prerender.ts`).
 */
export async function registerWebApp(app: FastifyInstance, ctx?: AppContext, dist = WEB_DIST) {
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

  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith("/api/")) return reply.callNotFound();
    const pathname = (request.url.split("?")[0] ?? "/").replace(/\/+$/, "") || "/";
    if (path.extname(pathname)) return reply.callNotFound();
    // Visitors only: a signed-in user's pages come from the app, which their service worker keeps.
    if (ctx && !request.cookies[SESSION_COOKIE]) {
      const rendered = await prerender(ctx, pathname, request.lang);
      if (rendered) {
        return reply
          .header("cache-control", "no-cache")
          .header("vary", "accept-language, cookie")
          .type("text/html; charset=utf-8")
          .send(injectPrerendered(readTemplate(), rendered, request.lang, translator(request.lang)("app.name")));
      }
    }
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  };
  const access = { config: { access: { kind: "infrastructure" as const } } };
  app.get("/", access, page);
  app.get("/*", access, page);
}
