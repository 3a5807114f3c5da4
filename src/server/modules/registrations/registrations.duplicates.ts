import type { FastifyBaseLogger } from "fastify";
import type { Language } from "../../../common/localized.js";
import { AppError } from "../../http/errors.js";
import type { Actor } from "../../platform/audit.js";
import type { ChangeRecorder } from "../../platform/changes.js";
import type { MailService } from "../../platform/mail.js";
import type { AccountsService } from "../accounts/accounts.service.js";
import { openRequestMail } from "./registrations.mail.js";

export interface OpenRequest {
  id: string;
  status: string;
  language: Language;
}

/** The address already has an open request (found inside the insert's transaction). */
export class OpenRequestExists extends Error {
  constructor(readonly row: OpenRequest) {
    super("open request");
  }
}

/**
 * Registration of an address that is already known (issue 17): the form answers as for a new address, and
 * the address's owner is told by e-mail instead, at most once an hour (accounts keeps that count). Each
 * such attempt is audited.
 */
export class DuplicateAddressNotices {
  constructor(
    private readonly deps: {
      accounts: AccountsService;
      changes: ChangeRecorder;
      mail: MailService;
      log: FastifyBaseLogger;
    },
  ) {}

  /** The address has an account: its owner is e-mailed (accounts writes that e-mail). False when none has it. */
  async tellIfAccountExists(email: string, actor: Actor): Promise<boolean> {
    const found = await this.deps.accounts.noticeAlreadyRegistered(email);
    if (!found) return false;
    await this.deps.changes.event(actor, {
      action: "registration.existing_account",
      objectType: "user",
      objectId: found.userId,
      details: { notified: found.notified },
    });
    return true;
  }

  /** The address has an open request: it is told so, without a confirmation link (it has one already). */
  async tellOpenRequest(email: string, open: OpenRequest, actor: Actor): Promise<void> {
    const notified = await this.deps.accounts.takeRegistrationNotice(email);
    await this.deps.changes.event(actor, {
      action: "registration.duplicate",
      objectType: "registration",
      objectId: open.id,
      details: { notified },
    });
    if (!notified) return;
    const mail = openRequestMail(open.language, open.status === "pending" ? "pending" : "unconfirmed");
    try {
      await this.deps.mail.send({ to: email, ...mail });
    } catch (error) {
      // As when a confirmation cannot be sent: the person is asked to try again later.
      this.deps.log.error({ err: error, registrationId: open.id }, "registration notice e-mail failed");
      throw new AppError("service_unavailable", 503);
    }
  }
}
