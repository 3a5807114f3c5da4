import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../http/errors.js";
import type { Actor } from "../../platform/audit.js";
import type { ChangeRecorder } from "../../platform/changes.js";
import { AccountsRepository, type UserRow } from "./accounts.repository.js";
import { decoyHash, hashToken, verifyPassword } from "./passwords.js";
import { type SignInThrottle, tooManyAttempts } from "./sign-in-throttle.js";
import type { TwoFactorService } from "./two-factor.service.js";

/** Sliding idle expiry of a session. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** Absolute lifetime of a session, however active: a stolen cookie does not live for ever. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Time to give the second factor after a right password, and the wrong codes allowed meanwhile. */
export const PENDING_SIGN_IN_MS = 5 * 60 * 1000;
const PENDING_MAX_ATTEMPTS = 5;

export type SignInOutcome =
  | { kind: "session"; token: string; user: UserRow; maxAgeSeconds: number }
  | { kind: "two_factor"; pendingToken: string; user: UserRow; maxAgeSeconds: number };

export type SessionOutcome = Extract<SignInOutcome, { kind: "session" }>;

const asUser = (actor: Actor, user: UserRow): Actor => ({ ...actor, userId: user.id, label: user.email });
const newToken = () => randomBytes(32).toString("base64url");

/**
 * Signing in: the password step and, for users with 2FA, a second step bound to a short-lived pending
 * sign-in with its own attempt limit. Both are throttled (sign-in-throttle.ts) by the e-mail address typed,
 * before the account is even looked up, so an unknown account is answered exactly as an existing one. Wrong
 * codes count like wrong passwords, so the second factor cannot be guessed by starting over.
 */
export class SignInService {
  private readonly repo: AccountsRepository;

  constructor(
    db: Kysely<DB>,
    private readonly changes: ChangeRecorder,
    private readonly twoFactor: TwoFactorService,
    private readonly throttle: SignInThrottle,
  ) {
    this.repo = new AccountsRepository(db);
  }

  async passwordStep(email: string, password: string, actor: Actor, userAgent: string | null): Promise<SignInOutcome> {
    const account = email.trim().toLowerCase();
    await this.refuseIfHeld(account, actor);
    const user = await this.repo.findUserByEmail(account);
    if (!user?.password_hash || user.status !== "active") {
      await verifyPassword(await decoyHash(), password);
      await this.throttle.recordFailure(account, actor.ip);
      await this.changes.event(actor, { action: "auth.sign_in_failed", details: { email: account } });
      throw new AppError("invalid_credentials", 401);
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      await this.throttle.recordFailure(account, actor.ip);
      await this.changes.event(actor, { action: "auth.sign_in_failed", objectType: "user", objectId: user.id });
      throw new AppError("invalid_credentials", 401);
    }
    await this.repo.deleteExpiredOfUser(user.id, new Date(Date.now() - SESSION_MAX_MS));
    if (await this.twoFactor.isEnabled(user.id)) {
      const pendingToken = newToken();
      await this.repo.insertPendingSignIn({
        id: hashToken(pendingToken),
        userId: user.id,
        ip: actor.ip,
        expiresAt: new Date(Date.now() + PENDING_SIGN_IN_MS),
      });
      await this.changes.event(asUser(actor, user), {
        action: "auth.two_factor_challenge",
        objectType: "user",
        objectId: user.id,
      });
      return { kind: "two_factor", pendingToken, user, maxAgeSeconds: PENDING_SIGN_IN_MS / 1000 };
    }
    return this.openSession(user, actor, userAgent, "password");
  }

  /** Completes a pending sign-in with a TOTP code or a (single-use) recovery code. */
  async secondStep(
    pendingToken: string | undefined,
    input: { code?: string | undefined; recoveryCode?: string | undefined },
    actor: Actor,
    userAgent: string | null,
  ): Promise<SessionOutcome> {
    const expired = () => new AppError("unauthenticated", 401, { reason: "sign_in_expired" });
    if (!pendingToken || !/^[\w-]{20,100}$/.test(pendingToken)) throw expired();
    const pendingId = hashToken(pendingToken);
    const pending = await this.repo.findPendingSignIn(pendingId);
    const user = pending ? await this.repo.findUserById(pending.user_id) : undefined;
    if (!pending || user?.status !== "active") throw expired();
    const userActor = asUser(actor, user);
    await this.refuseIfHeld(user.email.toLowerCase(), userActor);
    const ok = input.recoveryCode
      ? await this.twoFactor.redeemRecoveryCode(user.id, input.recoveryCode)
      : await this.twoFactor.verifyCode(user.id, input.code ?? "");
    if (!ok) {
      const attempts = await this.repo.countPendingAttempt(pendingId);
      if (attempts >= PENDING_MAX_ATTEMPTS) await this.repo.deletePendingSignIn(pendingId);
      await this.throttle.recordFailure(user.email, actor.ip);
      await this.changes.event(userActor, { action: "auth.two_factor_failed", objectType: "user", objectId: user.id });
      throw new AppError("invalid_two_factor_code", 401, {
        attemptsLeft: Math.max(0, PENDING_MAX_ATTEMPTS - attempts),
      });
    }
    // Only the request that deletes the pending sign-in may open the session.
    if (!(await this.repo.deletePendingSignIn(pendingId))) throw expired();
    if (input.recoveryCode) {
      await this.changes.event(userActor, {
        action: "auth.recovery_code_used",
        objectType: "user",
        objectId: user.id,
      });
    }
    return this.openSession(user, actor, userAgent, input.recoveryCode ? "recovery_code" : "totp");
  }

  private async openSession(
    user: UserRow,
    actor: Actor,
    userAgent: string | null,
    method: "password" | "totp" | "recovery_code",
  ): Promise<SessionOutcome> {
    await this.repo.recordSuccessfulSignIn(user.id);
    await this.throttle.recordSuccess(user.email, actor.ip);
    const token = newToken();
    await this.repo.insertSession({
      id: hashToken(token),
      userId: user.id,
      ip: actor.ip,
      userAgent: userAgent?.slice(0, 500) ?? null,
      expiresAt: new Date(Date.now() + SESSION_IDLE_MS),
    });
    await this.changes.event(asUser(actor, user), {
      action: "auth.sign_in",
      objectType: "user",
      objectId: user.id,
      details: { method },
    });
    return { kind: "session", token, user, maxAgeSeconds: SESSION_MAX_MS / 1000 };
  }

  /** 429 while the pair, the account or the address is held back; the same for any address typed. */
  private async refuseIfHeld(account: string, actor: Actor) {
    const hold = await this.throttle.holdOf(account, actor.ip);
    if (!hold) return;
    await this.changes.event(actor, {
      action: "auth.sign_in_throttled",
      details: { email: account, scope: hold.scope, retryAfterSeconds: hold.retryAfterSeconds },
    });
    throw tooManyAttempts(hold.retryAfterSeconds);
  }
}
