import type { Kysely } from "kysely";
import type { Indicator, IndicatorInput, NationalTotal, NationalTotalInput } from "../../../common/factsheets.js";
import type { ImportIssue, ImportReport } from "../../../common/imports.js";
import type { DB } from "../../db/schema.js";
import { canActOnCountry, type Principal } from "../../http/access-policy.js";
import { AppError, conflict, forbidden, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import type { FileService } from "../../platform/files.js";
import type { RevisionService } from "../../platform/revisions.js";
import { readTabular, TabularError } from "../../platform/tabular.js";
import { requireVersionedUpdate } from "../../platform/versioning.js";
import { issue, type ParsedRows, parseIndicatorSheets, parseTotalSheets } from "./factsheets.import.js";
import { indicatorValues, presentIndicator, presentTotal, snapshotOf, totalValues } from "./factsheets.present.js";
import { FactsheetsRepository } from "./factsheets.repository.js";

export interface NationalDataDeps {
  audit: AuditService;
  revisions: RevisionService;
  files: FileService;
  scopesOf: (userId: string) => Promise<string[]>;
}

/**
 * Indicators per country and year (prices, purity, treatment, prevalence, precursor seizures, stopped shipments)
 * and officially reported national totals: entry, correction with optimistic locking, archive, and CSV/XLSX
 * imports that are all or nothing per file.
 */
export class NationalDataService {
  private readonly repo: FactsheetsRepository;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: NationalDataDeps,
  ) {
    this.repo = new FactsheetsRepository(db);
  }

  async requireCountry(principal: Principal, iso3: string) {
    const scopes = principal.user ? await this.deps.scopesOf(principal.user.id) : [];
    if (!canActOnCountry(principal, iso3, scopes)) throw forbidden();
  }

  scopesOf(principal: Principal): Promise<string[]> {
    return principal.user ? this.deps.scopesOf(principal.user.id) : Promise.resolve([]);
  }

  async countryFilter(principal: Principal): Promise<(iso3: string) => boolean> {
    const scopes = principal.user ? await this.deps.scopesOf(principal.user.id) : [];
    return (iso3) => canActOnCountry(principal, iso3, scopes);
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
      await this.record(trx, actor, "indicator", row, null, "create");
      return presentIndicator(row);
    });
  }

  async updateIndicator(id: string, version: number, input: IndicatorInput, principal: Principal, actor: Actor) {
    const before = await this.repo.findIndicator(id);
    if (!before || before.archived_at) throw notFound("indicator");
    await this.requireCountry(principal, before.country);
    await this.requireCountry(principal, input.country);
    return this.db.transaction().execute(async (trx) => {
      const after = await requireVersionedUpdate(
        await this.repo.updateIndicator(trx, id, version, indicatorValues(input)).catch(uniqueToConflict),
        () => this.repo.findIndicator(id, trx).then((r) => (r && !r.archived_at ? presentIndicator(r) : undefined)),
        "indicator",
      );
      await this.record(trx, actor, "indicator", after, before, "update");
      return presentIndicator(after);
    });
  }

  async archiveIndicator(id: string, version: number, principal: Principal, actor: Actor) {
    const before = await this.repo.findIndicator(id);
    if (!before || before.archived_at) throw notFound("indicator");
    await this.requireCountry(principal, before.country);
    await this.db.transaction().execute(async (trx) => {
      const after = await requireVersionedUpdate(
        await this.repo.archiveIndicator(trx, id, version),
        () => this.repo.findIndicator(id, trx).then((r) => (r && !r.archived_at ? presentIndicator(r) : undefined)),
        "indicator",
      );
      await this.record(trx, actor, "indicator", after, before, "archive");
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
      await this.record(trx, actor, "national_total", row, null, "create");
      return presentTotal(row);
    });
  }

  async updateTotal(id: string, version: number, input: NationalTotalInput, principal: Principal, actor: Actor) {
    const before = await this.repo.findTotal(id);
    if (!before || before.archived_at) throw notFound("national_total");
    await this.requireCountry(principal, before.country);
    await this.requireCountry(principal, input.country);
    return this.db.transaction().execute(async (trx) => {
      const after = await requireVersionedUpdate(
        await this.repo.updateTotal(trx, id, version, totalValues(input)).catch(uniqueToConflict),
        () => this.repo.findTotal(id, trx).then((r) => (r && !r.archived_at ? presentTotal(r) : undefined)),
        "national_total",
      );
      await this.record(trx, actor, "national_total", after, before, "update");
      return presentTotal(after);
    });
  }

  async archiveTotal(id: string, version: number, principal: Principal, actor: Actor) {
    const before = await this.repo.findTotal(id);
    if (!before || before.archived_at) throw notFound("national_total");
    await this.requireCountry(principal, before.country);
    await this.db.transaction().execute(async (trx) => {
      const after = await requireVersionedUpdate(
        await this.repo.updateTotal(trx, id, version, { archived_at: new Date() }),
        () => this.repo.findTotal(id, trx).then((r) => (r && !r.archived_at ? presentTotal(r) : undefined)),
        "national_total",
      );
      await this.record(trx, actor, "national_total", after, before, "archive");
    });
  }

  /* ------------------------------------------------------------------ imports */

  async importIndicators(fileId: string, dryRun: boolean, principal: Principal, actor: Actor) {
    const { record, data } = await this.readUpload(fileId, principal);
    return this.importIndicatorsData(data, record.originalName, dryRun, principal, actor, fileId);
  }

  /** Indicators from a CSV/XLSX file's bytes (web upload or `pact import indicators`). */
  async importIndicatorsData(
    data: Buffer,
    fileName: string,
    dryRun: boolean,
    principal: Principal,
    actor: Actor,
    fileId: string | null = null,
  ) {
    return this.importFile(
      { data, fileName },
      principal,
      "indicators",
      parseIndicatorSheets,
      dryRun,
      async (trx, rows) => {
        for (const { value } of rows) {
          const values = indicatorValues(value);
          const existing = await this.repo.findIndicatorByKey(trx, values);
          const row = existing
            ? await this.repo.updateIndicator(trx, existing.id, existing.version, values)
            : await this.repo.insertIndicator(trx, values, actor.userId);
          if (!row) throw conflict();
          await this.record(trx, actor, "indicator", row, existing ?? null, existing ? "update" : "create", false);
        }
        await this.deps.audit.record(
          actor,
          {
            action: "indicator.import",
            objectType: "file",
            objectId: fileId ?? fileName,
            details: { rows: rows.length, fileName },
          },
          trx,
        );
      },
    );
  }

  async importTotals(fileId: string, dryRun: boolean, principal: Principal, actor: Actor) {
    const { record, data } = await this.readUpload(fileId, principal);
    return this.importTotalsData(data, record.originalName, dryRun, principal, actor, fileId);
  }

  /** Reported national totals from a CSV/XLSX file's bytes (web upload or `pact import national-totals`). */
  async importTotalsData(
    data: Buffer,
    fileName: string,
    dryRun: boolean,
    principal: Principal,
    actor: Actor,
    fileId: string | null = null,
  ) {
    return this.importFile(
      { data, fileName },
      principal,
      "national-totals",
      parseTotalSheets,
      dryRun,
      async (trx, rows) => {
        for (const { value } of rows) {
          const existing = await this.repo.findTotalByKey(trx, value);
          const row = existing
            ? await this.repo.updateTotal(trx, existing.id, existing.version, totalValues(value))
            : await this.repo.insertTotal(trx, totalValues(value), actor.userId);
          if (!row) throw conflict();
          await this.record(trx, actor, "national_total", row, existing ?? null, existing ? "update" : "create", false);
        }
        await this.deps.audit.record(
          actor,
          {
            action: "national_total.import",
            objectType: "file",
            objectId: fileId ?? fileName,
            details: { rows: rows.length, fileName },
          },
          trx,
        );
      },
    );
  }

  private async importFile<T extends { country: string }>(
    file: { data: Buffer; fileName: string },
    principal: Principal,
    layout: string,
    parse: (sheets: Awaited<ReturnType<typeof readTabular>>) => ParsedRows<T>,
    dryRun: boolean,
    write: (trx: Kysely<DB>, rows: { row: number; value: T }[]) => Promise<void>,
  ): Promise<ImportReport> {
    const { data, fileName } = file;
    const report: ImportReport = {
      fileName,
      layout,
      sheet: null,
      rowsRead: 0,
      rowsSkipped: 0,
      imported: 0,
      errors: [],
      warnings: [],
      refused: false,
    };
    let parsed: ParsedRows<T>;
    try {
      parsed = parse(await readTabular(data, fileName));
    } catch (error) {
      if (!(error instanceof TabularError)) throw error;
      report.errors.push({ ...issue(1, null, null, error.code), message: { en: error.message, ru: error.message } });
      return { ...report, refused: true };
    }
    const allowed = await this.countryFilter(principal);
    const errors: ImportIssue[] = [...parsed.errors];
    for (const { row, value } of parsed.rows) {
      if (!allowed(value.country)) errors.push(issue(row, "Country", value.country, "country_not_allowed"));
    }
    errors.sort((a, b) => a.row - b.row);
    Object.assign(report, {
      ...(parsed.layout ? { layout: parsed.layout } : {}),
      sheet: parsed.sheet,
      rowsRead: parsed.rowsRead,
      rowsSkipped: parsed.rowsSkipped,
      ...(parsed.numberFormat ? { numberFormat: parsed.numberFormat } : {}),
      errors,
    });
    if (errors.length) return { ...report, refused: true };
    if (!dryRun) await this.db.transaction().execute((trx) => write(trx, parsed.rows));
    return { ...report, imported: dryRun ? 0 : parsed.rows.length };
  }

  private async readUpload(fileId: string, principal: Principal) {
    return this.deps.files.readOwn(fileId, principal);
  }

  private async record(
    trx: Kysely<DB>,
    actor: Actor,
    type: "indicator" | "national_total",
    after: { id: string; version: number; country: string; year: number },
    before: object | null,
    action: "create" | "update" | "archive",
    audit = true,
  ) {
    const changes = await this.deps.revisions.record(
      trx,
      actor,
      { type, id: after.id, version: after.version },
      action,
      before ? snapshotOf(before) : null,
      snapshotOf(after),
    );
    if (audit) {
      await this.deps.audit.record(
        actor,
        {
          action: `${type}.${action}`,
          objectType: type,
          objectId: after.id,
          details: { country: after.country, year: after.year, changes },
        },
        trx,
      );
    }
  }
}

/** A correction that collides with another live value of the same key is a 409, not a 500. */
function uniqueToConflict(error: unknown): never {
  if ((error as { code?: string }).code === "23505") throw new AppError("conflict", 409, { reason: "duplicate_key" });
  throw error;
}
