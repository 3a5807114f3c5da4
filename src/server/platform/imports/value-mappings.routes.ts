import { z } from "zod";
import {
  ImportValueMappingListSchema,
  ImportValueMappingParamsSchema,
  ImportValueMappingQuerySchema,
} from "../../../common/import-value-mappings.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import type { Permission } from "../../http/access-policy.js";
import { requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { ImportValueMappingsService, type SourcesOf } from "./value-mappings.service.js";

/** What a module tells the platform to list its import's remembered value mappings. */
export interface ValueMappingRoutes {
  /** The module's import kind (`ImportModule.kind`): whose answers these are. */
  kind: string;
  /** Where the routes live: `${path}` lists, `${path}/:id` deletes (`/facilities/imports/value-mappings`). */
  path: string;
  /** The permission of the module's import: who may import may see and take back its answers. */
  permission: Permission;
  /** The sources the reader imports for (null: every source), as the module's import decides them. */
  sourcesOf: SourcesOf;
  /** How a source is named in the descriptions (a country, a partner). */
  source: string;
  tags: string[];
}

/**
 * The two routes by which a module's import shows what it remembers and lets it be taken back: listed (filter and
 * pages) and deleted (audited), within the reader's sources.
 */
export function registerValueMappingRoutes(app: AppInstance, ctx: AppContext, spec: ValueMappingRoutes) {
  const mappings = new ImportValueMappingsService(ctx.database.db, { audit: ctx.audit, revisions: ctx.revisions });
  const config = { access: requires(spec.permission) };
  app.get(
    spec.path,
    {
      config,
      schema: {
        tags: spec.tags,
        summary: `Values the import remembers as mapped for the ${spec.source}s you import for, and for every ${spec.source}; newest first`,
        description:
          "One page (limit, offset) of the answers of the import's value-mapping step: the file's value, the code it " +
          `was mapped to (null: not available), the layout and the ${spec.source} it holds for ("*": every ` +
          `${spec.source}), who gave it and when. Filter by field, source, or text in the value or code. Coordinators ` +
          `see every ${spec.source}'s; the name of who gave an answer of every source is shown to coordinators and ` +
          "to that person only.",
        querystring: ImportValueMappingQuerySchema,
        response: { 200: ImportValueMappingListSchema },
      },
    },
    async (request) =>
      mappings.list(spec.kind, await spec.sourcesOf(request.principal), request.query, request.principal),
  );
  app.delete(
    `${spec.path}/:id`,
    {
      config,
      schema: {
        tags: spec.tags,
        summary: `Forget a remembered value mapping: the next file asks again (audited)`,
        description:
          `A mapping of the ${spec.source}s you import for; mappings of every ${spec.source} ("*"): coordinators ` +
          `only (403). A mapping outside your ${spec.source}s, or none, is 404.`,
        params: ImportValueMappingParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await mappings.remove(spec.kind, await spec.sourcesOf(request.principal), request.params.id, actorOf(request));
      return reply.status(204).send(null);
    },
  );
}
