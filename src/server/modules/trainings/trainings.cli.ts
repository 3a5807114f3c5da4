import fs from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { DuplicateDecisionSchema, type ImportReport } from "../../../common/imports.js";
import type { ParticipantImportResult } from "../../../common/trainings.js";
import type { AppContext } from "../../context.js";
import { CLI_ACTOR } from "../../platform/system-principals.js";
import { readTabular, writeCsv } from "../../platform/tabular.js";
import { DEFAULT_THRESHOLDS, runLinkage } from "./linkage.js";
import type { LinkRecord } from "./linkage-compare.js";
import { parseDateOfBirth } from "./trainings.import.js";

const COLUMNS = ["record_id", "full_name", "full_name_native", "date_of_birth", "sex", "country", "agency", "position"];

export class LinkFileError extends Error {}

/**
 * The batch linkage of `pact trainings link`: a CSV with record_id,full_name,full_name_native,date_of_birth,
 * sex,country,agency,position (any may be empty but record_id and one name) → CSV of record_id,person_id.
 */
export async function linkCsv(
  data: Buffer,
  fileName: string,
  thresholds = DEFAULT_THRESHOLDS,
): Promise<{ csv: Buffer; records: number; persons: number; seconds: number }> {
  const [sheet] = await readTabular(data, fileName);
  const rows = sheet?.rows ?? [];
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)]));
  if (at.record_id === -1) throw new LinkFileError("The header must include record_id");
  if (at.full_name === -1 && at.full_name_native === -1) {
    throw new LinkFileError("The header must include full_name or full_name_native");
  }
  const cell = (row: string[], column: string) => {
    const i = at[column] as number;
    return i >= 0 ? row[i]?.trim() || null : null;
  };
  const records: LinkRecord[] = [];
  const problems: string[] = [];
  rows.slice(1).forEach((row, k) => {
    if (row.every((c) => !c.trim())) return;
    const id = cell(row, "record_id");
    const dob = parseDateOfBirth(cell(row, "date_of_birth") ?? "");
    if (!id) problems.push(`row ${k + 2}: record_id is empty`);
    if (!cell(row, "full_name") && !cell(row, "full_name_native")) problems.push(`row ${k + 2}: no name`);
    records.push({
      id: id ?? "",
      fullName: cell(row, "full_name"),
      fullNameNative: cell(row, "full_name_native"),
      // A date that cannot be read is left out rather than refusing the batch: linkage is tolerant by design.
      dateOfBirth: dob === "invalid" || dob === "implausible" ? null : dob,
      sex: cell(row, "sex"),
      country: cell(row, "country"),
      agency: cell(row, "agency"),
      position: cell(row, "position"),
    });
  });
  if (problems.length) throw new LinkFileError(problems.slice(0, 20).join("\n"));
  const started = performance.now();
  const result = runLinkage(records, thresholds);
  const seconds = (performance.now() - started) / 1000;
  const ordinal = new Map<number, string>();
  const out = records.map((r, i) => {
    const cluster = result.clusterOf[i] as number;
    if (!ordinal.has(cluster)) ordinal.set(cluster, `P${String(ordinal.size + 1).padStart(7, "0")}`);
    return { record_id: r.id, person_id: ordinal.get(cluster) };
  });
  const csv = writeCsv(
    [
      { key: "record_id", header: "record_id" },
      { key: "person_id", header: "person_id" },
    ],
    out,
  );
  return { csv, records: records.length, persons: ordinal.size, seconds };
}

function printReport(report: ImportReport, extra: string, log: (line: string) => void = console.log) {
  for (const e of report.errors) log(`row ${e.row}${e.column ? ` [${e.column}]` : ""}: ${e.message.en}`);
  log(
    report.refused
      ? `${report.fileName}: refused, ${report.errors.length} problem(s); nothing was imported`
      : `${report.fileName}: ${report.imported} participant(s) imported (${report.rowsRead} rows read). ${extra}`,
  );
}

/** What `pact import trainings` prints: the report, the repeats of the list, and what happened or is needed. */
export function printParticipantImport(
  result: ParticipantImportResult,
  dryRun: boolean,
  log: (line: string) => void = console.log,
) {
  for (const d of result.duplicates) log(`  repeat  row ${d.row} repeats row ${d.firstRow}: "${d.name}"`);
  if (result.decisionRequired === "duplicates") {
    log(
      `${result.report.fileName}: ${result.duplicates.length} row(s) repeat a participant of the list: nothing was imported. Run again with --duplicates merge or --duplicates keep-both.`,
    );
    return;
  }
  if (result.duplicatesDecision)
    log(
      `${result.duplicates.length} repeated row(s) ${result.duplicatesDecision === "merge" ? "merged into their first row" : "kept as separate participants"}.`,
    );
  printReport(
    result.report,
    dryRun
      ? "Dry run: nothing was written."
      : result.linkageJobId
        ? `Linkage queued as job ${result.linkageJobId}: the platform's job worker links the new participants and raises repeat alerts.`
        : "Nothing imported, nothing to link.",
    log,
  );
}

type WithContext = (work: (ctx: AppContext) => Promise<void>) => Promise<void>;

export function registerTrainingsCli(program: Command, imports: Command, withContext: WithContext) {
  imports
    .command("trainings")
    .description(
      "import a training's participant list (CSV/XLSX); all or nothing; queues the linkage job that links persons and alerts repeats",
    )
    .argument("<file>", "CSV or XLSX file")
    .requiredOption("--training <id>", "the training the list belongs to")
    .option("--dry-run", "check and report without writing")
    .option(
      "--duplicates <decision>",
      "rows repeating a participant of the list (same name, date of birth and country): merge or keep-both, for all of them",
    )
    .action((file: string, opts: { training: string; dryRun?: boolean; duplicates?: string }) =>
      withContext(async (ctx) => {
        const result = await ctx.trainings.importData(
          opts.training,
          await fs.readFile(file),
          path.basename(file),
          {
            dryRun: !!opts.dryRun,
            duplicates: opts.duplicates ? DuplicateDecisionSchema.parse(opts.duplicates.replace("-", "_")) : undefined,
          },
          CLI_ACTOR,
          null,
        );
        printParticipantImport(result, !!opts.dryRun);
        if (result.report.refused || result.decisionRequired) process.exitCode = 1;
      }),
    );
  const trainings = program.command("trainings").description("training database");
  trainings
    .command("link")
    .description(
      "link person records of a CSV (record_id,full_name,full_name_native,date_of_birth,sex,country,agency,position)",
    )
    .requiredOption("--input <file>", "CSV of records")
    .requiredOption("--output <file>", "CSV to write: record_id,person_id")
    .option("--upper <p>", "probability above which records are linked", String(DEFAULT_THRESHOLDS.upper))
    .action(async (opts: { input: string; output: string; upper: string }) => {
      try {
        const upper = Number(opts.upper);
        if (!(upper > 0 && upper < 1)) throw new LinkFileError("--upper must be between 0 and 1");
        const result = await linkCsv(await fs.readFile(opts.input), path.basename(opts.input), {
          upper,
          lower: Math.min(DEFAULT_THRESHOLDS.lower, upper),
        });
        await fs.writeFile(opts.output, result.csv);
        console.log(
          `${result.records} records → ${result.persons} persons in ${result.seconds.toFixed(1)} s; written to ${opts.output}`,
        );
      } catch (error) {
        if (!(error instanceof LinkFileError)) throw error;
        console.error(error.message);
        process.exitCode = 1;
      }
    });
}
