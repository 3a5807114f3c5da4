import { randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../context.js";
import { enforce, ruleOf } from "./access-rules.js";
import { AppError } from "./errors.js";

export const SESSION_COOKIE = "pact_session";
export const CSRF_COOKIE = "pact_csrf";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function isHttps(request: FastifyRequest) {
  return request.protocol === "https";
}

export function cookieOptions(request: FastifyRequest, maxAgeSeconds?: number) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: isHttps(request),
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** Returns the request's CSRF token, issuing a new cookie when there is none (or `rotate` is asked). */
export function ensureCsrfToken(request: FastifyRequest, reply: FastifyReply, rotate = false): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && !rotate && /^[\w-]{32,64}$/.test(existing)) return existing;
  const token = randomBytes(32).toString("base64url");
  reply.setCookie(CSRF_COOKIE, token, cookieOptions(request));
  request.cookies[CSRF_COOKIE] = token;
  return token;
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Authentication, CSRF and the access rule of every route, before validation: a visitor learns nothing
 * about a protected route's input. CSRF is double-submit: the x-csrf-token header must equal the
 * HttpOnly pact_csrf cookie (which the page receives from GET /auth/me), on top of SameSite=Lax cookies.
 */
export function installSecurity(app: FastifyInstance, ctx: AppContext) {
  app.addHook("preValidation", async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const principal = await ctx.accounts.resolveSession(token);
      if (principal) request.principal = principal;
      else reply.clearCookie(SESSION_COOKIE, { path: "/" });
    }
    const rule = ruleOf(request);
    if (rule?.kind !== "infrastructure" && !SAFE_METHODS.has(request.method) && request.url.startsWith("/api/")) {
      if (!sameToken(request.headers["x-csrf-token"] as string | undefined, request.cookies[CSRF_COOKIE])) {
        throw new AppError("csrf_failed", 403);
      }
    }
    enforce(rule, request.principal);
  });
}
