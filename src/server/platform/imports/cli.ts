import fs from "node:fs/promises";
import {
  type ColumnMappingOf,
  columnMappingSchema,
  type ImportResult,
  type ValueAnswers,
  valueMappingSchema,
} from "../../../common/imports.js";

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

/** Inline JSON or the path of a JSON file, parsed; a bad one stops the command, named. */
async function readJson(option: string, value: string): Promise<unknown> {
  const text = value.trim().startsWith("{") ? value : await fs.readFile(value, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${option}: not JSON (${(error as Error).message})`);
  }
}

const problems = (option: string, issues: { path: PropertyKey[]; message: string }[]) =>
  new Error(`${option}: ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);

/** Inline JSON or the path of a JSON file, checked against `schema`; a bad one stops the command, named. */
export async function readJsonOption<T>(option: string, value: string | undefined, schema: Checked<T>) {
  if (!value) return undefined;
  const parsed = schema.safeParse(await readJson(option, value));
  if (!parsed.success) throw problems(option, parsed.error.issues);
  return parsed.data;
}

/**
 * A column mapping written the other way round, header → field (or null to skip the column), as `pact import
 * facilities` took it before every import took field → header; null when `json` is not of that shape. A field named by
 * two headers keeps the first, as it did then.
 */
export function headerToFieldMapping<F extends string>(fields: readonly F[], json: unknown): ColumnMappingOf<F> | null {
  if (!json || typeof json !== "object" || Array.isArray(json)) return null;
  const known = new Set<string>(fields);
  const entries = Object.entries(json as Record<string, unknown>);
  if (!entries.length || entries.every(([header]) => known.has(header))) return null;
  if (!entries.every(([, field]) => field === null || (typeof field === "string" && known.has(field)))) return null;
  const out: Partial<Record<F, string>> = {};
  for (const [header, field] of entries) {
    const h = header.trim();
    if (field !== null && h && !out[field as F]) out[field as F] = h;
  }
  return out;
}

/**
 * `--mapping`: the column mapping every import takes, field → the file's header (`{"name_en": "Facility"}`). A mapping
 * file kept from when facilities took header → field (`{"Facility": "name_en"}`) is read turned round, with a note
 * saying how to write it now, so nothing written for the old direction is lost.
 */
export async function readColumnMappingOption<const F extends readonly [string, ...string[]]>(
  option: string,
  value: string | undefined,
  fields: F,
  warn: (line: string) => void = console.warn,
): Promise<ColumnMappingOf<F[number]> | undefined> {
  if (!value) return undefined;
  const json = await readJson(option, value);
  const parsed = columnMappingSchema(fields).safeParse(json);
  if (parsed.success) return parsed.data as ColumnMappingOf<F[number]>;
  const turned = headerToFieldMapping(fields, json);
  if (!turned) throw problems(option, parsed.error.issues);
  warn(
    `${option}: read as header → field, the old direction; every import now takes field → header: ${JSON.stringify(turned)}`,
  );
  return turned;
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

/** `--values`: the value-mapping step's answers for `fields` (inline or a file), those left "" still to be given. */
export async function readValuesOption<const F extends readonly [string, ...string[]]>(
  value: string | undefined,
  fields: F,
) {
  // The schema's answers are ValueAnswers; TypeScript cannot see it through the generic field list.
  return answeredValues(
    (await readJsonOption("--values", value, valueMappingSchema(fields))) as ValueAnswers | undefined,
  );
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
