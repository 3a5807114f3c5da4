import { DirectoryListSchema, DirectoryQuerySchema } from "../../../common/users.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";

export async function registerDirectoryRoutes(app: AppInstance, ctx: AppContext) {
  // Partner pages show the partner's focal points and liaison officers to members (not to visitors).
  ctx.partners.addSectionProvider((code, principal, actor) => ctx.directory.partnerSection(code, principal, actor));

  app.get(
    "/directory",
    {
      config: { access: requires("member:read") },
      schema: {
        tags: ["partnership"],
        summary: "Members only: active national focal points and liaison officers, by partner, role or name",
        querystring: DirectoryQuerySchema,
        response: { 200: DirectoryListSchema },
      },
    },
    async (request) => ctx.directory.list(request.query, actorOf(request)),
  );
}
