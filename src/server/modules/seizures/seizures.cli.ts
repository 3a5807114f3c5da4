import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { ColumnMappingSchema, type SeizureImportResult, SharingLevelSchema } from "../../../common/seizures.js";
import type { AppContext } from "../../context.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import { seizureTemplate } from "./seizures.template.js";

interface Options {
  mapping?: string;
  sharing: string;
  dryRun?: boolean;
  confirmWarnings?: boolean;
  template?: boolean;
}

/** `--mapping` is inline JSON or the path of a JSON file: {"field": "column header", …}. */
async function readMapping(value: string | undefined) {
  if (!value) return undefined;
  const text = value.trim().startsWith("{") ? value : await fs.readFile(value, "utf8");
  const parsed = ColumnMappingSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`--mapping: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export function printSeizureReport(
  result: SeizureImportResult,
  dryRun: boolean,
  log: (line: string) => void = console.log,
) {
  const r = result.report;
  log(
    `${r.fileName} (${r.layout}${r.sheet ? `, sheet ${r.sheet}` : ""}): ${r.rowsRead} rows read, ${r.rowsSkipped} skipped, ${r.errors.length} errors, ${r.warnings.length} warnings`,
  );
  for (const e of r.errors)
    log(`  error   row ${e.row}${e.column ? ` [${e.column}]` : ""}${e.value ? ` "${e.value}"` : ""}: ${e.message.en}`);
  for (const w of r.warnings)
    log(`  warning row ${w.row}${w.column ? ` [${w.column}]` : ""}${w.value ? ` "${w.value}"` : ""}: ${w.message.en}`);
  if (r.layout === "unknown" && result.headers.length)
    log(`  headers found: ${result.headers.join(" | ")} (give --mapping)`);
  if (r.refused) log("Refused: nothing was imported.");
  else if (dryRun) log(`Dry run: ${r.rowsRead} seizures would be imported.`);
  else
    log(
      `Imported ${r.imported} seizures (batch ${result.batchId}); ${result.duplicates} possible duplicates queued for review.`,
    );
}

/** `pact import seizures FILE [--dry-run] [--mapping JSON] [--sharing level] [--confirm-warnings]`, or `--template OUT`. */
export function registerSeizuresCli(
  imports: Command,
  withContext: (work: (ctx: AppContext) => Promise<void>) => Promise<void>,
) {
  imports
    .command("seizures")
    .description(
      "import drug seizures from CSV/XLSX (UNODC's IDS export, our template, or any table with --mapping); all or nothing",
    )
    .argument("<file>", "CSV or XLSX file to import, or with --template the file to write")
    .option("--mapping <json>", 'column mapping as JSON or a JSON file, e.g. {"seizureDate":"Date","country":"ISO3"}')
    .option("--sharing <level>", "public, members, partner or restricted, for rows that do not say", "members")
    .option("--confirm-warnings", "accept unusual quantities and units reported as warnings")
    .option("--dry-run", "check and report without writing")
    .option("--template", "write the import template (XLSX or CSV by the file's extension) instead of importing")
    .action(async (file: string, opts: Options) => {
      if (opts.template) {
        await fs.writeFile(file, await seizureTemplate(file.toLowerCase().endsWith(".csv") ? "csv" : "xlsx"));
        console.log(`Template written to ${file}`);
        return;
      }
      await withContext(async (ctx) => {
        const size = (await fs.stat(file)).size;
        const result = await ctx.seizures.importFile(
          () => createReadStream(file),
          {
            fileName: path.basename(file),
            dryRun: !!opts.dryRun,
            mapping: await readMapping(opts.mapping),
            sharing: SharingLevelSchema.parse(opts.sharing),
            confirmWarnings: !!opts.confirmWarnings,
            userId: null,
            partnerCode: null,
            countries: null,
            totalBytes: size,
          },
          { ...SYSTEM_ACTOR, label: "cli" },
        );
        printSeizureReport(result, !!opts.dryRun);
        if (result.report.refused) process.exitCode = 1;
      });
    });
}
