import type { FastifyTypeProviderDefault } from "fastify";
import { z } from "zod";
import {
  CommitmentSchema,
  PartnerDetailSchema,
  PartnerListQuerySchema,
  PartnerListSchema,
  PartnerSchema,
  PartnerUpdateSchema,
  PillarDetailSchema,
  PillarSchema,
  ProgrammeSchema,
  RevisionSchema,
  RouteSchema,
} from "../../../common/partners.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { sendCached } from "../../platform/json-cache.js";

const PillarsSchema = z.object({ items: z.array(PillarSchema) });
const CommitmentsSchema = z.object({ items: z.array(CommitmentSchema) });
const RoutesSchema = z.object({ items: z.array(RouteSchema) });

const CodeParams = z.object({
  code: z
    .string()
    .trim()
    .min(2)
    .max(20)
    .regex(/^[A-Za-z0-9-]+$/),
});
const PillarParams = z.object({ number: z.coerce.number().int().min(1).max(4) });

export async function registerPartnersRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["partnership"];
  const open = { access: publicAccess() };
  /** A public read of reference data, answered from the short-lived cache (its entry named by the path) with an ETag. */
  const cachedList = <S extends z.ZodType>(
    url: string,
    summary: string,
    response: S,
    build: () => Promise<z.input<S>>,
  ) =>
    app.withTypeProvider<FastifyTypeProviderDefault>().route({
      method: "GET",
      url,
      config: open,
      schema: { tags, summary, response: { 200: response as z.ZodType } },
      handler: async (request, reply) =>
        sendCached(request, reply, await ctx.partners.cached(url.slice(1), response, build)),
    });

  app.get(
    "/partners",
    {
      config: open,
      schema: {
        tags,
        summary: "Partner countries and organizations",
        querystring: PartnerListQuerySchema,
        response: { 200: PartnerListSchema },
      },
    },
    async (request, reply) => {
      // Free-text filters are answered fresh; the plain lists come from the short-lived cache with an ETag.
      if (request.query.q) return ctx.partners.list(request.query);
      const key = `partners:${request.query.kind ?? "all"}`;
      return sendCached(
        request,
        reply,
        await ctx.partners.cached(key, PartnerListSchema, () => ctx.partners.list(request.query)),
      );
    },
  );
  app.get(
    "/partners/:code",
    {
      config: open,
      schema: {
        tags,
        summary: "One partner with the sections modules add",
        params: CodeParams,
        response: { 200: PartnerDetailSchema },
      },
    },
    async (request) => ctx.partners.get(request.params.code, request.principal, actorOf(request)),
  );
  app.patch(
    "/partners/:code",
    {
      config: { access: requires("reference:manage") },
      schema: {
        tags,
        summary: "Correct a partner's names or region (optimistic locking: send the version you read)",
        params: CodeParams,
        body: PartnerUpdateSchema,
        response: { 200: PartnerSchema },
      },
    },
    async (request) => ctx.partners.update(request.params.code, request.body, actorOf(request)),
  );
  app.get(
    "/partners/:code/history",
    {
      config: { access: requires("member:read") },
      schema: {
        tags,
        summary: "Revision history of a partner record",
        params: CodeParams,
        response: { 200: z.object({ items: z.array(RevisionSchema) }) },
      },
    },
    async (request) => ({ items: await ctx.partners.history(request.params.code) }),
  );
  cachedList("/pillars", "The four pillars of the Vienna Declaration", PillarsSchema, async () => ({
    items: await ctx.partners.pillars(),
  }));
  app.get(
    "/pillars/:number",
    {
      config: open,
      schema: {
        tags,
        summary: "A pillar with its numbered commitments",
        params: PillarParams,
        response: { 200: PillarDetailSchema },
      },
    },
    async (request, reply) =>
      sendCached(
        request,
        reply,
        await ctx.partners.cached(`pillar:${request.params.number}`, PillarDetailSchema, () =>
          ctx.partners.pillar(request.params.number),
        ),
      ),
  );
  cachedList("/commitments", "All 32 commitments of the Vienna Declaration", CommitmentsSchema, async () => ({
    items: await ctx.partners.commitments(),
  }));
  cachedList("/routes", "Trafficking routes and the countries on them", RoutesSchema, async () => ({
    items: await ctx.partners.routes(),
  }));
  cachedList("/programme", "Programme components, donors by year, liaison officer posts", ProgrammeSchema, () =>
    ctx.partners.programme(),
  );
}
