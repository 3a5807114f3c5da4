import { z } from "zod";
import { ApiTokenListSchema, CreateApiTokenSchema, CreatedApiTokenSchema } from "../../../common/accounts.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { signedIn } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";

const TokenParams = z.object({ id: z.uuid() });

/** Personal API tokens of the signed-in user (session only: a token cannot make or revoke tokens). */
export async function registerApiTokenRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["auth"];

  app.get(
    "/auth/tokens",
    {
      config: { access: signedIn() },
      schema: { tags, summary: "My personal API tokens (never their values)", response: { 200: ApiTokenListSchema } },
    },
    async (request) => ({ items: await ctx.accounts.tokens.list(request.principal) }),
  );

  app.post(
    "/auth/tokens",
    {
      config: { access: signedIn(), rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Create a personal API token; its value is in this answer only",
        body: CreateApiTokenSchema,
        response: { 201: CreatedApiTokenSchema },
      },
    },
    async (request, reply) => {
      const created = await ctx.accounts.tokens.create(request.principal, request.body, actorOf(request));
      return reply.status(201).header("cache-control", "no-store").send(created);
    },
  );

  app.delete(
    "/auth/tokens/:id",
    {
      config: { access: signedIn() },
      schema: { tags, summary: "Revoke one of my API tokens", params: TokenParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await ctx.accounts.tokens.revoke(request.principal, request.params.id, actorOf(request));
      return reply.status(204).send(null);
    },
  );
}
