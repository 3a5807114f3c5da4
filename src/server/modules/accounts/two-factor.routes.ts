import { z } from "zod";
import {
  RecoveryCodesSchema,
  TwoFactorCodeSchema,
  TwoFactorDisableSchema,
  TwoFactorSetupSchema,
  TwoFactorStatusSchema,
} from "../../../common/accounts.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { signedIn } from "../../http/access-rules.js";
import { unauthenticated } from "../../http/errors.js";
import { actorOf } from "../../http/request-context.js";

/** TOTP two-factor authentication of the signed-in user (session only: API tokens are refused). */
export async function registerTwoFactorRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["auth"];
  const limited = { max: 10, timeWindow: "1 minute" };

  app.get(
    "/auth/2fa",
    {
      config: { access: signedIn() },
      schema: { tags, summary: "My two-factor authentication status", response: { 200: TwoFactorStatusSchema } },
    },
    async (request) => {
      const user = request.principal.user;
      if (!user) throw unauthenticated();
      return ctx.accounts.twoFactor.status(user.id, user.role);
    },
  );

  app.post(
    "/auth/2fa/setup",
    {
      config: { access: signedIn(), rateLimit: limited },
      schema: {
        tags,
        summary: "Start enrolment: a new secret with its otpauth URI and QR code (SVG)",
        response: { 200: TwoFactorSetupSchema },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return ctx.accounts.twoFactor.setup(request.principal, actorOf(request));
    },
  );

  app.post(
    "/auth/2fa/enable",
    {
      config: { access: signedIn(), rateLimit: limited },
      schema: {
        tags,
        summary: "Finish enrolment with a first code; answers the recovery codes, shown once",
        body: TwoFactorCodeSchema,
        response: { 200: RecoveryCodesSchema },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return ctx.accounts.twoFactor.enable(request.principal, request.body.code, actorOf(request));
    },
  );

  app.post(
    "/auth/2fa/disable",
    {
      config: { access: signedIn(), rateLimit: limited },
      schema: {
        tags,
        summary: "Turn two-factor authentication off (not for roles that require it)",
        body: TwoFactorDisableSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await ctx.accounts.twoFactor.disable(
        request.principal,
        request.body.password,
        request.body.code,
        actorOf(request),
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/auth/2fa/recovery-codes",
    {
      config: { access: signedIn(), rateLimit: limited },
      schema: {
        tags,
        summary: "New recovery codes (the old ones stop working), confirmed by a current code",
        body: TwoFactorCodeSchema,
        response: { 200: RecoveryCodesSchema },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return ctx.accounts.twoFactor.regenerateRecoveryCodes(request.principal, request.body.code, actorOf(request));
    },
  );
}
