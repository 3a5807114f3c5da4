import { z } from "zod";
import { ChangePasswordSchema, MeSchema, SignInSchema } from "../../../common/platform.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, signedIn } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { cookieOptions, ensureCsrfToken, SESSION_COOKIE } from "../../http/security.js";

export async function registerAccountsRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["auth"];

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
      config: { access: publicAccess(), rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: { tags, summary: "Sign in with e-mail and password", body: SignInSchema, response: { 200: MeSchema } },
    },
    async (request, reply) => {
      const { token, maxAgeSeconds } = await ctx.accounts.signIn(
        request.body.email,
        request.body.password,
        actorOf(request),
        request.headers["user-agent"] ?? null,
      );
      reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, maxAgeSeconds));
      const principal = await ctx.accounts.resolveSession(token);
      // A new CSRF token with the new session: no token fixed before sign-in survives it.
      return ctx.accounts.describe(principal ?? request.principal, ensureCsrfToken(request, reply, true));
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
}
