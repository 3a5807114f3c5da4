import { Feed } from "feed";
import type { Kysely } from "kysely";
import type { Language } from "../../../common/localized.js";
import { NEWS_KINDS, type NewsInput, type NewsItem, type NewsList, type NewsUpdate } from "../../../common/meetings.js";
import type { DB } from "../../db/schema.js";
import { canSee, type Principal } from "../../http/access-policy.js";
import { notFound, validationFailed } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { NotificationService } from "../../platform/notifications.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { SearchDocument, SearchService } from "../../platform/search.js";
import { snapshotOf } from "./meetings.present.js";
import { NewsRepository } from "./news.repository.js";

type Row = Awaited<ReturnType<NewsRepository["insert"]>>;

function searchDocument(row: Row): SearchDocument {
  return {
    entityType: "news",
    entityId: row.id,
    title: row.title,
    body: [row.summary?.en, row.summary?.ru, row.body.en, row.body.ru].filter(Boolean).join(" "),
    url: `/news/${row.id}`,
    access: row.visibility === "public" ? "public" : "members",
  };
}

function toItem(r: Row): NewsItem {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    body: r.body,
    pillars: r.pillars,
    visibility: r.visibility as NewsItem["visibility"],
    meetingId: r.meeting_id,
    publishedAt: new Date(r.published_at).toISOString(),
    authorName: r.author_name,
    version: r.version,
  };
}

const PILLAR_LABEL = ["", "I", "II", "III", "IV"];

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
/** The text in the asked language, else the other one. */
const textIn = (t: { en?: string; ru?: string } | null, lang: Language) =>
  (lang === "ru" ? (t?.ru ?? t?.en) : (t?.en ?? t?.ru)) ?? "";

/** News of the partnership: published by coordinators, notified by pillar, syndicated as RSS and Atom. */
export class NewsService {
  private readonly repo: NewsRepository;
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: {
      audit: AuditService;
      revisions: RevisionService;
      search: SearchService;
      notifications: NotificationService;
      publicUrl: string;
    },
  ) {
    this.repo = new NewsRepository(db);
    this.changes = new ChangeRecorder(deps);
    deps.search.registerType("news", { en: "News", ru: "Новости" });
    // Digest subscriptions are notification kinds: off until a member turns one on in their preferences.
    for (const kind of NEWS_KINDS) {
      const pillar = kind.startsWith("news.pillar.") ? Number(kind.slice(-1)) : 0;
      deps.notifications.registerKind({
        kind,
        label: pillar
          ? { en: `News on pillar ${PILLAR_LABEL[pillar]}`, ru: `Новости по направлению ${PILLAR_LABEL[pillar]}` }
          : { en: "Partnership news", ru: "Новости партнёрства" },
        defaultInApp: false,
        defaultEmail: false,
      });
    }
  }

  async list(
    query: { pillar?: number | undefined; limit: number; offset: number },
    principal: Principal,
  ): Promise<NewsList> {
    const { items, total } = await this.repo.list(query, !!principal.user);
    return { items: items.map(toItem), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string, principal: Principal): Promise<NewsItem> {
    const row = await this.repo.find(id);
    if (!row || !canSee(principal, row.visibility as "public")) throw notFound("news");
    return toItem(row);
  }

  async create(input: NewsInput, actor: Actor, principal: Principal): Promise<NewsItem> {
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await this.repo.insert(trx, {
        title: JSON.stringify(input.title),
        summary: input.summary ? JSON.stringify(input.summary) : null,
        body: JSON.stringify(input.body),
        pillars: JSON.stringify([...new Set(input.pillars)].sort()),
        visibility: input.visibility,
        meeting_id: input.meetingId ?? null,
        published_at: new Date(),
        author_id: actor.userId,
        author_name: principal.user?.displayName ?? actor.label,
      });
      return this.recordChange(trx, actor, null, created);
    });
    await this.announce(row);
    return toItem(row);
  }

  async update(id: string, input: NewsUpdate, actor: Actor): Promise<NewsItem> {
    const { version, ...changes } = input;
    if (Object.keys(changes).length === 0) throw validationFailed([{ path: "body", code: "nothing_to_change" }]);
    const row = await this.db.transaction().execute(async (trx) => {
      const before = await this.repo.find(id, trx);
      if (!before) throw notFound("news");
      const values: Record<string, unknown> = {};
      for (const key of ["title", "summary", "body"] as const) {
        if (changes[key] !== undefined) values[key] = JSON.stringify(changes[key]);
      }
      if (changes.pillars) values.pillars = JSON.stringify([...new Set(changes.pillars)].sort());
      if (changes.visibility) values.visibility = changes.visibility;
      if (changes.meetingId !== undefined) values.meeting_id = changes.meetingId;
      return this.recordChange(trx, actor, before, await this.repo.update(trx, id, version, values));
    });
    return toItem(row);
  }

  /** Tells the members subscribed to the item's pillars (or to general news); visibility needs no check: all are members. */
  private async announce(row: Row) {
    const kinds = row.pillars.length ? row.pillars.map((p) => `news.pillar.${p}`) : ["news.general"];
    const users = (await this.repo.activeUserIds()).map((u) => u.id);
    for (const kind of kinds) {
      await this.deps.notifications.notify(users, {
        kind,
        title: row.title,
        ...(row.summary ? { body: row.summary } : {}),
        link: `/news/${row.id}`,
      });
    }
  }

  /** Public news as RSS 2.0 or Atom 1.0, in the asked language (the other one where a translation is missing). */
  async feed(format: "rss" | "atom", lang: Language): Promise<string> {
    const { items } = await this.repo.list({ limit: 50, offset: 0 }, false);
    // Feed readers render titles, summaries and content as HTML; ours are plain text, so they are escaped.
    const pick = (t: { en?: string; ru?: string } | null) => escapeHtml(textIn(t, lang));
    const base = this.deps.publicUrl;
    const feed = new Feed({
      id: `${base}/news`,
      title: lang === "ru" ? "Новости Парижского пакта" : "Paris Pact news",
      link: `${base}/news`,
      language: lang,
      copyright: "UNODC",
      updated: items[0] ? new Date(items[0].published_at) : new Date(0),
      feedLinks: { rss: `${base}/api/v1/news/feed.rss`, atom: `${base}/api/v1/news/feed.atom` },
    });
    for (const item of items) {
      feed.addItem({
        id: `${base}/news/${item.id}`,
        link: `${base}/news/${item.id}`,
        title: pick(item.title),
        description: pick(item.summary) || escapeHtml(textIn(item.body, lang).slice(0, 400)),
        content: pick(item.body),
        date: new Date(item.published_at),
      });
    }
    return format === "rss" ? feed.rss2() : feed.atom1();
  }

  /**
   * Records a news item's creation or update with its revision, audit entry and search document; under
   * concurrency `before` may predate the change that won, so a 409 reads the item again to show it.
   */
  private async recordChange(trx: Kysely<DB>, actor: Actor, before: Row | null, after: Row | undefined) {
    const action = before ? "update" : "create";
    const { row } = await this.changes.record(trx, actor, {
      type: "news",
      action,
      before,
      after,
      current: () => this.repo.find(before?.id ?? "", trx),
      snapshot: snapshotOf,
      audit: { action: `news.${action}` },
      search: searchDocument,
    });
    return row;
  }

  async removeDemo() {
    return Number((await this.repo.removeDemo()).numDeletedRows);
  }
}
