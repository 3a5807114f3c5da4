import type { Kysely } from "kysely";
import type {
  ColumnMapping,
  FacilityDuplicateDecision,
  FacilityImportReport,
  FacilitySharing,
  ImportPreview,
} from "../../../common/facilities.js";
import type { ImportIssue } from "../../../common/imports.js";
import type { DB } from "../../db/schema.js";
import type { Actor } from "../../platform/audit.js";
import { importMessage } from "../../platform/import-messages.js";
import { diffSnapshots } from "../../platform/revisions.js";
import { findHeaderRow, readTabular, TabularError, type TabularSheet } from "../../platform/tabular.js";
import { ALL_ALIASES, detectLayout, suggestMapping } from "./facilities.columns.js";
import type { FacilityRow, FacilityValues } from "./facilities.repository.js";
import { cellsOf, issue, matchKey, type ParsedRow, parseRow } from "./facilities.rows.js";
import type { FacilitiesService } from "./facilities.service.js";

export interface ImportOptions {
  sheet?: string | undefined;
  mapping?: ColumnMapping | undefined;
  country?: string | undefined;
  sharing: FacilitySharing;
  dryRun: boolean;
  duplicates?: FacilityDuplicateDecision | undefined;
  /** Countries the importer may write; null = every country (coordinators, the CLI). */
  editable: string[] | null;
  userId: string | null;
}

interface Table {
  sheets: string[];
  sheet: TabularSheet;
  headerIndex: number;
  headers: string[];
}

/** Finds the sheet (the named one, else the first with a recognisable header) and its header row. */
async function readTable(data: Buffer, fileName: string, sheetName?: string): Promise<Table | { error: string }> {
  let sheets: TabularSheet[];
  try {
    sheets = await readTabular(data, fileName);
  } catch (error) {
    if (error instanceof TabularError) return { error: error.code };
    throw error;
  }
  const candidates = sheetName ? sheets.filter((s) => s.name === sheetName) : sheets;
  if (candidates.length === 0) return { error: "unknown_sheet" };
  for (const sheet of candidates) {
    const headerIndex = findHeaderRow(sheet.rows, ALL_ALIASES, 2);
    if (headerIndex >= 0) {
      const headers = (sheet.rows[headerIndex] ?? []).map((h) => h.trim());
      return { sheets: sheets.map((s) => s.name), sheet, headerIndex, headers };
    }
  }
  // No known header: take the first non-empty row so the user can map the columns by hand.
  const sheet = candidates[0] as TabularSheet;
  const headerIndex = sheet.rows.findIndex((r) => r.some((c) => c.trim()));
  if (headerIndex < 0) return { error: "empty_file" };
  return {
    sheets: sheets.map((s) => s.name),
    sheet,
    headerIndex,
    headers: (sheet.rows[headerIndex] ?? []).map((h) => h.trim()),
  };
}

const FILE_MESSAGES: Record<string, { en: string; ru: string }> = {
  unsupported_file_type: { en: "The file is neither CSV nor XLSX.", ru: "Файл не является CSV или XLSX." },
  unreadable_file: { en: "The file could not be read.", ru: "Не удалось прочитать файл." },
  empty_file: { en: "The file is empty.", ru: "Файл пуст." },
  unknown_sheet: { en: "There is no sheet of that name.", ru: "Листа с таким названием нет." },
  no_name_column: {
    en: "No column is mapped to a facility name.",
    ru: "Ни один столбец не сопоставлен с названием учреждения.",
  },
};

function fileIssue(code: string): ImportIssue {
  return { row: 0, column: null, value: null, code, message: importMessage(code, FILE_MESSAGES) };
}

/**
 * Merges a repeated row into the first one: a cell the first left empty takes the repeat's value, and the lists
 * (modalities, services, populations, languages) take the union. The first row's filled cells are kept.
 */
function mergeInto(first: ParsedRow, repeat: ParsedRow) {
  const target = first.values as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(repeat.values as unknown as Record<string, unknown>)) {
    const current = target[key];
    if (Array.isArray(current) && Array.isArray(value)) target[key] = [...new Set([...current, ...value])];
    else if (key === "name" && current && value && typeof current === "object" && typeof value === "object")
      target[key] = { ...(value as object), ...(current as object) };
    else if ((current === null || current === undefined || current === "") && value !== null && value !== undefined)
      target[key] = value;
  }
  first.unmapped.push(...repeat.unmapped.filter((u) => !first.unmapped.some((f) => f.label === u.label)));
}

/**
 * Import of facility lists from CSV/XLSX: our template, lists shaped like public treatment locators, or any
 * table with a column mapping. All or nothing per file: one bad row refuses the whole file. Rows that match
 * an existing facility (country, name, city) update it; the others are created.
 */
export class FacilityImporter {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly facilities: FacilitiesService,
  ) {}

  async preview(data: Buffer, fileName: string, sheet?: string): Promise<ImportPreview | { error: ImportIssue }> {
    const table = await readTable(data, fileName, sheet);
    if ("error" in table) return { error: fileIssue(table.error) };
    const mapping = suggestMapping(table.headers);
    const body = table.sheet.rows.slice(table.headerIndex + 1).filter((r) => r.some((c) => c.trim()));
    return {
      fileName,
      layout: detectLayout(table.headers),
      sheets: table.sheets,
      sheet: table.sheet.name,
      headerRow: table.headerIndex + 1,
      headers: table.headers,
      mapping,
      sample: body.slice(0, 5),
      rows: body.length,
      needsCountry: !Object.values(mapping).includes("country"),
    };
  }

  async run(data: Buffer, fileName: string, options: ImportOptions, actor: Actor): Promise<FacilityImportReport> {
    const report: FacilityImportReport = {
      fileName,
      layout: "custom",
      sheet: null,
      rowsRead: 0,
      rowsSkipped: 0,
      imported: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [],
      warnings: [],
      unmappedLabels: [],
      refused: false,
      dryRun: options.dryRun,
      duplicates: [],
      decisionRequired: null,
      duplicatesDecision: null,
    };
    const table = await readTable(data, fileName, options.sheet);
    if ("error" in table) return { ...report, errors: [fileIssue(table.error)], refused: true };
    report.layout = detectLayout(table.headers);
    report.sheet = table.sheet.name;
    const mapping = options.mapping ?? suggestMapping(table.headers);
    const mapped = new Set(Object.values(mapping));
    if (!mapped.has("name_en") && !mapped.has("name_ru") && !mapped.has("name_original")) {
      return { ...report, errors: [fileIssue("no_name_column")], refused: true };
    }

    const parsed = this.parseRows(table, mapping, options, report);
    this.collectUnmapped(parsed, report);
    if (report.errors.length) return { ...report, refused: true };
    // Repeats never refuse the file; they wait for one decision for all of them, and nothing is written until then.
    const undecided = report.duplicates.length > 0 && !options.duplicates;
    if (undecided) report.decisionRequired = "duplicates";
    else if (report.duplicates.length) report.duplicatesDecision = options.duplicates ?? null;
    const { creates, updates, unchanged } = await this.plan(parsed, options);
    if (!options.dryRun && !undecided) await this.write(creates, updates, fileName, actor);
    if (undecided) report.dryRun = true;
    report.created = creates.length;
    report.updated = updates.length;
    report.unchanged = unchanged;
    report.imported = creates.length + updates.length;
    return report;
  }

  private parseRows(table: Table, mapping: ColumnMapping, options: ImportOptions, report: FacilityImportReport) {
    const parsed: ParsedRow[] = [];
    const seen = new Map<string, ParsedRow>();
    const rows = table.sheet.rows;
    for (let i = table.headerIndex + 1; i < rows.length; i++) {
      const cells = rows[i] ?? [];
      if (!cells.some((c) => c.trim())) {
        report.rowsSkipped++;
        continue;
      }
      report.rowsRead++;
      const rowNumber = i + 1;
      const { parsed: row, errors } = parseRow({
        row: rowNumber,
        cells: cellsOf(table.headers, cells, mapping),
        defaultCountry: options.country,
        defaultSharing: options.sharing,
      });
      report.errors.push(...errors);
      if (!row) continue;
      if (options.editable && !options.editable.includes(row.values.country)) {
        report.errors.push(issue(rowNumber, null, row.values.country, "country_not_in_scope"));
        continue;
      }
      const key = matchKey(row.values);
      const first = seen.get(key);
      if (first) {
        const name = row.values.name.en ?? row.values.name.ru ?? row.values.name_original ?? "";
        report.duplicates.push({ row: rowNumber, firstRow: first.row, name });
        report.warnings.push(issue(rowNumber, null, name, "duplicate_in_file"));
        if (options.duplicates === "merge") mergeInto(first, row);
        else if (options.duplicates === "keep_both") parsed.push(row);
        continue;
      }
      seen.set(key, row);
      parsed.push(row);
    }
    return parsed;
  }

  private collectUnmapped(parsed: ParsedRow[], report: FacilityImportReport) {
    const byLabel = new Map<string, { label: string; rows: number; firstRow: number }>();
    for (const row of parsed) {
      for (const u of row.unmapped) {
        const known = byLabel.get(u.label.toLowerCase());
        if (known) known.rows++;
        else {
          byLabel.set(u.label.toLowerCase(), { label: u.label, rows: 1, firstRow: row.row });
          report.warnings.push(issue(row.row, u.column, u.label, "unmapped_label"));
        }
      }
    }
    report.unmappedLabels = [...byLabel.values()].sort((a, b) => b.rows - a.rows || a.label.localeCompare(b.label));
  }

  /** Matches rows to existing facilities of the same countries; what the file states is what changes. */
  private async plan(parsed: ParsedRow[], options: ImportOptions) {
    const countries = [...new Set(parsed.map((p) => p.values.country))];
    const existing = await this.facilities.repo.listForMatching(countries);
    const byKey = new Map(existing.map((r) => [matchKey(r), r]));
    const creates: FacilityValues[] = [];
    const updates: { before: FacilityRow; values: Partial<FacilityValues> }[] = [];
    let unchanged = 0;
    const matched = new Set<string>();
    for (const p of parsed) {
      // A repeat kept as a second facility never updates the record its first row already matched.
      const candidate = byKey.get(matchKey(p.values));
      const before = candidate && !matched.has(candidate.id) ? candidate : undefined;
      if (before) matched.add(before.id);
      if (!before) {
        creates.push({ ...p.values, created_by: options.userId });
        continue;
      }
      // An import refreshes what the file states and keeps what it does not (e.g. a hand-entered phone).
      const { created_by: _c, source: _s, ...rest } = p.values;
      const stated = Object.fromEntries(
        Object.entries(rest).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)),
      ) as Partial<FacilityValues>;
      const changes = diffSnapshots(before as unknown as Record<string, unknown>, { ...before, ...stated });
      if (Object.keys(changes).length === 0) unchanged++;
      else updates.push({ before, values: stated });
    }
    return { creates, updates, unchanged };
  }

  private async write(
    creates: FacilityValues[],
    updates: { before: FacilityRow; values: Partial<FacilityValues> }[],
    fileName: string,
    actor: Actor,
  ) {
    const source = `import:${fileName}`.slice(0, 300);
    const written = await this.db.transaction().execute(async (trx) => {
      const created = await this.facilities.insertMany(
        trx,
        creates.map((values) => ({ ...values, source })),
        actor,
      );
      const updated = [];
      for (const { before, values } of updates) {
        updated.push(
          await this.facilities.updateRecord(trx, before, before.version, { ...values, source }, actor, {
            audit: false,
          }),
        );
      }
      // One audit entry for the file, naming every record it created or changed.
      await this.facilities.auditImport(trx, actor, {
        fileName,
        created: created.map((r) => r.id),
        updated: updated.map((r) => r.id),
      });
      return this.facilities.indexImported(trx, [...created, ...updated], actor);
    });
    for (const row of written) await this.facilities.index(row);
  }
}
