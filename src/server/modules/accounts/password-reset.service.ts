import { randomBytes } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../http/errors.js";
import type { Actor } from "../../platform/audit.js";
import type { ChangeRecorder } from "../../platform/changes.js";
import type { MailService } from "../../platform/mail.js";
import { passwordResetMail } from "./accounts.mail.js";
import { AccountsRepository, type UserRow } from "./accounts.repository.js";
import { PasswordResetRepository } from "./password-reset.repository.js";
import { hashPassword, hashToken, passwordProblem } from "./passwords.js";
import type { SignInThrottle } from "./sign-in-throttle.js";

export const RESET_TOKEN_MS = 30 * 60 * 1000;
/** At most this many reset e-mails per account per quarter hour: no mail-bombing through the form. */
const MAX_RECENT_REQUESTS = 3;
const RECENT_MS = 15 * 60 * 1000;

export interface PasswordResetDeps {
  mail: MailService;
  publicUrl: string;
  log: FastifyBaseLogger;
}

const asUser = (actor: Actor, user: UserRow): Actor => ({ ...actor, userId: user.id, label: user.email });
const invalidLink = () =>
  new AppError("validation_failed", 400, undefined, [{ path: "body.token", code: "invalid_or_expired" }]);

/**
 * Password reset by e-mail link. The request answers the same whether or not the address has an account
 * (the e-mail goes out in the background, so not even the timing tells); the link is single use, expires
 * in 30 minutes, and a newer request voids older links. Completing it ends every session of the account,
 * forgets the account's failed sign-ins and makes the address it was completed from a known one (the owner
 * proved the mailbox), so a stranger's guessing cannot keep the owner out.
 */
export class PasswordResetService {
  private readonly repo: PasswordResetRepository;
  private readonly accounts: AccountsRepository;
  private readonly deliveries = new Set<Promise<void>>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly changes: ChangeRecorder,
    private readonly deps: PasswordResetDeps,
    private readonly throttle: SignInThrottle,
  ) {
    this.repo = new PasswordResetRepository(db);
    this.accounts = new AccountsRepository(db);
  }

  async request(email: string, actor: Actor): Promise<void> {
    const normalized = email.trim().toLowerCase();
    const user = await this.accounts.findUserByEmail(normalized);
    if (user?.status !== "active") {
      await this.changes.event(actor, {
        action: "auth.password_reset_requested",
        details: { email: normalized, matched: false },
      });
      return;
    }
    const userActor = asUser(actor, user);
    if ((await this.repo.countRecent(user.id, new Date(Date.now() - RECENT_MS))) >= MAX_RECENT_REQUESTS) {
      await this.changes.event(userActor, {
        action: "auth.password_reset_throttled",
        objectType: "user",
        objectId: user.id,
      });
      return;
    }
    const token = randomBytes(32).toString("base64url");
    await this.db.transaction().execute(async (trx) => {
      await this.repo.invalidateOfUser(user.id, trx);
      await this.repo.insert(
        {
          userId: user.id,
          tokenHash: hashToken(token),
          ip: actor.ip,
          expiresAt: new Date(Date.now() + RESET_TOKEN_MS),
        },
        trx,
      );
      await this.changes.event(
        userActor,
        { action: "auth.password_reset_requested", objectType: "user", objectId: user.id, details: { matched: true } },
        trx,
      );
    });
    this.deliver(user, token);
  }

  async complete(token: string, newPassword: string, actor: Actor): Promise<void> {
    const row = await this.repo.findUsable(hashToken(token));
    const user = row ? await this.accounts.findUserById(row.user_id) : undefined;
    if (!row || user?.status !== "active") {
      await this.changes.event(actor, {
        action: "auth.password_reset_failed",
        details: { reason: "invalid_or_expired" },
      });
      throw invalidLink();
    }
    const problem = passwordProblem(newPassword, user.email, [user.display_name]);
    if (problem) throw new AppError("validation_failed", 400, undefined, [{ path: "body.newPassword", code: problem }]);
    const hash = await hashPassword(newPassword);
    await this.db.transaction().execute(async (trx) => {
      if (!(await this.repo.consume(row.id, trx))) throw invalidLink();
      await this.accounts.updatePassword(user.id, hash, trx);
      await this.throttle.forgetFailures(user.email, trx);
      // Whoever knew the old password (or held a session) is out.
      const sessionsEnded = await this.accounts.deleteSessionsOfUser(user.id, undefined, trx);
      await this.accounts.deletePendingSignInsOfUser(user.id, trx);
      await this.repo.invalidateOfUser(user.id, trx);
      await this.changes.event(
        asUser(actor, user),
        {
          action: "auth.password_reset_completed",
          objectType: "user",
          objectId: user.id,
          details: { sessionsEnded },
        },
        trx,
      );
    });
    await this.throttle.markKnown(user.email, actor.ip);
  }

  /** Resolves when the e-mails started so far have been handed to the transport (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.deliveries]);
  }

  private deliver(user: UserRow, token: string) {
    const link = `${this.deps.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    const delivery = this.deps.mail
      .send({ to: user.email, ...passwordResetMail(user.language, user.display_name, link) })
      .then(
        () => undefined,
        (error: unknown) => this.deps.log.error({ err: error, userId: user.id }, "password reset e-mail failed"),
      )
      .finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }
}
