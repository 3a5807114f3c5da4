import countries from "i18n-iso-countries";
import type { Kysely } from "kysely";
import type { LocalizedText } from "../../../common/localized.js";
import type {
  Partner,
  PartnerDetail,
  PartnerList,
  PartnerUpdate,
  Pillar,
  PillarDetail,
  Programme,
  Revision,
  Route,
} from "../../../common/partners.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import { JsonCache } from "../../platform/json-cache.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { SearchDocument, SearchService } from "../../platform/search.js";
import { PartnersRepository } from "./partners.repository.js";

type PartnerRow = Awaited<ReturnType<PartnersRepository["listPartners"]>>[number];
type LiaisonPostRow = Awaited<ReturnType<PartnersRepository["listLiaisonPosts"]>>[number];

export type PartnerSection = PartnerDetail["sections"][number];

/**
 * A domain module that adds a section to a partner's page (its focal points, projects, meetings …).
 * The provider applies the viewer's access itself.
 */
/** `actor` lets a provider audit what it shows (the directory section lists people). */
export type PartnerSectionProvider = (
  partnerCode: string,
  principal: Principal,
  actor: Actor,
) => Promise<PartnerSection | null>;

/** Name of any country by ISO3, for countries on a route that are not partners. */
export function countryName(iso3: string): LocalizedText {
  const iso2 = countries.alpha3ToAlpha2(iso3);
  const en = iso2 ? countries.getName(iso2, "en", { select: "official" }) : undefined;
  const ru = iso2 ? countries.getName(iso2, "ru", { select: "official" }) : undefined;
  return en || ru ? { ...(en ? { en } : {}), ...(ru ? { ru } : {}) } : { en: iso3 };
}

function partnerDocument(p: PartnerRow): SearchDocument {
  return {
    entityType: "partner",
    entityId: p.code,
    title: p.name,
    body: [p.code, p.listed_as, p.kind].join(" "),
    url: `/partners/${p.code}`,
    access: "public",
  };
}

/** A liaison post as the partner page and the programme page show it. */
function toLiaisonPost(p: LiaisonPostRow) {
  return {
    code: p.code,
    dutyStation: p.duty_station,
    country: p.country,
    covers: p.covers,
    since: p.since,
    note: p.note,
  };
}

function toPartner(row: PartnerRow): Partner {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: row.name,
    listedAs: row.listed_as,
    region: row.region,
    sinceThirdMinisterialConference: row.since_third_mc,
    provenance: row.provenance,
    version: row.version,
  };
}

/** The partnership: partners, the Vienna Declaration's pillars and commitments, routes and the programme. */
export class PartnersService {
  private readonly repo: PartnersRepository;
  private readonly changes: ChangeRecorder;
  private readonly sectionProviders: PartnerSectionProvider[] = [];
  private readonly cache = new JsonCache();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly search: SearchService,
    audit: AuditService,
    private readonly revisions: RevisionService,
  ) {
    this.repo = new PartnersRepository(db);
    this.changes = new ChangeRecorder({ audit, revisions, search });
  }

  /** Serialised reference lists (see JsonCache); dropped on every change of reference data. */
  cached: JsonCache["get"] = (key, schema, build) => this.cache.get(key, schema, build);

  invalidateCache() {
    this.cache.invalidate();
  }

  addSectionProvider(provider: PartnerSectionProvider) {
    this.sectionProviders.push(provider);
  }

  async list(filter: { kind?: "country" | "organization"; q?: string }): Promise<PartnerList> {
    const [rows, counts] = await Promise.all([this.repo.listPartners(filter), this.repo.countPartnersByKind()]);
    const byKind = Object.fromEntries(counts.map((c) => [c.kind, Number(c.n)]));
    return {
      items: rows.map(toPartner),
      total: rows.length,
      counts: { country: byKind.country ?? 0, organization: byKind.organization ?? 0 },
    };
  }

  async exists(code: string): Promise<boolean> {
    return !!(await this.repo.findPartner(code));
  }

  async get(code: string, principal: Principal, actor: Actor): Promise<PartnerDetail> {
    const row = await this.repo.findPartner(code);
    if (!row || row.archived_at) throw notFound("partner");
    const [routes, routeCountries, posts, donors] = await Promise.all([
      this.repo.listRoutes(),
      this.repo.listRouteCountries(),
      this.repo.listLiaisonPosts(),
      this.repo.listDonors(),
    ]);
    const onRoutes = new Set(routeCountries.filter((rc) => rc.country_code === row.code).map((rc) => rc.route_code));
    const sections = (await Promise.all(this.sectionProviders.map((p) => p(row.code, principal, actor)))).filter(
      (s): s is PartnerSection => s !== null,
    );
    return {
      ...toPartner(row),
      routes: routes.filter((r) => onRoutes.has(r.code)).map((r) => ({ code: r.code, name: r.name })),
      liaisonPosts: posts.filter((p) => p.country === row.code || p.covers.includes(row.code)).map(toLiaisonPost),
      donorYears: [...new Set(donors.filter((d) => d.partner_code === row.code).map((d) => d.year))].sort(),
      sections,
    };
  }

  /** A coordinator's correction; stale versions get 409, and the change enters history and audit together. */
  async update(code: string, input: PartnerUpdate, actor: Actor): Promise<Partner> {
    const row = await this.db.transaction().execute(async (trx) => {
      const before = await this.repo.findPartner(code, trx);
      if (!before || before.archived_at) throw notFound("partner");
      const { row: after } = await this.changes.record(trx, actor, {
        type: "partner",
        action: "update",
        before,
        after: await this.repo.updatePartner(trx, before.code, input.version, input),
        current: () => this.repo.findPartner(code, trx).then((r) => (r ? toPartner(r) : undefined)),
        audit: { action: "partner.update", objectId: before.code, details: (changes) => ({ changes }) },
        search: partnerDocument,
      });
      return after;
    });
    this.cache.invalidate();
    return toPartner(row);
  }

  async history(code: string): Promise<Revision[]> {
    const row = await this.repo.findPartner(code);
    if (!row) throw notFound("partner");
    return this.revisions.presented("partner", row.id);
  }

  async pillars(): Promise<Pillar[]> {
    const rows = await this.repo.listPillars();
    return rows.map((p) => ({
      number: p.number,
      roman: p.roman,
      title: p.title,
      aims: p.aims,
      provenance: p.provenance,
      commitmentCount: Number(p.commitment_count ?? 0),
    }));
  }

  async pillar(number: number): Promise<PillarDetail> {
    const row = await this.repo.findPillar(number);
    if (!row) throw notFound("pillar");
    const commitments = await this.repo.listCommitments(number);
    return {
      number: row.number,
      roman: row.roman,
      title: row.title,
      aims: row.aims,
      provenance: row.provenance,
      commitmentCount: commitments.length,
      commitments: commitments.map((c) => ({
        code: c.code,
        pillar: c.pillar,
        number: c.number,
        text: c.text,
        provenance: c.provenance,
      })),
    };
  }

  async commitments() {
    return (await this.repo.listCommitments()).map((c) => ({
      code: c.code,
      pillar: c.pillar,
      number: c.number,
      text: c.text,
      provenance: c.provenance,
    }));
  }

  async routes(): Promise<Route[]> {
    const [routes, routeCountries, partners] = await Promise.all([
      this.repo.listRoutes(),
      this.repo.listRouteCountries(),
      this.repo.listPartners({ kind: "country" }),
    ]);
    const partnerNames = new Map(partners.map((p) => [p.code, p.name]));
    return routes.map((r) => ({
      code: r.code,
      name: r.name,
      description: r.description,
      regions: r.regions,
      provenance: r.provenance,
      countries: routeCountries
        .filter((rc) => rc.route_code === r.code)
        .map((rc) => ({
          code: rc.country_code,
          name: partnerNames.get(rc.country_code) ?? countryName(rc.country_code),
          isPartner: partnerNames.has(rc.country_code),
        })),
    }));
  }

  async programme(): Promise<Programme> {
    const [components, donors, posts] = await Promise.all([
      this.repo.listProgrammeComponents(),
      this.repo.listDonors(),
      this.repo.listLiaisonPosts(),
    ]);
    const order = ["consultative_mechanism", "liaison_officer_network", "information_management"];
    return {
      components: components
        .sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code))
        .map((c) => ({ code: c.code, name: c.name, description: c.description })),
      donors: donors.map((d) => ({ year: d.year, partnerCode: d.partner_code, name: d.name })),
      liaisonPosts: posts.map(toLiaisonPost),
    };
  }

  /** Puts partners and commitments in the global search. */
  async indexForSearch() {
    for (const p of await this.repo.listPartners({})) await this.search.upsert(partnerDocument(p));
    for (const c of await this.repo.listCommitments()) {
      await this.search.upsert({
        entityType: "commitment",
        entityId: c.code,
        title: { en: `Vienna Declaration ${c.code}`, ru: `Венская декларация ${c.code}` },
        body: [c.text.en, c.text.ru].filter(Boolean).join(" "),
        url: `/pillars/${c.pillar}#${c.code}`,
        access: "public",
      });
    }
  }
}
