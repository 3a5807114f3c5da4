import fs from "node:fs/promises";
import type { ImportResult, ValueAnswers } from "../../../common/imports.js";

/**
 * What every `pact import …` on the platform's pipeline shares: its JSON options (inline or a file), the shared report
 * printed line by line (errors and warnings by row, column and value; the values to map; the repeats to decide), and
 * the value-mapping file to fill in.
 */

interface Checked<T> {
  safeParse(
    v: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** Inline JSON or the path of a JSON file, checked against `schema`; a bad one stops the command, named. */
export async function readJsonOption<T>(option: string, value: string | undefined, schema: Checked<T>) {
  if (!value) return undefined;
  const text = value.trim().startsWith("{") ? value : await fs.readFile(value, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${option}: not JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new Error(`${option}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/**
 * The value-mapping file for the values of the file no vocabulary knows: {"field": {"value": ""}}, each "" to be
 * replaced by a code, or by null for "not available".
 */
export function valuesToMap(result: Pick<ImportResult, "unmapped">): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const u of result.unmapped) out[u.field] = { ...out[u.field], [u.value]: "" };
  return out;
}

/** Writes the value-mapping file to fill in, when the file has values to map; whether it did. */
export async function writeValuesFile(file: string | undefined, result: Pick<ImportResult, "unmapped">) {
  if (!file || !result.unmapped.length) return false;
  await fs.writeFile(file, `${JSON.stringify(valuesToMap(result), null, 2)}\n`);
  return true;
}

/** The answers of a values file with its "" left unanswered dropped (they are still to be given). */
export function answeredValues(values: ValueAnswers | undefined): ValueAnswers | undefined {
  if (!values) return undefined;
  const out: ValueAnswers = {};
  for (const [field, answers] of Object.entries(values)) {
    const given = Object.entries(answers).filter(([, target]) => target !== "");
    if (given.length) out[field] = Object.fromEntries(given);
  }
  return out;
}

/**
 * Prints the pipeline's report: what was read, every error and warning, the values to map (with `--values`), those
 * read through remembered answers, and the repeats waiting for a decision. The module prints its own last line.
 */
export function printImportReport(result: ImportResult, log: (line: string) => void = console.log) {
  const r = result.report;
  log(
    `${r.fileName} (${r.layout}${r.sheet ? `, sheet ${r.sheet}` : ""}): ${r.rowsRead} rows read, ${r.rowsSkipped} skipped, ${r.errors.length} errors, ${r.warnings.length} warnings`,
  );
  const where = (i: { row: number; column: string | null; value: string | null }) =>
    `row ${i.row}${i.column ? ` [${i.column}]` : ""}${i.value ? ` "${i.value}"` : ""}`;
  for (const e of r.errors) log(`  error   ${where(e)}: ${e.message.en}`);
  for (const w of r.warnings) log(`  warning ${where(w)}: ${w.message.en}`);
  if (r.errors.some((e) => e.code === "unknown_layout"))
    log(`  headers found: ${result.headers.join(" | ")} (give --mapping)`);
  if (result.unmapped.length) {
    log("Values no list knows (map each once with --values FILE; --write-values FILE writes one to fill in):");
    for (const u of result.unmapped)
      log(
        `  ${u.field} "${u.value}"${u.column ? ` [${u.column}]` : ""}: ${u.count} ${u.count === 1 ? "row" : "rows"} (row ${u.rows.join(", ")}${u.count > u.rows.length ? ", …" : ""})`,
      );
  }
  for (const m of result.remembered)
    log(
      `  remembered: ${m.field} "${m.value}" → ${m.target ?? "not available"} (${m.count} ${m.count === 1 ? "row" : "rows"})`,
    );
  for (const d of result.duplicates) log(`  repeat  row ${d.row} repeats row ${d.firstRow}: "${d.name}"`);
  if (r.refused && !r.errors.length && result.unmapped.length) log("Nothing was imported: map the values above first.");
  else if (result.decisionRequired === "duplicates")
    log(
      `${result.duplicates.length} row(s) repeat an earlier row of the file: nothing was imported. Run again with --duplicates merge or --duplicates keep-both.`,
    );
  else if (r.refused) log("Refused: nothing was imported.");
}
