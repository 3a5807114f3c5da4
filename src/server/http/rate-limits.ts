import type { RateLimitPluginOptions } from "@fastify/rate-limit";
import type { FastifyRequest } from "fastify";
import type { Config } from "../config.js";

/**
 * Who a request counts against (issue 18: an office of 30 people behind one address was throttled after about
 * seven page views a minute, and pages showed `rate_limited`).
 * - Static files and the web app's pages are never limited: only `/api/` routes are.
 * - A signed-in user counts per session (or per API token), never per address: a ministry's whole staff behind
 *   one NAT address each get their own allowance.
 * - Visitors count per address, with an allowance sized for 30 people browsing the public pages at once.
 * - Sign-in, registration and password reset keep their own strict per-route limits (per address).
 * The limiter runs after authentication (preHandler), so the key is a session that really exists: a made-up
 * cookie is a visitor and counts against its address.
 */
export function rateLimitOptions(config: Pick<Config, "rateLimitPerMinute" | "rateLimitAnonymousPerMinute">) {
  return {
    global: true,
    hook: "preHandler",
    timeWindow: "1 minute",
    keyGenerator: rateLimitKey,
    max: (_request: FastifyRequest, key: string) =>
      key.startsWith("ip:") ? config.rateLimitAnonymousPerMinute : config.rateLimitPerMinute,
    allowList: (request: FastifyRequest) => !request.url.startsWith("/api/") || request.url === "/api/v1/health",
  } satisfies RateLimitPluginOptions;
}

export function rateLimitKey(request: FastifyRequest): string {
  const principal = request.principal;
  if (principal?.user) {
    if (request.authMethod === "token") return `user:${principal.user.id}:token`;
    return `session:${principal.sessionId ?? principal.user.id}`;
  }
  return `ip:${request.ip}`;
}
