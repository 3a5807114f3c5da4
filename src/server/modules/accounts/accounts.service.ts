import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Me, Role } from "../../../common/platform.js";
import type { DB } from "../../db/schema.js";
import { type Principal, principalFor, ROLE_PERMISSIONS } from "../../http/access-policy.js";
import { AppError, conflict } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { AccountsRepository, type UserRow } from "./accounts.repository.js";
import { decoyHash, generateOneTimePassword, hashPassword, passwordProblem, verifyPassword } from "./passwords.js";

const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
const LOCK_AFTER_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface CreateUserInput {
  email: string;
  displayName: string;
  role: Role;
  partnerCode?: string | null;
  language?: "en" | "ru";
  /** When absent a one-time password is generated and returned; the user must change it at first sign-in. */
  password?: string;
  demo?: boolean;
}

/** Accounts: users, passwords and sessions. Registration and approval arrive with the accounts issue. */
export class AccountsService {
  private readonly repo: AccountsRepository;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
  ) {
    this.repo = new AccountsRepository(db);
  }

  async createUser(input: CreateUserInput, actor: Actor): Promise<{ user: UserRow; oneTimePassword: string | null }> {
    const email = input.email.trim().toLowerCase();
    if (await this.repo.findUserByEmail(email)) throw conflict({ field: "email", reason: "email_taken" });
    const oneTimePassword = input.password ? null : generateOneTimePassword();
    const password = input.password ?? (oneTimePassword as string);
    if (input.password) {
      const problem = passwordProblem(input.password, email);
      if (problem) throw new AppError("validation_failed", 400, undefined, [{ path: "body.password", code: problem }]);
    }
    const passwordHash = await hashPassword(password);
    const user = await this.db.transaction().execute(async (trx) => {
      const row = await this.repo.insertUser(
        {
          email,
          displayName: input.displayName.trim(),
          passwordHash,
          role: input.role,
          partnerCode: input.partnerCode ?? null,
          language: input.language ?? "en",
          mustChangePassword: oneTimePassword !== null,
          demo: input.demo ?? false,
        },
        trx,
      );
      await this.audit.record(
        actor,
        { action: "user.create", objectType: "user", objectId: row.id, details: { email, role: input.role } },
        trx,
      );
      return row;
    });
    return { user, oneTimePassword };
  }

  countUsers(filter: { role?: Role } = {}) {
    return this.repo.countUsers(filter);
  }

  /** Checks credentials with lockout; returns a new session token. Failures are audited. */
  async signIn(email: string, password: string, actor: Actor, userAgent: string | null) {
    const user = await this.repo.findUserByEmail(email.trim());
    if (!user?.password_hash || user.status !== "active") {
      await verifyPassword(await decoyHash(), password);
      await this.audit.record(actor, { action: "auth.sign_in_failed", details: { email: email.toLowerCase() } });
      throw new AppError("invalid_credentials", 401);
    }
    if (user.locked_until && user.locked_until > new Date()) {
      await this.audit.record(actor, { action: "auth.sign_in_locked", objectType: "user", objectId: user.id });
      throw new AppError("account_locked", 423, { lockedUntil: user.locked_until.toISOString() });
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      const lockedUntil = user.failed_sign_ins + 1 >= LOCK_AFTER_FAILURES ? new Date(Date.now() + LOCK_MS) : null;
      await this.repo.recordFailedSignIn(user.id, lockedUntil);
      await this.audit.record(actor, { action: "auth.sign_in_failed", objectType: "user", objectId: user.id });
      throw new AppError("invalid_credentials", 401);
    }
    await this.repo.recordSuccessfulSignIn(user.id);
    const token = randomBytes(32).toString("base64url");
    await this.repo.insertSession({
      id: hashToken(token),
      userId: user.id,
      ip: actor.ip,
      userAgent: userAgent?.slice(0, 500) ?? null,
      expiresAt: new Date(Date.now() + SESSION_IDLE_MS),
    });
    await this.audit.record(
      { ...actor, userId: user.id, label: user.email },
      {
        action: "auth.sign_in",
        objectType: "user",
        objectId: user.id,
      },
    );
    return { token, user, maxAgeSeconds: SESSION_IDLE_MS / 1000 };
  }

  async signOut(principal: Principal, actor: Actor) {
    if (principal.sessionId) await this.repo.deleteSession(principal.sessionId);
    if (principal.user)
      await this.audit.record(actor, { action: "auth.sign_out", objectType: "user", objectId: principal.user.id });
  }

  /** The principal of a session token, sliding its expiry; null when unknown, expired or the user is inactive. */
  async resolveSession(token: string): Promise<Principal | null> {
    if (!/^[\w-]{20,100}$/.test(token)) return null;
    const id = hashToken(token);
    const row = await this.repo.findActiveSession(id);
    if (row?.status !== "active") return null;
    // Write the sliding expiry at most once a minute: a page load makes many requests.
    if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
      await this.repo.touchSession(id, new Date(Date.now() + SESSION_IDLE_MS));
    }
    return principalFor(
      { id: row.id, email: row.email, displayName: row.display_name, role: row.role, partnerCode: row.partner_code },
      id,
    );
  }

  async changePassword(principal: Principal, currentPassword: string, newPassword: string, actor: Actor) {
    const user = principal.user ? await this.repo.findUserById(principal.user.id) : undefined;
    if (!user?.password_hash) throw new AppError("unauthenticated", 401);
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      throw new AppError("validation_failed", 400, undefined, [
        { path: "body.currentPassword", code: "wrong_password" },
      ]);
    }
    const problem = passwordProblem(newPassword, user.email);
    if (problem) throw new AppError("validation_failed", 400, undefined, [{ path: "body.newPassword", code: problem }]);
    if (await verifyPassword(user.password_hash, newPassword)) {
      throw new AppError("validation_failed", 400, undefined, [{ path: "body.newPassword", code: "same_as_current" }]);
    }
    const hash = await hashPassword(newPassword);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.updatePassword(user.id, hash, trx);
      // Other sessions may belong to whoever knew the old password.
      await this.repo.deleteSessionsOfUser(user.id, principal.sessionId ?? undefined, trx);
      await this.audit.record(actor, { action: "auth.password_changed", objectType: "user", objectId: user.id }, trx);
    });
  }

  async describe(principal: Principal, csrfToken: string): Promise<Me> {
    if (!principal.user) return { authenticated: false, csrfToken, user: null };
    const row = await this.repo.findUserById(principal.user.id);
    if (!row) return { authenticated: false, csrfToken, user: null };
    return {
      authenticated: true,
      csrfToken,
      user: {
        id: row.id,
        email: row.email,
        displayName: row.display_name,
        role: row.role,
        partnerCode: row.partner_code,
        language: row.language,
        mustChangePassword: row.must_change_password,
        permissions: [...ROLE_PERMISSIONS[row.role]],
      },
    };
  }

  removeDemoUsers() {
    return this.repo.deleteDemoUsers();
  }
}
