import type { Kysely } from "kysely";
import { requiresTwoFactor } from "../../../common/accounts.js";
import type { Me, Role } from "../../../common/platform.js";
import type { DB } from "../../db/schema.js";
import { type Principal, principalFor } from "../../http/access-policy.js";
import { AppError, conflict } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { SecretBox } from "../../platform/secret-box.js";
import { alreadyRegisteredMail } from "./accounts.mail.js";
import { AccountsRepository, type UserRow } from "./accounts.repository.js";
import { ApiTokensService } from "./api-tokens.service.js";
import { type PasswordResetDeps, PasswordResetService } from "./password-reset.service.js";
import { generateOneTimePassword, hashPassword, hashToken, passwordProblem, verifyPassword } from "./passwords.js";
import { SessionsService } from "./sessions.service.js";
import { SESSION_IDLE_MS, SESSION_MAX_MS, type SessionOutcome, SignInService } from "./sign-in.service.js";
import { SignInThrottle } from "./sign-in-throttle.js";
import { TwoFactorService } from "./two-factor.service.js";

export { hashToken };

/** At most one "you already have an account / a request" e-mail per address per hour: no mail-bombing. */
const REGISTRATION_NOTICE_EVERY_MS = 60 * 60 * 1000;

/** A session's principal, and whether its role still waits for two-factor enrolment. */
export interface SessionState {
  principal: Principal;
  twoFactorSetupRequired: boolean;
}

export interface CreateUserInput {
  email: string;
  displayName: string;
  role: Role;
  partnerCode?: string | null;
  language?: "en" | "ru";
  /** When absent a one-time password is generated and returned; the user must change it at first sign-in. */
  password?: string;
  demo?: boolean;
  /** Enrols this base32 TOTP secret at once (test fixtures, scripted set-up); else 2FA is off. */
  totpSecret?: string;
}

/** Fields another module adds to the signed-in user of /auth/me. */
export type MeExtension = (userId: string) => Promise<Partial<NonNullable<Me["user"]>>>;

export interface ApprovedUserInput {
  email: string;
  displayName: string;
  role: Role;
  partnerCode: string;
  language: "en" | "ru";
  passwordHash: string;
}

/**
 * Accounts: users, passwords and sessions, with the account-security parts as sub-services: two-factor
 * authentication, the two-step sign-in, the session list, personal API tokens and password reset.
 */
export class AccountsService {
  private readonly repo: AccountsRepository;
  readonly twoFactor: TwoFactorService;
  readonly signInFlow: SignInService;
  readonly sessions: SessionsService;
  readonly tokens: ApiTokensService;
  readonly passwordReset: PasswordResetService;
  readonly throttle: SignInThrottle;
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    audit: AuditService,
    private readonly deps: PasswordResetDeps & { secrets: SecretBox },
  ) {
    this.repo = new AccountsRepository(db);
    // Accounts keep no revision history here (users does): sign-ins, tokens and resets are audited events.
    this.changes = new ChangeRecorder({ audit });
    this.twoFactor = new TwoFactorService(db, this.changes, deps.secrets);
    this.throttle = new SignInThrottle(db);
    this.signInFlow = new SignInService(db, this.changes, this.twoFactor, this.throttle);
    this.sessions = new SessionsService(db, this.changes, deps.secrets);
    this.tokens = new ApiTokensService(db, this.changes);
    this.passwordReset = new PasswordResetService(db, this.changes, deps, this.throttle);
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
      await this.changes.event(
        actor,
        { action: "user.create", objectType: "user", objectId: row.id, details: { email, role: input.role } },
        trx,
      );
      if (input.totpSecret) await this.twoFactor.enrol(row.id, input.totpSecret, trx);
      return row;
    });
    return { user, oneTimePassword };
  }

  countUsers(filter: { role?: Role } = {}) {
    return this.repo.countUsers(filter);
  }

  // --- used by the registrations module (registration with approval) ---
  private meExtension: MeExtension | null = null;

  /** Lets another module add fields to the /auth/me answer (e.g. `mustAcceptTerms`) without accounts knowing it. */
  setMeExtension(extension: MeExtension) {
    this.meExtension = extension;
  }

  async isEmailRegistered(email: string, trx?: Kysely<DB>): Promise<boolean> {
    return !!(await this.repo.findUserByEmail(email.trim(), trx));
  }

  /**
   * Someone asked to register an address that has an account: e-mails its owner (in the owner's language,
   * with the sign-in and password-reset links) unless a notice went to the address within the hour. The
   * caller answers the form as for a new address. Null when no account has the address.
   */
  async noticeAlreadyRegistered(email: string): Promise<{ userId: string; notified: boolean } | null> {
    const user = await this.repo.findUserByEmail(email.trim());
    if (!user) return null;
    const notified = await this.takeRegistrationNotice(user.email);
    if (notified) {
      const links = { signIn: `${this.deps.publicUrl}/sign-in`, reset: `${this.deps.publicUrl}/forgot-password` };
      const mail = alreadyRegisteredMail(user.language, user.display_name, links);
      await this.deps.mail.send({ to: user.email, ...mail }).catch((error: unknown) => {
        // As when a confirmation cannot be sent: the person at the form is asked to try again later.
        this.deps.log.error({ err: error, userId: user.id }, "already-registered e-mail failed");
        throw new AppError("service_unavailable", 503);
      });
    }
    return { userId: user.id, notified };
  }

  /** Takes the one "already registered" notice an address may get per hour (accounts and open requests share it). */
  takeRegistrationNotice(email: string): Promise<boolean> {
    return this.throttle.takeNotice("already_registered", email, REGISTRATION_NOTICE_EVERY_MS);
  }

  activeUserIds(filter: { roles: Role[]; partnerCode?: string }): Promise<string[]> {
    return this.repo.listActiveUserIds(filter);
  }

  /** An approved registrant: active at once, with the argon2id hash of the password they chose at registration. */
  async createApprovedUser(input: ApprovedUserInput, actor: Actor, trx: Kysely<DB>): Promise<UserRow> {
    const email = input.email.trim().toLowerCase();
    if (await this.repo.findUserByEmail(email, trx)) throw conflict({ field: "email", reason: "email_taken" });
    const row = await this.repo.insertUser(
      { ...input, email, mustChangePassword: false, demo: false, displayName: input.displayName.trim() },
      trx,
    );
    const details = { email, role: input.role, via: "registration" };
    await this.changes.event(actor, { action: "user.create", objectType: "user", objectId: row.id, details }, trx);
    return row;
  }

  /**
   * Checks credentials (throttled) and opens a session; failures are audited. For a user with 2FA the
   * second step is needed (`signInFlow`): this shortcut refuses them.
   */
  async signIn(email: string, password: string, actor: Actor, userAgent: string | null): Promise<SessionOutcome> {
    const outcome = await this.signInFlow.passwordStep(email, password, actor, userAgent);
    if (outcome.kind !== "session") throw new AppError("forbidden", 403, { reason: "two_factor_required" });
    return outcome;
  }

  async signOut(principal: Principal, actor: Actor) {
    if (principal.sessionId) await this.repo.deleteSession(principal.sessionId);
    if (principal.user)
      await this.changes.event(actor, { action: "auth.sign_out", objectType: "user", objectId: principal.user.id });
  }

  /** The principal of a session token, sliding its expiry; null when unknown, expired or the user is inactive. */
  async resolveSession(token: string): Promise<Principal | null> {
    return (await this.resolveSessionState(token))?.principal ?? null;
  }

  /** As resolveSession, also telling whether the session is held back until 2FA enrolment. */
  async resolveSessionState(token: string): Promise<SessionState | null> {
    if (!/^[\w-]{20,100}$/.test(token)) return null;
    const id = hashToken(token);
    const row = await this.repo.findActiveSession(id, new Date(Date.now() - SESSION_MAX_MS));
    if (row?.status !== "active") return null;
    // Write the sliding expiry at most once a minute: a page load makes many requests.
    if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
      const end = new Date(row.session_created_at).getTime() + SESSION_MAX_MS;
      await this.repo.touchSession(id, new Date(Math.min(Date.now() + SESSION_IDLE_MS, end)));
    }
    const principal = principalFor(
      { id: row.id, email: row.email, displayName: row.display_name, role: row.role, partnerCode: row.partner_code },
      id,
    );
    return { principal, twoFactorSetupRequired: requiresTwoFactor(row.role) && !row.two_factor_enabled_at };
  }

  /**
   * Those of `users` whose session would reach protected data: 2FA enrolled, or a role that does not require it
   * (the rule of `resolveSessionState`). The digests send nothing to the others.
   */
  async twoFactorReady(users: readonly { id: string; role: Role }[]): Promise<Set<string>> {
    const enrolled = await this.repo.twoFactorEnabledAmong(
      users.filter((u) => requiresTwoFactor(u.role)).map((u) => u.id),
    );
    return new Set(users.filter((u) => !requiresTwoFactor(u.role) || enrolled.has(u.id)).map((u) => u.id));
  }

  async changePassword(principal: Principal, currentPassword: string, newPassword: string, actor: Actor) {
    const user = principal.user ? await this.repo.findUserById(principal.user.id) : undefined;
    if (!user?.password_hash) throw new AppError("unauthenticated", 401);
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      throw new AppError("validation_failed", 400, undefined, [
        { path: "body.currentPassword", code: "wrong_password" },
      ]);
    }
    const problem = passwordProblem(newPassword, user.email, [user.display_name]);
    if (problem) throw new AppError("validation_failed", 400, undefined, [{ path: "body.newPassword", code: problem }]);
    if (await verifyPassword(user.password_hash, newPassword)) {
      throw new AppError("validation_failed", 400, undefined, [{ path: "body.newPassword", code: "same_as_current" }]);
    }
    const hash = await hashPassword(newPassword);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.updatePassword(user.id, hash, trx);
      // Other sessions may belong to whoever knew the old password.
      await this.repo.deleteSessionsOfUser(user.id, principal.sessionId ?? undefined, trx);
      await this.changes.event(actor, { action: "auth.password_changed", objectType: "user", objectId: user.id }, trx);
    });
  }

  async describe(principal: Principal, csrfToken: string): Promise<Me> {
    if (!principal.user) return { authenticated: false, csrfToken, user: null };
    const row = await this.repo.findUserById(principal.user.id);
    if (!row) return { authenticated: false, csrfToken, user: null };
    const twoFactorEnabled = await this.twoFactor.isEnabled(row.id);
    const twoFactorSetupRequired = requiresTwoFactor(row.role) && !twoFactorEnabled;
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
        twoFactorEnabled,
        twoFactorSetupRequired,
        // What this principal may do now: a token's narrowed set; nothing until required 2FA is set up.
        permissions: twoFactorSetupRequired ? [] : [...principal.permissions],
        ...(this.meExtension ? await this.meExtension(row.id) : {}),
      },
    };
  }

  removeDemoUsers() {
    return this.repo.deleteDemoUsers();
  }
}
