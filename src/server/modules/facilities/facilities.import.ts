import {
  type FacilityImportReport,
  type FacilityImportResult,
  type FacilitySharing,
  IMPORT_FIELDS,
  type ImportField,
  type ImportPreview,
} from "../../../common/facilities.js";
import type { ImportIssue, ImportResult } from "../../../common/imports.js";
import { type ImportLayout, type ImportModule, issueOf } from "../../platform/imports/pipeline.js";
import { diffSnapshots } from "../../platform/revisions.js";
import { findHeaderRow, readTabular, TabularError, type TabularSheet } from "../../platform/tabular.js";
import { ALIASES, ALL_ALIASES, detectLayout, suggestMapping } from "./facilities.columns.js";
import type { FacilityRow, FacilityValues } from "./facilities.repository.js";
import { FACILITY_VOCABULARIES, issue, MESSAGES, matchKey, type ParsedRow, parseRow } from "./facilities.rows.js";
import type { FacilitiesService } from "./facilities.service.js";

/** What a facility import needs besides the file and the pipeline's request: worked out from the importer's rights. */
export interface FacilityImportOptions {
  /** Country of rows that have none (a national treatment-locator list). */
  country?: string | undefined;
  /** Sharing of rows that do not say. */
  sharing: FacilitySharing;
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

/** A problem of the file as a whole (unreadable, no such sheet), in the pipeline's words. */
const fileIssue = (code: string): ImportIssue => issueOf(MESSAGES, 0, null, null, code);

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
}

/** Rows this far apart or closer, with the same name, town and country, are one facility written twice. */
export const REPEAT_DISTANCE_M = 100;

/** Great-circle distance in metres (haversine; plenty for 100 m). */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Whether two rows with the same name, town and country are the same facility: their coordinates within
 * `REPEAT_DISTANCE_M` when both give them (two branches of one name in a town, a street apart, stay two facilities);
 * the name and town alone when either has none.
 */
export function sameFacility(a: FacilityValues, b: FacilityValues): boolean {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) return true;
  return distanceM({ lat: a.latitude, lon: a.longitude }, { lat: b.latitude, lon: b.longitude }) <= REPEAT_DISTANCE_M;
}

/** What a facility file writes, worked out before anything is: records to create, records to update. */
export interface FacilityPlan {
  creates: FacilityValues[];
  updates: { before: FacilityRow; values: Partial<FacilityValues> }[];
  unchanged: number;
}

type Extras = Omit<FacilityImportResult, keyof ImportResult>;

const columnsOf = (fields: readonly ImportField[]) =>
  fields.map((field) => ({
    field,
    headers: ALIASES[field],
    ...(field === "capacity" || field === "patients_per_year" ? { number: true } : {}),
  }));
const ALL_COLUMNS = columnsOf(IMPORT_FIELDS);
const hasName = (fields: ReadonlySet<ImportField>) =>
  fields.has("name_en") || fields.has("name_ru") || fields.has("name_original");

/**
 * The layouts a facility list comes in: our template (its field keys as headers, with a country column), a
 * treatment-locator list (name, coordinates and a services column; a national list has no country column, the
 * request gives it), and any other table whose headers name at least two facility fields.
 */
const LAYOUTS: readonly ImportLayout<ImportField>[] = [
  {
    name: "template",
    columns: ALL_COLUMNS,
    accepts: (_fields, headers) => detectLayout([...headers]) === "template",
  },
  {
    name: "treatment-locator",
    columns: ALL_COLUMNS,
    accepts: (fields) =>
      hasName(fields) && ["latitude", "longitude", "services"].every((f) => fields.has(f as ImportField)),
  },
  { name: "custom", columns: ALL_COLUMNS, minMatches: 2 },
];

/**
 * Facility lists (CSV, XLSX, XLS, ODS) through the platform's import pipeline: the module brings its fields (English,
 * Russian and treatment-locator headers), its layouts, its row schema (with the reference's labels and the country
 * scope of the importer), its repeat rule (same name, town and country, coordinates within 100 m: one decision for
 * all, never a refusal) and its write, which matches rows to existing facilities (country, name, town) and updates
 * them with what the file states, creating the others, in the import's one transaction with one audit entry.
 */
export function facilityImport(
  facilities: FacilitiesService,
): ImportModule<ImportField, ParsedRow, FacilityImportOptions, FacilityPlan, Extras> {
  return {
    kind: "facilities",
    layouts: LAYOUTS,
    mappedLayout: "custom",
    messages: MESSAGES,
    vocabularies: FACILITY_VOCABULARIES,
    parseRow(cells, ctx) {
      const { parsed, errors } = parseRow({
        row: ctx.row,
        cells,
        defaultCountry: ctx.options.country,
        defaultSharing: ctx.options.sharing,
        mapValue: ctx.mapValue,
      });
      if (!parsed) return { value: null, errors };
      const editable = ctx.options.editable;
      if (editable && !editable.includes(parsed.values.country))
        return { value: null, errors: [issue(ctx.row, null, parsed.values.country, "country_not_in_scope")] };
      return { value: parsed, errors };
    },
    checkFile(mapping) {
      const fields = new Set(Object.keys(mapping) as ImportField[]);
      return hasName(fields) ? [] : [issue(0, null, null, "no_name_column")];
    },
    repeats: {
      mode: "decide",
      key: (r) => matchKey(r.values),
      same: (a, b) => sameFacility(a.values, b.values),
      name: (r) => r.values.name.en ?? r.values.name.ru ?? r.values.name_original ?? "",
      merge: mergeInto,
    },
    async plan(rows, options, _result) {
      const parsed = rows.map((r) => r.value);
      const countries = [...new Set(parsed.map((p) => p.values.country))];
      const existing = await facilities.repo.listForMatching(countries);
      const byKey = new Map(existing.map((r) => [matchKey(r), r]));
      const creates: FacilityValues[] = [];
      const updates: FacilityPlan["updates"] = [];
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
    },
    async write(trx, plan, _options, actor, file) {
      const source = `import:${file.fileName}`.slice(0, 300);
      const created = await facilities.insertMany(
        trx,
        plan.creates.map((values) => ({ ...values, source })),
        actor,
      );
      const updated = [];
      for (const { before, values } of plan.updates) {
        updated.push(
          await facilities.updateRecord(trx, before, before.version, { ...values, source }, actor, { audit: false }),
        );
      }
      // One audit entry for the file, naming every record it created or changed.
      await facilities.auditImport(trx, actor, {
        fileName: file.fileName,
        created: created.map((r) => r.id),
        updated: updated.map((r) => r.id),
      });
      return facilities.indexImported(trx, [...created, ...updated], actor);
    },
    describe: (plan, written) => ({
      created: plan?.creates.length ?? 0,
      updated: plan?.updates.length ?? 0,
      unchanged: plan?.unchanged ?? 0,
      dryRun: written === null,
    }),
    async afterCommit(_plan, written) {
      for (const row of written as FacilityRow[]) await facilities.index(row);
    },
  };
}

/**
 * The pipeline's result as `POST /facilities/import` has always answered (the report with the counts at its top
 * level; `imported` counts the records created and updated, the ones a dry run would write too).
 */
export function toFacilityReport(result: FacilityImportResult): FacilityImportReport {
  const refused = result.report.refused;
  return {
    ...result.report,
    imported: refused ? 0 : result.created + result.updated,
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    unmapped: result.unmapped,
    remembered: result.remembered,
    dryRun: result.dryRun,
    duplicates: result.duplicates,
    decisionRequired: refused ? null : result.decisionRequired,
    duplicatesDecision: refused ? null : result.duplicatesDecision,
  };
}

/** The columns of an uploaded file with a suggested mapping and the first rows (`POST /facilities/import/preview`). */
export async function previewFacilities(
  data: Buffer,
  fileName: string,
  sheet?: string,
): Promise<ImportPreview | { error: ImportIssue }> {
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
    needsCountry: !mapping.country,
  };
}
