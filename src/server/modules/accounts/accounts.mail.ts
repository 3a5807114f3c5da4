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
