import { z } from "zod";
import { PasswordResetCompleteSchema, PasswordResetRequestSchema } from "../../../common/accounts.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";

/** Password reset by e-mail link (public, rate limited). */
export async function registerPasswordResetRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["auth"];

  app.post(
    "/auth/password-reset",
    {
      config: { access: publicAccess(), rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Ask for a password-reset link by e-mail; 202 whether or not the address has an account",
        body: PasswordResetRequestSchema,
        response: { 202: z.null() },
      },
    },
    async (request, reply) => {
      await ctx.accounts.passwordReset.request(request.body.email, actorOf(request));
      return reply.status(202).send(null);
    },
  );

  app.post(
    "/auth/password-reset/complete",
    {
      config: { access: publicAccess(), rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Set a new password with the link's token; ends every session of the account",
        body: PasswordResetCompleteSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await ctx.accounts.passwordReset.complete(request.body.token, request.body.newPassword, actorOf(request));
      return reply.status(204).send(null);
    },
  );
}
