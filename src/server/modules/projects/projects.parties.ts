import type { Kysely } from "kysely";
import type { Party, PartyInput, UnmappedName } from "../../../common/projects.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { conflict, forbidden, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { PartnersService } from "../partners/partners.service.js";
import { PartiesRepository } from "./projects.parties-repository.js";
import { managesProjectReference } from "./projects.policy.js";

/**
 * The controlled list of donors and organizations: the partner registry plus other bodies with English and Russian
 * names; the free text that maps to neither waits in a review list until a coordinator maps it.
 */
export class PartiesService {
  readonly repo: PartiesRepository;
  /** The list keeps no revision history: its entries and aliases are recorded as audit entries. */
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: { audit: AuditService; partners: PartnersService },
  ) {
    this.repo = new PartiesRepository(db);
    this.changes = new ChangeRecorder({ audit: deps.audit });
  }

  /** The whole list, partners first (by code), with the names in both languages. */
  async list(): Promise<Party[]> {
    const [partners, others] = await Promise.all([this.deps.partners.list({}), this.repo.listParties()]);
    return [
      ...partners.items.map((p) => ({
        code: p.code,
        name: { en: p.name.en ?? p.name.ru ?? p.code, ru: p.name.ru ?? p.name.en ?? p.code },
        source: "partner" as const,
      })),
      ...others.map((o) => ({ code: o.code, name: o.name, source: "other" as const })),
    ];
  }

  /** Names by code, for the figures' labels. */
  async names(): Promise<Map<string, { en: string; ru: string }>> {
    return new Map((await this.list()).map((p) => [p.code, p.name]));
  }

  async create(input: PartyInput, principal: Principal, actor: Actor): Promise<Party> {
    if (!managesProjectReference(principal)) throw forbidden();
    if ((await this.repo.knownCodes([input.code])).size || (await this.deps.partners.exists(input.code)))
      throw conflict({ reason: "code_taken", code: input.code });
    await this.db.transaction().execute(async (trx) => {
      await this.repo.insertParty(trx, { code: input.code, name: input.name, created_by: actor.userId });
      await this.changes.event(
        actor,
        { action: "project_party.create", objectType: "project_party", objectId: input.code, details: input },
        trx,
      );
    });
    return { code: input.code, name: input.name, source: "other" };
  }

  async unmapped(principal: Principal): Promise<UnmappedName[]> {
    if (!managesProjectReference(principal)) throw forbidden();
    return this.repo.unmapped();
  }

  /**
   * Maps a spelling to an entry: kept as an alias (so later imports map by themselves), then every unmapped row the
   * keys now name is mapped. Returns the rows still unmapped.
   */
  async map(input: { text: string; code: string }, principal: Principal, actor: Actor) {
    if (!managesProjectReference(principal)) throw forbidden();
    if (!(await this.repo.knownCodes([input.code])).size) throw notFound("party");
    const projects = await this.db.transaction().execute(async (trx) => {
      await this.repo.addAlias(trx, input.text, input.code, actor.userId);
      const touched = await this.repo.remap(trx);
      await this.repo.refreshDonors(trx, touched);
      await this.changes.event(
        actor,
        {
          action: "project_party.map",
          objectType: "project_party",
          objectId: input.code,
          details: { text: input.text, projects: touched.length },
        },
        trx,
      );
      return touched;
    });
    return { projects: projects.length, unmapped: await this.repo.unmapped() };
  }

  /** Controlled-list codes for the donors and organizations of a project being saved (see ProjectsService.prepare). */
  async codesFor(names: string[], trx: Kysely<DB> = this.db) {
    return this.repo.resolve(names, trx);
  }

  async known(codes: string[], trx: Kysely<DB> = this.db) {
    return this.repo.knownCodes(codes, trx);
  }
}
