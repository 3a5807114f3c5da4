import type { LocalizedText } from "../../../common/localized.js";
import type { TranslationModule } from "../../../common/translations.js";
import type { Principal } from "../../http/access-policy.js";
import type { Actor } from "../../platform/audit.js";

/**
 * Where a module keeps localized text, for the translation queue's one query. Every name is a constant of
 * the module's own code (never input): the table, its localized JSON columns and the condition of records that
 * can still be edited (not archived; a fact sheet only as a draft).
 */
export interface TranslationTable {
  module: TranslationModule;
  table: string;
  /** The localized column that names the record in the queue. */
  titleColumn: string;
  /** The localized columns a coordinator can translate, in the order the editor shows them. */
  fields: readonly string[];
  /** SQL condition on the table's rows (constant text). */
  editable: string;
  /** The record's page in the web app. */
  link(id: string): string;
}

/**
 * A module's part of the translation workflow: its table, and how a filled text is saved — through the
 * module's own service update, so its validation, revisions, audit, search index and version apply.
 */
export interface TranslationSource extends TranslationTable {
  /**
   * Saves `values` (each field's whole localized text: the existing language plus the filled one) at the
   * `version` the coordinator read. A stale version is the service's 409 `version_conflict`.
   */
  save(
    id: string,
    version: number,
    values: Record<string, LocalizedText>,
    principal: Principal,
    actor: Actor,
  ): Promise<void>;
}
