import type { Kysely } from "kysely";
import type { RememberedValueMapping } from "../../../common/seizure-value-mappings.js";
import type { DB } from "../../db/schema.js";
import { canActOnCountry, type Principal } from "../../http/access-policy.js";
import { forbidden, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { MappingKey, SeizureMappingsRepository } from "./seizures-mappings.repository.js";

type Row = Awaited<ReturnType<SeizureMappingsRepository["list"]>>[number];

/** The opaque id of a mapping: its key, as base64url JSON (the value can hold any character). */
const idOf = (k: MappingKey) =>
  Buffer.from(JSON.stringify([k.layout, k.sourceCountry, k.field, k.valueKey])).toString("base64url");

function keyOf(id: string): MappingKey | null {
  try {
    const parts: unknown = JSON.parse(Buffer.from(id, "base64url").toString("utf8"));
    if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((p) => typeof p === "string")) return null;
    const [layout, sourceCountry, field, valueKey] = parts as string[];
    return { layout, sourceCountry, field, valueKey } as MappingKey;
  } catch {
    return null;
  }
}

const isCoordinator = (p: Principal) => p.user?.role === "coordinator" || p.user?.role === "administrator";

/**
 * The import's remembered value mappings, to be read and taken back. A country's mappings are its focal point's and
 * its liaison officers' (the people who import its files) and the coordinators'; the mappings of any country ("*":
 * what a value of a country column means) are seen by all of them and deleted by coordinators only. A deletion is
 * kept in the revision history and the audit log, in the same transaction.
 */
export class SeizureValueMappingsService {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: SeizureMappingsRepository,
    private readonly deps: {
      audit: AuditService;
      revisions: RevisionService;
      scopesOf: (principal: Principal) => Promise<string[]>;
    },
  ) {
    this.changes = new ChangeRecorder({ audit: deps.audit, revisions: deps.revisions });
  }

  async list(principal: Principal, country?: string): Promise<RememberedValueMapping[]> {
    const scopes = await this.deps.scopesOf(principal);
    const mine = isCoordinator(principal) ? null : scopes;
    const countries = country ? (mine && !mine.includes(country) ? [] : [country]) : mine;
    const rows = await this.repo.list(countries);
    return rows.map((r) => this.present(r, principal, scopes));
  }

  async remove(id: string, principal: Principal, actor: Actor): Promise<void> {
    const key = keyOf(id);
    if (!key) throw notFound("value_mapping");
    const scopes = await this.deps.scopesOf(principal);
    const visible = key.sourceCountry === "*" || canActOnCountry(principal, key.sourceCountry, scopes);
    if (!visible) throw notFound("value_mapping");
    if (!this.mayDelete(key.sourceCountry, principal, scopes)) throw forbidden();
    await this.db.transaction().execute(async (trx) => {
      const before = await this.repo.find(key, trx);
      if (!before || !(await this.repo.delete(trx, key))) throw notFound("value_mapping");
      const snapshot = {
        layout: before.layout,
        sourceCountry: before.source_country,
        field: before.field,
        value: before.value,
        target: before.target,
      };
      // A mapping has no version of its own: its history numbers the deletions; nothing is left after one.
      await this.changes.record<Record<string, unknown>>(trx, actor, {
        type: "seizure_value_mapping",
        action: "delete",
        before: snapshot,
        after: {},
        id,
        version: await this.repo.nextRevision(trx, id),
        audit: { action: "seizure.value_mapping.delete", details: snapshot },
      });
    });
  }

  private mayDelete(sourceCountry: string, principal: Principal, scopes: readonly string[]) {
    return sourceCountry === "*" ? isCoordinator(principal) : canActOnCountry(principal, sourceCountry, scopes);
  }

  private present(r: Row, principal: Principal, scopes: readonly string[]): RememberedValueMapping {
    const key = { layout: r.layout, sourceCountry: r.source_country, field: r.field, valueKey: r.value_key };
    return {
      id: idOf(key),
      layout: r.layout,
      sourceCountry: r.source_country,
      field: r.field,
      value: r.value,
      target: r.target,
      updatedAt: new Date(r.updated_at).toISOString(),
      updatedBy: r.updated_by_name ?? null,
      canDelete: this.mayDelete(r.source_country, principal, scopes),
    };
  }
}
