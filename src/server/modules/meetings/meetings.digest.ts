import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { canSee, type SharingLevel } from "../../http/access-policy.js";
import type { DigestCandidate, DigestSource } from "../digests/digests.sources.js";
import { MeetingsDigestRepository } from "./meetings.digest-repository.js";
import { canReadRecommendation } from "./recommendations.policy.js";

const short = (text: string | undefined, max = 160) =>
  text && text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/**
 * The consultative mechanism in the digests: news (subject "news"), meetings and recommendations (subject
 * "meetings"), each shown only to whom the module's own rules let open it (`canSee` for news and meetings,
 * `canReadRecommendation`).
 */
export function meetingsDigestSources(db: Kysely<DB>): DigestSource[] {
  const repo = new MeetingsDigestRepository(db);
  const news: DigestSource = {
    module: "news",
    async collect(window) {
      return (await repo.news(window)).map(
        (r): DigestCandidate => ({
          module: "news",
          id: r.id,
          at: new Date(r.published_at),
          pillars: r.pillars,
          countries: [],
          presentTo: (viewer) =>
            canSee(viewer.principal, r.visibility as SharingLevel)
              ? {
                  title: r.title,
                  ...(r.summary ? { detail: { en: short(r.summary.en), ru: short(r.summary.ru) } } : {}),
                  link: `/news/${r.id}`,
                  change: "new",
                }
              : null,
        }),
      );
    },
  };
  const meetings: DigestSource = {
    module: "meetings",
    async collect(window) {
      const [meetingRows, recommendationRows] = await Promise.all([
        repo.meetings(window),
        repo.recommendations(window),
      ]);
      const out: DigestCandidate[] = meetingRows.map((m) => ({
        module: "meetings",
        id: m.id,
        at: new Date(m.updated_at),
        createdAt: new Date(m.created_at),
        pillars: m.pillars,
        countries: m.country ? [m.country] : [],
        presentTo: (viewer) =>
          canSee(viewer.principal, m.visibility as SharingLevel)
            ? {
                title: m.title,
                detail: { en: m.start_date, ru: m.start_date },
                link: `/meetings/${m.id}`,
                change: "updated",
              }
            : null,
      }));
      for (const r of recommendationRows) {
        out.push({
          module: "meetings",
          id: r.id,
          at: new Date(r.updated_at),
          createdAt: new Date(r.created_at),
          pillars: [r.pillar],
          countries: [],
          presentTo: (viewer) =>
            canReadRecommendation(viewer.principal, r, r.meeting_visibility)
              ? {
                  title: {
                    en: `Recommendation ${r.number}: ${short(r.text.en ?? r.text.ru, 140)}`,
                    ru: `Рекомендация ${r.number}: ${short(r.text.ru ?? r.text.en, 140)}`,
                  },
                  detail: r.meeting_title,
                  link: `/recommendations/${r.id}`,
                  change: "updated",
                }
              : null,
        });
      }
      return out;
    },
  };
  return [news, meetings];
}
