import type { Kysely } from "kysely";
import { DRUGS } from "../../../common/seizures.js";
import type { DB } from "../../db/schema.js";
import type { DigestSource } from "../digests/digests.sources.js";
import type { Audience } from "./seizures.aggregates.js";
import { SeizuresDigestRepository } from "./seizures.digest-repository.js";
import { audienceSeesAlertsOf, type SeizuresService } from "./seizures.service.js";

const kg = (n: number) => Math.round(n * 10) / 10;

/**
 * DMP alerts in the digests (subject "seizure_alerts"). Their figures hold records a member may not see, so the
 * rule is the dashboard's: `audienceSeesAlertsOf` the reader's `SeizuresService.audienceOf` (coordinators every
 * country's, others those of a liaison officer's scopes or a country focal point's own country).
 */
export function seizuresDigestSource(db: Kysely<DB>, seizures: Pick<SeizuresService, "audienceOf">): DigestSource {
  const repo = new SeizuresDigestRepository(db);
  return {
    module: "seizure_alerts",
    prepare: (viewer) => seizures.audienceOf(viewer.principal),
    async collect(window) {
      return (await repo.alerts(window)).map((a) => ({
        module: "seizure_alerts" as const,
        id: a.id,
        at: new Date(a.created_at),
        pillars: [],
        countries: [a.country],
        presentTo: (_viewer, prepared) => {
          const audience = prepared as Audience | undefined;
          if (!audience || !audienceSeesAlertsOf(audience, a.country)) return null;
          const name = DRUGS.find((d) => d.code === a.drug)?.name ?? { en: a.drug, ru: a.drug };
          const period = `${a.year}-${String(a.month).padStart(2, "0")}`;
          return {
            title: {
              en: `Unusual ${a.direction === "up" ? "rise" : "fall"} in seizures (${name.en}): ${a.country}, ${period}`,
              ru: `Необычный ${a.direction === "up" ? "рост" : "спад"} изъятий (${name.ru}): ${a.country}, ${period}`,
            },
            detail: {
              en: `${kg(a.mass_kg)} kg against a median of ${kg(a.median)} kg a month`,
              ru: `${kg(a.mass_kg)} кг при медиане ${kg(a.median)} кг в месяц`,
            },
            link: `/seizures?countries=${a.country}`,
            change: "new" as const,
          };
        },
      }));
    },
  };
}
