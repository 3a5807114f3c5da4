import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "./config.js";
import { type AppContext, createContext } from "./context.js";
import type { Database } from "./db/database.js";
import { installRouteRegistry, type RegisteredRoute } from "./http/access-rules.js";
import { installInputGuard } from "./http/input-guard.js";
import { registerApiDocs } from "./http/openapi.js";
import { installProblemHandler } from "./http/problem-handler.js";
import { installQueryGuard } from "./http/query-guard.js";
import { rateLimitOptions } from "./http/rate-limits.js";
import { installRequestContext } from "./http/request-context.js";
import { installSecurity } from "./http/security.js";
import { registerWebApp } from "./http/web-app.js";
import type { ModuleManifest } from "./modules/manifest.js";

export type AppInstance = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface BuiltApp {
  app: AppInstance;
  ctx: AppContext;
  routes: RegisteredRoute[];
}

export interface BuildOptions {
  /** The modules to assemble (default: every module in `modules/index.ts`); a test may add its own. */
  modules?: readonly ModuleManifest<unknown>[];
  /** Serve the built web app from dist/web (off in API tests). */
  serveWeb?: boolean;
  logger?: boolean;
}

/** Assembles the HTTP application: security, error model, access rules, API docs, then every module. */
/**
 * Responses are checked against their zod schema on the way out. The type provider encodes with `z.encode`,
 * which refuses schemas holding a one-way transform (a shared schema that upper-cases country codes, say)
 * as soon as such a field is present; those responses are checked by parsing instead — same shape check.
 */
const responseSerializer: typeof serializerCompiler = (route) => {
  const encode = serializerCompiler(route);
  return (data: unknown) => {
    try {
      return encode(data);
    } catch (error) {
      if ((error as Error | null)?.name !== "ZodEncodeError") throw error;
      const schema = (
        route.schema instanceof z.ZodType ? route.schema : (route.schema as { properties?: unknown }).properties
      ) as z.ZodType;
      const result = schema.safeParse(data);
      if (!result.success)
        throw new Error(`Response of ${route.method} ${route.url} does not match its schema`, { cause: result.error });
      return JSON.stringify(result.data);
    }
  };
};

export async function buildApp(config: Config, database: Database, options: BuildOptions = {}): Promise<BuiltApp> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: config.logLevel, redact: ["req.headers.cookie", "req.headers.authorization"] },
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 2 * 1024 * 1024,
    // Loading every module's routes can take longer than Fastify's default 10 s on a busy machine (seen at load 40 with
    // eight test processes starting at once); a start-up that is slow must not fail for that alone.
    pluginTimeout: 120_000,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer);
  const routes = installRouteRegistry(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", "blob:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.production,
  });
  await app.register(rateLimit, rateLimitOptions(config));
  // Many users are on slow links: compress JSON and the web app (brotli at a cheap level, else gzip).
  await app.register(compress, {
    threshold: 1024,
    encodings: ["br", "gzip"],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 10, fields: 50 } });

  installRequestContext(app);
  installProblemHandler(app);
  const ctx = createContext(config, database, app.log, options.modules);
  installSecurity(app, ctx);
  installInputGuard(app);
  installQueryGuard(app);
  await registerApiDocs(app);

  await app.register(
    async (api) => {
      for (const module of ctx.modules) await module.routes?.(api as AppInstance, ctx);
    },
    { prefix: "/api/v1" },
  );

  if (options.serveWeb) await registerWebApp(app, ctx);
  return { app, ctx, routes };
}
