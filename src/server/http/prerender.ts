import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { IntlMessageFormat } from "intl-messageformat";
import { z } from "zod";
import type { Language } from "../../common/localized.js";
import {
  type PartnerList,
  PartnerListSchema,
  type Pillar,
  PillarSchema,
  type Programme,
  ProgrammeSchema,
} from "../../common/partners.js";
import type { AppContext } from "../context.js";
import { VISITOR } from "./access-policy.js";
import { AppError } from "./errors.js";

/**
 * The first screen of the public pages, rendered by the server into the HTML it returns (issue 18): at 400 kbps
 * and 400 ms a round trip, the single-page app needs ~380 KB of code before it draws anything, so a visitor's first
 * visit waited 10 s for the home page. The server now puts the page's heading and content, from the same services
 * and the same EN/RU messages as the app, into `#root`; the app replaces it when its code has loaded (main.tsx
 * waits for the page's data first, so the content does not flash to a skeleton).
 *
 * Only visitors get it, and it is always rendered as a visitor: what a signed-in user may see beyond that comes
 * from the app (whose code the service worker keeps on their device). Every value is HTML-escaped.
 */
export interface Prerendered {
  title: string;
  /** Markup of the page's main area (heading first). */
  main: string;
}

const WEB_I18N = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/i18n");
const WEB_PAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/pages");

type Messages = Record<string, unknown>;
const messageCache = new Map<Language, Messages>();

/**
 * Each module's own messages file (`web/pages/<dir>/*.messages.ts`, both languages in one file, the files each
 * language's bundle reads: i18n/bundle.<lang>.ts), loaded once when this file is.
 */
const ownedMessages: readonly Record<Language, Messages>[] = await Promise.all(
  fs
    .readdirSync(WEB_PAGES, { withFileTypes: true })
    .filter((dir) => dir.isDirectory())
    .flatMap((dir) =>
      fs
        .readdirSync(path.join(WEB_PAGES, dir.name))
        .filter((file) => file.endsWith(".messages.ts"))
        .map((file) => path.join(WEB_PAGES, dir.name, file)),
    )
    .map((file) => import(pathToFileURL(file).href) as Promise<Record<Language, Messages>>),
);

/**
 * The web app's own messages (base file, `i18n/modules/*.<lang>.json` and each module's messages file), merged as
 * the language's bundle merges them, so the first screen reads exactly as the app.
 */
function messagesOf(lang: Language): Messages {
  let messages = messageCache.get(lang);
  if (!messages) {
    const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Messages;
    const modules = fs
      .readdirSync(path.join(WEB_I18N, "modules"))
      .filter((f) => f.endsWith(`.${lang}.json`))
      .map((f) => read(path.join(WEB_I18N, "modules", f)));
    const owned = ownedMessages.map((file) => file[lang]);
    messages = Object.assign({}, read(path.join(WEB_I18N, `${lang}.json`)), ...modules, ...owned) as Messages;
    messageCache.set(lang, messages);
  }
  return messages;
}

export function translator(lang: Language) {
  const messages = messagesOf(lang);
  return (key: string, values?: Record<string, string | number>): string => {
    let node: unknown = messages;
    for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== "string") return key;
    return String(new IntlMessageFormat(node, lang).format(values));
  };
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

type LocalizedValue = { en?: string; ru?: string } | null | undefined;
const pick = (lang: Language, v: LocalizedValue): string => (v ? (v[lang] ?? v.en ?? v.ru ?? "") : "");

function formatDate(lang: Language, iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
    date,
  );
}

const h = escapeHtml;
const PillarsSchema = z.object({ items: z.array(PillarSchema) });

/** The reference data through the same short-lived cache (and keys) as their API routes. */
export async function reference(ctx: AppContext) {
  const parse = <T>(entry: { body: string }) => JSON.parse(entry.body) as T;
  return {
    partners: async () =>
      parse<PartnerList>(await ctx.partners.cached("partners:all", PartnerListSchema, () => ctx.partners.list({}))),
    pillars: async () =>
      parse<{ items: Pillar[] }>(
        await ctx.partners.cached("pillars", PillarsSchema, async () => ({ items: await ctx.partners.pillars() })),
      ).items,
    programme: async () =>
      parse<Programme>(await ctx.partners.cached("programme", ProgrammeSchema, () => ctx.partners.programme())),
  };
}
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Null when the path is not a prerendered page, or what it shows does not exist for a visitor. */
export async function prerender(ctx: AppContext, pathname: string, lang: Language): Promise<Prerendered | null> {
  const t = translator(lang);
  const text = (v: LocalizedValue) => pick(lang, v);
  const ref = await reference(ctx);
  try {
    if (pathname === "/") {
      const [partners, pillars, programme] = await Promise.all([ref.partners(), ref.pillars(), ref.programme()]);
      const commitments = pillars.reduce((sum, p) => sum + p.commitmentCount, 0);
      return {
        title: t("home.title"),
        main: [
          `<h1>${h(t("home.title"))}</h1>`,
          `<p class="pp-lead">${h(t("home.intro"))}</p>`,
          `<p>${h(t("home.membership", { countries: partners.counts.country, organizations: partners.counts.organization }))}</p>`,
          `<ul class="pp-stats">`,
          `<li><b>${partners.counts.country}</b> ${h(t("home.stats.countries", { count: partners.counts.country }))}</li>`,
          `<li><b>${partners.counts.organization}</b> ${h(t("home.stats.organizations", { count: partners.counts.organization }))}</li>`,
          `<li><b>${pillars.length}</b> ${h(t("home.stats.pillars", { count: pillars.length }))}</li>`,
          `<li><b>${commitments}</b> ${h(t("home.stats.commitments", { count: commitments }))}</li>`,
          `</ul>`,
          `<h2>${h(t("home.pillarsTitle"))}</h2>`,
          `<ul class="pp-cards">${pillars
            .map(
              (p) =>
                `<li><a href="/pillars/${p.number}">${h(t("pillars.pillarNumber", { roman: p.roman }))}: ${h(text(p.title))}</a> <small>${h(t("pillars.commitmentCount", { count: p.commitmentCount }))}</small></li>`,
            )
            .join("")}</ul>`,
          `<h2>${h(t("home.programmeTitle"))}</h2>`,
          `<ul class="pp-cards">${programme.components
            .map((c, i) => `<li><b>${i + 1}. ${h(text(c.name))}</b><br>${h(text(c.description))}</li>`)
            .join("")}</ul>`,
          `<h2>${h(t("home.accessTitle"))}</h2>`,
          `<p>${h(t("home.accessPublic"))}</p>`,
          `<p>${h(t("home.accessProtected"))}</p>`,
          `<p><a href="/register">${h(t("registration.registerLink"))}</a> · <a href="/sign-in">${h(t("auth.signIn"))}</a></p>`,
        ].join(""),
      };
    }
    if (pathname === "/partners") {
      const { items } = await ref.partners();
      const list = (kind: string) =>
        `<ul class="pp-columns">${items
          .filter((p) => p.kind === kind)
          .map((p) => `<li><a href="/partners/${encodeURIComponent(p.code)}">${h(text(p.name))}</a></li>`)
          .join("")}</ul>`;
      return {
        title: t("partners.title"),
        main: `<h1>${h(t("partners.title"))}</h1><p>${h(t("partners.intro"))}</p><h2>${h(t("partners.countries"))}</h2>${list("country")}<h2>${h(t("partners.organizations"))}</h2>${list("organization")}`,
      };
    }
    if (pathname === "/pillars") {
      const pillars = await ref.pillars();
      return {
        title: t("pillars.title"),
        main: `<h1>${h(t("pillars.title"))}</h1><p>${h(t("pillars.intro"))}</p><ul class="pp-cards">${pillars
          .map(
            (p) =>
              `<li><a href="/pillars/${p.number}">${h(t("pillars.pillarNumber", { roman: p.roman }))}: ${h(text(p.title))}</a><br>${h(text(p.aims))}</li>`,
          )
          .join("")}</ul>`,
      };
    }
    if (pathname === "/news") {
      const { items } = await ctx.meetings.news.list({ limit: 20, offset: 0 }, VISITOR);
      const body = items.length
        ? items
            .map(
              (n) =>
                `<article><h2><a href="/news/${h(n.id)}">${h(text(n.title))}</a></h2><p><small>${h(formatDate(lang, n.publishedAt))}</small></p>${n.summary ? `<p>${h(text(n.summary))}</p>` : ""}</article>`,
            )
            .join("")
        : `<p>${h(t("meetings.news.empty"))}</p>`;
      return { title: t("meetings.news.title"), main: `<h1>${h(t("meetings.news.title"))}</h1>${body}` };
    }
    const meeting = /^\/meetings\/([^/]+)$/.exec(pathname)?.[1];
    if (meeting && ID.test(meeting)) {
      const m = await ctx.meetings.meetings.get(meeting, VISITOR);
      const when = `${formatDate(lang, m.startDate)}${m.endDate && m.endDate !== m.startDate ? ` – ${formatDate(lang, m.endDate)}` : ""}`;
      const where = [text(m.city), text(m.host)].filter(Boolean).join(", ");
      return {
        title: text(m.title),
        main: [
          `<p><a href="/meetings">${h(t("meetings.back"))}</a></p>`,
          `<h1>${h(text(m.title))}</h1>`,
          `<p>${h(when)}${where ? ` · ${h(where)}` : ""}</p>`,
          m.theme ? `<p class="pp-lead">${h(text(m.theme))}</p>` : "",
          m.outcome ? `<p>${h(text(m.outcome))}</p>` : "",
        ].join(""),
      };
    }
    const sheet = /^\/factsheets\/([^/]+)$/.exec(pathname)?.[1];
    if (sheet && /^[\w-]{1,64}$/.test(sheet)) {
      const f = await ctx.factsheets.sheets.get(sheet, VISITOR, undefined);
      if (f.status !== "published") return null;
      const title = `${text(f.subjectName)} — ${f.year}`;
      const notes = f.notes[lang] ?? f.notes.en ?? f.notes.ru;
      return {
        title,
        main: [
          `<p><a href="/factsheets">${h(t("factsheets.title"))}</a></p>`,
          `<h1>${h(title)}</h1>`,
          `<p>${h(t("factsheets.sheet.edition", { edition: f.edition }))}${f.publishedAt ? ` · ${h(formatDate(lang, f.publishedAt))}` : ""}</p>`,
          notes ? `<p>${h(notes)}</p>` : "",
        ].join(""),
      };
    }
  } catch (error) {
    // Not found (or not public) for a visitor: the app shows its own answer.
    if (error instanceof AppError && error.status < 500) return null;
    ctx.log.warn({ err: error, pathname }, "prerender failed; serving the plain app shell");
    return null;
  }
  return null;
}

/** The few rules the first screen needs before the app's stylesheet applies to its own markup. */
const STYLE =
  ".pp-pre-header{height:64px;display:flex;align-items:center;gap:12px;padding:0 16px;border-top:4px solid #00669a;border-bottom:1px solid #dee2e6;background:#fff}" +
  ".pp-pre-header a{font-weight:750;font-size:1.25rem;color:inherit;text-decoration:none}.pp-pre-header span{color:#495057;font-size:.75rem}" +
  ".pp-pre main{max-width:1100px;padding:16px 24px 48px;line-height:1.55}.pp-pre h1{font-size:2.125rem;line-height:1.3;margin:.5rem 0 1rem}" +
  ".pp-pre h2{font-size:1.625rem;margin:2rem 0 .75rem}.pp-pre .pp-lead{font-size:1.125rem;max-width:820px}.pp-pre p{max-width:820px}" +
  ".pp-pre a{color:#00669a}.pp-pre ul{padding-left:1.25rem}.pp-pre .pp-cards li{margin-bottom:.75rem}" +
  ".pp-pre .pp-stats{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:12px}.pp-pre .pp-stats li{border:1px solid #dee2e6;border-radius:8px;padding:12px 16px;min-width:150px}" +
  ".pp-pre .pp-stats b{display:block;font-size:2rem;color:#00507a}.pp-pre .pp-columns{columns:16rem}" +
  // Members' figures as tables (prerender-member.ts).
  ".pp-pre table{border-collapse:collapse;margin:.25rem 0 1rem;font-size:.875rem}.pp-pre th,.pp-pre td{padding:4px 10px;border-bottom:1px solid #dee2e6;text-align:left}" +
  ".pp-pre thead th{border-bottom:2px solid #adb5bd}.pp-pre .n{text-align:right;white-space:nowrap}.pp-pre .pp-scroll{overflow-x:auto;max-width:100%}" +
  ".pp-pre .pp-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr));gap:0 24px}.pp-pre section h2{font-size:1.25rem;margin:1.25rem 0 .25rem}";

/** The app's index.html with the prerendered page inside `#root`, its title and language. */
export function injectPrerendered(template: string, page: Prerendered, lang: Language, appName: string): string {
  const shell =
    `<div class="pp-pre" data-prerendered><header class="pp-pre-header"><a href="/">${h(appName)}</a><span>UNODC</span></header>` +
    `<main id="main">${page.main}</main></div>`;
  return template
    .replace(/<html lang="[^"]*"/, `<html lang="${lang}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${h(page.title)} — ${h(appName)}</title><style>${STYLE}</style>`)
    .replace('<div id="root"></div>', `<div id="root">${shell}</div>`);
}
