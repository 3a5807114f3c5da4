import type { FastifyBaseLogger } from "fastify";
import { type Kysely, sql } from "kysely";
import type { Language } from "../../common/localized.js";
import type { Notification, NotificationPreference } from "../../common/platform.js";
import type { DB } from "../db/schema.js";
import { notFound, validationFailed } from "../http/errors.js";
import type { MailService } from "./mail.js";

export interface NotificationKind {
  kind: string;
  label: { en: string; ru: string };
  defaultInApp: boolean;
  defaultEmail: boolean;
}

type Text = { en?: string; ru?: string };

export interface NotificationInput {
  kind: string;
  title: Text;
  body?: Text;
  /** A path in the web app (e.g. /meetings/…); made absolute with PUBLIC_URL in e-mails. */
  link?: string;
}

/** Text in the wanted language, else the other one. */
function inLanguage(text: Text | null | undefined, lang: Language): string {
  if (!text) return "";
  return (lang === "ru" ? (text.ru ?? text.en) : (text.en ?? text.ru)) ?? "";
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

const MAIL_CONCURRENCY = 4;

/**
 * Notifications in the app and by e-mail, per kind, following each user's preferences (or the kind's
 * defaults). Modules register their kinds at start-up and call `notify`.
 */
export class NotificationService {
  private readonly registry = new Map<string, NotificationKind>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly mail: MailService,
    private readonly publicUrl: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.registerKind({
      kind: "system",
      label: { en: "Platform announcements", ru: "Объявления платформы" },
      defaultInApp: true,
      defaultEmail: false,
    });
  }

  registerKind(kind: NotificationKind): void {
    this.registry.set(kind.kind, kind);
  }

  kinds(): NotificationKind[] {
    return [...this.registry.values()];
  }

  private kindOf(kind: string): NotificationKind {
    const found = this.registry.get(kind);
    if (!found) throw new Error(`Unknown notification kind "${kind}": register it first`);
    return found;
  }

  private absolute(link: string): string {
    try {
      return new URL(link, `${this.publicUrl}/`).toString();
    } catch {
      return this.publicUrl;
    }
  }

  /** Notifies each active user as their preferences say; a failed e-mail is logged and loses nothing else. */
  async notify(
    userIds: string[],
    input: NotificationInput,
  ): Promise<{ inApp: number; emailed: number; mailFailed: number }> {
    const kind = this.kindOf(input.kind);
    const summary = { inApp: 0, emailed: 0, mailFailed: 0 };
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return summary;
    const users = await this.db
      .selectFrom("users")
      .leftJoin("notification_preferences as p", (join) =>
        join.onRef("p.user_id", "=", "users.id").on("p.kind", "=", kind.kind),
      )
      .select(["users.id", "users.email", "users.language", "p.in_app", "p.email as wants_email"])
      .where("users.id", "in", ids)
      .where("users.status", "=", "active")
      .execute();
    const emails: { userId: string; notificationId: string | null; to: string; lang: Language }[] = [];
    for (const user of users) {
      const inApp = user.in_app ?? kind.defaultInApp;
      const byEmail = user.wants_email ?? kind.defaultEmail;
      let notificationId: string | null = null;
      if (inApp) {
        const row = await this.db
          .insertInto("notifications")
          .values({
            user_id: user.id,
            kind: kind.kind,
            title: JSON.stringify(input.title),
            body: input.body ? JSON.stringify(input.body) : null,
            link: input.link ?? null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        notificationId = row.id;
        summary.inApp += 1;
      }
      if (byEmail) emails.push({ userId: user.id, notificationId, to: user.email, lang: user.language });
    }
    for (let i = 0; i < emails.length; i += MAIL_CONCURRENCY) {
      const batch = emails.slice(i, i + MAIL_CONCURRENCY);
      const sent = await Promise.all(batch.map((e) => this.email(e, input)));
      const emailed = sent.filter(Boolean).length;
      summary.emailed += emailed;
      summary.mailFailed += sent.length - emailed;
    }
    return summary;
  }

  private async email(
    target: { userId: string; notificationId: string | null; to: string; lang: Language },
    input: NotificationInput,
  ): Promise<boolean> {
    const subject = inLanguage(input.title, target.lang);
    const text = [inLanguage(input.body, target.lang), input.link ? this.absolute(input.link) : ""]
      .filter((part) => part !== "")
      .join("\n\n");
    try {
      await this.mail.send({ to: target.to, subject, text: text || subject });
    } catch (error) {
      this.log.error({ err: error, userId: target.userId, kind: input.kind }, "notification e-mail failed");
      return false;
    }
    if (target.notificationId) {
      await this.db
        .updateTable("notifications")
        .set({ emailed_at: sql`now()` })
        .where("id", "=", target.notificationId)
        .execute();
    }
    return true;
  }

  async list(
    userId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: Notification[]; total: number; unread: number }> {
    const base = this.db.selectFrom("notifications").where("user_id", "=", userId);
    const [rows, counts] = await Promise.all([
      base
        .selectAll()
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base
        .select((eb) => [
          eb.fn.countAll<number>().as("total"),
          eb.fn.count<number>("id").filterWhere("read_at", "is", null).as("unread"),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        title: row.title,
        body: row.body,
        link: row.link,
        createdAt: iso(row.created_at) as string,
        readAt: iso(row.read_at),
      })),
      total: Number(counts.total),
      unread: Number(counts.unread),
    };
  }

  /** Marks one of the user's notifications read; 404 when it is not theirs. */
  async markRead(userId: string, id: string): Promise<void> {
    const row = await this.db
      .updateTable("notifications")
      .set({ read_at: sql`coalesce(read_at, now())` })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw notFound("notification");
  }

  async markAllRead(userId: string): Promise<number> {
    const result = await this.db
      .updateTable("notifications")
      .set({ read_at: sql`now()` })
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** One row per registered kind: the user's choice, or the kind's default. */
  async preferences(userId: string): Promise<NotificationPreference[]> {
    const rows = await this.db
      .selectFrom("notification_preferences")
      .selectAll()
      .where("user_id", "=", userId)
      .execute();
    const chosen = new Map(rows.map((r) => [r.kind, r]));
    return this.kinds().map((k) => {
      const row = chosen.get(k.kind);
      return { kind: k.kind, inApp: row?.in_app ?? k.defaultInApp, email: row?.email ?? k.defaultEmail };
    });
  }

  async setPreferences(userId: string, items: NotificationPreference[]): Promise<NotificationPreference[]> {
    const errors = items
      .map((item, index) =>
        this.registry.has(item.kind) ? null : { path: `body.items.${index}.kind`, code: "unknown_kind" },
      )
      .filter((e): e is { path: string; code: string } => e !== null);
    if (errors.length > 0) throw validationFailed(errors);
    // The last choice for a kind wins; one statement may not touch a row twice.
    const unique = [...new Map(items.map((i) => [i.kind, i])).values()];
    if (unique.length > 0) {
      await this.db
        .insertInto("notification_preferences")
        .values(unique.map((i) => ({ user_id: userId, kind: i.kind, in_app: i.inApp, email: i.email })))
        .onConflict((oc) =>
          oc.columns(["user_id", "kind"]).doUpdateSet((eb) => ({
            in_app: eb.ref("excluded.in_app"),
            email: eb.ref("excluded.email"),
          })),
        )
        .execute();
    }
    return this.preferences(userId);
  }
}
