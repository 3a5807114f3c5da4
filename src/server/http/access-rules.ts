import type { FastifyInstance, FastifyRequest, RouteOptions } from "fastify";
import { can, type Permission, type Principal } from "./access-policy.js";
import { AppError } from "./errors.js";

/**
 * Every route declares who may call it in `config.access`. A route under /api without one is refused at
 * registration, so a forgotten rule cannot ship; the route-rule test also walks the registry.
 */
export type AccessRule =
  | { kind: "public" }
  | { kind: "signed-in" }
  | { kind: "permission"; permission: Permission }
  /** Infrastructure routes outside the API (static files, API docs). */
  | { kind: "infrastructure" };

export const publicAccess = (): AccessRule => ({ kind: "public" });
export const signedIn = (): AccessRule => ({ kind: "signed-in" });
export const requires = (permission: Permission): AccessRule => ({ kind: "permission", permission });

declare module "fastify" {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: AccessRule | undefined;
}

/** Records every route with its rule; throws on an /api route without one. */
export function installRouteRegistry(app: FastifyInstance): RegisteredRoute[] {
  const registry: RegisteredRoute[] = [];
  app.addHook("onRoute", (route: RouteOptions) => {
    const access = (route.config as { access?: AccessRule } | undefined)?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      registry.push({ method, url: route.url, access });
    }
    if (route.url.startsWith("/api/v1") && !access) {
      throw new Error(`Route ${methods.join(",")} ${route.url} declares no access rule (config.access)`);
    }
  });
  return registry;
}

/** Checks a rule against the principal; throws 401 for a visitor and 403 for a user without permission. */
export function enforce(rule: AccessRule | undefined, principal: Principal) {
  if (!rule || rule.kind === "public" || rule.kind === "infrastructure") return;
  if (!principal.user) throw new AppError("unauthenticated", 401);
  if (rule.kind === "permission" && !can(principal, rule.permission)) throw new AppError("forbidden", 403);
}

export function ruleOf(request: FastifyRequest): AccessRule | undefined {
  return (request.routeOptions.config as { access?: AccessRule } | undefined)?.access;
}
