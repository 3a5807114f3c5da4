import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../context.js";
import { VISITOR } from "./access-policy.js";
import { enforce, ruleOf } from "./access-rules.js";
import { AppError } from "./errors.js";
import { INTERNAL_CALL_HEADER, InternalCalls } from "./internal-calls.js";
import { actorOf } from "./request-context.js";

export const SESSION_COOKIE = "pact_session";
export const CSRF_COOKIE = "pact_csrf";
/** Holds a sign-in whose password was right while it waits for the second factor (5 minutes). */
export const PENDING_SIGN_IN_COOKIE = "pact_pending_sign_in";
/**
 * Names the session for the web app's service worker (src/web/sw/service-worker.ts), which keeps API answers per
 * session and can read no cookie itself: a hash of the session token (it proves nothing to the server and cannot be
 * turned back into the token), readable by the page, which sends it with its reads as `x-pact-cache-key`, and sent
 * back on every answer to a session as that header. The worker answers a read from what it kept only when the read
 * names the session the answers were kept for, so a browser whose session ended (the server clears this cookie with
 * the session's) or another person's never gets them. A browser-session cookie, like the CSRF token's.
 */
export const CACHE_KEY_COOKIE = "pact_cache_key";
export const CACHE_KEY_HEADER = "x-pact-cache-key";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const API = "/api/v1";

/** How the request proved who it is: no credentials, a session cookie, or a personal API token. */
export type AuthMethod = "none" | "session" | "token";

declare module "fastify" {
  interface FastifyRequest {
    authMethod: AuthMethod;
  }
  interface FastifyInstance {
    /** In-process calls of a GET route as a given user (internal-calls.ts). */
    internalCalls: InternalCalls;
  }
}

/**
 * What a session whose role requires 2FA may reach before enrolment (plus public routes, as a visitor).
 * Changing the password is open too: an account made by a coordinator starts with a one-time password,
 * which is replaced first (it proves nothing more than the password the session was opened with).
 */
const OPEN_BEFORE_TWO_FACTOR = new Set([
  `GET ${API}/auth/me`,
  `POST ${API}/auth/sign-out`,
  `POST ${API}/auth/password`,
  `POST ${API}/auth/2fa/setup`,
  `POST ${API}/auth/2fa/enable`,
]);

function openBeforeTwoFactor(method: string, url: string): boolean {
  return OPEN_BEFORE_TWO_FACTOR.has(`${method} ${url}`) || url.startsWith(`${API}/terms/`);
}

/** Account-security routes (sessions, password, 2FA, tokens) take a session: a token cannot widen itself. */
export function sessionOnly(method: string, url: string): boolean {
  return url.startsWith(`${API}/auth/`) && !(method === "GET" && url === `${API}/auth/me`);
}

function isHttps(request: FastifyRequest) {
  return request.protocol === "https";
}

/** The service worker's name for a session token (see CACHE_KEY_COOKIE). */
export function cacheKeyOf(sessionToken: string): string {
  return createHash("sha256").update(`pact-cache:${sessionToken}`).digest("base64url").slice(0, 22);
}

/** Sets the cache-key cookie and header for the request's valid session, or clears a cookie left without one. */
function syncCacheKey(request: FastifyRequest, reply: FastifyReply, sessionToken: string | null): void {
  if (!request.url.startsWith("/api/")) return;
  const current = request.cookies[CACHE_KEY_COOKIE];
  if (!sessionToken) {
    if (current) reply.clearCookie(CACHE_KEY_COOKIE, { path: "/" });
    return;
  }
  const key = cacheKeyOf(sessionToken);
  reply.header(CACHE_KEY_HEADER, key);
  if (current !== key) reply.setCookie(CACHE_KEY_COOKIE, key, { ...cookieOptions(request), httpOnly: false });
}

export function cookieOptions(request: FastifyRequest, maxAgeSeconds?: number, path = "/") {
  return {
    path,
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

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError("unauthenticated", 401, { reason: "malformed_authorization" });
  return match[1] as string;
}

/**
 * Authentication, CSRF and the access rule of every route, before validation: a visitor learns nothing
 * about a protected route's input.
 * - A personal API token (`Authorization: Bearer pact_…`) authenticates alone: cookies are ignored and no
 *   CSRF token is asked, since the browser never adds the header by itself. An unknown, expired or revoked
 *   token is a 401 on any route, and tokens cannot reach the account-security routes.
 * - Otherwise the session cookie, with double-submit CSRF on state-changing requests: the x-csrf-token
 *   header must equal the HttpOnly pact_csrf cookie (which the page receives from GET /auth/me).
 * - A session whose role requires 2FA that is not set up reaches only enrolment (and terms acceptance);
 *   public routes answer it as a visitor, every other route with 403 `two_factor_setup_required`.
 * - A user (session or token) who has not accepted the current terms of use and access policy gets 403
 *   `terms_acceptance_required` on every protected route but the account and terms routes.
 */
export function installSecurity(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest("authMethod", "none");
  const internalCalls = new InternalCalls();
  app.decorate("internalCalls", internalCalls);
  app.addHook("onRequest", async (request) => {
    request.authMethod = "none";
  });
  app.addHook("preValidation", async (request, reply) => {
    const rule = ruleOf(request);
    const url = request.routeOptions.url ?? "";
    const isApi = request.url.startsWith("/api/") && rule?.kind !== "infrastructure";
    let twoFactorSetupRequired = false;

    const internal = request.headers[INTERNAL_CALL_HEADER];
    const bearer = internal === undefined ? bearerOf(request) : null;
    if (internal !== undefined) {
      // An in-process call as a user (scheduled reports): reads only, its single-use token from this process.
      const principal = typeof internal === "string" ? internalCalls.take(internal) : null;
      if (!principal || request.method !== "GET") throw new AppError("unauthenticated", 401);
      request.principal = principal;
      request.authMethod = "session";
    } else if (bearer !== null) {
      const result = await ctx.accounts.tokens.authenticate(bearer, actorOf(request));
      if (!result.ok && result.reason === "two_factor_setup_required") {
        throw new AppError("two_factor_setup_required", 403);
      }
      if (!result.ok) throw new AppError("unauthenticated", 401, { reason: "invalid_token" });
      request.principal = result.principal;
      request.authMethod = "token";
      if (isApi && sessionOnly(request.method, url))
        throw new AppError("forbidden", 403, { reason: "session_required" });
    } else {
      const token = request.cookies[SESSION_COOKIE];
      let valid = false;
      if (token) {
        const state = await ctx.accounts.resolveSessionState(token);
        if (state) {
          request.principal = state.principal;
          request.authMethod = "session";
          twoFactorSetupRequired = state.twoFactorSetupRequired;
          valid = true;
        } else reply.clearCookie(SESSION_COOKIE, { path: "/" });
      }
      syncCacheKey(request, reply, valid && token ? token : null);
      if (isApi && !SAFE_METHODS.has(request.method)) {
        if (!sameToken(request.headers["x-csrf-token"] as string | undefined, request.cookies[CSRF_COOKIE])) {
          throw new AppError("csrf_failed", 403);
        }
      }
    }

    if (twoFactorSetupRequired && isApi && !openBeforeTwoFactor(request.method, url)) {
      if (rule?.kind !== "public") throw new AppError("two_factor_setup_required", 403);
      request.principal = VISITOR;
    }
    // A new version of the terms of use or access policy must be accepted before protected data flows again,
    // through a session or a personal API token alike. Account and terms routes stay open so the user can
    // read and accept them (a token reaches only GET /auth/me of the account routes, see sessionOnly).
    const user = request.principal.user;
    if (
      user &&
      (request.authMethod === "session" || request.authMethod === "token") &&
      isApi &&
      rule &&
      rule.kind !== "public" &&
      !url.startsWith(`${API}/auth/`) &&
      !url.startsWith(`${API}/terms/`) &&
      (await ctx.terms.pendingFor(user.id)).length > 0
    ) {
      throw new AppError("terms_acceptance_required", 403);
    }
    enforce(rule, request.principal);
  });
}
