import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { SessionListSchema, SignInResultSchema, SignInSecondStepSchema } from "../../../common/accounts.js";
import { ChangePasswordSchema, MeSchema, SignInSchema } from "../../../common/platform.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, signedIn } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { cookieOptions, ensureCsrfToken, PENDING_SIGN_IN_COOKIE, SESSION_COOKIE } from "../../http/security.js";
import { registerApiTokenRoutes } from "./api-tokens.routes.js";
import { registerPasswordResetRoutes } from "./password-reset.routes.js";
import type { SessionOutcome } from "./sign-in.service.js";
import { registerTwoFactorRoutes } from "./two-factor.routes.js";

const PENDING_PATH = "/api/v1/auth";
/**
 * Per address, a ceiling on the requests themselves (argon2 costs CPU); failures are throttled separately, per
 * account and address, in the database. High enough for an office of 30 behind one address signing in at once.
 */
const SIGN_IN_RATE = { max: 120, timeWindow: "1 minute" };
const THROTTLE_NOTE =
  "Failed attempts are throttled per (account, address) pair, per account and per address, with delays that " +
  "double after a few failures up to a cap: while held back, the answer is 429 `too_many_attempts` with " +
  "`Retry-After` (seconds, also in `details.retryAfterSeconds`), even for the right credentials. Unknown and " +
  "existing accounts get exactly the same answers. There is no account lockout; addresses an account has " +
  "signed in from are not held back by other addresses' failures (see docs/security.md).";
const SessionParams = z.object({ id: z.uuid() });

export async function registerAccountsRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["auth"];
  const userAgent = (request: FastifyRequest) => request.headers["user-agent"] ?? null;

  /** Sets the session cookie and answers Me with a new CSRF token: none fixed before sign-in survives it. */
  async function startSession(request: FastifyRequest, reply: FastifyReply, outcome: SessionOutcome) {
    reply.setCookie(SESSION_COOKIE, outcome.token, cookieOptions(request, outcome.maxAgeSeconds));
    reply.clearCookie(PENDING_SIGN_IN_COOKIE, { path: PENDING_PATH });
    const principal = await ctx.accounts.resolveSession(outcome.token);
    return ctx.accounts.describe(principal ?? request.principal, ensureCsrfToken(request, reply, true));
  }

  app.get(
    "/auth/me",
    {
      config: { access: publicAccess() },
      schema: { tags, summary: "Who am I; also issues the CSRF token", response: { 200: MeSchema } },
    },
    async (request, reply) => ctx.accounts.describe(request.principal, ensureCsrfToken(request, reply)),
  );

  app.post(
    "/auth/sign-in",
    {
      config: { access: publicAccess(), rateLimit: SIGN_IN_RATE },
      schema: {
        tags,
        summary: "Sign in with e-mail and password; with 2FA on, answers twoFactorRequired and no session yet",
        description: `A wrong password and an unknown or inactive account both answer 401 \`invalid_credentials\`. ${THROTTLE_NOTE}`,
        body: SignInSchema,
        response: { 200: SignInResultSchema },
      },
    },
    async (request, reply) => {
      const outcome = await ctx.accounts.signInFlow.passwordStep(
        request.body.email,
        request.body.password,
        actorOf(request),
        userAgent(request),
      );
      if (outcome.kind === "session") return startSession(request, reply, outcome);
      reply.setCookie(
        PENDING_SIGN_IN_COOKIE,
        outcome.pendingToken,
        cookieOptions(request, outcome.maxAgeSeconds, PENDING_PATH),
      );
      return { authenticated: false, csrfToken: ensureCsrfToken(request, reply), user: null, twoFactorRequired: true };
    },
  );

  app.post(
    "/auth/sign-in/2fa",
    {
      config: { access: publicAccess(), rateLimit: SIGN_IN_RATE },
      schema: {
        tags,
        summary: "Second step of sign-in: a code from the authenticator app, or a single-use recovery code",
        description: `A wrong code answers 401 \`invalid_two_factor_code\` and counts as a failed sign-in; five end the pending sign-in. ${THROTTLE_NOTE}`,
        body: SignInSecondStepSchema,
        response: { 200: MeSchema },
      },
    },
    async (request, reply) => {
      const outcome = await ctx.accounts.signInFlow.secondStep(
        request.cookies[PENDING_SIGN_IN_COOKIE],
        request.body,
        actorOf(request),
        userAgent(request),
      );
      return startSession(request, reply, outcome);
    },
  );

  app.post(
    "/auth/sign-out",
    {
      config: { access: publicAccess() },
      schema: { tags, summary: "Sign out this session", response: { 204: z.null() } },
    },
    async (request, reply) => {
      await ctx.accounts.signOut(request.principal, actorOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/auth/password",
    {
      config: { access: signedIn(), rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: { tags, summary: "Change my password", body: ChangePasswordSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await ctx.accounts.changePassword(
        request.principal,
        request.body.currentPassword,
        request.body.newPassword,
        actorOf(request),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/auth/sessions",
    {
      config: { access: signedIn() },
      schema: { tags, summary: "My sessions, the current one flagged", response: { 200: SessionListSchema } },
    },
    async (request) => ({ items: await ctx.accounts.sessions.list(request.principal) }),
  );

  app.get(
    "/auth/offline-key",
    {
      config: { access: signedIn() },
      schema: {
        tags,
        summary: "This session's key for the offline queue (never stored by the browser beyond the tab)",
        description:
          "32 random bytes (base64), made on first request and kept with the session, so it is the same for the whole " +
          "session and deleted with it at sign-out. The web app encrypts seizures entered without a connection under " +
          "it (AES-GCM, IndexedDB). Sessions only (an API token is refused); answered with `Cache-Control: no-store`.",
        response: { 200: z.object({ key: z.string() }) },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return { key: await ctx.accounts.sessions.offlineKey(request.principal) };
    },
  );

  app.delete(
    "/auth/sessions/:id",
    {
      config: { access: signedIn() },
      schema: { tags, summary: "End one of my sessions", params: SessionParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const { current } = await ctx.accounts.sessions.revoke(request.principal, request.params.id, actorOf(request));
      if (current) reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/auth/sessions/sign-out-everywhere",
    {
      config: { access: signedIn() },
      schema: { tags, summary: "End all my sessions, this one included", response: { 204: z.null() } },
    },
    async (request, reply) => {
      await ctx.accounts.sessions.signOutEverywhere(request.principal, actorOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  await registerTwoFactorRoutes(app, ctx);
  await registerApiTokenRoutes(app, ctx);
  await registerPasswordResetRoutes(app, ctx);
}
