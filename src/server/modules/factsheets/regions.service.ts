import type { Kysely } from "kysely";
import type { Region, RegionInput } from "../../../common/factsheets.js";
import type { DB } from "../../db/schema.js";
import { conflict, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import type { RevisionService } from "../../platform/revisions.js";
import { requireVersionedUpdate } from "../../platform/versioning.js";
import { BUILT_IN_REGIONS } from "../../reference/data/factsheets-regions.js";
import { snapshotOf } from "./factsheets.present.js";
import { FactsheetsRepository, type RegionRow } from "./factsheets.repository.js";

function presentRegion(row: RegionRow): Region {
  return { code: row.code, name: row.name, countries: row.countries, builtIn: false, version: row.version };
}

/** Regions of regional fact sheets: the five named in the reports, plus any a coordinator defines. */
export class RegionsService {
  private readonly repo: FactsheetsRepository;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
    private readonly revisions: RevisionService,
  ) {
    this.repo = new FactsheetsRepository(db);
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
      await this.revisions.record(
        trx,
        actor,
        { type: "factsheet_region", id: row.id, version: row.version },
        "create",
        null,
        snapshotOf(row),
      );
      await this.audit.record(
        actor,
        { action: "factsheet_region.create", objectType: "factsheet_region", objectId: row.code },
        trx,
      );
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
      const after = await requireVersionedUpdate(
        await this.repo.updateRegion(trx, code, input.version, {
          ...(input.name ? { name: input.name } : {}),
          ...(input.countries ? { countries: [...new Set(input.countries)].sort() } : {}),
          ...(input.archive ? { archived_at: new Date() } : {}),
        }),
        () => this.repo.findRegion(code, trx).then((r) => (r ? presentRegion(r) : undefined)),
        "region",
      );
      const changes = await this.revisions.record(
        trx,
        actor,
        { type: "factsheet_region", id: after.id, version: after.version },
        input.archive ? "archive" : "update",
        snapshotOf(before),
        snapshotOf(after),
      );
      await this.audit.record(
        actor,
        {
          action: input.archive ? "factsheet_region.archive" : "factsheet_region.update",
          objectType: "factsheet_region",
          objectId: code,
          details: { changes },
        },
        trx,
      );
      return presentRegion(after);
    });
  }
}
