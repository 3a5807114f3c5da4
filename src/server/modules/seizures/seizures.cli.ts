import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import {
  ColumnMappingSchema,
  type SeizureImportResult,
  SharingLevelSchema,
  ValueMappingSchema,
} from "../../../common/seizures.js";
import type { AppContext } from "../../context.js";
import { CLI_ACTOR } from "../../platform/system-principals.js";
import { seizureTemplate } from "./seizures.template.js";

interface Options {
  mapping?: string;
  values?: string;
  writeValues?: string;
  sharing: string;
  dryRun?: boolean;
  confirmWarnings?: boolean;
  template?: boolean;
}

/** Inline JSON or the path of a JSON file, checked against `schema`. */
async function readJson<T>(
  option: string,
  value: string | undefined,
  schema: {
    safeParse: (
      v: unknown,
    ) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
) {
  if (!value) return undefined;
  const text = value.trim().startsWith("{") ? value : await fs.readFile(value, "utf8");
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`${option}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/**
 * The value-mapping step's file for the values the file holds that no vocabulary knows: {"field": {"value": ""}},
 * each "" to be replaced by a code (`pact import seizures --template` lists them) or by null for "not available".
 */
export function valuesToMap(result: SeizureImportResult): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const u of result.unmapped) out[u.field] = { ...out[u.field], [u.value]: "" };
  return out;
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
  const sheets = r.sheets?.filter((s) => !s.skipped) ?? [];
  if (sheets.length > 1) log(`Sheets imported together: ${sheets.map((s) => `${s.name} (${s.rows} rows)`).join(", ")}`);
  const left = r.sheets?.filter((s) => s.skipped) ?? [];
  if (left.length) log(`Sheets left out (no table of seizures): ${left.map((s) => s.name).join(", ")}`);
  if (r.numberFormat)
    log(
      `Decimal separator: ${r.numberFormat.decimal}${r.numberFormat.thousands === "none" ? "" : `; thousands separator: ${r.numberFormat.thousands}`}`,
    );
  const at = (i: { row: number; sheet?: string | undefined }) => `${i.sheet ? `sheet ${i.sheet} ` : ""}row ${i.row}`;
  for (const e of r.errors)
    log(`  error   ${at(e)}${e.column ? ` [${e.column}]` : ""}${e.value ? ` "${e.value}"` : ""}: ${e.message.en}`);
  for (const w of r.warnings)
    log(`  warning ${at(w)}${w.column ? ` [${w.column}]` : ""}${w.value ? ` "${w.value}"` : ""}: ${w.message.en}`);
  if (r.layout === "unknown" && result.headers.length)
    log(`  headers found: ${result.headers.join(" | ")} (give --mapping)`);
  if (result.unmapped.length) {
    log(`Values no list knows (map each once with --values FILE; --write-values FILE writes one to fill in):`);
    for (const u of result.unmapped)
      log(
        `  ${u.field}${u.column ? ` [${u.column}]` : ""} "${u.value}": ${u.count} ${u.count === 1 ? "row" : "rows"} (${u.rows.map((r, i) => (u.sheets?.[i] ? `${u.sheets[i]}!${r}` : r)).join(", ")}${u.count > u.rows.length ? ", …" : ""})`,
      );
  }
  for (const m of result.remembered)
    log(
      `  remembered: ${m.field} "${m.value}" → ${m.target ?? "not available"} (${m.count} ${m.count === 1 ? "row" : "rows"})`,
    );
  if (r.refused && !r.errors.length && result.unmapped.length) log("Nothing was imported: map the values above first.");
  else if (r.refused) log("Refused: nothing was imported.");
  else if (dryRun) log(`Dry run: ${r.rowsRead} seizures would be imported.`);
  else
    log(
      `Imported ${r.imported} seizures (batch ${result.batchId}); ${result.possibleDuplicates} possible duplicates queued for review.`,
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
    .option(
      "--values <json>",
      'value mapping as JSON or a JSON file, e.g. {"drug":{"Black tar":"heroin"},"placeType":{"Dock 4":null}} (null: not available); remembered per country and layout',
    )
    .option("--write-values <file>", "write the values no list knows to this JSON file, to fill in for --values")
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
            mapping: await readJson("--mapping", opts.mapping, ColumnMappingSchema),
            valueMapping: await readJson("--values", opts.values, ValueMappingSchema),
            sharing: SharingLevelSchema.parse(opts.sharing),
            confirmWarnings: !!opts.confirmWarnings,
            userId: null,
            partnerCode: null,
            countries: null,
            totalBytes: size,
          },
          CLI_ACTOR,
        );
        printSeizureReport(result, !!opts.dryRun);
        if (opts.writeValues && result.unmapped.length) {
          await fs.writeFile(opts.writeValues, `${JSON.stringify(valuesToMap(result), null, 2)}\n`);
          console.log(`Values to map written to ${opts.writeValues}`);
        }
        if (result.report.refused) process.exitCode = 1;
      });
    });
}
