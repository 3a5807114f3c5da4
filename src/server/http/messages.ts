import type { Language } from "../../common/localized.js";
import type { ErrorCode } from "../../common/problem.js";

/** Titles of the stable error codes, per language. The web app has its own copy keyed the same way. */
const TITLES: Record<Language, Record<ErrorCode, string>> = {
  en: {
    validation_failed: "Some fields are not valid.",
    not_found: "Not found.",
    unauthenticated: "Please sign in to continue.",
    forbidden: "You do not have access to this.",
    administrator_required: "Only an administrator can create, change or assign administrator accounts.",
    self_change_forbidden: "You cannot change your own role or the status of your own account.",
    csrf_failed: "Your session form token is missing or out of date. Reload the page and try again.",
    conflict: "This conflicts with existing data.",
    version_conflict: "Someone else changed this record since you opened it. Review their change and try again.",
    rate_limited: "Too many requests. Please wait a moment and try again.",
    payload_too_large: "The request or file is too large.",
    unsupported_media_type: "This type of file or content is not accepted.",
    malformed_multipart: "The multipart upload is malformed or was cut short. Send the file again.",
    invalid_credentials: "The e-mail address or password is not correct.",
    too_many_attempts:
      "Too many failed sign-in attempts. Wait for the time given in Retry-After, or reset your password.",
    invalid_two_factor_code: "The verification code is not correct, has expired or was already used.",
    terms_acceptance_required: "A new version of the terms of use or access policy must be accepted first.",
    two_factor_setup_required:
      "Your role requires two-factor authentication. Set it up before you continue; until then only enrolment is open.",
    service_unavailable: "The service is temporarily unavailable. Please try again shortly.",
    internal_error: "Something went wrong on our side. The error has been logged.",
    registration_link_invalid:
      "This confirmation link is not valid: it may have expired or already been used. Register again if needed.",
    unsubscribe_link_invalid:
      "This unsubscribe link is not valid: it may have expired, been altered or already been used. Choose your digests in your account settings.",
    dmp_terms_required: "Accept the terms of use of the Drugs Monitoring Platform before you open individual records.",
    confirmation_required: "Some values are unusual. Check them and confirm to save.",
    record_locked:
      "This record is published and locked. A validator can correct it; the correction is kept as a new revision.",
    invalid_transition: "This step is not possible in the record's current state.",
    four_eyes_required:
      "You entered, edited or imported this record, so another validator must validate it (four-eyes principle).",
    count_confirmation_required: "Confirm how many records this step changes before it is carried out.",
    count_mismatch: "This step would now change a different number of records than you confirmed. Nothing was changed.",
    idempotency_key_reused:
      "This entry was already sent with other values; the record it created is named in the details. Nothing was changed.",
  },
  ru: {
    validation_failed: "Некоторые поля заполнены неверно.",
    not_found: "Не найдено.",
    unauthenticated: "Войдите в систему, чтобы продолжить.",
    forbidden: "У вас нет доступа к этому разделу.",
    administrator_required:
      "Только администратор может создавать и изменять учётные записи администраторов или назначать эту роль.",
    self_change_forbidden: "Нельзя изменить собственную роль или статус собственной учётной записи.",
    csrf_failed: "Токен формы отсутствует или устарел. Обновите страницу и повторите попытку.",
    conflict: "Это противоречит уже существующим данным.",
    version_conflict:
      "Кто-то изменил эту запись после того, как вы её открыли. Просмотрите изменения и повторите попытку.",
    rate_limited: "Слишком много запросов. Подождите немного и повторите попытку.",
    payload_too_large: "Запрос или файл слишком велик.",
    unsupported_media_type: "Этот тип файла или содержимого не принимается.",
    malformed_multipart: "Запрос с файлом (multipart) повреждён или оборван. Отправьте файл ещё раз.",
    invalid_credentials: "Неверный адрес электронной почты или пароль.",
    too_many_attempts:
      "Слишком много неудачных попыток входа. Подождите время, указанное в Retry-After, или сбросьте пароль.",
    invalid_two_factor_code: "Код подтверждения неверен, устарел или уже был использован.",
    terms_acceptance_required: "Сначала необходимо принять новую редакцию условий использования или политики доступа.",
    two_factor_setup_required:
      "Для вашей роли обязательна двухфакторная аутентификация. Настройте её, чтобы продолжить; до тех пор доступна только настройка.",
    service_unavailable: "Сервис временно недоступен. Повторите попытку чуть позже.",
    internal_error: "На нашей стороне произошла ошибка. Она записана в журнал.",
    registration_link_invalid:
      "Ссылка для подтверждения недействительна: возможно, срок ее действия истек или она уже использована. При необходимости зарегистрируйтесь заново.",
    unsubscribe_link_invalid:
      "Ссылка для отказа от подписки недействительна: возможно, срок ее действия истек, она изменена или уже использована. Выберите сводки в настройках учетной записи.",
    dmp_terms_required:
      "Прежде чем открывать отдельные записи, примите условия использования Платформы мониторинга наркотиков.",
    confirmation_required: "Некоторые значения необычны. Проверьте их и подтвердите сохранение.",
    record_locked:
      "Эта запись опубликована и заблокирована. Её может исправить валидатор; исправление сохраняется как новая редакция.",
    invalid_transition: "Этот шаг невозможен в текущем состоянии записи.",
    four_eyes_required:
      "Вы ввели, изменили или импортировали эту запись, поэтому проверить её должен другой валидатор (принцип четырёх глаз).",
    count_confirmation_required: "Подтвердите, сколько записей изменит этот шаг, прежде чем он будет выполнен.",
    count_mismatch: "Теперь этот шаг изменил бы другое число записей, чем вы подтвердили. Ничего не изменено.",
    idempotency_key_reused:
      "Эта запись уже была отправлена с другими значениями; созданная ею запись указана в подробностях. Ничего не изменено.",
  },
};

export function titleOf(code: ErrorCode, lang: Language): string {
  return TITLES[lang][code];
}

/** Picks the UI language from Accept-Language (highest q wins), then the pact_lang cookie, else English. */
export function pickLanguage(acceptLanguage: string | undefined, cookieLang?: string): Language {
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(",")
      .map((part) => {
        const [tag = "", ...params] = part.trim().toLowerCase().split(";");
        const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
        return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
      })
      .filter((x) => x.tag)
      .sort((a, b) => b.q - a.q);
    for (const { tag } of ranked) {
      if (tag.startsWith("ru")) return "ru";
      if (tag.startsWith("en")) return "en";
    }
  }
  return cookieLang === "ru" ? "ru" : "en";
}
