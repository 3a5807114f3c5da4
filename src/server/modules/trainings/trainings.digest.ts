import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { canSee } from "../../http/access-policy.js";
import type { DigestSource } from "../digests/digests.sources.js";
import { TrainingsDigestRepository } from "./trainings.digest-repository.js";

const day = (v: string | Date) => (typeof v === "string" ? v : v.toISOString().slice(0, 10));

/**
 * Trainings of the reader's countries in the digests (subject "trainings"): a training's page is public (its
 * participants are not, and the digest names none), so the rule is the public level; the digest keeps those of
 * the countries the reader follows (chosen, their partner's, their scopes).
 */
export function trainingsDigestSource(db: Kysely<DB>): DigestSource {
  const repo = new TrainingsDigestRepository(db);
  return {
    module: "trainings",
    async collect(window) {
      return (await repo.created(window)).map((t) => ({
        module: "trainings" as const,
        id: t.id,
        at: new Date(t.created_at),
        pillars: t.pillar ? [t.pillar] : [],
        countries: t.country ? [t.country] : [],
        presentTo: (viewer) => {
          if (!canSee(viewer.principal, "public") || !t.country || !viewer.homeCountries.includes(t.country))
            return null;
          const dates = `${day(t.starts_on)} – ${day(t.ends_on)}, ${t.country}`;
          return {
            title: { en: t.title, ru: t.title },
            detail: { en: dates, ru: dates },
            link: `/trainings/${t.id}`,
            change: "new" as const,
          };
        },
      }));
    },
  };
}
