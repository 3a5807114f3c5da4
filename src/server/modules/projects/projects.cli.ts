import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { ImportResult } from "../../../common/imports.js";
import { PROJECT_VALUE_FIELDS } from "../../../common/projects.js";
import type { AppContext } from "../../context.js";
import {
  printImportReport,
  readColumnMappingOption,
  readValuesOption,
  writeValuesFile,
} from "../../platform/imports/cli.js";
import { CLI_ACTOR, CLI_PRINCIPAL } from "../../platform/system-principals.js";
import { decodeText, writeCsv } from "../../platform/tabular.js";
import { PROJECT_IMPORT_FIELDS } from "./projects.import.js";

type WithContext = (work: (ctx: AppContext) => Promise<void>) => Promise<void>;

interface ImportOptions {
  partner: string;
  allOrNothing?: boolean;
  sheet?: string;
  mapping?: string;
  values?: string;
  writeValues?: string;
  dryRun?: boolean;
}

const looksLikeXml = (data: Buffer) => /^\s*</.test(decodeText(data.subarray(0, 2048)).replace(/^\uFEFF/, ""));

/** The pipeline's shared report, then what the file wrote (or would write). */
export function printProjectReport(
  result: ImportResult & { created: number; updated: number },
  dryRun: boolean,
  log: (line: string) => void = console.log,
) {
  printImportReport(result, log);
  if (!result.report.refused)
    log(`${dryRun ? "Would import" : "Imported"}: ${result.created} projects created, ${result.updated} updated.`);
}

/**
 * A spreadsheet of projects (CSV, XLSX, XLS, ODS) through the platform's import pipeline, inline: the same stages,
 * checks and report as the web's `POST /projects/imports`, all or nothing, with the column and value mappings.
 */
async function importSpreadsheet(ctx: AppContext, data: Buffer, fileName: string, opts: ImportOptions) {
  const request = {
    sheet: opts.sheet,
    mapping: await readColumnMappingOption("--mapping", opts.mapping, PROJECT_IMPORT_FIELDS),
    valueMapping: await readValuesOption(opts.values, PROJECT_VALUE_FIELDS),
    dryRun: !!opts.dryRun,
  };
  const user = CLI_PRINCIPAL.user as NonNullable<typeof CLI_PRINCIPAL.user>;
  const result = await ctx.projects.tableImport.runData(
    data,
    fileName,
    request,
    { user, partnerCode: opts.partner.toUpperCase() },
    CLI_ACTOR,
  );
  printProjectReport(result, request.dryRun);
  if (await writeValuesFile(opts.writeValues, result))
    console.log(`Wrote ${opts.writeValues}: fill it in for --values.`);
  if (result.report.refused) process.exitCode = 1;
}

/**
 * `pact projects duplicates|check`, `pact import projects FILE` (IATI XML, or a spreadsheet through the import
 * pipeline), `pact export iati`.
 */
export function registerProjectsCli(program: Command, imports: Command, exports: Command, withContext: WithContext) {
  const projects = program.command("projects").description("ADAM technical-assistance projects");
  projects
    .command("duplicates")
    .description("print the current duplicate candidate pairs as CSV (ids, score, label, reasons)")
    .option("--check", "run the duplicate check over all projects first")
    .action((opts: { check?: boolean }) =>
      withContext(async (ctx) => {
        if (opts.check) await ctx.projects.duplicates.checkAll();
        const pairs = await ctx.projects.duplicates.candidatePairs();
        const columns = ["alert", "project_a", "project_b", "score", "label", "reasons"].map((key) => ({
          key,
          header: key,
        }));
        // No BOM on standard output: it is for pipes and scripts, not for Excel.
        process.stdout.write(writeCsv(columns, pairs).subarray(3));
      }),
    );

  imports
    .command("projects <file>")
    .description(
      "import IATI activity XML (2.0x; 1.0x where practical), updating by IATI identifier; or a CSV/XLSX/XLS/ODS " +
        "spreadsheet through the import pipeline (one project a row, all or nothing, as the web's import)",
    )
    .option("--partner <code>", "partner that owns new projects (rows that name none)", "UNODC")
    .option("--all-or-nothing", "IATI XML: import nothing when any activity is rejected (a spreadsheet always is)")
    .option("--sheet <name>", "spreadsheet: the sheet of a workbook")
    .option(
      "--mapping <json>",
      'spreadsheet: column mapping (field → the file\'s header) as JSON or a JSON file, e.g. {"title_en":"Project name"}',
    )
    .option(
      "--values <json>",
      'spreadsheet: value mapping as JSON or a JSON file, e.g. {"stage":{"Ongoing":"implementation"},"pillar":{"Pillar III":"3"}} (null: not available); remembered per partner and layout',
    )
    .option("--write-values <file>", "spreadsheet: write the values no list knows to this JSON file, to fill in")
    .option("--dry-run", "spreadsheet: check and report without writing")
    .action((file: string, opts: ImportOptions) =>
      withContext(async (ctx) => {
        const data = fs.readFileSync(file);
        if (!looksLikeXml(data)) return importSpreadsheet(ctx, data, path.basename(file), opts);
        const result = await ctx.projects.exchange.importFile(data, path.basename(file), CLI_PRINCIPAL, CLI_ACTOR, {
          partnerCode: opts.partner.toUpperCase(),
          allOrNothing: !!opts.allOrNothing,
        });
        console.log(
          `${result.fileName} (${result.format}): ${result.activities} activities, ${result.created} created, ${result.updated} updated, ${result.rejected.length} rejected${result.refused ? " — nothing imported" : ""}`,
        );
        for (const r of result.rejected) console.log(`  rejected ${r.ref}: ${r.reason.en}`);
        if (result.refused) process.exitCode = 1;
      }),
    );

  exports
    .command("iati")
    .description("write the published projects as IATI 2.03 activity XML")
    .option("-o, --out <file>", "output file (default: standard output)")
    .action((opts: { out?: string }) =>
      withContext(async (ctx) => {
        const xml = await ctx.projects.exchange.exportIati(CLI_PRINCIPAL, ctx.config.publicUrl);
        if (opts.out) {
          fs.writeFileSync(opts.out, xml);
          console.log(`Wrote ${opts.out}`);
        } else process.stdout.write(xml);
      }),
    );
}
