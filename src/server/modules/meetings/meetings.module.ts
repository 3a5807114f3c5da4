import type { Kysely } from "kysely";
import type { MeetingRef, RecommendationRef } from "../../../common/meetings.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import type { AuditService } from "../../platform/audit.js";
import type { FileService } from "../../platform/files.js";
import type { NotificationService } from "../../platform/notifications.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { SearchService } from "../../platform/search.js";
import type { PartnerSection, PartnersService } from "../partners/partners.service.js";
import { MeetingsService } from "./meetings.service.js";
import { NewsService } from "./news.service.js";
import { ParticipationService } from "./participation.service.js";
import { RecommendationsService } from "./recommendations.service.js";

/**
 * The consultative mechanism as one service on the context (`ctx.meetings`): meetings, participation,
 * recommendations and news, plus the small read API other modules use to link to meetings and recommendations.
 */
export class MeetingsModule {
  readonly meetings: MeetingsService;
  readonly participation: ParticipationService;
  readonly recommendations: RecommendationsService;
  readonly news: NewsService;

  constructor(
    db: Kysely<DB>,
    deps: {
      audit: AuditService;
      revisions: RevisionService;
      search: SearchService;
      notifications: NotificationService;
      partners: PartnersService;
      files: FileService;
      publicUrl: string;
      readDb?: Kysely<DB>;
    },
  ) {
    this.meetings = new MeetingsService(db, deps);
    this.participation = new ParticipationService(db, this.meetings, deps);
    this.recommendations = new RecommendationsService(db, this.meetings, deps);
    this.news = new NewsService(db, deps);
    deps.partners.addSectionProvider((code, principal) => this.hostedSection(code, principal));
    deps.partners.addSectionProvider((code, principal) => this.reportsSection(code, principal));
  }

  /** The partner page's list of meetings it hosted. */
  private async hostedSection(code: string, principal: Principal): Promise<PartnerSection | null> {
    const rows = await this.meetings.repo.hostedBy(code, !!principal.user);
    if (rows.length === 0) return null;
    return {
      key: "meetings.hosted",
      title: { en: "Meetings hosted", ru: "Проведённые совещания" },
      items: rows.slice(0, 20).map((m) => ({ label: m.title, href: `/meetings/${m.id}`, detail: m.start_date })),
      total: rows.length,
    };
  }

  /** For members: the recommendations the partner reported on. */
  private async reportsSection(code: string, principal: Principal): Promise<PartnerSection | null> {
    if (!principal.user) return null;
    const list = await this.recommendations.list({ partner: code, limit: 20, offset: 0 }, principal);
    if (list.total === 0) return null;
    return {
      key: "recommendations.reported",
      title: { en: "Implementation reports", ru: "Отчёты о выполнении" },
      items: list.items.map((r) => ({
        label: {
          en: `${r.number}. ${r.text.en ?? r.text.ru ?? ""}`.slice(0, 200),
          ru: `${r.number}. ${r.text.ru ?? r.text.en ?? ""}`.slice(0, 200),
        },
        href: `/recommendations/${r.id}`,
        detail: r.status,
      })),
      total: list.total,
    };
  }

  /** A meeting by id, for links from other modules (null when there is none). Apply `visibility` yourself. */
  getMeetingSummary(id: string): Promise<MeetingRef | null> {
    return this.meetings.getMeetingSummary(id);
  }

  /** A recommendation by id, for links from other modules (null when there is none). */
  getRecommendationSummary(id: string): Promise<RecommendationRef | null> {
    return this.recommendations.getRecommendationSummary(id);
  }
}
