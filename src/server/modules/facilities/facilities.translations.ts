import type { FacilityUpdate } from "../../../common/facilities.js";
import type { TranslationSource } from "../translations/translations.sources.js";
import type { FacilitiesService } from "./facilities.service.js";

/** Treatment facilities in the translation queue: the name, saved through the facility update. */
export function facilitiesTranslationSources(facilities: FacilitiesService): TranslationSource[] {
  return [
    {
      module: "facilities",
      table: "facilities",
      titleColumn: "name",
      fields: ["name"],
      editable: "archived_at is null",
      link: (id) => `/facilities/${id}`,
      async save(id, version, values, principal, actor) {
        await facilities.update(id, { ...values, version } as FacilityUpdate, principal, actor);
      },
    },
  ];
}
