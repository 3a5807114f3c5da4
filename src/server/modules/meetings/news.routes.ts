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
import { recordRoutes } from "../../platform/record-routes.js";

export async function registerNewsRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ["news"];
  const record = recordRoutes(app, tags);
  const n = ctx.meetings.news;
  const manage = { access: requires("news:manage") };

  record.list(
    "/news",
    { access: publicAccess() },
    {
      summary: "News of the partnership, newest first (members-only items for signed-in users)",
      querystring: NewsListQuerySchema,
      response: NewsListSchema,
    },
    (query, { principal }) => n.list(query, principal),
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
  record.get(
    "/news/:id",
    { access: publicAccess() },
    { summary: "One news item", response: NewsItemSchema },
    (id, { principal }) => n.get(id, principal),
  );
  record.create(
    "/news",
    manage,
    {
      summary: "Publish a news item; subscribers of its pillars are notified",
      body: NewsInputSchema,
      response: NewsItemSchema,
    },
    (body, { principal, actor }) => n.create(body, actor, principal),
  );
  record.change(
    "PATCH",
    "/news/:id",
    manage,
    { summary: "Correct a news item (optimistic locking)", body: NewsUpdateSchema, response: NewsItemSchema },
    (id, body, { actor }) => n.update(id, body, actor),
  );
}
