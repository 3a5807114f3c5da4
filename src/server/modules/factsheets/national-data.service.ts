import type { Kysely } from "kysely";
import type {
  Indicator,
  IndicatorInput,
  NationalImportKind,
  NationalImportRequest,
  NationalTotal,
  NationalTotalInput,
} from "../../../common/factsheets.js";
import type { DB } from "../../db/schema.js";
import { canActOnCountry, type Principal } from "../../http/access-policy.js";
import { AppError, conflict, forbidden, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { FileService } from "../../platform/files.js";
import { defineImport } from "../../platform/imports/jobs.js";
import type { JobService } from "../../platform/jobs.js";
import type { RevisionService } from "../../platform/revisions.js";
import { indicatorImport, type NationalImportOptions, totalImport } from "./factsheets.import.js";
import { countryFilterOf, nationalImportCountries } from "./factsheets.policy.js";
import { indicatorValues, presentIndicator, presentTotal, snapshotOf, totalValues } from "./factsheets.present.js";
import { FactsheetsRepository } from "./factsheets.repository.js";

export interface NationalDataDeps {
  audit: AuditService;
  revisions: RevisionService;
  files: FileService;
  jobs: JobService;
  scopesOf: (userId: string) => Promise<string[]>;
}

/**
 * Indicators per country and year (prices, purity, treatment, prevalence, precursor seizures, stopped shipments)
 * and officially reported national totals: entry, correction with optimistic locking, archive, and CSV/XLSX
 * imports that are all or nothing per file.
 */
export class NationalDataService {
  private readonly repo: FactsheetsRepository;
  private readonly changes: ChangeRecorder;
  private readonly indicatorImport: ReturnType<NationalDataService["makeIndicatorImport"]>;
  private readonly totalImport: ReturnType<NationalDataService["makeTotalImport"]>;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: NationalDataDeps,
  ) {
    this.repo = new FactsheetsRepository(db);
    this.changes = new ChangeRecorder(deps);
    this.indicatorImport = this.makeIndicatorImport();
    this.totalImport = this.makeTotalImport();
  }

  async requireCountry(principal: Principal, iso3: string) {
    const scopes = principal.user ? await this.deps.scopesOf(principal.user.id) : [];
    if (!canActOnCountry(principal, iso3, scopes)) throw forbidden();
  }

  scopesOf(principal: Principal): Promise<string[]> {
    return principal.user ? this.deps.scopesOf(principal.user.id) : Promise.resolve([]);
  }

  async countryFilter(principal: Principal): Promise<(iso3: string) => boolean> {
    return countryFilterOf(principal, (id) => this.deps.scopesOf(id));
  }

  /* ------------------------------------------------------------------ indicators */

  async listIndicators(countries: string[], years: number[]): Promise<Indicator[]> {
    return (await this.repo.listIndicators({ countries, years })).map(presentIndicator);
  }

  async createIndicator(input: IndicatorInput, principal: Principal, actor: Actor): Promise<Indicator> {
    await this.requireCountry(principal, input.country);
    return this.db.transaction().execute(async (trx) => {
      const values = indicatorValues(input);
      const existing = await this.repo.findIndicatorByKey(trx, values);
      if (existing) throw conflict({ reason: "indicator_exists", current: presentIndicator(existing) });
      const row = await this.repo.insertIndicator(trx, values, actor.userId);
      await this.record(trx, actor, { type: "indicator", action: "create", before: null, after: row });
      return presentIndicator(row);
    });
  }

  async updateIndicator(id: string, version: number, input: IndicatorInput, principal: Principal, actor: Actor) {
    const before = await this.repo.findIndicator(id);
    if (!before || before.archived_at) throw notFound("indicator");
    await this.requireCountry(principal, before.country);
    await this.requireCountry(principal, input.country);
    return this.db.transaction().execute(async (trx) => {
      const after = await this.record(trx, actor, {
        type: "indicator",
        action: "update",
        before,
        after: await this.repo.updateIndicator(trx, id, version, indicatorValues(input)).catch(uniqueToConflict),
        current: () =>
          this.repo.findIndicator(id, trx).then((r) => (r && !r.archived_at ? presentIndicator(r) : undefined)),
      });
      return presentIndicator(after);
    });
  }

  async archiveIndicator(id: string, version: number, principal: Principal, actor: Actor) {
    const before = await this.repo.findIndicator(id);
    if (!before || before.archived_at) throw notFound("indicator");
    await this.requireCountry(principal, before.country);
    await this.db.transaction().execute(async (trx) => {
      await this.record(trx, actor, {
        type: "indicator",
        action: "archive",
        before,
        after: await this.repo.archiveIndicator(trx, id, version),
        current: () =>
          this.repo.findIndicator(id, trx).then((r) => (r && !r.archived_at ? presentIndicator(r) : undefined)),
      });
    });
  }

  /* ------------------------------------------------------------------ reported national totals */

  async listTotals(countries: string[], years: number[]): Promise<NationalTotal[]> {
    return (await this.repo.listTotals({ countries, years })).map(presentTotal);
  }

  async createTotal(input: NationalTotalInput, principal: Principal, actor: Actor): Promise<NationalTotal> {
    await this.requireCountry(principal, input.country);
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.repo.findTotalByKey(trx, input);
      if (existing) throw conflict({ reason: "total_exists", current: presentTotal(existing) });
      const row = await this.repo.insertTotal(trx, totalValues(input), actor.userId);
      await this.record(trx, actor, { type: "national_total", action: "create", before: null, after: row });
      return presentTotal(row);
    });
  }

  async updateTotal(id: string, version: number, input: NationalTotalInput, principal: Principal, actor: Actor) {
    const before = await this.repo.findTotal(id);
    if (!before || before.archived_at) throw notFound("national_total");
    await this.requireCountry(principal, before.country);
    await this.requireCountry(principal, input.country);
    return this.db.transaction().execute(async (trx) => {
      const after = await this.record(trx, actor, {
        type: "national_total",
        action: "update",
        before,
        after: await this.repo.updateTotal(trx, id, version, totalValues(input)).catch(uniqueToConflict),
        current: () => this.repo.findTotal(id, trx).then((r) => (r && !r.archived_at ? presentTotal(r) : undefined)),
      });
      return presentTotal(after);
    });
  }

  async archiveTotal(id: string, version: number, principal: Principal, actor: Actor) {
    const before = await this.repo.findTotal(id);
    if (!before || before.archived_at) throw notFound("national_total");
    await this.requireCountry(principal, before.country);
    await this.db.transaction().execute(async (trx) => {
      await this.record(trx, actor, {
        type: "national_total",
        action: "archive",
        before,
        after: await this.repo.updateTotal(trx, id, version, { archived_at: new Date() }),
        current: () => this.repo.findTotal(id, trx).then((r) => (r && !r.archived_at ? presentTotal(r) : undefined)),
      });
    });
  }

  /* ------------------------------------------------------------------ imports */

  /** Countries the principal may write (null: every country), worked out once and carried by the import's job. */
  async importOptions(principal: Principal): Promise<NationalImportOptions> {
    return { countries: await nationalImportCountries(principal, (id) => this.deps.scopesOf(id)) };
  }

  /** The import of a kind of national data (indicators, national totals) through the platform's pipeline. */
  importOf(kind: NationalImportKind) {
    return kind === "indicators" ? this.indicatorImport : this.totalImport;
  }

  /** Enqueues the import of the caller's own upload as a job with a progress bar; its result is the report. */
  async startImport(
    kind: NationalImportKind,
    fileId: string,
    request: NationalImportRequest,
    principal: Principal,
    actor: Actor,
  ): Promise<{ jobId: string }> {
    return this.importOf(kind).enqueue(fileId, request, await this.importOptions(principal), principal, actor);
  }

  async importIndicators(fileId: string, request: NationalImportRequest, principal: Principal, actor: Actor) {
    const options = await this.importOptions(principal);
    return (await this.indicatorImport.runUpload(fileId, request, options, principal, actor)).report;
  }

  /** Indicators from a CSV/XLSX file's bytes (`pact import indicators`). */
  async importIndicatorsData(data: Buffer, fileName: string, dryRun: boolean, principal: Principal, actor: Actor) {
    const options = await this.importOptions(principal);
    return (await this.indicatorImport.runData(data, fileName, { dryRun }, options, actor)).report;
  }

  async importTotals(fileId: string, request: NationalImportRequest, principal: Principal, actor: Actor) {
    const options = await this.importOptions(principal);
    return (await this.totalImport.runUpload(fileId, request, options, principal, actor)).report;
  }

  /** Reported national totals from a CSV/XLSX file's bytes (`pact import national-totals`). */
  async importTotalsData(data: Buffer, fileName: string, dryRun: boolean, principal: Principal, actor: Actor) {
    const options = await this.importOptions(principal);
    return (await this.totalImport.runData(data, fileName, { dryRun }, options, actor)).report;
  }

  private makeIndicatorImport() {
    return defineImport(
      this.importDeps(),
      indicatorImport((trx, rows, actor, file) =>
        this.writeImported(trx, actor, file, "indicator", {
          values: rows.map(({ value }) => indicatorValues(value)),
          find: (values) => this.repo.findIndicatorByKey(trx, values),
          update: (existing, values) => this.repo.updateIndicator(trx, existing.id, existing.version, values),
          insert: (values) => this.repo.insertIndicator(trx, values, actor.userId),
        }),
      ),
    );
  }

  private makeTotalImport() {
    return defineImport(
      this.importDeps(),
      totalImport((trx, rows, actor, file) =>
        this.writeImported(trx, actor, file, "national_total", {
          values: rows.map(({ value }) => totalValues(value)),
          find: (values) => this.repo.findTotalByKey(trx, values),
          update: (existing, values) => this.repo.updateTotal(trx, existing.id, existing.version, values),
          insert: (values) => this.repo.insertTotal(trx, values, actor.userId),
        }),
      ),
    );
  }

  /**
   * Writes a file's values, each correcting the live value of its key or adding one (a revision each, no audit entry),
   * then the file's one audit entry (`<type>.import`).
   */
  private async writeImported<Values, Row extends { id: string; version: number; country: string; year: number }>(
    trx: Kysely<DB>,
    actor: Actor,
    file: { fileId?: string | null; fileName: string },
    type: "indicator" | "national_total",
    write: {
      values: Values[];
      find: (values: Values) => Promise<Row | undefined>;
      update: (existing: Row, values: Values) => Promise<Row | undefined>;
      insert: (values: Values) => Promise<Row | undefined>;
    },
  ): Promise<void> {
    for (const values of write.values) {
      const existing = await write.find(values);
      const row = existing ? await write.update(existing, values) : await write.insert(values);
      if (!row) throw conflict();
      await this.record(trx, actor, {
        type,
        action: existing ? "update" : "create",
        before: existing ?? null,
        after: row,
        audit: false,
      });
    }
    await this.changes.event(
      actor,
      {
        action: `${type}.import`,
        objectType: "file",
        objectId: file.fileId ?? file.fileName,
        details: { rows: write.values.length, fileName: file.fileName },
      },
      trx,
    );
  }

  private importDeps() {
    return { db: this.db, jobs: this.deps.jobs, files: this.deps.files };
  }

  /**
   * Records a value's change (revision, and an audit entry unless it came in a file, whose import has one entry)
   * from the row its write returned; a write that matched nothing is a 404, or a 409 with the value as it is now.
   */
  private async record<Row extends { id: string; version: number; country: string; year: number }>(
    trx: Kysely<DB>,
    actor: Actor,
    change: {
      type: "indicator" | "national_total";
      action: "create" | "update" | "archive";
      before: object | null;
      after: Row | undefined;
      current?: () => Promise<unknown | undefined>;
      audit?: false;
    },
  ): Promise<Row> {
    const { type, action, before, after, current } = change;
    const { row } = await this.changes.record<object>(trx, actor, {
      type,
      action,
      before,
      after,
      ...(current ? { current } : {}),
      snapshot: snapshotOf,
      audit:
        change.audit === false
          ? null
          : {
              action: `${type}.${action}`,
              details: (changes) => ({ country: after?.country, year: after?.year, changes }),
            },
    });
    return row as Row;
  }
}

/** A correction that collides with another live value of the same key is a 409, not a 500. */
function uniqueToConflict(error: unknown): never {
  if ((error as { code?: string }).code === "23505") throw new AppError("conflict", 409, { reason: "duplicate_key" });
  throw error;
}
