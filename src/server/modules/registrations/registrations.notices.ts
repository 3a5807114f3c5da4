import type { FastifyBaseLogger } from "fastify";
import type { MailService } from "../../platform/mail.js";
import type { NotificationInput, NotificationService } from "../../platform/notifications.js";
import type { AccountsService } from "../accounts/accounts.service.js";
import type { MailText } from "./registrations.mail.js";

/**
 * Tells people about requests: reviewers in the app and by e-mail, registrants by e-mail. A failed message is
 * logged for the operator and never undoes the step that caused it.
 */
export class RegistrationMessenger {
  constructor(
    private readonly deps: {
      accounts: AccountsService;
      notifications: NotificationService;
      mail: MailService;
      log: FastifyBaseLogger;
    },
  ) {}

  /** The coordinators and the focal points of the partner. */
  async notifyReviewers(partnerCode: string, notice: NotificationInput): Promise<void> {
    try {
      const [coordinators, focalPoints] = await Promise.all([
        this.deps.accounts.activeUserIds({ roles: ["coordinator"] }),
        this.deps.accounts.activeUserIds({ roles: ["focal_point"], partnerCode }),
      ]);
      await this.deps.notifications.notify([...coordinators, ...focalPoints], notice);
    } catch (error) {
      this.deps.log.error({ err: error, partnerCode }, "registration notice failed");
    }
  }

  async sendDecision(row: { id: string; email: string }, mail: MailText): Promise<void> {
    try {
      await this.deps.mail.send({ to: row.email, ...mail });
    } catch (error) {
      this.deps.log.error({ err: error, registrationId: row.id }, "registration decision e-mail failed");
    }
  }
}
