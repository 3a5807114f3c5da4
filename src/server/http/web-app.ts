import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** The built web app; `PACT_WEB_DIST` points elsewhere (e.g. a build made for one e2e run). */
export const WEB_DIST = process.env.PACT_WEB_DIST
  ? path.resolve(process.env.PACT_WEB_DIST)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../dist/web");

/** Serves the built single-page app; unknown non-API paths get index.html so client routes work on reload. */
export async function registerWebApp(app: FastifyInstance) {
  if (!fs.existsSync(path.join(WEB_DIST, "index.html"))) {
    app.log.warn(`web app not built (${WEB_DIST} missing): run "npm run build"`);
    return;
  }
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    wildcard: false,
    index: ["index.html"],
    maxAge: "1h",
    setHeaders(reply, filePath) {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        reply.header("cache-control", "public, max-age=31536000, immutable");
      } else {
        reply.header("cache-control", "no-cache");
      }
    },
  });
  app.get("/*", { config: { access: { kind: "infrastructure" } } }, (request, reply) => {
    if (request.url.startsWith("/api/")) {
      return reply.callNotFound();
    }
    const file = request.url.split("?")[0] ?? "/";
    if (path.extname(file)) return reply.callNotFound();
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
}
