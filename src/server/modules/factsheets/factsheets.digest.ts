import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { DigestSource } from "../digests/digests.sources.js";
import { countryName } from "../partners/partners.service.js";
import { FactsheetsDigestRepository } from "./factsheets.digest-repository.js";
import { canReadFactsheet } from "./factsheets.service.js";

/**
 * Newly published fact sheets in the digests (subject "factsheets"). A published edition is open to every reader
 * (`canReadFactsheet` as for a reader who may not edit it: the digest never shows drafts).
 */
export function factsheetsDigestSource(db: Kysely<DB>): DigestSource {
  const repo = new FactsheetsDigestRepository(db);
  return {
    module: "factsheets",
    async collect(window) {
      return (await repo.published(window)).map((f) => {
        const name = f.scope === "country" ? countryName(f.subject) : { en: f.subject, ru: f.subject };
        return {
          module: "factsheets" as const,
          id: f.id,
          at: new Date(f.published_at as Date),
          pillars: [],
          countries: f.scope === "country" ? [f.subject] : [],
          presentTo: () =>
            canReadFactsheet(f, false)
              ? {
                  title: {
                    en: `Fact sheet: ${name.en ?? name.ru} ${f.year}`,
                    ru: `Информационный бюллетень: ${name.ru ?? name.en} ${f.year}`,
                  },
                  detail: { en: `Edition ${f.edition}`, ru: `Выпуск ${f.edition}` },
                  link: `/factsheets/${f.id}`,
                  change: f.edition > 1 ? ("updated" as const) : ("new" as const),
                }
              : null,
        };
      });
    },
  };
}
