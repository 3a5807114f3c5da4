import type { MeetingUpdate, NewsUpdate, RecommendationUpdate } from "../../../common/meetings.js";
import type { TranslationSource } from "../translations/translations.sources.js";
import type { MeetingsModule } from "./meetings.module.js";

/**
 * The consultative mechanism in the translation queue: meetings, recommendations and news (not archived), each
 * filled text saved through the service's own update (revision, audit, search index, version).
 */
export function meetingsTranslationSources(m: MeetingsModule): TranslationSource[] {
  return [
    {
      module: "meetings",
      table: "meetings",
      titleColumn: "title",
      fields: ["title", "theme", "host", "city", "agenda", "outcome"],
      editable: "archived_at is null",
      link: (id) => `/meetings/${id}`,
      async save(id, version, values, principal, actor) {
        await m.meetings.update(id, { ...values, version } as MeetingUpdate, actor, principal);
      },
    },
    {
      module: "recommendations",
      table: "recommendations",
      titleColumn: "text",
      fields: ["text"],
      editable: "archived_at is null",
      link: (id) => `/recommendations/${id}`,
      async save(id, version, values, principal, actor) {
        await m.recommendations.update(id, { ...values, version } as RecommendationUpdate, actor, principal);
      },
    },
    {
      module: "news",
      table: "news_items",
      titleColumn: "title",
      fields: ["title", "summary", "body"],
      editable: "archived_at is null",
      link: (id) => `/news/${id}`,
      async save(id, version, values, _principal, actor) {
        await m.news.update(id, { ...values, version } as NewsUpdate, actor);
      },
    },
  ];
}
