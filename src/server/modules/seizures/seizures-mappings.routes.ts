import { z } from "zod";
import {
  RememberedValueMappingListSchema,
  RememberedValueMappingParamsSchema,
  RememberedValueMappingQuerySchema,
} from "../../../common/seizure-value-mappings.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { SeizureMappingsRepository } from "./seizures-mappings.repository.js";
import { SeizureValueMappingsService } from "./seizures-mappings.service.js";

/** The import's remembered value mappings: listed and deleted by the people who import a country's files. */
export function registerSeizureMappingsRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["seizures"];
  const mappings = new SeizureValueMappingsService(ctx.database.db, new SeizureMappingsRepository(ctx.database.db), {
    audit: ctx.audit,
    revisions: ctx.revisions,
    scopesOf: (principal) => ctx.seizures.scopesOf(principal),
  });
  app.get(
    "/seizures/value-mappings",
    {
      config: { access: requires("seizures:write") },
      schema: {
        tags,
        summary:
          "Value mappings the import remembers for the countries you import for (and those of any country), newest first",
        querystring: RememberedValueMappingQuerySchema,
        response: { 200: RememberedValueMappingListSchema },
      },
    },
    async (request) => ({ items: await mappings.list(request.principal, request.query.country) }),
  );
  app.delete(
    "/seizures/value-mappings/:id",
    {
      config: { access: requires("seizures:write") },
      schema: {
        tags,
        summary:
          "Forget a remembered value mapping: the next file asks again (its country's focal point or liaison officer, or a coordinator; audited)",
        params: RememberedValueMappingParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await mappings.remove(request.params.id, request.principal, actorOf(request));
      return reply.status(204).send(null);
    },
  );
}
