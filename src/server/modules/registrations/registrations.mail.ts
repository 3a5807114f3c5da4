import type { Language } from "../../../common/localized.js";
import { APPROVAL_TARGET_HOURS } from "../../../common/registrations.js";
import type { NotificationInput } from "../../platform/notifications.js";

export interface MailText {
  subject: string;
  text: string;
}

const SIGNATURE = {
  en: "Paris Pact Coordination Unit\nUnited Nations Office on Drugs and Crime (UNODC)",
  ru: "Группа координации Парижского пакта\nУправление ООН по наркотикам и преступности (УНП ООН)",
};

export function confirmationMail(lang: Language, name: string, link: string): MailText {
  if (lang === "ru") {
    return {
      subject: "Подтвердите адрес электронной почты — платформа Парижского пакта",
      text: [
        `Здравствуйте, ${name}!`,
        "Мы получили вашу заявку на доступ к защищенным разделам платформы Парижского пакта. Чтобы передать ее на рассмотрение, подтвердите адрес электронной почты по ссылке:",
        link,
        `Ссылка действует ${APPROVAL_TARGET_HOURS} часов и может быть использована один раз. После подтверждения заявку рассмотрят национальный координатор вашего партнера и Группа координации; обычно решение принимается в течение ${APPROVAL_TARGET_HOURS} часов.`,
        "Если вы не подавали заявку, просто проигнорируйте это письмо.",
        SIGNATURE.ru,
      ].join("\n\n"),
    };
  }
  return {
    subject: "Confirm your e-mail address — Paris Pact Platform",
    text: [
      `Dear ${name},`,
      "We have received your request for access to the protected sections of the Paris Pact Platform. To send it for review, please confirm your e-mail address by opening this link:",
      link,
      `The link is valid for ${APPROVAL_TARGET_HOURS} hours and can be used once. Once you confirm, the focal point of your partner and the Coordination Unit review the request; a decision is usually made within ${APPROVAL_TARGET_HOURS} hours.`,
      "If you did not register, you can ignore this message.",
      SIGNATURE.en,
    ].join("\n\n"),
  };
}

export function approvalMail(lang: Language, name: string, signInLink: string): MailText {
  if (lang === "ru") {
    return {
      subject: "Ваша заявка одобрена — платформа Парижского пакта",
      text: [
        `Здравствуйте, ${name}!`,
        "Ваша заявка на доступ к платформе Парижского пакта одобрена. Войдите в систему с адресом электронной почты и паролем, которые вы указали при регистрации:",
        signInLink,
        "Пожалуйста, соблюдайте условия использования и политику доступа, которые вы приняли при регистрации.",
        SIGNATURE.ru,
      ].join("\n\n"),
    };
  }
  return {
    subject: "Your registration has been approved — Paris Pact Platform",
    text: [
      `Dear ${name},`,
      "Your request for access to the Paris Pact Platform has been approved. Sign in with the e-mail address and the password you chose when you registered:",
      signInLink,
      "Please follow the terms of use and the access policy you accepted when you registered.",
      SIGNATURE.en,
    ].join("\n\n"),
  };
}

export function rejectionMail(lang: Language, name: string, reason: string): MailText {
  if (lang === "ru") {
    return {
      subject: "Решение по вашей заявке — платформа Парижского пакта",
      text: [
        `Здравствуйте, ${name}!`,
        "К сожалению, ваша заявка на доступ к защищенным разделам платформы Парижского пакта отклонена по следующей причине:",
        reason,
        "Если вы считаете, что произошла ошибка, обратитесь к национальному координатору вашей страны или организации либо в Группу координации Парижского пакта.",
        SIGNATURE.ru,
      ].join("\n\n"),
    };
  }
  return {
    subject: "Decision on your registration — Paris Pact Platform",
    text: [
      `Dear ${name},`,
      "We regret that your request for access to the protected sections of the Paris Pact Platform has been declined, for the following reason:",
      reason,
      "If you believe this is a mistake, please contact the national focal point of your country or organization, or the Paris Pact Coordination Unit.",
      SIGNATURE.en,
    ].join("\n\n"),
  };
}

/** In-app and e-mail notice to reviewers; each reviewer receives it in their own language. */
export function pendingNotice(
  r: { displayName: string; partnerCode: string; agency: string },
  dueAt: Date,
): NotificationInput {
  const due = dueAt.toISOString().slice(0, 16).replace("T", " ");
  return {
    kind: "registration_pending",
    title: {
      en: `Registration waiting for approval: ${r.displayName} (${r.partnerCode})`,
      ru: `Заявка на регистрацию ожидает решения: ${r.displayName} (${r.partnerCode})`,
    },
    body: {
      en: `${r.displayName}, ${r.agency}, asks for access. Please review the request by ${due} UTC (${APPROVAL_TARGET_HOURS}-hour target).`,
      ru: `${r.displayName}, ${r.agency}, запрашивает доступ. Рассмотрите заявку до ${due} UTC (целевой срок — ${APPROVAL_TARGET_HOURS} часов).`,
    },
    link: "/admin/registrations",
  };
}

export function reminderNotice(
  r: { displayName: string; partnerCode: string },
  dueAt: Date,
  overdue: boolean,
): NotificationInput {
  const due = dueAt.toISOString().slice(0, 16).replace("T", " ");
  return {
    kind: "registration_pending",
    title: overdue
      ? {
          en: `Overdue registration: ${r.displayName} (${r.partnerCode})`,
          ru: `Просроченная заявка на регистрацию: ${r.displayName} (${r.partnerCode})`,
        }
      : {
          en: `Reminder: registration due by ${due} UTC — ${r.displayName} (${r.partnerCode})`,
          ru: `Напоминание: заявку нужно рассмотреть до ${due} UTC — ${r.displayName} (${r.partnerCode})`,
        },
    body: {
      en: `The ${APPROVAL_TARGET_HOURS}-hour target for this request ends at ${due} UTC. Please vouch for it, approve it or decline it.`,
      ru: `Целевой срок рассмотрения этой заявки (${APPROVAL_TARGET_HOURS} часов) истекает ${due} UTC. Поручитесь за нее, одобрите или отклоните ее.`,
    },
    link: "/admin/registrations",
  };
}
