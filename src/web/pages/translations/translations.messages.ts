import type { Translation } from "../../i18n/module-messages.js";

/** The translation queue's texts (src/web/i18n/module-messages.ts: one file, both languages). */
export const en = {
  translations: {
    nav: "Translations",
    title: "Translations to complete",
    intro:
      "Records that have text in one language and not the other. Write the missing text beside the existing one and save: the record keeps its history, and search finds it in both languages.",
    allDone: "Everything is translated",
    allDoneHint: "No record has text in one language only.",
    noneForFilter: "Nothing is missing for this filter.",
    total: "{count, plural, one {{formatted} record to translate} other {{formatted} records to translate}}",
    untitled: "(no title)",
    fillHint: "The missing text; leave empty to do it later.",
    save: "Save translation",
    conflictTitle: "Changed by someone else",
    reload: "Reload the record",
    openQueue: "Translate it: open the translation queue",
    counts: {
      caption: "Records missing a translation, by section and language",
      module: "Section",
      show: "({module}, {language}): show them",
    },
    filter: {
      module: "Section",
      allModules: "All sections",
      missing: "Missing language",
      anyLanguage: "Either language",
      clear: "Clear the filter",
    },
    missingLanguage: {
      en: "English missing",
      ru: "Russian missing",
    },
    language: {
      en: "English",
      ru: "Russian",
    },
    modules: {
      meetings: "Meetings",
      recommendations: "Recommendations",
      news: "News",
      facilities: "Treatment facilities",
      projects: "Projects",
      needs: "Needs for assistance",
      factsheets: "Fact sheets",
    },
    fields: {
      title: "Title",
      theme: "Theme",
      host: "Host",
      city: "City",
      agenda: "Agenda",
      outcome: "Outcome",
      text: "Text",
      summary: "Summary",
      body: "Text",
      name: "Name",
      description: "Description",
      notes: "Notes",
    },
  },
};

export const ru: Translation<typeof en> = {
  translations: {
    nav: "Переводы",
    title: "Незавершенные переводы",
    intro:
      "Записи, у которых текст есть на одном языке и нет на другом. Впишите недостающий текст рядом с существующим и сохраните: история записи сохранится, а поиск будет находить ее на обоих языках.",
    allDone: "Все переведено",
    allDoneHint: "Нет записей с текстом только на одном языке.",
    noneForFilter: "По этому фильтру ничего не требуется.",
    total:
      "{count, plural, one {{formatted} запись для перевода} few {{formatted} записи для перевода} many {{formatted} записей для перевода} other {{formatted} записи для перевода}}",
    untitled: "(без названия)",
    fillHint: "Недостающий текст; оставьте пустым, чтобы вернуться позже.",
    save: "Сохранить перевод",
    conflictTitle: "Запись изменил другой пользователь",
    reload: "Загрузить запись заново",
    openQueue: "Перевести: открыть очередь переводов",
    counts: {
      caption: "Записи без перевода по разделам и языкам",
      module: "Раздел",
      show: "({module}, {language}): показать",
    },
    filter: {
      module: "Раздел",
      allModules: "Все разделы",
      missing: "Недостающий язык",
      anyLanguage: "Любой язык",
      clear: "Сбросить фильтр",
    },
    missingLanguage: {
      en: "Нет английского",
      ru: "Нет русского",
    },
    language: {
      en: "английский",
      ru: "русский",
    },
    modules: {
      meetings: "Совещания",
      recommendations: "Рекомендации",
      news: "Новости",
      facilities: "Учреждения для лечения",
      projects: "Проекты",
      needs: "Потребности в помощи",
      factsheets: "Информационные бюллетени",
    },
    fields: {
      title: "Название",
      theme: "Тема",
      host: "Принимающая сторона",
      city: "Город",
      agenda: "Повестка дня",
      outcome: "Итоги",
      text: "Текст",
      summary: "Краткое описание",
      body: "Текст",
      name: "Название",
      description: "Описание",
      notes: "Примечания",
    },
  },
};
