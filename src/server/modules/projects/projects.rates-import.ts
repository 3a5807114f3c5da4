import type { Kysely } from "kysely";
import type { ImportIssue } from "../../../common/imports.js";
import { RateInputSchema } from "../../../common/projects.js";
import type { DB } from "../../db/schema.js";
import type { Actor } from "../../platform/audit.js";
import { type ImportModule, issueOf, type ParsedRow } from "../../platform/imports/pipeline.js";
import { RATE_COLUMNS, type RatesService, type RateValues } from "./projects.rates.js";

type RateField = (typeof RATE_COLUMNS)[number];

/** What a rate file wrote, besides the pipeline's result: the rates stored and the projects converted again. */
export interface RateImportParts {
  imported: number;
  projectsUpdated: number;
}

/** The rate file's own issue codes; the shared ones (`required`, `invalid_date`, …) are the platform's. */
const MESSAGES: Record<string, { en: string; ru: string }> = {
  unknown_layout: {
    en: "No header row with the columns currency, date, usd_per_unit and source.",
    ru: "Нет строки заголовков со столбцами currency, date, usd_per_unit и source.",
  },
  invalid_currency: {
    en: "Not an ISO 4217 currency code (three capital letters).",
    ru: "Это не код валюты ISO 4217 (три заглавные латинские буквы).",
  },
  invalid_rate: {
    en: "Not a positive number of US dollars per unit.",
    ru: "Это не положительное число долларов США за единицу.",
  },
  empty_file: { en: "The file has no rates.", ru: "В файле нет курсов." },
};

const HEADERS: Record<RateField, readonly string[]> = {
  currency: ["currency", "валюта"],
  date: ["date", "дата"],
  usd_per_unit: ["usd_per_unit", "usd per unit", "долларов за единицу"],
  source: ["source", "источник"],
};

const SCHEMA_FIELD: Record<string, RateField> = {
  currency: "currency",
  date: "date",
  usdPerUnit: "usd_per_unit",
  source: "source",
};
const CODES: Record<RateField, string> = {
  currency: "invalid_currency",
  date: "invalid_date",
  usd_per_unit: "invalid_rate",
  source: "too_long",
};

/** A number as the rate table stores it (up to 10 decimals), never in exponent form. */
const decimal = (n: number) => n.toFixed(10).replace(/\.?0+$/, "");

/**
 * The exchange-rate file (one rate a row: currency, date, usd_per_unit, source) on the platform's import pipeline, so
 * the web's shared import flow checks it in a job with its progress bar and the same report (row, column, value and
 * reason in English and Russian) before anything is written; a currency and date given twice refuse the file. The
 * write is the rate table's own (`RatesService.writeWithin`): the rates stored and every transaction in their
 * currencies converted again, in the import's one transaction.
 */
export function rateImport(
  rates: RatesService,
): ImportModule<RateField, RateValues, object, RateValues[], RateImportParts> {
  return {
    kind: "projects.rates",
    layouts: [
      {
        name: "template",
        columns: RATE_COLUMNS.map((field) => ({
          field,
          headers: HEADERS[field],
          required: true,
          ...(field === "usd_per_unit" ? { number: true } : {}),
        })),
        minMatches: RATE_COLUMNS.length,
      },
    ],
    messages: MESSAGES,
    parseRow(cells, ctx) {
      const text = (f: RateField) => cells.get(f)?.value ?? "";
      const errors: ImportIssue[] = [];
      const cellIssue = (f: RateField, code: string) =>
        errors.push(issueOf(MESSAGES, ctx.row, ctx.columnOf(f), cells.get(f)?.value ?? null, code));
      for (const f of RATE_COLUMNS) if (!text(f)) cellIssue(f, "required");
      if (errors.length) return { value: null, errors };
      const n = ctx.number("usd_per_unit", text("usd_per_unit"));
      const parsed = RateInputSchema.safeParse({
        currency: text("currency"),
        date: text("date"),
        usdPerUnit: n === null ? text("usd_per_unit") : decimal(n),
        source: text("source"),
      });
      if (!parsed.success) {
        const fields = new Set(parsed.error.issues.map((i) => SCHEMA_FIELD[String(i.path[0])] ?? "currency"));
        for (const f of fields) cellIssue(f, CODES[f]);
        return { value: null, errors };
      }
      return { value: parsed.data, errors };
    },
    // One rate a currency and day: a file giving one twice is refused.
    repeats: { mode: "refuse", key: (r) => `${r.currency}/${r.date}`, name: (r) => `${r.currency} ${r.date}` },
    async plan(rows: ParsedRow<RateValues>[], _options, result) {
      if (!rows.length && !result.report.errors.length)
        result.report.errors.push(issueOf(MESSAGES, 0, null, null, "empty_file"));
      return rows.map((r) => r.value);
    },
    write: (trx: Kysely<DB>, plan, _options, actor: Actor, file) =>
      rates.writeWithin(trx, plan, actor, "exchange_rate.import", file.fileName),
    describe: (plan, written) => ({
      imported: plan?.length ?? 0,
      projectsUpdated: written ? ((written.value as RateImportParts | undefined)?.projectsUpdated ?? 0) : 0,
    }),
  };
}
