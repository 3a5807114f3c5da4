import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { ImportIssue, ImportReport } from "../../../common/imports.js";
import {
  type ColumnMapping,
  IMPORT_FIELDS,
  type ImportField,
  REQUIRED_IMPORT_FIELDS,
  type SeizureImportResult,
  type SeizureInputParsed,
} from "../../../common/seizures.js";
import type { DB } from "../../db/schema.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import {
  findHeaderRow,
  normalizeHeader,
  readTabular,
  TabularError,
  type TabularSheet,
} from "../../platform/tabular.js";
import { toColumns } from "./seizures.columns.js";
import {
  IDS_COLUMNS,
  IDS_COUNTRY_NAME,
  isBlank,
  lookup,
  makeIssue,
  parseArrests,
  parseCountry,
  parseCountryList,
  parseDate,
  parseNumber,
  TEMPLATE_HEADERS,
} from "./seizures.import-parse.js";
import type { SeizuresRepository } from "./seizures.repository.js";
import { checkSeizure } from "./seizures.rules.js";

export interface ImportOptions {
  fileName: string;
  dryRun: boolean;
  mapping?: ColumnMapping | undefined;
  sharing: SeizureInputParsed["sharing"];
  confirmWarnings: boolean;
  demo?: boolean;
  /** Who imports: the records' creator and owning partner; countries they may enter (null: all). */
  userId: string | null;
  partnerCode: string | null;
  countries: readonly string[] | null;
  progress?: (done: number, total: number, message: string) => Promise<void> | void;
}

/** Rows per INSERT … SELECT FROM json_populate_recordset: one statement, one JSON parameter. */
const INSERT_CHUNK = 5000;
/** More issues than this are cut from the report (the count says how many there were). */
const MAX_ISSUES = 1000;

type FieldIndex = Partial<Record<ImportField, number>>;

interface Layout {
  name: string;
  sheet: TabularSheet;
  headerRow: number;
  index: FieldIndex;
  countryNameCol: number;
  mapping: Record<string, string>;
}

function detect(sheets: TabularSheet[], mapping: ColumnMapping | undefined): Layout | { headers: string[] } {
  for (const sheet of sheets) {
    const find = (headers: string[]) => (h: string) =>
      headers.findIndex((c) => normalizeHeader(c) === normalizeHeader(h));
    if (mapping && Object.keys(mapping).length) {
      const wanted = Object.values(mapping).filter(Boolean);
      const headerRow = findHeaderRow(sheet.rows, wanted, Math.min(wanted.length, 3));
      if (headerRow < 0) continue;
      const headers = sheet.rows[headerRow] ?? [];
      const index: FieldIndex = {};
      for (const [field, header] of Object.entries(mapping)) {
        const i = find(headers)(header);
        if (i >= 0) index[field as ImportField] = i;
      }
      return { name: "mapped", sheet, headerRow, index, countryNameCol: -1, mapping: { ...mapping } };
    }
    const ids = findHeaderRow(sheet.rows, Object.keys(IDS_COLUMNS), 6);
    if (ids >= 0) {
      const headers = sheet.rows[ids] ?? [];
      const index: FieldIndex = {};
      const used: Record<string, string> = {};
      for (const [header, field] of Object.entries(IDS_COLUMNS)) {
        const i = find(headers)(header);
        if (field && i >= 0) {
          index[field] = i;
          used[field] = headers[i] ?? header;
        }
      }
      return {
        name: "unodc-ids",
        sheet,
        headerRow: ids,
        index,
        countryNameCol: find(headers)(IDS_COUNTRY_NAME),
        mapping: used,
      };
    }
    const template = findHeaderRow(sheet.rows, Object.values(TEMPLATE_HEADERS), 4);
    if (template >= 0) {
      const headers = sheet.rows[template] ?? [];
      const index: FieldIndex = {};
      const used: Record<string, string> = {};
      for (const field of IMPORT_FIELDS) {
        const i = find(headers)(TEMPLATE_HEADERS[field]);
        if (i >= 0) {
          index[field] = i;
          used[field] = headers[i] ?? field;
        }
      }
      return { name: "template", sheet, headerRow: template, index, countryNameCol: -1, mapping: used };
    }
  }
  const first = sheets[0]?.rows.find((r) => r.filter((c) => c.trim()).length >= 2) ?? [];
  return { headers: first.filter((c) => c.trim()) };
}

type Parsed = { input: SeizureInputParsed | null; errors: ImportIssue[]; warnings: ImportIssue[]; skip: boolean };

function parseRow(cells: string[], layout: Layout, rowNumber: number, options: ImportOptions): Parsed {
  const headers = layout.sheet.rows[layout.headerRow] ?? [];
  const errors: ImportIssue[] = [];
  const cell = (f: ImportField) => {
    const i = layout.index[f];
    return i === undefined ? undefined : cells[i];
  };
  const col = (f: ImportField) => {
    const i = layout.index[f];
    return i === undefined ? f : (headers[i] ?? f);
  };
  if (isBlank(cell("drug")) && isBlank(cell("quantity")) && isBlank(cell("country")) && layout.countryNameCol < 0) {
    return { input: null, errors, warnings: [], skip: true };
  }
  if (
    isBlank(cell("drug")) &&
    isBlank(cell("quantity")) &&
    isBlank(cell("country")) &&
    isBlank(cells[layout.countryNameCol])
  ) {
    return { input: null, errors, warnings: [], skip: true };
  }
  const fail = (f: ImportField, code: string) => errors.push(makeIssue(rowNumber, col(f), cell(f) ?? null, code));
  const text = (f: ImportField) => (isBlank(cell(f)) ? null : (cell(f) as string).trim());
  const pick = <T>(f: ImportField, parse: (t: string) => T | null): T | null => {
    const t = text(f);
    if (t === null) return null;
    const v = parse(t);
    if (v === null) fail(f, f === "drug" ? "unknown_drug" : f === "unit" ? "unknown_unit" : "unknown_value");
    return v;
  };
  for (const f of REQUIRED_IMPORT_FIELDS) {
    if (f === "country" && layout.countryNameCol >= 0 && !isBlank(cells[layout.countryNameCol])) continue;
    if (text(f) === null) fail(f, "required");
  }
  const date = text("seizureDate") !== null ? parseDate(text("seizureDate") as string) : null;
  if (text("seizureDate") !== null && !date) fail("seizureDate", "invalid_date");
  let country = text("country") !== null ? parseCountry(text("country") as string) : null;
  if (text("country") !== null && !country) fail("country", "unknown_country");
  if (!country && text("country") === null && layout.countryNameCol >= 0) {
    const name = cells[layout.countryNameCol] ?? "";
    country = isBlank(name) ? null : parseCountry(name);
    if (!country && !isBlank(name))
      errors.push(makeIssue(rowNumber, headers[layout.countryNameCol] ?? null, name, "unknown_country"));
  }
  const drug = pick("drug", lookup.drug);
  const unit = pick("unit", lookup.unit);
  let quantity: number | null = null;
  if (text("quantity") !== null) {
    quantity = parseNumber(text("quantity") as string);
    if (quantity === null) fail("quantity", "invalid_number");
    else if (quantity <= 0) fail("quantity", "not_positive");
  }
  const num = (f: ImportField, min: number, max: number) => {
    const t = text(f);
    if (t === null) return null;
    const v = parseNumber(t);
    if (v === null) fail(f, "invalid_number");
    else if (v < min || v > max) fail(f, "out_of_range");
    return v;
  };
  const latitude = num("latitude", -90, 90);
  const longitude = num("longitude", -180, 180);
  const purity = num("purity", 0, 100);
  const list = (f: ImportField) => {
    const t = text(f);
    if (t === null) return [];
    const v = parseCountryList(t);
    if (!v) fail(f, "invalid_list");
    return v ?? [];
  };
  const arrestsText = text("arrests");
  const arrests = arrestsText ? parseArrests(arrestsText) : [];
  if (arrestsText && !arrests) fail("arrests", "invalid_arrests");
  const departure = text("departureCountry");
  const departureCountry = departure ? parseCountry(departure) : null;
  if (departure && !departureCountry) fail("departureCountry", "unknown_country");
  const input: SeizureInputParsed = {
    seizureDate: date?.date ?? "1900-01-01",
    datePrecision: (pick("datePrecision", lookup.datePrecision) ??
      date?.precision ??
      "day") as SeizureInputParsed["datePrecision"],
    country: country ?? "XXX",
    adminRegion: text("adminRegion"),
    place: text("place"),
    latitude,
    longitude,
    coordPrecision: pick("coordPrecision", lookup.coordPrecision) as SeizureInputParsed["coordPrecision"],
    drug: drug ?? "other",
    quantity: (quantity ?? 1) * (unit?.factor ?? 1),
    unit: unit?.unit ?? "kg",
    purity,
    agency: text("agency"),
    placeType: pick("placeType", lookup.placeType) as SeizureInputParsed["placeType"],
    transportMode: pick("transportMode", lookup.transportMode) as SeizureInputParsed["transportMode"],
    conveyance: text("conveyance"),
    concealment: text("concealment"),
    originCountries: list("originCountries"),
    departureCountry,
    transitCountries: list("transitCountries"),
    destinationCountries: list("destinationCountries"),
    route: pick("route", lookup.route) as SeizureInputParsed["route"],
    arrests: arrests ?? [],
    sourceType: (pick("sourceType", lookup.sourceType) ??
      (layout.name === "unodc-ids" ? "official" : "official")) as SeizureInputParsed["sourceType"],
    sourceReference:
      text("sourceReference") ?? (layout.name === "unodc-ids" ? `IDS: ${options.fileName}` : options.fileName),
    sharing: (pick("sharing", lookup.sharing) ?? options.sharing) as SeizureInputParsed["sharing"],
    confirmWarnings: [],
  };
  if (errors.length) return { input: null, errors, warnings: [], skip: false };
  if (options.countries && !options.countries.includes(input.country)) {
    errors.push(
      makeIssue(rowNumber, col("country"), cell("country") ?? input.country, "country_not_in_scope", {
        en: "You may not enter seizures for this country.",
        ru: "Вы не можете вносить изъятия по этой стране.",
      }),
    );
  }
  const checked = checkSeizure(input);
  const fieldOf = (f: string) => ((IMPORT_FIELDS as readonly string[]).includes(f) ? (f as ImportField) : "quantity");
  for (const e of checked.errors)
    errors.push(makeIssue(rowNumber, col(fieldOf(e.field)), cell(fieldOf(e.field)) ?? null, e.code, e.message));
  const warnings = checked.warnings.map((w) =>
    makeIssue(rowNumber, col(fieldOf(w.field)), cell(fieldOf(w.field)) ?? null, w.code, w.message),
  );
  if (!errors.length && warnings.length && options.confirmWarnings)
    input.confirmWarnings = checked.warnings.map((w) => w.code);
  return { input: errors.length ? null : input, errors, warnings, skip: false };
}

/**
 * A seizure file in, a report out: all or nothing. A dry run (and any file with errors) writes nothing; an import
 * writes the batch, its records (status "entered") and the possible duplicates it reveals, in one transaction.
 */
export async function importSeizures(
  db: Kysely<DB>,
  repo: SeizuresRepository,
  audit: AuditService,
  actor: Actor,
  data: Buffer,
  options: ImportOptions,
): Promise<SeizureImportResult> {
  const report: ImportReport = {
    fileName: options.fileName,
    layout: "unknown",
    sheet: null,
    rowsRead: 0,
    rowsSkipped: 0,
    imported: 0,
    errors: [],
    warnings: [],
    refused: true,
  };
  const result: SeizureImportResult = { report, headers: [], mapping: {}, batchId: null, duplicates: 0 };
  let sheets: TabularSheet[];
  try {
    sheets = await readTabular(data, options.fileName);
  } catch (err) {
    if (!(err instanceof TabularError)) throw err;
    report.errors.push(makeIssue(0, null, null, err.code, { en: err.message, ru: err.message }));
    return result;
  }
  const layout = detect(sheets, options.mapping);
  if ("headers" in layout) {
    result.headers = layout.headers;
    report.errors.push(makeIssue(1, null, null, "unknown_layout"));
    return result;
  }
  report.layout = layout.name;
  report.sheet = layout.sheet.name;
  result.headers = (layout.sheet.rows[layout.headerRow] ?? []).filter((h) => h.trim());
  result.mapping = layout.mapping;
  for (const f of REQUIRED_IMPORT_FIELDS) {
    if (layout.index[f] === undefined && !(f === "country" && layout.countryNameCol >= 0)) {
      report.errors.push(makeIssue(layout.headerRow + 1, TEMPLATE_HEADERS[f], null, "missing_column"));
    }
  }
  if (report.errors.length) return result;
  const inputs: SeizureInputParsed[] = [];
  const rows = layout.sheet.rows;
  const total = rows.length - layout.headerRow - 1;
  let errorCount = 0;
  for (let i = layout.headerRow + 1; i < rows.length; i++) {
    const parsed = parseRow(rows[i] ?? [], layout, i + 1, options);
    if (parsed.skip) {
      report.rowsSkipped += 1;
      continue;
    }
    report.rowsRead += 1;
    errorCount += parsed.errors.length;
    if (report.errors.length < MAX_ISSUES)
      report.errors.push(...parsed.errors.slice(0, MAX_ISSUES - report.errors.length));
    if (report.warnings.length < MAX_ISSUES)
      report.warnings.push(...parsed.warnings.slice(0, MAX_ISSUES - report.warnings.length));
    if (parsed.input) inputs.push(parsed.input);
    if (options.progress && i % 20000 === 0) await options.progress(i - layout.headerRow, total * 2, "checking");
  }
  if (report.rowsRead === 0) report.errors.push(makeIssue(layout.headerRow + 2, null, null, "empty"));
  if (!report.errors.length && report.warnings.length && !options.confirmWarnings && !options.dryRun) {
    report.errors.push(makeIssue(0, null, null, "warnings_not_confirmed"));
  }
  if (errorCount > report.errors.length) {
    report.errors.push(
      makeIssue(0, null, String(errorCount), "too_many_issues", {
        en: `${errorCount} problems in all; the first ${MAX_ISSUES} are listed.`,
        ru: `Всего проблем: ${errorCount}; показаны первые ${MAX_ISSUES}.`,
      }),
    );
  }
  if (report.errors.length) return result;
  report.refused = false;
  if (options.dryRun) return result;
  const written = await db.transaction().execute(async (trx) => {
    const batch = await repo.insertBatch(trx, {
      file_name: options.fileName,
      layout: layout.name,
      rows: inputs.length,
      created_by: options.userId,
      demo: options.demo ?? false,
    });
    const candidates: { a: string; b: string; score: number }[] = [];
    await insertRows(
      trx,
      inputs,
      { batchId: batch.id, userId: options.userId, partnerCode: options.partnerCode, demo: options.demo ?? false },
      async (done) => {
        // Not awaited: on PGlite (one connection) a progress write waits for this transaction to commit.
        void Promise.resolve(
          options.progress?.(total + Math.round((done / inputs.length) * total), total * 2, "writing"),
        ).catch(() => {});
      },
      async (json) => {
        candidates.push(...(await repo.candidatesForJson(trx, json)));
      },
    );
    const duplicates = await repo.insertCandidates(trx, candidates);
    await audit.record(
      actor,
      {
        action: "seizure.import",
        objectType: "seizure_import_batch",
        objectId: batch.id,
        details: { fileName: options.fileName, layout: layout.name, rows: inputs.length, duplicates },
      },
      trx,
    );
    return { batchId: batch.id, duplicates };
  });
  report.imported = inputs.length;
  result.batchId = written.batchId;
  result.duplicates = written.duplicates;
  return result;
}

const INSERT_COLUMNS = [
  "seizure_date",
  "date_precision",
  "year",
  "month",
  "country",
  "admin_region",
  "place",
  "latitude",
  "longitude",
  "coord_precision",
  "drug",
  "drug_group",
  "quantity",
  "unit",
  "mass_kg",
  "purity",
  "agency",
  "place_type",
  "transport_mode",
  "conveyance",
  "concealment",
  "origin_countries",
  "departure_country",
  "transit_countries",
  "destination_countries",
  "route",
  "arrests",
  "persons_arrested",
  "source_type",
  "source_reference",
  "sharing",
  "warnings_confirmed",
  "status",
  "created_by",
  "owner_partner",
  "import_batch_id",
  "demo",
] as const;

/** Bulk insert through json_populate_recordset: one statement and one parameter per chunk, same SQL on both backends. */
export async function insertRows(
  trx: Kysely<DB>,
  inputs: readonly SeizureInputParsed[],
  meta: {
    batchId: string | null;
    userId: string | null;
    partnerCode: string | null;
    demo: boolean;
    status?: "entered" | "published";
    publishedAt?: Date;
  },
  onChunk?: (done: number) => Promise<void>,
  /** Called with each chunk's JSON (ids included) before any row is written: duplicate detection looks here. */
  beforeWrite?: (json: string) => Promise<void>,
) {
  const cols = sql.join(["id", ...INSERT_COLUMNS].map((c) => sql.ref(c)));
  const ids = inputs.map(() => randomUUID());
  const chunkJson = (i: number) =>
    JSON.stringify(
      inputs.slice(i, i + INSERT_CHUNK).map((input, k) => ({
        id: ids[i + k],
        ...toColumns(input),
        origin_countries: input.originCountries,
        transit_countries: input.transitCountries,
        destination_countries: input.destinationCountries,
        arrests: input.arrests,
        warnings_confirmed: input.confirmWarnings,
        status: meta.status ?? "entered",
        created_by: meta.userId,
        owner_partner: meta.partnerCode,
        import_batch_id: meta.batchId,
        demo: meta.demo,
      })),
    );
  // First every chunk is compared with what is stored, then written: the file never searches itself.
  if (beforeWrite) for (let i = 0; i < inputs.length; i += INSERT_CHUNK) await beforeWrite(chunkJson(i));
  for (let i = 0; i < inputs.length; i += INSERT_CHUNK) {
    await sql`
      insert into seizures (${cols}${meta.publishedAt ? sql`, published_at` : sql``})
      select ${cols}${meta.publishedAt ? sql`, ${meta.publishedAt}::timestamptz` : sql``}
      from json_populate_recordset(null::seizures, ${chunkJson(i)}::json)`.execute(trx);
    await onChunk?.(Math.min(i + INSERT_CHUNK, inputs.length));
  }
}
