import type { Language } from "../../../common/localized.js";
import type { FieldError } from "../../http/errors.js";

/** Messages of the field-error codes this module reports, per language (the web has its own copy). */
const FIELD_MESSAGES: Record<string, Record<Language, string>> = {
  email_disposable: {
    en: "Use your official e-mail address; disposable or temporary addresses are not accepted.",
    ru: "Укажите служебный адрес электронной почты; одноразовые и временные адреса не принимаются.",
  },
  unknown_partner: {
    en: "Choose a partner country or organization of the Paris Pact.",
    ru: "Выберите страну или организацию — партнера Парижского пакта.",
  },
  too_short: {
    en: "The password must be at least 12 characters long.",
    ru: "Пароль должен содержать не менее 12 символов.",
  },
  too_long: {
    en: "The password is too long.",
    ru: "Пароль слишком длинный.",
  },
  contains_email: {
    en: "The password must not contain your e-mail address.",
    ru: "Пароль не должен содержать ваш адрес электронной почты.",
  },
  too_common: {
    en: "This password is among commonly used or leaked passwords. Choose another one.",
    ru: "Этот пароль входит в число распространенных или утекших паролей. Выберите другой.",
  },
  too_weak: {
    en: "This password is too easy to guess. Use a longer phrase of several unrelated words.",
    ru: "Этот пароль слишком легко подобрать. Используйте более длинную фразу из нескольких не связанных слов.",
  },
  terms_not_current: {
    en: "The terms of use or the access policy have changed. Reload the page, read the current versions and accept them.",
    ru: "Условия использования или политика доступа изменились. Обновите страницу, прочитайте действующие редакции и примите их.",
  },
};

/** A field error with its message in the request's language. */
export function fieldError(path: string, code: string, lang: Language): FieldError {
  const message = FIELD_MESSAGES[code]?.[lang];
  return message ? { path, code, message } : { path, code };
}
