import type { FastifyReply } from "fastify";
import { CountryCollectionSchema } from "../../common/geo.js";
import type { AppInstance } from "../app.js";
import { publicAccess } from "../http/access-rules.js";
import { basemap } from "./geo-basemap.js";

/** Country shapes change only with a release: a week in caches, then a cheap 304 by ETag. */
const GEO_CACHE_CONTROL = "public, max-age=604800, stale-while-revalidate=86400";

/** `GET /geo/countries`: the offline basemap of the web maps (see `geo.ts`). */
export function registerGeoRoutes(app: AppInstance) {
  app.get(
    "/geo/countries",
    {
      config: { access: publicAccess() },
      schema: {
        tags: ["geo"],
        summary: "Simplified country shapes (GeoJSON, ISO3 ids, EN/RU names, label points) for the web maps",
        description:
          "Natural Earth 1:110m (small countries from 1:50m), coordinates rounded to 0.01°, no Antarctica. " +
          "Cached for a week with a strong ETag; send If-None-Match to get 304.",
        response: { 200: CountryCollectionSchema, 304: CountryCollectionSchema.optional() },
      },
    },
    async (request, typedReply) => {
      // The body is serialised once (200 kB); send it as it is rather than through the response serializer.
      const reply = typedReply as FastifyReply;
      const { body, etag } = basemap();
      reply.header("etag", etag).header("cache-control", GEO_CACHE_CONTROL).header("vary", "accept-encoding");
      if (request.headers["if-none-match"] === etag) return reply.status(304).send();
      return reply.type("application/json; charset=utf-8").send(body);
    },
  );
}
