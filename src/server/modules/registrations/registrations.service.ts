import { randomBytes } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Insertable, Kysely, Updateable } from "kysely";
import MailChecker from "mailchecker";
import type { Language } from "../../../common/localized.js";
import type { Role } from "../../../common/platform.js";
import {
  APPROVAL_TARGET_HOURS,
  type ApproveInput,
  REMINDER_LEAD_HOURS,
  type Registration,
  type RegistrationInput,
  type RegistrationList,
  type RegistrationListQuery,
  type RegistrationStats,
} from "../../../common/registrations.js";
import type { DB } from "../../db/schema.js";
import { can, canActOnPartner, type Principal } from "../../http/access-policy.js";
import {
  AppError,
  type FieldError,
  forbidden,
  notFound,
  validationFailed,
  versionConflict,
} from "../../http/errors.js";
import { type Actor, type AuditService, SYSTEM_ACTOR } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { JobService } from "../../platform/jobs.js";
import type { MailService } from "../../platform/mail.js";
import type { NotificationService } from "../../platform/notifications.js";
import { type AccountsService, hashToken } from "../accounts/accounts.service.js";
import { passwordStrengthProblem } from "../accounts/password-strength.js";
import { hashPassword } from "../accounts/passwords.js";
import type { PartnersService } from "../partners/partners.service.js";
import { DuplicateAddressNotices, OpenRequestExists } from "./registrations.duplicates.js";
import { approvalMail, confirmationMail, pendingNotice, rejectionMail, reminderNotice } from "./registrations.mail.js";
import { fieldError } from "./registrations.messages.js";
import { RegistrationMessenger } from "./registrations.notices.js";
import { dueAtOf, presentRegistration, presentStats } from "./registrations.present.js";
import { type RegistrationRow, RegistrationsRepository } from "./registrations.repository.js";
import { decisionValues, StepRecorder, vouchValues } from "./registrations.steps.js";
import type { RegistrationsTable } from "./registrations.tables.js";
import type { TermsService } from "./terms.service.js";

export const REMINDER_JOB = "registrations.reminders";
const HOUR_MS = 3_600_000;
/** The confirmation link lives as long as the approval target: an unconfirmed request then frees its address. */
const TOKEN_TTL_MS = APPROVAL_TARGET_HOURS * HOUR_MS;

export interface RegistrationsDeps {
  audit: AuditService;
  accounts: AccountsService;
  partners: PartnersService;
  terms: TermsService;
  mail: MailService;
  notifications: NotificationService;
  jobs: JobService;
  publicUrl: string;
  log: FastifyBaseLogger;
}

type Change = { values: Updateable<RegistrationsTable>; event: string; details?: Record<string, unknown> };

const linkInvalid = (reason: "unknown" | "expired" | "used") =>
  new AppError("registration_link_invalid", 400, { reason });
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "23505";

/**
 * Registration with approval: an eligible official registers and confirms the e-mail address; the partner's
 * focal point may vouch or recommend refusal; a coordinator approves (creating the account with the password
 * the registrant chose) or rejects with a reason. A focal point's decline is a recommendation shown in the
 * queue, never a decision: one accountable decision-maker, the Coordination Unit. Every step is audited
 * and kept in `registration_events`.
 */
export class RegistrationsService {
  private readonly repo: RegistrationsRepository;
  private readonly steps: StepRecorder;
  /** Requests keep their own history (`registration_events`); the audit entries go through the platform's recorder. */
  private readonly changes: ChangeRecorder;
  private readonly messenger: RegistrationMessenger;
  private readonly duplicates: DuplicateAddressNotices;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: RegistrationsDeps,
  ) {
    this.repo = new RegistrationsRepository(db);
    this.changes = new ChangeRecorder({ audit: deps.audit });
    this.steps = new StepRecorder(this.repo, this.changes);
    this.messenger = new RegistrationMessenger(deps);
    this.duplicates = new DuplicateAddressNotices({ ...deps, changes: this.changes });
    deps.notifications.registerKind({
      kind: "registration_pending",
      label: { en: "Registration waiting for approval", ru: "Заявка на регистрацию ожидает решения" },
      defaultInApp: true,
      defaultEmail: true,
    });
  }

  /**
   * Submits a request (status `unconfirmed`) and e-mails the confirmation link. A filled honeypot keeps
   * nothing. An address that already has an account or an open request gets the same answer as a new one
   * (after the same password hashing), and its owner an e-mail instead: the form tells nobody which
   * addresses are known (issue 17).
   */
  async register(input: RegistrationInput, actor: Actor, lang: Language): Promise<void> {
    const email = input.email.trim().toLowerCase();
    const partnerCode = input.partnerCode.trim().toUpperCase();
    if (input.website?.trim()) {
      await this.changes.event(actor, {
        action: "registration.bot",
        objectType: "registration",
        details: { emailDomain: email.split("@")[1] ?? "", partnerCode },
      });
      return;
    }
    const errors: FieldError[] = [];
    if (!MailChecker.isValid(email)) errors.push(fieldError("body.email", "email_disposable", lang));
    if (!(await this.deps.partners.exists(partnerCode))) {
      errors.push(fieldError("body.partnerCode", "unknown_partner", lang));
    }
    const weak = passwordStrengthProblem(input.password, [email, input.displayName]);
    if (weak) errors.push(fieldError("body.password", weak, lang));
    if (!(await this.deps.terms.areCurrent(input.acceptedTerms))) {
      errors.push(fieldError("body.acceptedTerms", "terms_not_current", lang));
    }
    if (errors.length > 0) throw validationFailed(errors);

    // Hashed before anything about the address is looked up: a known address costs the same time.
    const passwordHash = await hashPassword(input.password);
    if (await this.duplicates.tellIfAccountExists(email, actor)) return;
    const token = randomBytes(32).toString("base64url");
    const now = new Date();
    let row: RegistrationRow;
    try {
      row = await this.insertRequest(input, { email, partnerCode, passwordHash, token, now }, actor);
    } catch (error) {
      if (!(error instanceof OpenRequestExists)) throw error;
      await this.duplicates.tellOpenRequest(email, error.row, actor);
      return;
    }

    const link = `${this.deps.publicUrl}/register/confirm?token=${encodeURIComponent(token)}`;
    try {
      await this.deps.mail.send({ to: email, ...confirmationMail(row.language, row.display_name, link) });
    } catch (error) {
      // Without the e-mail the request can never be confirmed: free the address so the person can try again.
      this.deps.log.error({ err: error, registrationId: row.id }, "registration confirmation e-mail failed");
      await this.db.transaction().execute(async (trx) => {
        const expired = await this.repo.update(row.id, row.version, { status: "expired" }, trx);
        if (expired)
          await this.steps.record(trx, SYSTEM_ACTOR, { ...row, status: "unconfirmed" }, "mail_failed", "expired");
      });
      throw new AppError("service_unavailable", 503);
    }
  }

  private async insertRequest(
    input: RegistrationInput,
    v: { email: string; partnerCode: string; passwordHash: string; token: string; now: Date },
    actor: Actor,
  ): Promise<RegistrationRow> {
    const findOpen = async (trx: Kysely<DB>) => {
      const open = await this.repo.findOpenByEmail(v.email, trx);
      if (open) throw new OpenRequestExists(open);
    };
    return this.db
      .transaction()
      .execute(async (trx) => {
        await this.repo.expireUnconfirmed(v.email, v.now, trx);
        await findOpen(trx);
        const row = await this.repo.insert(
          {
            email: v.email,
            display_name: input.displayName.trim(),
            partner_code: v.partnerCode,
            agency: input.agency.trim(),
            position: input.position.trim(),
            work_phone: input.workPhone.trim(),
            reason: input.reason.trim(),
            language: input.language,
            password_hash: v.passwordHash,
            accepted_terms: JSON.stringify([...new Set(input.acceptedTerms)]),
            token_hash: hashToken(v.token),
            token_expires_at: new Date(v.now.getTime() + TOKEN_TTL_MS),
            ip: actor.ip,
          },
          trx,
        );
        await this.steps.record(trx, actor, row, "submitted", null, { partnerCode: v.partnerCode });
        return row;
      })
      .catch(async (error: unknown) => {
        // Two submissions at once: the partial unique index lets one through; the other finds it now.
        if (isUniqueViolation(error)) await findOpen(this.db);
        throw error;
      });
  }

  /** Confirms the e-mail address (single-use link); the request enters the queue and reviewers are told. */
  async confirm(token: string, actor: Actor): Promise<void> {
    const row = await this.repo.findByTokenHash(hashToken(token));
    if (!row) throw linkInvalid("unknown");
    if (row.status !== "unconfirmed") throw linkInvalid(row.status === "expired" ? "expired" : "used");
    const now = new Date();
    if (row.token_expires_at && new Date(row.token_expires_at) < now) throw linkInvalid("expired");
    const updated = await this.db.transaction().execute(async (trx) => {
      const next = await this.repo.update(
        row.id,
        row.version,
        { status: "pending", confirmed_at: now, submitted_at: now },
        trx,
      );
      if (!next) throw linkInvalid("used");
      await this.steps.record(
        trx,
        { ...actor, label: actor.userId ? actor.label : row.email },
        row,
        "confirmed",
        "pending",
      );
      return next;
    });
    const due = dueAtOf(updated) ?? now;
    await this.messenger.notifyReviewers(updated.partner_code, pendingNotice(this.names(updated), due));
  }

  /** The approval queue: coordinators see every partner, a focal point only their own. */
  /** The approval queue; every read is audited with the ids shown (registrants' names, phones and agencies). */
  async list(
    principal: Principal,
    query: RegistrationListQuery,
    actor: Actor,
    now = new Date(),
  ): Promise<RegistrationList> {
    const user = principal.user;
    if (!user) throw forbidden();
    let partner = query.partner?.toUpperCase();
    if (partner && !canActOnPartner(principal, partner)) throw forbidden();
    if (!partner && !this.reviewsEveryPartner(principal)) {
      if (!user.partnerCode) return { items: [], total: 0, limit: query.limit, offset: query.offset };
      partner = user.partnerCode;
    }
    const { items, total } = await this.repo.list({ ...query, partner });
    await this.changes.event(actor, {
      action: "registration.read",
      objectType: "registration",
      details: { count: items.length, ids: items.map((r) => r.id), filter: { status: query.status, partner } },
    });
    return {
      items: items.map((r) => presentRegistration(r, now)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async vouch(principal: Principal, id: string, input: { version: number; comment?: string }, actor: Actor) {
    const row = await this.transition(principal, id, input.version, actor, async () => ({
      values: vouchValues(principal, actor, "vouched", input.comment?.trim() || null),
      event: "vouched",
    }));
    return presentRegistration(row, new Date());
  }

  /** A recommendation to refuse, shown in the queue; only a coordinator's `reject` decides. */
  async decline(principal: Principal, id: string, input: { version: number; reason: string }, actor: Actor) {
    const row = await this.transition(principal, id, input.version, actor, async () => ({
      values: vouchValues(principal, actor, "declined", input.reason.trim()),
      event: "declined",
      details: { reason: input.reason.trim() },
    }));
    return presentRegistration(row, new Date());
  }

  async approve(principal: Principal, id: string, input: ApproveInput, actor: Actor): Promise<Registration> {
    const role: Role = input.role;
    const row = await this.transition(principal, id, input.version, actor, async (before, trx) => {
      if (!before.password_hash) throw new AppError("conflict", 409, { reason: "no_password" });
      const user = await this.deps.accounts.createApprovedUser(
        {
          email: before.email,
          displayName: before.display_name,
          role,
          partnerCode: before.partner_code,
          language: before.language,
          passwordHash: before.password_hash,
        },
        actor,
        trx,
      );
      const accepted = before.accepted_terms;
      const acceptedAt = new Date(before.created_at);
      await this.deps.terms.recordAcceptances(user.id, accepted, { ip: before.ip, acceptedAt }, trx);
      return {
        values: { ...decisionValues(principal, actor), status: "approved", approved_role: role, user_id: user.id },
        event: "approved",
        details: { role, userId: user.id },
      };
    });
    const mail = approvalMail(row.language, row.display_name, `${this.deps.publicUrl}/sign-in`);
    await this.messenger.sendDecision(row, mail);
    return presentRegistration(row, new Date());
  }

  async reject(principal: Principal, id: string, input: { version: number; reason: string }, actor: Actor) {
    const reason = input.reason.trim();
    const row = await this.transition(principal, id, input.version, actor, async () => ({
      values: { ...decisionValues(principal, actor), status: "rejected", decision_reason: reason },
      event: "rejected",
      details: { reason },
    }));
    await this.messenger.sendDecision(row, rejectionMail(row.language, row.display_name, reason));
    return presentRegistration(row, new Date());
  }

  /**
   * Reminds reviewers of pending requests that will miss the 48-hour target within 12 hours (or already
   * have), once per request. Run every 15 minutes by the job worker; tests pass their own `now`.
   */
  /** Writes historic requests as they would have been decided (demo data only: no mail, no accounts). */
  async insertHistoric(rows: readonly Insertable<RegistrationsTable>[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const row of rows) await this.repo.insert(row, trx);
    });
  }

  async removeByEmailDomain(domain: string): Promise<number> {
    return Number((await this.repo.deleteByEmailDomain(domain)).numDeletedRows);
  }

  async sendReminders(now: Date = new Date()): Promise<{ reminded: number }> {
    const claimed = await this.repo.claimReminders(now, APPROVAL_TARGET_HOURS, REMINDER_LEAD_HOURS);
    for (const row of claimed) {
      const due = dueAtOf(row) ?? now;
      const overdue = now.getTime() > due.getTime();
      await this.db
        .transaction()
        .execute((trx) => this.steps.record(trx, SYSTEM_ACTOR, row, "reminded", row.status, { overdue }));
      await this.messenger.notifyReviewers(row.partner_code, reminderNotice(this.names(row), due, overdue));
    }
    return { reminded: claimed.length };
  }

  /** Approval figures by month of submission over the last `months` months (UTC). */
  async stats(months: number, now = new Date()): Promise<RegistrationStats> {
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
    const [rows, overall] = await Promise.all([
      this.repo.monthlyFigures(since, APPROVAL_TARGET_HOURS),
      this.repo.overallFigures(since, now, APPROVAL_TARGET_HOURS),
    ]);
    return presentStats(rows, overall, since, now);
  }

  /** Locks the request, checks scope, version and state, applies the change and records it — one transaction. */
  private transition(
    principal: Principal,
    id: string,
    version: number,
    actor: Actor,
    change: (row: RegistrationRow, trx: Kysely<DB>) => Promise<Change>,
  ): Promise<RegistrationRow> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repo.findById(id, trx, true);
      // Out of a focal point's scope looks the same as missing: ids of other partners' requests reveal nothing.
      if (!row || !canActOnPartner(principal, row.partner_code)) throw notFound("registration");
      if (row.version !== version) throw versionConflict(presentRegistration(row, new Date()));
      if (row.status !== "pending") throw new AppError("conflict", 409, { reason: "not_pending", status: row.status });
      const { values, event, details } = await change(row, trx);
      const updated = await this.repo.update(id, version, values, trx);
      if (!updated) throw versionConflict(presentRegistration(row, new Date()));
      await this.steps.record(trx, actor, row, event, updated.status, details);
      return updated;
    });
  }

  private reviewsEveryPartner(principal: Principal) {
    return can(principal, "partners:all");
  }

  private names(row: RegistrationRow) {
    return { displayName: row.display_name, partnerCode: row.partner_code, agency: row.agency };
  }
}
