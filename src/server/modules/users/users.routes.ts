import { z } from "zod";
import {
  UserCreatedSchema,
  UserCreateSchema,
  UserDetailSchema,
  UserListQuerySchema,
  UserListSchema,
  UserUpdateSchema,
} from "../../../common/users.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { registerAuditLogRoutes } from "./audit-log.routes.js";

const IdParams = z.object({ id: z.uuid() });

export async function registerUsersRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["users"];
  const manage = { access: requires("users:manage") };

  app.get(
    "/users",
    {
      config: manage,
      schema: {
        tags,
        summary: "Users, filtered by text, role, partner and status; sorted by name, creation or last sign-in",
        querystring: UserListQuerySchema,
        response: { 200: UserListSchema },
      },
    },
    async (request) => ctx.users.list(request.query, actorOf(request)),
  );

  app.get(
    "/users/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "One user with their country scopes and the latest audit entries about them",
        params: IdParams,
        response: { 200: UserDetailSchema },
      },
    },
    async (request) => ctx.users.read(request.params.id, actorOf(request)),
  );

  app.post(
    "/users",
    {
      config: manage,
      schema: {
        tags,
        summary: "Create a user; the answer holds a one-time password, shown this once",
        body: UserCreateSchema,
        response: { 201: UserCreatedSchema },
      },
    },
    async (request, reply) => {
      const created = await ctx.users.create(request.body, request.principal, actorOf(request));
      reply.header("cache-control", "no-store");
      return reply.status(201).send(created);
    },
  );

  app.patch(
    "/users/:id",
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Change a user's name, role, partner, country scopes or status (optimistic locking: send the version you read)",
        params: IdParams,
        body: UserUpdateSchema,
        response: { 200: UserDetailSchema },
      },
    },
    async (request) => ctx.users.update(request.params.id, request.body, request.principal, actorOf(request)),
  );

  registerAuditLogRoutes(app, ctx);
}
