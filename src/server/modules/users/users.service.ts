import countries from "i18n-iso-countries";
import type { Kysely } from "kysely";
import type { Role } from "../../../common/platform.js";
import type {
  UserCreate,
  UserCreated,
  UserDetail,
  UserList,
  UserListQuery,
  UserStatus,
  UserSummary,
  UserUpdate,
} from "../../../common/users.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { AppError, type FieldError, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { RevisionService, Snapshot } from "../../platform/revisions.js";
import type { AccountsService } from "../accounts/accounts.service.js";
import type { PartnersService } from "../partners/partners.service.js";
import { toAuditEntry } from "./audit-log.service.js";
import { authorizeAccountChange } from "./users.policy.js";
import { type ManagedUserRow, type UserChanges, UsersRepository } from "./users.repository.js";

const RECENT_AUDIT = 20;

/** The state of an account that the least-privilege rules judge: as it is, and as it would be. */
interface AccountState {
  id: string | null;
  role: Role;
  partnerCode: string | null;
  status: UserStatus;
  countryScopes: string[];
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function toSummary(row: ManagedUserRow, countryScopes: string[]): UserSummary {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    partnerCode: row.partner_code,
    language: row.language,
    status: row.status,
    countryScopes,
    lastSignInAt: iso(row.last_sign_in_at),
    createdAt: new Date(row.created_at).toISOString(),
    version: row.version,
  };
}

/** What the revision history keeps of an account: never the password hash or sign-in counters. */
function snapshotOf(row: ManagedUserRow, countryScopes: string[]): Snapshot {
  return {
    email: row.email,
    display_name: row.display_name,
    role: row.role,
    partner_code: row.partner_code,
    language: row.language,
    status: row.status,
    country_scopes: countryScopes,
  };
}

const normaliseScopes = (codes: readonly string[]) => [...new Set(codes.map((c) => c.toUpperCase()))].sort();
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function auditActionFor(before: UserStatus, after: UserStatus): string {
  if (before === after) return "user.update";
  if (after === "suspended") return "user.suspend";
  if (after === "archived") return "user.archive";
  return "user.reactivate";
}

function revisionActionFor(before: UserStatus, after: UserStatus) {
  if (before !== after && after === "archived") return "archive" as const;
  if (before !== after && before === "archived") return "restore" as const;
  return "update" as const;
}

/**
 * User administration: roles, partner and country scopes, account status. Least privilege: only an
 * administrator creates, promotes to, demotes or edits an administrator; nobody changes their own role or status.
 */
export class UsersService {
  private readonly repo: UsersRepository;
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    audit: AuditService,
    revisions: RevisionService,
    private readonly accounts: AccountsService,
    private readonly partners: PartnersService,
  ) {
    this.repo = new UsersRepository(db);
    this.changes = new ChangeRecorder({ audit, revisions });
  }

  /** A liaison officer's countries (ISO3), for services that call `canActOnCountry`. */
  countryScopesOf(userId: string): Promise<string[]> {
    return this.repo.scopesOf(userId);
  }

  /** The country scopes of many users in one read (the digests read them per batch of readers). */
  countryScopesOfMany(userIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.repo.scopesOfMany(userIds);
  }

  /** The user list; every read is audited with the ids shown. */
  async list(query: UserListQuery, actor: Actor): Promise<UserList> {
    const { items, total } = await this.repo.listUsers(query);
    const scopes = await this.repo.scopesOfMany(items.map((u) => u.id));
    await this.changes.event(actor, {
      action: "user.read",
      objectType: "user",
      details: {
        count: items.length,
        ids: items.map((u) => u.id),
        filter: { ...query, limit: undefined, offset: undefined },
      },
    });
    return {
      items: items.map((u) => toSummary(u, scopes.get(u.id) ?? [])),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** A user page, as an administrator opens it: the read is audited. */
  async read(id: string, actor: Actor): Promise<UserDetail> {
    const user = await this.get(id);
    await this.changes.event(actor, { action: "user.read", objectType: "user", objectId: id });
    return user;
  }

  async get(id: string): Promise<UserDetail> {
    const row = await this.repo.findUser(id);
    if (!row) throw notFound("user");
    const [scopes, audit] = await Promise.all([this.repo.scopesOf(id), this.repo.recentAuditAbout(id, RECENT_AUDIT)]);
    return {
      ...toSummary(row, scopes),
      mustChangePassword: row.must_change_password,
      lockedUntil: iso(row.locked_until),
      updatedAt: new Date(row.updated_at).toISOString(),
      recentAudit: audit.map(toAuditEntry),
    };
  }

  async create(input: UserCreate, principal: Principal, actor: Actor): Promise<UserCreated> {
    const partnerCode = input.partnerCode ? input.partnerCode.toUpperCase() : null;
    const countryScopes = normaliseScopes(input.countryScopes ?? []);
    const target: AccountState = { id: null, role: input.role, partnerCode, status: "active", countryScopes };
    this.authorize(principal, null, target);
    await this.validate(target, { partnerCode: true, countryScopes: input.countryScopes });
    const { user, oneTimePassword } = await this.accounts.createUser(
      { email: input.email, displayName: input.displayName, role: input.role, partnerCode, language: input.language },
      actor,
    );
    await this.db.transaction().execute(async (trx) => {
      await this.repo.replaceScopes(trx, user.id, countryScopes);
      const row = (await this.repo.findUser(user.id, trx)) as ManagedUserRow;
      // The account's own "user.create" audit entry was written by accounts.createUser: history only here.
      await this.changes.record(trx, actor, {
        type: "user",
        action: "create",
        before: null,
        after: row,
        snapshot: (r) => snapshotOf(r, countryScopes),
        audit: null,
      });
    });
    return { user: await this.get(user.id), oneTimePassword: oneTimePassword ?? "" };
  }

  async update(id: string, input: UserUpdate, principal: Principal, actor: Actor): Promise<UserDetail> {
    const before = await this.repo.findUser(id);
    if (!before) throw notFound("user");
    const beforeScopes = await this.repo.scopesOf(id);
    // The rules below judge the record as read; a change in between makes the versioned update fail.
    if (before.version !== input.version) {
      throw new AppError("version_conflict", 409, { current: toSummary(before, beforeScopes) });
    }
    const role = input.role ?? before.role;
    const partnerCode =
      input.partnerCode === undefined
        ? before.partner_code
        : input.partnerCode
          ? input.partnerCode.toUpperCase()
          : null;
    const countryScopes =
      input.countryScopes !== undefined
        ? normaliseScopes(input.countryScopes)
        : role === "liaison_officer"
          ? beforeScopes
          : [];
    const status = input.status ?? before.status;
    const current: AccountState = {
      id: before.id,
      role: before.role,
      partnerCode: before.partner_code,
      status: before.status,
      countryScopes: beforeScopes,
    };
    const target: AccountState = { id: before.id, role, partnerCode, status, countryScopes };
    this.authorize(principal, current, target);
    await this.validate(target, {
      partnerCode: input.partnerCode !== undefined || input.role !== undefined,
      countryScopes: input.countryScopes,
      statusFrom: input.status !== undefined ? before.status : undefined,
    });

    const changes: UserChanges = {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.role !== undefined ? { role } : {}),
      ...(input.partnerCode !== undefined ? { partnerCode } : {}),
      ...(input.status !== undefined ? { status } : {}),
    };
    await this.db.transaction().execute(async (trx) => {
      const after = await this.repo.updateUser(trx, id, input.version, changes);
      // Scopes and sessions change only with the row: a stale write leaves them as they are for the 409.
      if (after && !sameList(countryScopes, beforeScopes)) await this.repo.replaceScopes(trx, id, countryScopes);
      const endsAccess = status !== before.status && (status === "suspended" || status === "archived");
      const sessionsEnded = after && endsAccess ? await this.repo.deleteSessionsOfUser(trx, id) : 0;
      await this.changes.record(trx, actor, {
        type: "user",
        action: revisionActionFor(before.status, status),
        before: snapshotOf(before, beforeScopes),
        after: after && snapshotOf(after, countryScopes),
        current: async () => {
          const row = await this.repo.findUser(id, trx);
          return row ? toSummary(row, await this.repo.scopesOf(id, trx)) : undefined;
        },
        id,
        version: after?.version,
        audit: {
          action: auditActionFor(before.status, status),
          details: (diff) => ({ changes: diff, ...(endsAccess ? { sessionsEnded } : {}) }),
        },
      });
    });
    return this.get(id);
  }

  /** Least privilege, refused with 403 before anything is validated or written: users.policy.ts. */
  private authorize(principal: Principal, current: AccountState | null, target: AccountState) {
    authorizeAccountChange(principal, current, target);
  }

  /** Field rules (400, all reported at once): the partner exists, scopes are real countries and only for liaison officers. */
  private async validate(
    target: AccountState,
    asked: { partnerCode: boolean; countryScopes: readonly string[] | undefined; statusFrom?: UserStatus },
  ) {
    const errors: FieldError[] = [];
    if (asked.partnerCode && target.partnerCode && !(await this.partners.exists(target.partnerCode))) {
      errors.push({ path: "body.partnerCode", code: "unknown_partner" });
    }
    if (asked.partnerCode && target.role === "focal_point" && !target.partnerCode) {
      errors.push({ path: "body.partnerCode", code: "partner_required" });
    }
    if (asked.countryScopes && target.role !== "liaison_officer" && target.countryScopes.length > 0) {
      errors.push({ path: "body.countryScopes", code: "liaison_officers_only" });
    }
    asked.countryScopes?.forEach((code, i) => {
      if (!countries.isValid(code)) errors.push({ path: `body.countryScopes.${i}`, code: "unknown_country" });
    });
    if (asked.statusFrom === "pending" && target.status !== "pending") {
      errors.push({ path: "body.status", code: "registration_pending" });
    }
    if (errors.length > 0) throw new AppError("validation_failed", 400, undefined, errors);
  }
}
