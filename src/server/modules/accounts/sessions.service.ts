import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Session } from "../../../common/accounts.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { notFound, unauthenticated } from "../../http/errors.js";
import type { Actor } from "../../platform/audit.js";
import type { ChangeRecorder } from "../../platform/changes.js";
import type { SecretBox } from "../../platform/secret-box.js";
import { AccountsRepository } from "./accounts.repository.js";
import { SESSION_MAX_MS } from "./sign-in.service.js";

/** A user's own sessions: the list (which one is this), ending one, and signing out everywhere. */
export class SessionsService {
  private readonly repo: AccountsRepository;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly changes: ChangeRecorder,
    private readonly secrets: SecretBox,
  ) {
    this.repo = new AccountsRepository(db);
  }

  /**
   * The key of this session's offline queue (32 random bytes, base64): the web app encrypts the seizures entered
   * without a connection under it (AES-GCM in IndexedDB) and keeps it only in memory and the tab's sessionStorage.
   * Made on first request and kept with the session (sealed with the secret key, bound to the session's id), so it
   * is the same for the whole session and gone with it: after sign-out, entries left on a device cannot be read.
   * Only a browser session has one; an API token is refused before this (`sessionOnly`).
   */
  async offlineKey(principal: Principal): Promise<string> {
    const sessionId = principal.sessionId;
    if (!principal.user || !sessionId) throw unauthenticated();
    const fresh = this.secrets.seal(randomBytes(32).toString("base64"), `offline-key:${sessionId}`);
    const stored = await this.repo.ensureOfflineKey(sessionId, fresh);
    if (!stored) throw unauthenticated();
    return this.secrets.open(stored, `offline-key:${sessionId}`).value;
  }

  async list(principal: Principal): Promise<Session[]> {
    if (!principal.user) throw unauthenticated();
    const rows = await this.repo.listSessionsOfUser(principal.user.id, new Date(Date.now() - SESSION_MAX_MS));
    return rows.map((r) => ({
      id: r.public_id,
      createdAt: new Date(r.created_at).toISOString(),
      lastSeenAt: new Date(r.last_seen_at).toISOString(),
      ip: r.ip,
      userAgent: r.user_agent,
      current: r.id === principal.sessionId,
    }));
  }

  /** Ends one of my sessions; true when it was the current one (the caller then clears the cookie). */
  async revoke(principal: Principal, publicId: string, actor: Actor): Promise<{ current: boolean }> {
    const user = principal.user;
    if (!user) throw unauthenticated();
    return this.db.transaction().execute(async (trx) => {
      const deleted = await this.repo.deleteSessionOfUser(user.id, publicId, trx);
      if (!deleted) throw notFound("session");
      await this.changes.event(
        actor,
        { action: "auth.session_revoked", objectType: "user", objectId: user.id, details: { session: publicId } },
        trx,
      );
      return { current: deleted.id === principal.sessionId };
    });
  }

  /** Ends every session of mine, this one included, and any sign-in waiting for its second factor. */
  async signOutEverywhere(principal: Principal, actor: Actor): Promise<number> {
    const user = principal.user;
    if (!user) throw unauthenticated();
    return this.db.transaction().execute(async (trx) => {
      const ended = await this.repo.deleteSessionsOfUser(user.id, undefined, trx);
      await this.repo.deletePendingSignInsOfUser(user.id, trx);
      await this.changes.event(
        actor,
        {
          action: "auth.signed_out_everywhere",
          objectType: "user",
          objectId: user.id,
          details: { sessionsEnded: ended },
        },
        trx,
      );
      return ended;
    });
  }
}
