import type { Kysely } from "kysely";
import type { Region, RegionInput } from "../../../common/factsheets.js";
import type { DB } from "../../db/schema.js";
import { conflict, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { RevisionService } from "../../platform/revisions.js";
import { BUILT_IN_REGIONS } from "../../reference/data/factsheets-regions.js";
import { snapshotOf } from "./factsheets.present.js";
import { FactsheetsRepository, type RegionRow } from "./factsheets.repository.js";

function presentRegion(row: RegionRow): Region {
  return { code: row.code, name: row.name, countries: row.countries, builtIn: false, version: row.version };
}

/** Regions of regional fact sheets: the five named in the reports, plus any a coordinator defines. */
export class RegionsService {
  private readonly repo: FactsheetsRepository;
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    audit: AuditService,
    revisions: RevisionService,
  ) {
    this.repo = new FactsheetsRepository(db);
    this.changes = new ChangeRecorder({ audit, revisions });
  }

  async list(): Promise<Region[]> {
    const defined = (await this.repo.listRegions()).map(presentRegion);
    return [
      ...BUILT_IN_REGIONS.map((r) => ({
        code: r.code,
        name: r.name,
        countries: r.countries,
        builtIn: true,
        version: null,
      })),
      ...defined,
    ];
  }

  async get(code: string): Promise<Region> {
    const builtIn = BUILT_IN_REGIONS.find((r) => r.code === code);
    if (builtIn) return { code, name: builtIn.name, countries: builtIn.countries, builtIn: true, version: null };
    const row = await this.repo.findRegion(code);
    if (!row) throw notFound("region");
    return presentRegion(row);
  }

  async create(input: RegionInput, actor: Actor, demo = false): Promise<Region> {
    if (BUILT_IN_REGIONS.some((r) => r.code === input.code) || (await this.repo.findRegion(input.code)))
      throw conflict({ reason: "region_exists" });
    const countries = [...new Set(input.countries)].sort();
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repo
        .insertRegion(trx, { code: input.code, name: input.name, countries, demo }, actor.userId)
        .catch((error: { code?: string }) => {
          throw error.code === "23505" ? conflict({ reason: "region_exists" }) : error;
        });
      // The audit entry names a region by its code, as every route does.
      await this.changes.record(trx, actor, {
        type: "factsheet_region",
        action: "create",
        before: null,
        after: row,
        snapshot: snapshotOf,
        audit: { action: "factsheet_region.create", objectId: row.code },
      });
      return presentRegion(row);
    });
  }

  async update(
    code: string,
    input: { version: number; name?: RegionInput["name"]; countries?: string[]; archive?: boolean },
    actor: Actor,
  ): Promise<Region> {
    if (BUILT_IN_REGIONS.some((r) => r.code === code)) throw conflict({ reason: "region_built_in" });
    const before = await this.repo.findRegion(code);
    if (!before) throw notFound("region");
    return this.db.transaction().execute(async (trx) => {
      const { row } = await this.changes.record(trx, actor, {
        type: "factsheet_region",
        action: input.archive ? "archive" : "update",
        before,
        after: await this.repo.updateRegion(trx, code, input.version, {
          ...(input.name ? { name: input.name } : {}),
          ...(input.countries ? { countries: [...new Set(input.countries)].sort() } : {}),
          ...(input.archive ? { archived_at: new Date() } : {}),
        }),
        current: () => this.repo.findRegion(code, trx).then((r) => (r ? presentRegion(r) : undefined)),
        what: "region",
        snapshot: snapshotOf,
        audit: {
          action: input.archive ? "factsheet_region.archive" : "factsheet_region.update",
          objectId: code,
          details: (changes) => ({ changes }),
        },
      });
      return presentRegion(row);
    });
  }
}
