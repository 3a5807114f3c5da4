import fs from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import {
  FACILITY_VALUE_FIELDS,
  type FacilityImportReport,
  FacilitySharingSchema,
  IMPORT_FIELDS,
} from "../../../common/facilities.js";
import { DuplicateDecisionSchema } from "../../../common/imports.js";
import type { AppContext } from "../../context.js";
import {
  printImportReport,
  readColumnMappingOption,
  readValuesOption,
  writeValuesFile,
} from "../../platform/imports/cli.js";
import { CLI_ACTOR } from "../../platform/system-principals.js";

interface Options {
  mapping?: string;
  values?: string;
  writeValues?: string;
  country?: string;
  sharing: string;
  sheet?: string;
  dryRun?: boolean;
  duplicates?: string;
}

/** The shared report of the pipeline, then what the file wrote (or would write). */
export function printReport(report: FacilityImportReport, log: (line: string) => void = console.log) {
  printImportReport(
    {
      report,
      sheets: [],
      headers: [],
      sample: [],
      mapping: {},
      unmapped: report.unmapped,
      remembered: report.remembered,
      duplicates: report.duplicates,
      decisionRequired: report.decisionRequired,
      duplicatesDecision: report.duplicatesDecision,
    },
    log,
  );
  if (!report.refused && !report.decisionRequired)
    log(
      `${report.dryRun ? "Would import" : "Imported"} ${report.imported} facilities (${report.created} new, ${report.updated} updated; ${report.unchanged} unchanged).`,
    );
}

/**
 * `pact import facilities FILE [--mapping JSON] [--values JSON] [--country ISO3] [--sharing public|restricted]
 * [--dry-run]`: the pipeline inline, with the web's report.
 */
export function registerFacilitiesCli(
  imports: Command,
  withContext: (work: (ctx: AppContext) => Promise<void>) => Promise<void>,
) {
  imports
    .command("facilities")
    .description(
      "import treatment facilities from CSV/XLSX (our template, a treatment-locator list, or any table with --mapping); all or nothing",
    )
    .argument("<file>", "CSV, XLSX, XLS or ODS file")
    .option(
      "--mapping <json>",
      'column mapping (field → the file\'s header) as JSON or a JSON file, e.g. {"name_en":"Facility","city":"Town"}',
    )
    .option(
      "--values <json>",
      'value mapping as JSON or a JSON file, e.g. {"labels":{"Equine therapy":"service:psychosocial"},"country":{"Kirgizia":"KGZ"}} (null: not available); remembered per country and layout',
    )
    .option("--write-values <file>", "write the values no list knows to this JSON file, to fill in for --values")
    .option("--country <iso3>", "country of rows without one (lists shaped like national treatment locators)")
    .option("--sharing <level>", "public or restricted, for rows that do not say", "public")
    .option("--sheet <name>", "sheet of an XLSX workbook")
    .option("--dry-run", "check and report without writing")
    .option(
      "--duplicates <decision>",
      "rows repeating a facility of the file (same name, city, country): merge (into the first row) or keep-both",
    )
    .action((file: string, opts: Options) =>
      withContext(async (ctx) => {
        const data = await fs.readFile(file);
        const request = {
          mapping: await readColumnMappingOption("--mapping", opts.mapping, IMPORT_FIELDS),
          valueMapping: await readValuesOption(opts.values, FACILITY_VALUE_FIELDS),
          country: opts.country?.toUpperCase(),
          sharing: FacilitySharingSchema.parse(opts.sharing),
          sheet: opts.sheet,
          dryRun: !!opts.dryRun,
          duplicates: opts.duplicates ? DuplicateDecisionSchema.parse(opts.duplicates.replace("-", "_")) : undefined,
        };
        const report = await ctx.facilities.importData(
          data,
          path.basename(file),
          request,
          { editable: null, userId: null },
          CLI_ACTOR,
        );
        printReport(report);
        if (await writeValuesFile(opts.writeValues, report))
          console.log(`Wrote ${opts.writeValues}: fill it in for --values.`);
        if (report.refused || report.decisionRequired) process.exitCode = 1;
      }),
    );
}
