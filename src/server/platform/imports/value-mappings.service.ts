import type { Kysely } from "kysely";
import type {
  ImportValueMapping,
  ImportValueMappingList,
  ImportValueMappingQuery,
} from "../../../common/import-value-mappings.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { forbidden, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../audit.js";
import { ChangeRecorder } from "../changes.js";
import type { RevisionService } from "../revisions.js";
import { ImportValueMappingsRepository, type ValueMappingKey } from "./value-mappings.repository.js";
import { ANY_SOURCE } from "./values.js";

/**
 * How far a reader reaches into a module's remembered answers: the sources they import for (a focal point's country
 * or partner, a liaison officer's countries), or null for every source (coordinators).
 */
export type SourcesOf = (principal: Principal) => Promise<readonly string[] | null>;

type Key = Omit<ValueMappingKey, "kind">;

/** The opaque id of an answer within its module: its key, as base64url JSON (a value can hold any character). */
export const valueMappingId = (k: Key) =>
  Buffer.from(JSON.stringify([k.layout, k.source, k.field, k.valueKey])).toString("base64url");

function keyOf(id: string): Key | null {
  try {
    const parts: unknown = JSON.parse(Buffer.from(id, "base64url").toString("utf8"));
    if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((p) => typeof p === "string" && p.length <= 1000))
      return null;
    const [layout, source, field, valueKey] = parts as [string, string, string, string];
    return { layout, source, field, valueKey };
  } catch {
    return null;
  }
}

/**
 * The remembered answers of the import pipeline's value-mapping step, read and taken back beside each module's import.
 * A reader sees the answers of the sources they import for and those of every source ("*": what a country column's
 * value means, applied to everyone's files); coordinators see all. A source's answers are deleted by the people who
 * import for it; answers of every source by coordinators only, since they hold for everyone's next file. An answer
 * outside the reader's sources is not found, whatever its id says. A deletion writes the answer's revision and an
 * audit entry in the same transaction (`changes.record`).
 */
export class ImportValueMappingsService {
  private readonly repo: ImportValueMappingsRepository;
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    deps: { audit: AuditService; revisions: RevisionService },
  ) {
    this.repo = new ImportValueMappingsRepository(db);
    this.changes = new ChangeRecorder(deps);
  }

  async list(
    kind: string,
    mine: readonly string[] | null,
    query: ImportValueMappingQuery,
    principal: Principal,
  ): Promise<ImportValueMappingList> {
    const sources = mine === null ? null : [ANY_SOURCE, ...mine];
    const { limit, offset, ...filter } = query;
    const found = await this.repo.page({ kind, sources }, filter, { limit, offset });
    return {
      items: found.items.map((r) => {
        const own = mine === null || (r.source !== ANY_SOURCE && mine.includes(r.source));
        const mapping: ImportValueMapping = {
          id: valueMappingId({ layout: r.layout, source: r.source, field: r.field, valueKey: r.value_key }),
          layout: r.layout,
          source: r.source,
          field: r.field,
          value: r.value,
          target: r.target,
          updatedAt: new Date(r.updated_at).toISOString(),
          // Who gave an answer of every source is told to coordinators and to that person only.
          updatedBy: own || r.updated_by === principal.user?.id ? (r.updated_by_name ?? null) : null,
          can: { delete: own },
        };
        return mapping;
      }),
      total: found.total,
      limit,
      offset,
      fields: found.fields,
      sources: found.sources,
    };
  }

  async remove(kind: string, mine: readonly string[] | null, id: string, actor: Actor): Promise<void> {
    const key = keyOf(id);
    if (!key) throw notFound("value_mapping");
    if (mine !== null && key.source !== ANY_SOURCE && !mine.includes(key.source)) throw notFound("value_mapping");
    await this.db.transaction().execute(async (trx) => {
      const before = await this.repo.find(trx, { kind, ...key });
      if (!before) throw notFound("value_mapping");
      // Seen by every importer, held for everyone's files: only a reader of every source takes it back.
      if (key.source === ANY_SOURCE && mine !== null) throw forbidden();
      await this.forget(trx, kind, id, key, before, actor);
    });
  }

  private async forget(
    trx: Kysely<DB>,
    kind: string,
    id: string,
    key: Key,
    before: { layout: string; source: string; field: string; value: string; target: string | null },
    actor: Actor,
  ) {
    if (!(await this.repo.delete(trx, { kind, ...key }))) throw notFound("value_mapping");
    const snapshot = {
      kind,
      layout: before.layout,
      source: before.source,
      field: before.field,
      value: before.value,
      target: before.target,
    };
    const entityId = `${kind}:${id}`;
    // An answer has no version of its own: its history numbers the deletions; nothing is left after one.
    await this.changes.record<Record<string, unknown>>(trx, actor, {
      type: "import_value_mapping",
      action: "delete",
      before: snapshot,
      after: {},
      id: entityId,
      version: await this.repo.nextRevision(trx, "import_value_mapping", entityId),
      audit: { action: "import.value_mapping.delete", details: snapshot },
    });
  }
}
