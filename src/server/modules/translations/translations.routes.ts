import {
  TranslationFillResultSchema,
  TranslationFillSchema,
  TranslationParamsSchema,
  TranslationQueueQuerySchema,
  TranslationQueueSchema,
} from "../../../common/translations.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";

/** The translation workflow under /api/v1 (coordinators and administrators). */
export async function registerTranslationsRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ["translations"];
  const access = { access: requires("translations:manage") };

  app.get(
    "/translations",
    {
      config: access,
      schema: {
        tags,
        summary:
          "The queue of records with text in one language and not the other, by module and missing language, with counts",
        querystring: TranslationQueueQuerySchema,
        response: { 200: TranslationQueueSchema },
      },
    },
    async (request) => ctx.translations.queue(request.query),
  );
  app.put(
    "/translations/:module/:id",
    {
      config: access,
      schema: {
        tags,
        summary:
          "Fill the missing language of a record's fields, saved through its module (revision, audit, search); a stale version is 409",
        params: TranslationParamsSchema,
        body: TranslationFillSchema,
        response: { 200: TranslationFillResultSchema },
      },
    },
    async (request) =>
      ctx.translations.fill(
        request.params.module,
        request.params.id,
        request.body,
        request.principal,
        actorOf(request),
      ),
  );
}
