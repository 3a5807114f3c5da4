import type { Kysely, Selectable } from "kysely";
import type { Language } from "../../../common/localized.js";
import type { TermsPublish, TermsVersion } from "../../../common/registrations.js";
import type { DB } from "../../db/schema.js";
import { validationFailed } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import { fieldError } from "./registrations.messages.js";
import type { TermsVersionsTable } from "./registrations.tables.js";
import { TermsRepository } from "./terms.repository.js";

function present(row: Selectable<TermsVersionsTable>): TermsVersion {
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    title: row.title,
    body: row.body,
    publishedAt: new Date(row.published_at).toISOString(),
  };
}

/**
 * The terms of use and the access policy: versioned texts in both languages. Every user accepts the current
 * version of each; after a coordinator publishes a new one, `pendingFor` lists it until the user accepts it.
 */
export class TermsService {
  private readonly repo: TermsRepository;

  /** Acceptances and published versions are never edited: each is one audited event. */
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    audit: AuditService,
  ) {
    this.repo = new TermsRepository(db);
    this.changes = new ChangeRecorder({ audit });
  }

  async current(trx?: Kysely<DB>): Promise<TermsVersion[]> {
    return (await this.repo.currentVersions(trx)).map(present);
  }

  /** The current versions the user has not accepted yet. */
  async pendingFor(userId: string): Promise<TermsVersion[]> {
    return (await this.repo.pendingFor(userId)).map(present);
  }

  /** Those of `userIds` with nothing to accept: until they accept, protected data does not reach them (digests). */
  acceptedAllAmong(userIds: readonly string[]): Promise<Set<string>> {
    return this.repo.acceptedAllAmong(userIds);
  }

  /** The /auth/me extension: whether the web must ask the user to accept the current texts. */
  async meExtension(userId: string): Promise<{ mustAcceptTerms: boolean }> {
    return { mustAcceptTerms: (await this.repo.pendingFor(userId)).length > 0 };
  }

  /** True when `ids` are exactly the current versions (one per kind): what a registrant must accept. */
  async areCurrent(ids: readonly string[], trx?: Kysely<DB>): Promise<boolean> {
    const current = (await this.repo.currentVersions(trx)).map((v) => v.id);
    const given = new Set(ids);
    return given.size === current.length && current.every((id) => given.has(id));
  }

  async accept(
    userId: string,
    ids: readonly string[],
    actor: Actor,
    lang: Language,
  ): Promise<{ mustAcceptTerms: boolean }> {
    const current = new Set((await this.repo.currentVersions()).map((v) => v.id));
    const unique = [...new Set(ids)];
    if (unique.some((id) => !current.has(id))) {
      throw validationFailed([fieldError("body.termsVersionIds", "terms_not_current", lang)]);
    }
    await this.db.transaction().execute(async (trx) => {
      await this.repo.insertAcceptances(userId, unique, { ip: actor.ip }, trx);
      await this.changes.event(
        actor,
        { action: "terms.accept", objectType: "user", objectId: userId, details: { termsVersionIds: unique } },
        trx,
      );
    });
    return this.meExtension(userId);
  }

  /** Acceptances given at registration, recorded for the new user when the request is approved. */
  recordAcceptances(
    userId: string,
    ids: readonly string[],
    meta: { ip: string | null; acceptedAt: Date },
    trx: Kysely<DB>,
  ) {
    return this.repo.insertAcceptances(userId, ids, meta, trx);
  }

  /** Publishes a new version; every user is asked to accept it at their next sign-in. */
  async publish(input: TermsPublish, actor: Actor): Promise<TermsVersion> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await this.repo.insertNextVersion(
        input.kind,
        { title: JSON.stringify(input.title), body: JSON.stringify(input.body), publishedBy: actor.userId },
        trx,
      );
      if (!inserted) throw new Error("terms version was not inserted");
      await this.changes.event(
        actor,
        {
          action: "terms.publish",
          objectType: "terms_version",
          objectId: inserted.id,
          details: { kind: input.kind, version: inserted.version },
        },
        trx,
      );
      const row = await this.repo.findVersion(inserted.id, trx);
      if (!row) throw new Error("terms version vanished");
      return present(row);
    });
  }
}
