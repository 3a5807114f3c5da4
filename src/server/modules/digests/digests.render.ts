import type { DigestModule, SentFrequency } from "../../../common/digests.js";
import type { Language } from "../../../common/localized.js";
import type { DigestEntry } from "./digests.sources.js";

/** At most this many entries per subject; the rest are counted with a link to the module's list. */
export const MAX_PER_MODULE = 20;

export interface DigestSection {
  module: DigestModule;
  entries: DigestEntry[];
}

export interface DigestContent {
  lang: Language;
  name: string;
  frequency: SentFrequency;
  since: Date;
  until: Date;
  sections: DigestSection[];
  publicUrl: string;
  unsubscribeUrl: string;
}

const HEADINGS: Record<DigestModule, Record<Language, string>> = {
  news: { en: "News", ru: "Новости" },
  meetings: { en: "Meetings and recommendations", ru: "Совещания и рекомендации" },
  projects: { en: "ADAM: projects and duplication alerts", ru: "АДАМ: проекты и предупреждения о дублировании" },
  seizure_alerts: { en: "Drugs Monitoring Platform alerts", ru: "Предупреждения Платформы мониторинга наркотиков" },
  factsheets: { en: "New fact sheets", ru: "Новые информационные бюллетени" },
  trainings: { en: "Trainings in your countries", ru: "Учебные мероприятия в ваших странах" },
};

/** Where "and N more" leads: the module's own list. */
const LISTS: Record<DigestModule, string> = {
  news: "/news",
  meetings: "/meetings",
  projects: "/projects",
  seizure_alerts: "/seizures",
  factsheets: "/factsheets",
  trainings: "/trainings",
};

const WORDS = {
  en: {
    subject: { weekly: "Paris Pact weekly digest", monthly: "Paris Pact monthly digest" },
    hello: (name: string) => `Dear ${name},`,
    intro: (from: string, to: string) => `Here is what changed on the Paris Pact Platform from ${from} to ${to}.`,
    newItem: "new",
    updated: "updated",
    more: (n: number) => `and ${n} more`,
    settings: "Choose what the digest holds or how often it comes",
    unsubscribe: "Unsubscribe from digests",
    footer: "You receive this digest because you chose it in your account settings.",
  },
  ru: {
    subject: { weekly: "Еженедельная сводка Парижского пакта", monthly: "Ежемесячная сводка Парижского пакта" },
    hello: (name: string) => `Здравствуйте, ${name}!`,
    intro: (from: string, to: string) => `Вот что изменилось на платформе Парижского пакта с ${from} по ${to}.`,
    newItem: "новое",
    updated: "обновлено",
    more: (n: number) => `и еще ${n}`,
    settings: "Выбрать содержание и периодичность сводки",
    unsubscribe: "Отписаться от сводок",
    footer: "Вы получаете эту сводку, потому что выбрали ее в настройках учетной записи.",
  },
} as const;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
const pick = (t: { en?: string; ru?: string } | undefined, lang: Language) =>
  (lang === "ru" ? (t?.ru ?? t?.en) : (t?.en ?? t?.ru)) ?? "";
/** One formatter per language: making one per call costs more than the rest of the rendering. */
const DATES: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }),
  ru: new Intl.DateTimeFormat("ru-RU", { dateStyle: "long", timeZone: "UTC" }),
};
const day = (d: Date, lang: Language) => DATES[lang].format(d);

function absolute(publicUrl: string, path: string): string {
  return new URL(path, `${publicUrl.replace(/\/$/, "")}/`).toString();
}

/**
 * The digest as one e-mail: a subject, a plain-text part and an HTML part (inline styles only, no images, no
 * scripts; every text from a record is escaped). Entries arrive already filtered by the modules' read rules.
 */
export function renderDigest(c: DigestContent): { subject: string; text: string; html: string } {
  const w = WORDS[c.lang];
  const from = day(c.since, c.lang);
  const to = day(c.until, c.lang);
  const subject = `${w.subject[c.frequency]}: ${from} – ${to}`;
  const settingsUrl = absolute(c.publicUrl, "/account/digest");
  const text: string[] = [w.hello(c.name), "", w.intro(from, to), ""];
  const html: string[] = [
    `<!doctype html><html lang="${c.lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.45;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">`,
    `<p>${escapeHtml(w.hello(c.name))}</p><p>${escapeHtml(w.intro(from, to))}</p>`,
  ];
  for (const section of c.sections) {
    const heading = HEADINGS[section.module][c.lang];
    const shown = section.entries.slice(0, MAX_PER_MODULE);
    const rest = section.entries.length - shown.length;
    text.push(`== ${heading} (${section.entries.length}) ==`);
    html.push(
      `<h2 style="font-size:18px;margin:24px 0 8px">${escapeHtml(heading)} (${section.entries.length})</h2><ul>`,
    );
    for (const e of shown) {
      const title = pick(e.title, c.lang);
      const detail = pick(e.detail, c.lang);
      const mark = e.change === "new" ? w.newItem : w.updated;
      const url = absolute(c.publicUrl, e.link);
      text.push(`* ${title} (${mark})${detail ? ` — ${detail}` : ""}`, `  ${url}`);
      html.push(
        `<li style="margin-bottom:6px"><a href="${escapeHtml(url)}">${escapeHtml(title)}</a> <small>(${escapeHtml(mark)})</small>${
          detail ? `<br><span style="color:#555">${escapeHtml(detail)}</span>` : ""
        }</li>`,
      );
    }
    if (rest > 0) {
      const url = absolute(c.publicUrl, LISTS[section.module]);
      text.push(`* ${w.more(rest)}: ${url}`);
      html.push(`<li><a href="${escapeHtml(url)}">${escapeHtml(w.more(rest))}</a></li>`);
    }
    text.push("");
    html.push("</ul>");
  }
  text.push("--", w.footer, `${w.settings}: ${settingsUrl}`, `${w.unsubscribe}: ${c.unsubscribeUrl}`);
  html.push(
    `<hr style="margin-top:24px"><p style="font-size:13px;color:#555">${escapeHtml(w.footer)}<br>`,
    `<a href="${escapeHtml(settingsUrl)}">${escapeHtml(w.settings)}</a> · `,
    `<a href="${escapeHtml(c.unsubscribeUrl)}">${escapeHtml(w.unsubscribe)}</a></p></body></html>`,
  );
  return { subject, text: text.join("\n"), html: html.join("\n") };
}
