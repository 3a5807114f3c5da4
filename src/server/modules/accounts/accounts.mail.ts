import type { Language } from "../../../common/localized.js";

const MINUTES = 30;

/** The password-reset e-mail in the user's language. */
export function passwordResetMail(lang: Language, name: string, link: string): { subject: string; text: string } {
  if (lang === "ru") {
    return {
      subject: "Сброс пароля — платформа Парижского пакта",
      text: [
        `Здравствуйте, ${name}!`,
        "",
        "Поступил запрос на сброс пароля вашей учетной записи на платформе Парижского пакта.",
        `Чтобы задать новый пароль, откройте эту ссылку в течение ${MINUTES} минут:`,
        "",
        link,
        "",
        "Ссылка действует один раз. Если вы не запрашивали сброс пароля, просто проигнорируйте это письмо:",
        "ваш пароль останется прежним.",
        "",
        "Платформа Парижского пакта",
      ].join("\n"),
    };
  }
  return {
    subject: "Reset your password — Paris Pact Platform",
    text: [
      `Hello ${name},`,
      "",
      "Someone asked to reset the password of your account on the Paris Pact Platform.",
      `To choose a new password, open this link within ${MINUTES} minutes:`,
      "",
      link,
      "",
      "The link works once. If you did not ask for this, ignore this message: your password stays as it is.",
      "",
      "Paris Pact Platform",
    ].join("\n"),
  };
}

/**
 * To the owner of an address someone tried to register again: the account exists, here is how to get in.
 * Sent instead of answering the registration form differently (which would tell anyone the address has an account).
 */
export function alreadyRegisteredMail(
  lang: Language,
  name: string,
  links: { signIn: string; reset: string },
): { subject: string; text: string } {
  if (lang === "ru") {
    return {
      subject: "У вас уже есть учетная запись — платформа Парижского пакта",
      text: [
        `Здравствуйте, ${name}!`,
        "",
        "Кто-то (возможно, вы) только что подал заявку на регистрацию на платформе Парижского пакта с этим адресом",
        "электронной почты. Для этого адреса уже есть учетная запись, поэтому новая заявка не создана.",
        "",
        "Войти в систему:",
        links.signIn,
        "",
        "Если вы забыли пароль, задайте новый:",
        links.reset,
        "",
        "Если вы не подавали заявку, просто проигнорируйте это письмо: в вашей учетной записи ничего не изменилось.",
        "Если войти не удается, обратитесь в Группу координации Парижского пакта.",
        "",
        "Платформа Парижского пакта",
      ].join("\n"),
    };
  }
  return {
    subject: "You already have an account — Paris Pact Platform",
    text: [
      `Hello ${name},`,
      "",
      "Someone (perhaps you) has just asked to register on the Paris Pact Platform with this e-mail address.",
      "This address already has an account, so no new request was made.",
      "",
      "To sign in:",
      links.signIn,
      "",
      "If you have forgotten your password, choose a new one:",
      links.reset,
      "",
      "If you did not ask to register, ignore this message: nothing has changed in your account.",
      "If you cannot sign in, contact the Paris Pact Coordination Unit.",
      "",
      "Paris Pact Platform",
    ].join("\n"),
  };
}
