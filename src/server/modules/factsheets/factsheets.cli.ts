import fs from "node:fs/promises";
import path from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import type { ImportReport } from "../../../common/imports.js";
import type { AppContext } from "../../context.js";
import { CLI_ACTOR, CLI_PRINCIPAL } from "../../platform/system-principals.js";
import { htmlToPdf } from "./factsheets.pdf.js";
import { factsheetFooter, renderFactsheetHtml } from "./factsheets.render.js";

function iso3(value: string): string {
  if (!/^[A-Za-z]{3}$/.test(value)) throw new InvalidArgumentError("an ISO 3166-1 alpha-3 code, e.g. UZB");
  return value.toUpperCase();
}
function year(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1990 || n > 2100) throw new InvalidArgumentError("a year between 1990 and 2100");
  return n;
}
function lang(value: string): "en" | "ru" {
  if (value !== "en" && value !== "ru") throw new InvalidArgumentError("en or ru");
  return value;
}

export function printImportReport(report: ImportReport, dryRun: boolean, log: (line: string) => void = console.log) {
  log(
    `${report.fileName} (${report.layout}${report.sheet ? `, sheet ${report.sheet}` : ""}): ${report.rowsRead} rows read, ${report.rowsSkipped} skipped`,
  );
  if (report.numberFormat)
    log(
      `Decimal separator: ${report.numberFormat.decimal}${report.numberFormat.thousands === "none" ? "" : `; thousands separator: ${report.numberFormat.thousands}`}`,
    );
  for (const e of report.errors)
    log(`  error row ${e.row}${e.column ? ` [${e.column}]` : ""}${e.value ? ` "${e.value}"` : ""}: ${e.message.en}`);
  if (report.refused) log("Refused: nothing was imported.");
  else
    log(dryRun ? `Would import ${report.rowsRead - report.errors.length} rows.` : `Imported ${report.imported} rows.`);
}

/**
 * `pact export arq`, `pact export factsheet`, `pact import indicators`, `pact import national-totals`.
 * Imports exit non-zero when the file is refused.
 */
export function registerFactsheetsCli(
  imports: Command,
  exports: Command,
  withContext: (work: (ctx: AppContext) => Promise<void>) => Promise<void>,
) {
  exports
    .command("arq")
    .description("the ARQ seizure tables of a country and year as XLSX, from the validated seizure records")
    .requiredOption("--country <iso3>", "country (ISO 3166-1 alpha-3)", iso3)
    .requiredOption("--year <yyyy>", "year", year)
    .requiredOption("--out <file>", "XLSX file to write")
    .option("--lang <lang>", "en or ru", lang, "en")
    .action((opts: { country: string; year: number; out: string; lang: "en" | "ru" }) =>
      withContext(async (ctx) => {
        const { body, figures, reconciliation } = await ctx.factsheets.arq.export(
          opts.country,
          opts.year,
          opts.lang,
          CLI_ACTOR,
        );
        await fs.writeFile(opts.out, body);
        console.log(
          `Wrote ${path.resolve(opts.out)}: ${figures.seizures.length} drug/unit rows, ${figures.totalCases} cases, ${reconciliation.lines.length} reconciliation lines.`,
        );
      }),
    );
  exports
    .command("factsheet")
    .description("a fact sheet as PDF: the latest published edition, or the live draft with --draft")
    .option("--country <iso3>", "country (ISO 3166-1 alpha-3)", iso3)
    .option("--region <code>", "region code, e.g. central_asia")
    .requiredOption("--year <yyyy>", "year", year)
    .requiredOption("--out <file>", "PDF file to write")
    .option("--lang <lang>", "en or ru", lang, "en")
    .option("--draft", "the current draft instead of the published edition")
    .action(
      (opts: { country?: string; region?: string; year: number; out: string; lang: "en" | "ru"; draft?: boolean }) =>
        withContext(async (ctx) => {
          if (!opts.country === !opts.region) throw new Error("give --country or --region");
          const scope = opts.country ? "country" : "region";
          const subject = opts.country ?? (opts.region as string).toLowerCase();
          const row = await ctx.factsheets.repository.findFactsheetBySubject(scope, subject, opts.year);
          if (!row) throw new Error(`No fact sheet of ${subject} for ${opts.year}`);
          if (!opts.draft && row.edition === 0) throw new Error("Not published yet (use --draft for the draft)");
          const { content, edition } = await ctx.factsheets.sheets.content(
            row.id,
            CLI_PRINCIPAL,
            opts.draft ? undefined : row.edition,
          );
          await fs.writeFile(
            opts.out,
            await htmlToPdf(renderFactsheetHtml(content, opts.lang, { edition }), factsheetFooter(content, opts.lang)),
          );
          console.log(`Wrote ${path.resolve(opts.out)}${edition ? ` (edition ${edition})` : " (draft)"}.`);
        }),
    );

  for (const [name, what] of [
    ["indicators", "indicators per country and year (prices, purity, treatment, prevalence, precursors)"],
    ["national-totals", "officially reported national totals per country, year and drug"],
  ] as const) {
    imports
      .command(name)
      .description(`import ${what} from CSV/XLSX; all or nothing`)
      .argument("<file>", "CSV or XLSX file")
      .option("--dry-run", "check the file and report, write nothing")
      .action((file: string, opts: { dryRun?: boolean }) =>
        withContext(async (ctx) => {
          const data = await fs.readFile(file);
          const national = ctx.factsheets.national;
          const run =
            name === "indicators"
              ? national.importIndicatorsData.bind(national)
              : national.importTotalsData.bind(national);
          const report = await run(data, path.basename(file), !!opts.dryRun, CLI_PRINCIPAL, CLI_ACTOR);
          printImportReport(report, !!opts.dryRun);
          if (report.refused) process.exitCode = 2;
        }),
      );
  }
}
