import type { Kysely } from "kysely";
import { type Rate, type RateImportResult, RateInputSchema } from "../../../common/projects.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { type FieldError, forbidden, validationFailed } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import { findHeaderRow, normalizeHeader, readTabular, TabularError } from "../../platform/tabular.js";
import { managesProjectReference } from "./projects.policy.js";
import type { ProjectsRepository } from "./projects.repository.js";

/** Columns of the rate file (CSV or a workbook), one rate a row. */
export const RATE_COLUMNS = ["currency", "date", "usd_per_unit", "source"] as const;
/** A rate file larger than this is refused (a daily table of every currency for a decade is well under it). */
export const RATE_FILE_MAX_BYTES = 2 * 1024 * 1024;

export type RateValues = { currency: string; date: string; usdPerUnit: string; source: string };

/**
 * The one dated table of exchange rates to USD. Coordinators keep it (one rate, or a CSV/XLSX file); every change
 * converts again the transactions in that currency, so every USD figure comes from the table as it is now.
 */
export class RatesService {
  /** The rate table keeps no revision history: each change (one rate or a file) is one audit entry. */
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: { repo: ProjectsRepository; audit: AuditService },
  ) {
    this.changes = new ChangeRecorder({ audit: deps.audit });
  }

  async list(): Promise<Rate[]> {
    return (await this.deps.repo.listRates()).map((r) => ({
      currency: r.currency,
      date: r.rate_date as string,
      usdPerUnit: String(r.usd_per_unit),
      source: r.source,
    }));
  }

  async add(input: RateValues, principal: Principal, actor: Actor): Promise<Rate> {
    if (!managesProjectReference(principal)) throw forbidden();
    await this.write([input], actor, "exchange_rate.set", `${input.currency}/${input.date}`);
    return input;
  }

  /** Reads a rate file; every bad row is reported with its line and field, and then nothing is written. */
  async importFile(data: Buffer, fileName: string, principal: Principal, actor: Actor): Promise<RateImportResult> {
    if (!managesProjectReference(principal)) throw forbidden();
    const rates = await parseRateFile(data, fileName);
    return this.write(rates, actor, "exchange_rate.import", fileName);
  }

  private async write(rates: RateValues[], actor: Actor, action: string, objectId: string): Promise<RateImportResult> {
    return this.db.transaction().execute((trx) => this.writeWithin(trx, rates, actor, action, objectId));
  }

  /**
   * Stores rates and converts again the transactions in their currencies, in the caller's transaction (the rate file's
   * import writes there, all or nothing); one audit entry for them.
   */
  async writeWithin(
    trx: Kysely<DB>,
    rates: RateValues[],
    actor: Actor,
    action: string,
    objectId: string,
  ): Promise<RateImportResult> {
    for (const r of rates)
      await this.deps.repo.upsertRate(trx, {
        currency: r.currency,
        rate_date: r.date,
        usd_per_unit: r.usdPerUnit,
        source: r.source,
        created_by: actor.userId,
      });
    let projectsUpdated = 0;
    for (const currency of new Set(rates.map((r) => r.currency))) {
      const touched = await this.deps.repo.convertTransactions(trx, { currency });
      await this.deps.repo.refreshTotals(trx, touched);
      projectsUpdated += touched.length;
    }
    await this.changes.event(
      actor,
      {
        action,
        objectType: "exchange_rate",
        objectId,
        details: rates.length === 1 ? { ...rates[0], projectsUpdated: projectsUpdated } : { rates: rates.length },
      },
      trx,
    );
    return { imported: rates.length, projectsUpdated };
  }
}

/** The rows of a rate file as rates, or one validation error naming every bad row's line and field. */
export async function parseRateFile(data: Buffer, fileName: string): Promise<RateValues[]> {
  let rows: string[][];
  try {
    rows = (await readTabular(data, fileName))[0]?.rows ?? [];
  } catch (error) {
    if (error instanceof TabularError) throw validationFailed([{ path: "body.file", code: error.code }]);
    throw error;
  }
  const header = findHeaderRow(rows, RATE_COLUMNS, RATE_COLUMNS.length);
  if (header < 0)
    throw validationFailed([
      { path: "body.file", code: "missing_columns", params: { columns: RATE_COLUMNS.join(", ") } },
    ]);
  const index = new Map((rows[header] ?? []).map((h, i) => [normalizeHeader(h), i]));
  const cell = (row: string[], key: string) => row[index.get(normalizeHeader(key)) ?? -1]?.trim() ?? "";
  const errors: FieldError[] = [];
  const rates: RateValues[] = [];
  const seen = new Map<string, number>();
  for (let r = header + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.every((c) => !c.trim())) continue;
    const line = r + 1;
    const parsed = RateInputSchema.safeParse({
      currency: cell(row, "currency"),
      date: cell(row, "date"),
      usdPerUnit: cell(row, "usd_per_unit").replace(",", "."),
      source: cell(row, "source"),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "row");
        const column = field === "usdPerUnit" ? "usd_per_unit" : field;
        errors.push({ path: `body.file.${line}.${column}`, code: "invalid_rate_value", params: { line, column } });
      }
      continue;
    }
    const key = `${parsed.data.currency}/${parsed.data.date}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ path: `body.file.${line}.date`, code: "duplicate_rate", params: { line, first } });
      continue;
    }
    seen.set(key, line);
    rates.push(parsed.data);
  }
  if (errors.length) throw validationFailed(errors);
  if (!rates.length) throw validationFailed([{ path: "body.file", code: "empty_file" }]);
  return rates;
}
