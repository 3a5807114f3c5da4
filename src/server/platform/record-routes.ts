import type { FastifyContextConfig, FastifyReply, FastifyRequest, FastifyTypeProviderDefault } from "fastify";
import { z } from "zod";
import { RevisionSchema } from "../../common/partners.js";
import type { AppInstance } from "../app.js";
import type { Principal } from "../http/access-policy.js";
import type { AccessRule } from "../http/access-rules.js";
import { actorOf } from "../http/request-context.js";
import type { Actor } from "./audit.js";

/** `:id` of a route on one record. */
export const IdParams = z.object({ id: z.uuid() });
/** The version an archive states it read (optimistic locking). */
export const VersionBody = z.object({ version: z.number().int().min(1) });
/** A record's revisions as the history routes answer them. */
export const RevisionHistory = z.object({ items: z.array(RevisionSchema) });

/** Who calls: the principal the access rules see and the actor the change is recorded for. */
export interface Caller {
  principal: Principal;
  actor: Actor;
}

/** Every route still states its access rule at its call site. */
type RouteConfig = FastifyContextConfig & { access: AccessRule };

interface RouteDoc {
  summary: string;
  description?: string;
}

function callerOf(request: FastifyRequest): Caller {
  return { principal: request.principal, actor: actorOf(request) };
}

function idOf(request: FastifyRequest): string {
  return (request.params as z.output<typeof IdParams>).id;
}

type Method = "GET" | "POST" | "PUT" | "PATCH";
type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * The routes that the modules write alike, on a collection (a list with its query, a create answering 201) and
 * on one record by `:id` (read, a change with a body answering the record: update, transition, correction, copy;
 * an archive stating the version read, 204; the revision history). Each helper registers an ordinary Fastify
 * route with the schema the route had written out (tags, summary, description, params, querystring, body,
 * response) and the access rule its caller states, so the route registry, the access matrix and the API
 * description see the same routes.
 */
export function recordRoutes(app: AppInstance, tags: string[]) {
  // The schemas are the helpers' type parameters: the handlers check their types against them.
  const routes = app.withTypeProvider<FastifyTypeProviderDefault>();
  const register = (
    method: Method,
    url: string,
    config: RouteConfig,
    doc: RouteDoc,
    schema: { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType; response: Record<number, z.ZodType> },
    handler: Handler,
  ) =>
    routes.route({
      method,
      url,
      config,
      schema: {
        tags,
        summary: doc.summary,
        ...(doc.description ? { description: doc.description } : {}),
        ...schema,
      },
      handler,
    });

  return {
    /** `GET` a collection: the reader's query, parsed by its schema, and the answer. */
    list<Q extends z.ZodType, R extends z.ZodType>(
      url: string,
      config: RouteConfig,
      doc: RouteDoc & { querystring: Q; response: R },
      run: (query: z.output<Q>, caller: Caller) => Promise<z.input<R>>,
    ): void {
      register("GET", url, config, doc, { querystring: doc.querystring, response: { 200: doc.response } }, (request) =>
        run(request.query as z.output<Q>, callerOf(request)),
      );
    },

    /** `POST` a new record to a collection: answers 201 with it. */
    create<B extends z.ZodType, R extends z.ZodType>(
      url: string,
      config: RouteConfig,
      doc: RouteDoc & { body: B; response: R },
      run: (body: z.output<B>, caller: Caller) => Promise<z.input<R>>,
    ): void {
      register("POST", url, config, doc, { body: doc.body, response: { 201: doc.response } }, async (request, reply) =>
        reply.status(201).send(await run(request.body as z.output<B>, callerOf(request))),
      );
    },

    /** `GET` one record (or something of it) by `:id`. */
    get<R extends z.ZodType>(
      url: string,
      config: RouteConfig,
      doc: RouteDoc & { response: R },
      run: (id: string, caller: Caller) => Promise<z.input<R>>,
    ): void {
      register("GET", url, config, doc, { params: IdParams, response: { 200: doc.response } }, (request) =>
        run(idOf(request), callerOf(request)),
      );
    },

    /** A write on one record with a body: answers 200, or the status given (201 for a new record, 202 for a job). */
    change<B extends z.ZodType, R extends z.ZodType>(
      method: "POST" | "PUT" | "PATCH",
      url: string,
      config: RouteConfig,
      doc: RouteDoc & { body: B; response: R; status?: 200 | 201 | 202 },
      run: (id: string, body: z.output<B>, caller: Caller) => Promise<z.input<R>>,
    ): void {
      const status = doc.status ?? 200;
      register(
        method,
        url,
        config,
        doc,
        { params: IdParams, body: doc.body, response: { [status]: doc.response } },
        async (request, reply) =>
          reply.status(status).send(await run(idOf(request), request.body as z.output<B>, callerOf(request))),
      );
    },

    /** `POST …/:id/archive` with the version read (`VersionBody` unless another schema is given); answers 204. */
    archive(
      url: string,
      config: RouteConfig,
      doc: RouteDoc & { body?: z.ZodType<{ version: number }> },
      run: (id: string, version: number, caller: Caller) => Promise<unknown>,
    ): void {
      const body = doc.body ?? VersionBody;
      register(
        "POST",
        url,
        config,
        doc,
        { params: IdParams, body, response: { 204: z.null() } },
        async (request, reply) => {
          await run(idOf(request), (request.body as { version: number }).version, callerOf(request));
          return reply.status(204).send(null);
        },
      );
    },

    /** `GET …/:id/history`: the record's revisions as `{ items }` (`RevisionHistory` unless another schema is given). */
    history<R extends z.ZodType = typeof RevisionHistory>(
      url: string,
      config: RouteConfig,
      doc: RouteDoc & { response?: R },
      run: (id: string, caller: Caller) => Promise<z.input<R> extends { items: infer I } ? I : never>,
    ): void {
      const response = doc.response ?? RevisionHistory;
      register("GET", url, config, doc, { params: IdParams, response: { 200: response } }, async (request) => ({
        items: await run(idOf(request), callerOf(request)),
      }));
    },
  };
}
