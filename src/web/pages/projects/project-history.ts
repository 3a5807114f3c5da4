import type { TFunction } from "i18next";
import type { Revision } from "../../../common/partners.js";

// Columns a person has no use for in the history (identifiers, search and duplicate-detection internals).
const HIDDEN_HISTORY_FIELDS = new Set(["id", "tsv", "fingerprint", "features", "demo", "created_by", "period"]);
const HISTORY_FIELDS = new Set([
  "code",
  "partner_code",
  "title",
  "summary",
  "donor_ref",
  "iati_identifier",
  "workflow",
  "stage",
  "planned_start",
  "planned_end",
  "actual_start",
  "actual_end",
  "dac_codes",
  "themes",
  "contacts",
  "external_documents",
  "fundings",
  "transactions",
  "locations",
  "organizations",
  "pillars",
  "commitments",
  "links",
]);

/** What a revision did, in words: "проект создан", "изменено: название, этап", "статус: Опубликован". */
export function describeRevision(t: TFunction, r: Pick<Revision, "action" | "changes">, list: (l: string[]) => string) {
  if (r.action === "create") return t("projects.history.created");
  const to = r.changes.workflow?.to;
  if (r.action === "transition" && typeof to === "string")
    return t("projects.history.transition", { to: t(`projects.workflow.${to}`, { defaultValue: to }) });
  const keys = Object.keys(r.changes).filter((k) => !HIDDEN_HISTORY_FIELDS.has(k));
  if (!keys.length) return t("projects.history.nothing");
  const labels = [...new Set(keys.map((k) => t(`projects.history.field.${HISTORY_FIELDS.has(k) ? k : "other"}`)))];
  return t("projects.history.changed", { fields: list(labels) });
}
