import fs from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import {
  ColumnMappingSchema,
  FacilityDuplicateDecisionSchema,
  type FacilityImportReport,
  FacilitySharingSchema,
} from "../../../common/facilities.js";
import type { AppContext } from "../../context.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";

interface Options {
  mapping?: string;
  country?: string;
  sharing: string;
  sheet?: string;
  dryRun?: boolean;
  duplicates?: string;
}

/** `--mapping` is inline JSON or the path of a JSON file: {"column header": "field", …}. */
async function readMapping(value: string | undefined) {
  if (!value) return undefined;
  const text = value.trim().startsWith("{") ? value : await fs.readFile(value, "utf8");
  const parsed = ColumnMappingSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`--mapping: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export function printReport(report: FacilityImportReport, log: (line: string) => void = console.log) {
  log(
    `${report.fileName} (${report.layout}${report.sheet ? `, sheet ${report.sheet}` : ""}): ${report.rowsRead} rows read, ${report.rowsSkipped} skipped`,
  );
  for (const e of report.errors)
    log(`  error   row ${e.row}${e.column ? ` [${e.column}]` : ""}${e.value ? ` "${e.value}"` : ""}: ${e.message.en}`);
  for (const u of report.unmappedLabels)
    log(`  unmapped label "${u.label}" in ${u.rows} row(s), first at row ${u.firstRow}`);
  for (const d of report.duplicates) log(`  repeat  row ${d.row} repeats row ${d.firstRow}: "${d.name}"`);
  if (report.decisionRequired === "duplicates")
    log(
      `${report.duplicates.length} row(s) repeat a facility of the file: nothing was imported. Run again with --duplicates merge or --duplicates keep-both.`,
    );
  else if (report.refused) log("Refused: nothing was imported.");
  else
    log(
      `${report.dryRun ? "Would import" : "Imported"} ${report.imported} facilities (${report.created} new, ${report.updated} updated; ${report.unchanged} unchanged).`,
    );
}

/** `pact import facilities FILE [--mapping JSON] [--country ISO3] [--sharing public|restricted] [--dry-run]`. */
export function registerFacilitiesCli(
  imports: Command,
  withContext: (work: (ctx: AppContext) => Promise<void>) => Promise<void>,
) {
  imports
    .command("facilities")
    .description(
      "import treatment facilities from CSV/XLSX (our template, a treatment-locator list, or any table with --mapping); all or nothing",
    )
    .argument("<file>", "CSV or XLSX file")
    .option("--mapping <json>", 'column mapping as JSON or a JSON file, e.g. {"Facility":"name_en","Town":"city"}')
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
          mapping: await readMapping(opts.mapping),
          country: opts.country?.toUpperCase(),
          sharing: FacilitySharingSchema.parse(opts.sharing),
          sheet: opts.sheet,
          dryRun: !!opts.dryRun,
          duplicates: opts.duplicates
            ? FacilityDuplicateDecisionSchema.parse(opts.duplicates.replace("-", "_"))
            : undefined,
        };
        const report = await ctx.facilities.importData(
          data,
          path.basename(file),
          request,
          { editable: null, userId: null },
          { ...SYSTEM_ACTOR, label: "cli" },
        );
        printReport(report);
        if (report.refused || report.decisionRequired) process.exitCode = 1;
      }),
    );
}
