import type { Kysely } from "kysely";
import type { SeizureCountrySettings, SeizureCountrySettingsUpdate } from "../../../common/seizures.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { RevisionService } from "../../platform/revisions.js";
import { isCountryCode } from "./seizures.rules.js";
import { SeizureSettingsRepository } from "./seizures-settings.repository.js";

type Row = Awaited<ReturnType<SeizureSettingsRepository["list"]>>[number];

const DEFAULTS = { fourEyes: true };

function present(row: Row): SeizureCountrySettings {
  return {
    country: row.country,
    fourEyes: row.four_eyes,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by_name ?? null,
  };
}

/**
 * The countries' DMP settings. Four-eyes (whoever entered, edited or imported a record may not validate it) is on
 * for every country until a coordinator turns it off for one; each change is versioned, kept in the revision
 * history and audited.
 */
export class SeizureSettingsService {
  private readonly repo: SeizureSettingsRepository;
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    deps: { audit: AuditService; revisions: RevisionService },
  ) {
    this.repo = new SeizureSettingsRepository(db);
    this.changes = new ChangeRecorder({ audit: deps.audit, revisions: deps.revisions });
  }

  /** Countries where four-eyes is off (few: read whole, once per request that needs it). */
  async fourEyesOff(): Promise<ReadonlySet<string>> {
    return new Set(await this.repo.fourEyesOff());
  }

  /** The countries whose settings differ from the defaults or were ever changed. */
  async list(): Promise<SeizureCountrySettings[]> {
    return (await this.repo.list()).map(present);
  }

  async update(country: string, input: SeizureCountrySettingsUpdate, actor: Actor): Promise<SeizureCountrySettings> {
    if (!isCountryCode(country)) {
      throw new AppError("validation_failed", 400, undefined, [{ path: "params.country", code: "unknown_country" }]);
    }
    return this.db.transaction().execute(async (trx) => {
      const before = await this.repo.find(country, trx);
      // A country never set has the defaults: its first revision changes them.
      const { row } = await this.changes.record<Pick<Row, "four_eyes"> & Partial<Row>>(trx, actor, {
        type: "seizure_country_settings",
        action: before ? "update" : "create",
        before: before ?? { four_eyes: DEFAULTS.fourEyes },
        after:
          input.version === 0
            ? await this.repo.insert(trx, country, input.fourEyes, actor.userId)
            : await this.repo.update(trx, country, input.version, input.fourEyes, actor.userId),
        current: async () => {
          const current = await this.repo.find(country, trx);
          return current ? present(current) : undefined;
        },
        what: "setting",
        id: country,
        snapshot: (r) => ({ fourEyes: r.four_eyes }),
        audit: { action: "seizure.settings.update", details: (changes) => ({ changes }) },
      });
      return present(row as Row);
    });
  }
}
