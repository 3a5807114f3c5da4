import { randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { API_TOKEN_MAX_DAYS, type ApiToken, type CreateApiToken, requiresTwoFactor } from "../../../common/accounts.js";
import type { DB } from "../../db/schema.js";
import {
  isScope,
  type Permission,
  type Principal,
  principalFor,
  rolePermissions,
  SCOPE_PERMISSIONS,
} from "../../http/access-policy.js";
import { AppError, conflict, type FieldError, notFound, unauthenticated } from "../../http/errors.js";
import type { Actor } from "../../platform/audit.js";
import type { ChangeRecorder } from "../../platform/changes.js";
import type { ApiTokensTable } from "./accounts.tables.js";
import { ApiTokensRepository } from "./api-tokens.repository.js";
import { hashToken } from "./passwords.js";

const TOKEN_PATTERN = /^pact_[\w-]{43}$/;
const MAX_ACTIVE_TOKENS = 50;
const DAY_MS = 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60_000;

export type TokenAuthentication =
  | { ok: true; principal: Principal }
  | { ok: false; reason: "malformed" | "unknown" | "revoked" | "expired" | "inactive" | "two_factor_setup_required" };

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function present(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    permissions: row.permissions,
    expiresAt: new Date(row.expires_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Personal API tokens: `pact_<43 random characters>`, shown once, stored as SHA-256. A token acts for its
 * owner with the permissions it was given that the owner's role still grants, until it expires (at most a
 * year) or is revoked.
 */
export class ApiTokensService {
  private readonly repo: ApiTokensRepository;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly changes: ChangeRecorder,
  ) {
    this.repo = new ApiTokensRepository(db);
  }

  async list(principal: Principal): Promise<ApiToken[]> {
    if (!principal.user) throw unauthenticated();
    return (await this.repo.listOfUser(principal.user.id)).map(present);
  }

  async create(principal: Principal, input: CreateApiToken, actor: Actor): Promise<{ token: ApiToken; value: string }> {
    const user = principal.user;
    if (!user) throw unauthenticated();
    const permissions = [...new Set(input.permissions)];
    const errors: FieldError[] = [];
    permissions.forEach((p, i) => {
      // Scopes follow the role and are not given to a token (isScope): only the acts it may do are.
      if (!principal.permissions.has(p as Permission) || isScope(p))
        errors.push({ path: `body.permissions.${i}`, code: "not_allowed" });
    });
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt.getTime() < Date.now() + 60_000) errors.push({ path: "body.expiresAt", code: "in_the_past" });
    // A day of slack so "one year from today" picked in any time zone is accepted.
    if (expiresAt.getTime() > Date.now() + (API_TOKEN_MAX_DAYS + 1) * DAY_MS) {
      errors.push({ path: "body.expiresAt", code: "too_far" });
    }
    if (errors.length > 0) throw new AppError("validation_failed", 400, undefined, errors);
    if ((await this.repo.countActiveOfUser(user.id)) >= MAX_ACTIVE_TOKENS) {
      throw conflict({ reason: "too_many_tokens", max: MAX_ACTIVE_TOKENS });
    }
    const value = `pact_${randomBytes(32).toString("base64url")}`;
    const row = await this.db.transaction().execute(async (trx) => {
      const inserted = await this.repo.insert(
        {
          userId: user.id,
          name: input.name.trim(),
          prefix: value.slice(0, 12),
          tokenHash: hashToken(value),
          permissions,
          expiresAt,
        },
        trx,
      );
      await this.changes.event(
        actor,
        {
          action: "auth.token_created",
          objectType: "api_token",
          objectId: inserted.id,
          details: { name: inserted.name, permissions, expiresAt: expiresAt.toISOString() },
        },
        trx,
      );
      return inserted;
    });
    return { token: present(row), value };
  }

  async revoke(principal: Principal, id: string, actor: Actor): Promise<void> {
    const user = principal.user;
    if (!user) throw unauthenticated();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.repo.revoke(user.id, id, trx);
      if (!row) throw notFound("api_token");
      await this.changes.event(
        actor,
        { action: "auth.token_revoked", objectType: "api_token", objectId: id, details: { name: row.name } },
        trx,
      );
    });
  }

  /** The principal of a bearer token; refusals are audited with their reason. */
  async authenticate(value: string, actor: Actor): Promise<TokenAuthentication> {
    const result = await this.check(value);
    if (!result.ok) {
      await this.changes.event(actor, {
        action: "auth.token_rejected",
        objectType: "api_token",
        details: { reason: result.reason, prefix: value.slice(0, 12) },
      });
    }
    return result;
  }

  private async check(value: string): Promise<TokenAuthentication> {
    if (!TOKEN_PATTERN.test(value)) return { ok: false, reason: "malformed" };
    const row = await this.repo.findByHash(hashToken(value));
    if (!row) return { ok: false, reason: "unknown" };
    if (row.revoked_at) return { ok: false, reason: "revoked" };
    if (new Date(row.expires_at) <= new Date()) return { ok: false, reason: "expired" };
    if (row.status !== "active") return { ok: false, reason: "inactive" };
    if (requiresTwoFactor(row.role) && !row.two_factor_enabled_at)
      return { ok: false, reason: "two_factor_setup_required" };
    const granted = new Set<string>(rolePermissions(row.role));
    const permissions = new Set([
      ...row.permissions.filter((p) => granted.has(p)),
      ...SCOPE_PERMISSIONS.filter((p) => granted.has(p)),
    ] as Permission[]);
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS) {
      await this.repo.touch(row.token_id);
    }
    const user = {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      partnerCode: row.partner_code,
    };
    // Built by the policy like any principal, then narrowed to what the token was given; its scopes stay the role's.
    return { ok: true, principal: { ...principalFor(user, null), permissions } };
  }
}
