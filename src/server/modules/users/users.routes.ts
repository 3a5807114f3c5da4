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
import { recordRoutes } from "../../platform/record-routes.js";
import { registerAuditLogRoutes } from "./audit-log.routes.js";

export async function registerUsersRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["users"];
  const record = recordRoutes(app, tags);
  const manage = { access: requires("users:manage") };

  record.list(
    "/users",
    manage,
    {
      summary: "Users, filtered by text, role, partner and status; sorted by name, creation or last sign-in",
      querystring: UserListQuerySchema,
      response: UserListSchema,
    },
    (query, { actor }) => ctx.users.list(query, actor),
  );

  record.get(
    "/users/:id",
    manage,
    {
      summary: "One user with their country scopes and the latest audit entries about them",
      response: UserDetailSchema,
    },
    (id, { actor }) => ctx.users.read(id, actor),
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

  record.change(
    "PATCH",
    "/users/:id",
    manage,
    {
      summary:
        "Change a user's name, role, partner, country scopes or status (optimistic locking: send the version you read)",
      body: UserUpdateSchema,
      response: UserDetailSchema,
    },
    (id, body, { principal, actor }) => ctx.users.update(id, body, principal, actor),
  );

  registerAuditLogRoutes(app, ctx);
}
