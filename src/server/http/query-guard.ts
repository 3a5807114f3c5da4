import type { FastifyInstance, RouteOptions } from "fastify";
import { AppError, type FieldError } from "./errors.js";

/** The query parameters a route accepts: a set of names, or any name (a record or a loose object). */
type QueryKeys = ReadonlySet<string> | "any";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Filled in at registration from the route's querystring schema; read by the unknown-parameter guard. */
    queryKeys?: QueryKeys;
  }
}

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown): Def | null => (schema as { _zod?: { def?: Def } } | null)?._zod?.def ?? null;

function unite(parts: QueryKeys[]): QueryKeys {
  if (parts.includes("any")) return "any";
  return new Set(parts.flatMap((p) => [...(p as ReadonlySet<string>)]));
}

/**
 * The parameter names a zod querystring schema reads. Wrappers (optional, default, pipe, transform…) are looked
 * through; an object that keeps unknown keys, or a record, takes any name. Anything else is refused at start-up,
 * so a schema this cannot read is found by the first test rather than let through.
 */
export function queryKeysOf(schema: unknown, where: string): QueryKeys {
  const def = defOf(schema);
  if (!def) throw new Error(`${where}: the querystring schema is not a zod schema`);
  switch (def.type) {
    case "object": {
      const catchall = defOf(def.catchall);
      if (catchall && catchall.type !== "never") return "any";
      return new Set(Object.keys(def.shape as Record<string, unknown>));
    }
    case "record":
      return "any";
    case "pipe":
      return queryKeysOf(def.in, where);
    case "optional":
    case "nonoptional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return queryKeysOf(def.innerType, where);
    case "lazy":
      return queryKeysOf((def.getter as () => unknown)(), where);
    case "intersection":
      return unite([queryKeysOf(def.left, where), queryKeysOf(def.right, where)]);
    case "union":
      return unite((def.options as unknown[]).map((o) => queryKeysOf(o, where)));
    default:
      throw new Error(`${where}: cannot tell which query parameters a "${def.type}" schema reads`);
  }
}

/**
 * An unknown query parameter is refused with 400 and its name, on every API route, rather than dropped: a
 * misspelt or unsupported filter (`/projects?commitment=I.6`) would otherwise answer everything as if filtered.
 * Runs after authentication and the access rule (a visitor learns nothing of a protected route's input) and
 * before validation and the handler, so nothing happens.
 */
export function installQueryGuard(app: FastifyInstance): void {
  app.addHook("onRoute", (route: RouteOptions) => {
    if (!route.url.startsWith("/api/v1")) return;
    const querystring = (route.schema as { querystring?: unknown } | undefined)?.querystring;
    const where = `Route ${String(route.method)} ${route.url}`;
    route.config = { ...route.config, queryKeys: querystring ? queryKeysOf(querystring, where) : new Set() };
  });
  app.addHook("preValidation", async (request) => {
    const allowed = request.routeOptions.config?.queryKeys;
    if (!allowed || allowed === "any") return;
    const errors: FieldError[] = Object.keys((request.query as object | undefined) ?? {})
      .filter((name) => !allowed.has(name))
      .slice(0, 20)
      .map((name) => ({ path: `query.${name}`, code: "unknown_parameter", params: { name } }));
    if (errors.length) throw new AppError("validation_failed", 400, undefined, errors);
  });
}
