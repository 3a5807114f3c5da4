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

/** A letter in both languages: its subject and the paragraphs between the greeting and the signature. */
type Letter = Record<Language, { subject: string; body: string[] }>;

const GREETING: Record<Language, (name: string) => string> = {
  en: (name) => `Dear ${name},`,
  ru: (name) => `Здравствуйте, ${name}!`,
};

/** The letter in the reader's language: greeting, paragraphs and signature, a blank line between them. */
function write(lang: Language, name: string, letter: Letter): MailText {
  const { subject, body } = letter[lang];
  return { subject, text: [GREETING[lang](name), ...body, SIGNATURE[lang]].join("\n\n") };
}

export function confirmationMail(lang: Language, name: string, link: string): MailText {
  return write(lang, name, {
    en: {
      subject: "Confirm your e-mail address — Paris Pact Platform",
      body: [
        "We have received your request for access to the protected sections of the Paris Pact Platform. To send it for review, please confirm your e-mail address by opening this link:",
        link,
        `The link is valid for ${APPROVAL_TARGET_HOURS} hours and can be used once. Once you confirm, the focal point of your partner and the Coordination Unit review the request; a decision is usually made within ${APPROVAL_TARGET_HOURS} hours.`,
        "If you did not register, you can ignore this message.",
      ],
    },
    ru: {
      subject: "Подтвердите адрес электронной почты — платформа Парижского пакта",
      body: [
        "Мы получили вашу заявку на доступ к защищенным разделам платформы Парижского пакта. Чтобы передать ее на рассмотрение, подтвердите адрес электронной почты по ссылке:",
        link,
        `Ссылка действует ${APPROVAL_TARGET_HOURS} часов и может быть использована один раз. После подтверждения заявку рассмотрят национальный координатор вашего партнера и Группа координации; обычно решение принимается в течение ${APPROVAL_TARGET_HOURS} часов.`,
        "Если вы не подавали заявку, просто проигнорируйте это письмо.",
      ],
    },
  });
}

export function approvalMail(lang: Language, name: string, signInLink: string): MailText {
  return write(lang, name, {
    en: {
      subject: "Your registration has been approved — Paris Pact Platform",
      body: [
        "Your request for access to the Paris Pact Platform has been approved. Sign in with the e-mail address and the password you chose when you registered:",
        signInLink,
        "Please follow the terms of use and the access policy you accepted when you registered.",
      ],
    },
    ru: {
      subject: "Ваша заявка одобрена — платформа Парижского пакта",
      body: [
        "Ваша заявка на доступ к платформе Парижского пакта одобрена. Войдите в систему с адресом электронной почты и паролем, которые вы указали при регистрации:",
        signInLink,
        "Пожалуйста, соблюдайте условия использования и политику доступа, которые вы приняли при регистрации.",
      ],
    },
  });
}

export function rejectionMail(lang: Language, name: string, reason: string): MailText {
  return write(lang, name, {
    en: {
      subject: "Decision on your registration — Paris Pact Platform",
      body: [
        "We regret that your request for access to the protected sections of the Paris Pact Platform has been declined, for the following reason:",
        reason,
        "If you believe this is a mistake, please contact the national focal point of your country or organization, or the Paris Pact Coordination Unit.",
      ],
    },
    ru: {
      subject: "Решение по вашей заявке — платформа Парижского пакта",
      body: [
        "К сожалению, ваша заявка на доступ к защищенным разделам платформы Парижского пакта отклонена по следующей причине:",
        reason,
        "Если вы считаете, что произошла ошибка, обратитесь к национальному координатору вашей страны или организации либо в Группу координации Парижского пакта.",
      ],
    },
  });
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

/**
 * To an address that registered again while its request is still open. No link: an unconfirmed request has
 * its confirmation link in the first message, and a new one here would let the form re-send links at will.
 */
export function openRequestMail(lang: Language, status: "unconfirmed" | "pending"): MailText {
  if (lang === "ru") {
    return {
      subject: "Заявка на регистрацию уже подана — платформа Парижского пакта",
      text: [
        "Здравствуйте!",
        "Кто-то (возможно, вы) только что снова подал заявку на регистрацию на платформе Парижского пакта с этим адресом электронной почты. Новая заявка не создана: для этого адреса уже есть заявка.",
        status === "pending"
          ? `Эта заявка подтверждена и находится на рассмотрении у национального координатора и Группы координации; о решении мы сообщим по электронной почте (обычно в течение ${APPROVAL_TARGET_HOURS} часов).`
          : `Эта заявка ожидает подтверждения адреса. Откройте ссылку из первого письма; она действует ${APPROVAL_TARGET_HOURS} часов. Если срок истек, заявка аннулируется, и вы сможете зарегистрироваться снова.`,
        "Если вы не подавали заявку, просто проигнорируйте это письмо или сообщите об этом в Группу координации.",
        SIGNATURE.ru,
      ].join("\n\n"),
    };
  }
  return {
    subject: "You have already asked to register — Paris Pact Platform",
    text: [
      "Dear colleague,",
      "Someone (perhaps you) has just asked again to register on the Paris Pact Platform with this e-mail address. No new request was made: this address already has one.",
      status === "pending"
        ? `That request has been confirmed and is being reviewed by the national focal point and the Coordination Unit; we will tell you the decision by e-mail (usually within ${APPROVAL_TARGET_HOURS} hours).`
        : `That request is waiting for the address to be confirmed. Open the link in our first message; it is valid for ${APPROVAL_TARGET_HOURS} hours. Once it has expired, the request lapses and you can register again.`,
      "If you did not register, ignore this message or tell the Coordination Unit.",
      SIGNATURE.en,
    ].join("\n\n"),
  };
}
