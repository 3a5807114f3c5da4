import type { Kysely } from "kysely";
import type { DuplicateDecision, ImportIssue, ImportReport } from "../../../common/imports.js";
import {
  type ParticipantImportField,
  type ParticipantInput,
  ParticipantInputSchema,
} from "../../../common/trainings.js";
import type { DB } from "../../db/schema.js";
import type { Actor } from "../../platform/audit.js";
import {
  checkSheets,
  emptyImportResult,
  type ImportModule,
  moduleIssues,
  type ParsedRow,
  type RowCells,
  type RowContext,
} from "../../platform/imports/pipeline.js";
import { normalizeHeader, readTabular, TabularError } from "../../platform/tabular.js";

/**
 * A training's participant list (CSV or XLSX) → participant rows, all or nothing, with every problem
 * reported by spreadsheet row and column in English and Russian. Headers in English or Russian.
 */

type Column = keyof typeof HEADERS;

const HEADERS = {
  fullName: ["full_name", "name", "name (latin)", "full name", "фио латиницей", "фио (латиница)"],
  fullNameNative: ["full_name_native", "native name", "name (native)", "фио", "фио (кириллица)"],
  dateOfBirth: ["date_of_birth", "date of birth", "dob", "дата рождения"],
  sex: ["sex", "gender", "пол"],
  country: ["country", "страна"],
  agency: ["agency", "ведомство", "организация"],
  unit: ["unit", "подразделение"],
  position: ["position", "rank", "rank or position", "должность", "звание"],
  contact: ["contact", "e-mail", "email", "контакты"],
  attended: ["attended", "attendance", "присутствовал", "посещение"],
  completed: ["completed", "completion", "завершил", "завершение"],
  preScore: ["pre_score", "pre-test", "pre test", "входной тест"],
  postScore: ["post_score", "post-test", "post test", "итоговый тест"],
} as const satisfies Record<ParticipantImportField, readonly string[]>;

const MESSAGES: Record<string, { en: string; ru: string }> = {
  unknown_layout: {
    en: "No header row found: expected columns such as full_name, date_of_birth, country (or map the file's columns)",
    ru: "Не найдена строка заголовков: ожидаются столбцы full_name, date_of_birth, country и т. п. (или сопоставьте столбцы файла)",
  },
  name_required: { en: "A name (Latin or native) is required", ru: "Нужно имя (латиницей или в оригинале)" },
  invalid_date: {
    en: "Date of birth must be YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY",
    ru: "Дата рождения: ГГГГ-ММ-ДД, ДД.ММ.ГГГГ, ГГГГ-ММ или ГГГГ",
  },
  implausible_date: { en: "Date of birth is implausible", ru: "Неправдоподобная дата рождения" },
  invalid_sex: { en: "Sex must be F or M", ru: "Пол: F/M или Ж/М" },
  invalid_country: { en: "Country must be an ISO 3166 alpha-3 code", ru: "Страна — код ISO 3166 alpha-3" },
  invalid_boolean: { en: "Expected yes or no", ru: "Ожидается «да» или «нет»" },
  invalid_score: { en: "Score must be a number from 0 to 100", ru: "Балл — число от 0 до 100" },
  too_long: { en: "The value is too long", ru: "Слишком длинное значение" },
  unreadable_file: { en: "The file cannot be read", ru: "Файл не читается" },
  empty: { en: "The list has no participants", ru: "В списке нет участников" },
  duplicate_in_file: {
    en: "Repeats a participant of an earlier row (same name, date of birth and country): merge the repeats or keep both.",
    ru: "Повторяет участника из строки выше (то же имя, дата рождения и страна): объедините повторы или сохраните оба.",
  },
};

const YES = new Set(["yes", "y", "true", "1", "да", "д", "x", "+"]);
const NO = new Set(["no", "n", "false", "0", "нет", "н", "-", ""]);

export function parseDateOfBirth(value: string): string | null | "invalid" | "implausible" {
  const v = value.trim();
  if (!v) return null;
  let y: number;
  let m: number | null = null;
  let d: number | null = null;
  const iso = v.match(/^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/);
  const dotted = v.match(/^(\d{1,2})[./](\d{1,2})[./](\d{4})$/);
  if (iso) [y, m, d] = [Number(iso[1]), iso[2] ? Number(iso[2]) : null, iso[3] ? Number(iso[3]) : null];
  else if (dotted) [y, m, d] = [Number(dotted[3]), Number(dotted[2]), Number(dotted[1])];
  else return "invalid";
  if (m !== null && (m < 1 || m > 12)) return "invalid";
  if (d !== null && m !== null) {
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCDate() !== d) return "invalid";
  }
  const year = new Date().getUTCFullYear();
  if (y < year - 90 || y > year - 16) return "implausible";
  const pad = (n: number) => String(n).padStart(2, "0");
  return [String(y), m !== null ? pad(m) : null, d !== null ? pad(d) : null].filter(Boolean).join("-");
}

function parseSex(v: string): "F" | "M" | null | "invalid" {
  const s = v.trim().toLowerCase();
  if (!s) return null;
  if (["f", "ж", "female", "жен", "женский"].includes(s)) return "F";
  if (["m", "м", "male", "муж", "мужской"].includes(s)) return "M";
  return "invalid";
}

export interface ParsedList {
  report: ImportReport;
  /** The rows to write: empty when the file is refused or its repeats wait for a decision. */
  rows: ParticipantInput[];
  /** Rows that repeat a participant of an earlier row of the same list. */
  duplicates: { row: number; firstRow: number; name: string }[];
  /** "duplicates" while the list has repeats and no decision was given: nothing may be written. */
  decisionRequired: "duplicates" | null;
  duplicatesDecision: DuplicateDecision | null;
}

/** A participant's identity within one list: the name (either script), date of birth and country, normalised. */
function repeatKey(p: ParticipantInput): string {
  const name = normalizeHeader(p.fullName ?? "") || normalizeHeader(p.fullNameNative ?? "");
  return `${name}\u0000${p.dateOfBirth ?? ""}\u0000${p.country ?? ""}`;
}

/** A repeat merged into the first row: the first row's filled cells stay, the repeat's complete the empty ones. */
function mergeInto(first: ParticipantInput, repeat: ParticipantInput) {
  const target = first as Record<string, unknown>;
  for (const [key, value] of Object.entries(repeat)) {
    if (value === null || value === undefined) continue;
    if (key === "attended" || key === "completed") target[key] = target[key] === true || value === true;
    else if (target[key] === null || target[key] === undefined) target[key] = value;
  }
}

export const issue = moduleIssues(MESSAGES);

/** The row schema of a participant: the list's cells → a participant, or its problems by row and column. */
function parseRow(
  cells: RowCells<Column>,
  ctx: RowContext<unknown>,
): { value: ParticipantInput | null; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const rowNumber = ctx.row;
  const get = (c: Column) => cells.get(c)?.value ?? "";
  const header = (c: Column) => ctx.columnOf(c);
  const fail = (c: Column, code: string) => errors.push(issue(rowNumber, header(c), get(c), code));
  const dob = parseDateOfBirth(get("dateOfBirth"));
  if (dob === "invalid" || dob === "implausible") fail("dateOfBirth", `${dob}_date`);
  const sex = parseSex(get("sex"));
  if (sex === "invalid") fail("sex", "invalid_sex");
  const country = get("country").toUpperCase();
  if (country && !/^[A-Z]{3}$/.test(country)) fail("country", "invalid_country");
  const flag = (c: Column, fallback: boolean) => {
    const v = get(c).toLowerCase();
    if (v === "") return fallback;
    if (YES.has(v)) return true;
    if (NO.has(v)) return false;
    fail(c, "invalid_boolean");
    return fallback;
  };
  // Scores are read with the decimal separator decided once for the whole list (`12,5` in a Russian file).
  const scoreOf = (c: Column) => {
    const v = get(c);
    if (!v) return null;
    const n = ctx.number(c, v);
    if (n === null || n < 0 || n > 100) fail(c, "invalid_score");
    return n;
  };
  if (!get("fullName") && !get("fullNameNative")) {
    errors.push(issue(rowNumber, header("fullName") ?? header("fullNameNative"), null, "name_required"));
  }
  const text = (c: Column) => get(c) || null;
  const candidate = {
    fullName: text("fullName"),
    fullNameNative: text("fullNameNative"),
    dateOfBirth: typeof dob === "string" && dob !== "invalid" && dob !== "implausible" ? dob : null,
    sex: sex === "invalid" ? null : sex,
    country: country || null,
    agency: text("agency"),
    unit: text("unit"),
    position: text("position"),
    contact: text("contact"),
    attended: flag("attended", true),
    completed: flag("completed", false),
    preScore: scoreOf("preScore"),
    postScore: scoreOf("postScore"),
  };
  if (errors.length) return { value: null, errors };
  const parsed = ParticipantInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const e of parsed.error.issues) {
      const c = String(e.path[0] ?? "fullName") as Column;
      fail(c, e.code === "too_big" ? "too_long" : "name_required");
    }
    return { value: null, errors };
  }
  return { value: parsed.data, errors };
}

/** What a list writes: its participants, and its repeats with the decision taken for them (for the audit). */
export interface ParticipantPlan {
  rows: ParsedRow<ParticipantInput>[];
  repeats: number;
  decision: DuplicateDecision | null;
}

/** Writes the list's participants; returns the linkage job queued with them. */
type Writer = (
  trx: Kysely<DB>,
  plan: ParticipantPlan,
  options: ParticipantImportOptions,
  actor: Actor,
  file: { fileName: string; fileId: string | null },
) => Promise<string | null>;

/** What a participant-list import needs besides the file: the training, and whose upload it is. */
export interface ParticipantImportOptions {
  trainingId: string;
  userId: string | null;
}

/**
 * A training's participant list through the platform's import pipeline: the module brings its columns (English and
 * Russian headers), its row schema, its repeat rule (same name, date of birth and country: one decision for all,
 * never a refusal) and its write.
 */
export function participantImport(
  write: Writer,
): ImportModule<Column, ParticipantInput, ParticipantImportOptions, ParticipantPlan, { linkageJobId: string | null }> {
  return {
    kind: "trainings.participants",
    layouts: [
      {
        name: "participant-list",
        columns: (Object.entries(HEADERS) as [Column, readonly string[]][]).map(([field, headers]) => ({
          field,
          headers,
          ...(field === "preScore" || field === "postScore" ? { number: true } : {}),
        })),
        minMatches: 2,
      },
    ],
    mappedLayout: "participant-list",
    messages: MESSAGES,
    parseRow,
    repeats: {
      mode: "decide",
      key: repeatKey,
      name: (p) => p.fullName ?? p.fullNameNative ?? "",
      merge: mergeInto,
    },
    plan: async (rows, _options, result) => ({
      rows,
      repeats: result.duplicates.length,
      decision: result.duplicatesDecision,
    }),
    write,
    describe: (_plan, written) => ({ linkageJobId: (written?.value as string | null | undefined) ?? null }),
  };
}

/**
 * Reads a participant list; `report.refused` when any row is wrong (then `rows` must not be written). A participant
 * listed twice (same name, date of birth and country) is a warning, not an error: the repeats wait for one decision
 * for all of them (`duplicates`: merge each into its first row, or keep both), and `rows` is empty until it is given.
 */
export async function parseParticipantList(
  data: Buffer,
  fileName: string,
  options: { duplicates?: DuplicateDecision | undefined } = {},
): Promise<ParsedList> {
  const module = participantImport(async () => null);
  let sheets: Awaited<ReturnType<typeof readTabular>>;
  try {
    sheets = await readTabular(data, fileName);
  } catch (error) {
    const code = error instanceof TabularError ? error.code : "unreadable_file";
    const { report } = emptyImportResult(fileName, "participant-list");
    report.errors.push({ ...issue(0, null, null, "unreadable_file"), code });
    return { report, rows: [], duplicates: [], decisionRequired: null, duplicatesDecision: null };
  }
  const request = { dryRun: true, duplicates: options.duplicates };
  const { result, rows } = checkSheets(module, sheets, fileName, request, { trainingId: "", userId: null });
  const report = { ...result.report, layout: "participant-list" };
  const write = !report.refused && !result.decisionRequired;
  return {
    report,
    rows: write ? rows.map((r) => r.value) : [],
    duplicates: result.duplicates,
    decisionRequired: report.refused ? null : result.decisionRequired,
    duplicatesDecision: report.refused ? null : result.duplicatesDecision,
  };
}
