import type { Kysely } from "kysely";
import type { LocalizedText } from "../../../common/localized.js";
import type { DirectoryEntry, DirectoryList, DirectoryQuery } from "../../../common/users.js";
import type { DB } from "../../db/schema.js";
import { can, type Principal } from "../../http/access-policy.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import { countryName, type PartnerSection } from "../partners/partners.service.js";
import { DirectoryRepository } from "./directory.repository.js";

/** People shown on a partner's page; the directory page lists them all. */
const SECTION_ITEMS = 50;

const ROLE_LABELS: Record<DirectoryEntry["role"], LocalizedText> = {
  focal_point: { en: "national focal point", ru: "национальный координатор" },
  liaison_officer: { en: "liaison officer", ru: "сотрудник по связям" },
};

type PersonRow = Awaited<ReturnType<DirectoryRepository["listPeople"]>>["items"][number];

/**
 * The members-only directory: who the focal points and liaison officers are, for which partner and countries,
 * and how to reach them. A read-only projection of accounts, partners and country scopes. Every read of it (the
 * directory page and a partner page's section) is audited with the ids of the people shown.
 */
export class DirectoryService {
  private readonly repo: DirectoryRepository;

  /** Listing people is a read of personal data: an audited event. */
  private readonly changes: ChangeRecorder;

  /** `scopesOfMany`: liaison officers' countries, as the users module reads them (`countryScopesOfMany`). */
  constructor(
    db: Kysely<DB>,
    audit: AuditService,
    private readonly scopesOfMany: (userIds: readonly string[]) => Promise<Map<string, string[]>>,
  ) {
    this.repo = new DirectoryRepository(db);
    this.changes = new ChangeRecorder({ audit });
  }

  async list(
    filter: DirectoryQuery,
    actor: Actor,
    options: { limit?: number; view?: "directory" | "partner-page" } = {},
  ): Promise<DirectoryList> {
    const { items, total } = await this.repo.listPeople(filter, options.limit);
    const scopes = await this.scopesOfMany(items.filter((r) => r.role === "liaison_officer").map((r) => r.id));
    await this.changes.event(actor, {
      action: "directory.read",
      objectType: "user",
      details: { view: options.view ?? "directory", count: items.length, ids: items.map((r) => r.id), filter },
    });
    return { items: items.map((r) => this.toEntry(r, scopes.get(r.id) ?? [])), total };
  }

  /** The partner-page section: nothing for visitors, the partner's people for members. */
  async partnerSection(partnerCode: string, principal: Principal, actor: Actor): Promise<PartnerSection | null> {
    if (!can(principal, "member:read")) return null;
    const { items, total } = await this.list({ partner: partnerCode }, actor, {
      limit: SECTION_ITEMS,
      view: "partner-page",
    });
    return {
      key: "directory",
      title: { en: "Focal points and liaison officers", ru: "Национальные координаторы и сотрудники по связям" },
      items: items.map((p) => ({
        label: {
          en: `${p.displayName} (${ROLE_LABELS[p.role].en})`,
          ru: `${p.displayName} (${ROLE_LABELS[p.role].ru})`,
        },
        href: null,
        detail: p.email,
      })),
      total,
    };
  }

  private toEntry(row: PersonRow, scopes: string[]): DirectoryEntry {
    return {
      id: row.id,
      displayName: row.display_name,
      role: row.role as DirectoryEntry["role"],
      partnerCode: row.partner_code,
      partnerName: row.partner_name ?? null,
      countries: scopes.map((code) => ({ code, name: countryName(code) })),
      email: row.email,
      language: row.language,
    };
  }
}
