import { z } from "zod";
import {
  NewsInputSchema,
  NewsItemSchema,
  NewsListQuerySchema,
  NewsListSchema,
  NewsUpdateSchema,
} from "../../../common/meetings.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";

const IdParams = z.object({ id: z.string().uuid() });

export async function registerNewsRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ["news"];
  const n = ctx.meetings.news;
  const manage = { access: requires("news:manage") };

  app.get(
    "/news",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "News of the partnership, newest first (members-only items for signed-in users)",
        querystring: NewsListQuerySchema,
        response: { 200: NewsListSchema },
      },
    },
    async (request) => n.list(request.query, request.principal),
  );
  for (const format of ["rss", "atom"] as const) {
    app.get(
      `/news/feed.${format}`,
      {
        config: { access: publicAccess() },
        schema: {
          tags,
          summary: `Public news as ${format === "rss" ? "RSS 2.0" : "Atom 1.0"} (language by Accept-Language or ?lang=)`,
          querystring: z.object({ lang: z.enum(["en", "ru"]).optional() }),
          response: { 200: z.unknown().describe(`application/${format}+xml`) },
        },
      },
      async (request, reply) => {
        const body = await n.feed(format, request.query.lang ?? request.lang);
        return reply.header("content-type", `application/${format}+xml; charset=utf-8`).send(Buffer.from(body, "utf8"));
      },
    );
  }
  app.get(
    "/news/:id",
    {
      config: { access: publicAccess() },
      schema: { tags, summary: "One news item", params: IdParams, response: { 200: NewsItemSchema } },
    },
    async (request) => n.get(request.params.id, request.principal),
  );
  app.post(
    "/news",
    {
      config: manage,
      schema: {
        tags,
        summary: "Publish a news item; subscribers of its pillars are notified",
        body: NewsInputSchema,
        response: { 201: NewsItemSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await n.create(request.body, actorOf(request), request.principal)),
  );
  app.patch(
    "/news/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "Correct a news item (optimistic locking)",
        params: IdParams,
        body: NewsUpdateSchema,
        response: { 200: NewsItemSchema },
      },
    },
    async (request) => n.update(request.params.id, request.body, actorOf(request)),
  );
}
