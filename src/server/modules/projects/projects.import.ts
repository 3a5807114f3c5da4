import countries from "i18n-iso-countries";
import type { Kysely } from "kysely";
import type { ImportIssue } from "../../../common/imports.js";
import {
  PROJECT_IMPORT_FIELDS,
  PROJECT_STAGES,
  type ProjectImportField,
  ProjectInputSchema,
  type ProjectValueField,
  type Stage,
  THEMES,
  type Theme,
} from "../../../common/projects.js";
import type { DB } from "../../db/schema.js";
import { type Principal, principalFor } from "../../http/access-policy.js";
import { AppError } from "../../http/errors.js";
import type { Actor } from "../../platform/audit.js";
import type { ImportModule, RowCells, RowContext } from "../../platform/imports/pipeline.js";
import { moduleIssues } from "../../platform/imports/pipeline.js";
import { normalizeHeader, type TableColumn, writeCsv, writeXlsx } from "../../platform/tabular.js";
import { inferThemes } from "./projects.iati.js";
import { canEditProject } from "./projects.policy.js";
import type { Prepared, ProjectInputParsed, ProjectsService } from "./projects.service.js";

/**
 * Projects from CSV, XLSX, XLS or ODS through the platform's import pipeline: one project a row, with its title,
 * partner, donor and commitment (amount, currency, date), countries, pillars, themes, dates and status. Each row is
 * checked by the project schema itself (`ProjectInputSchema`) and by the projects service's own checks (partner,
 * dates, donors), and written by the service's own create or update path (revision and audit per project).
 */

export { PROJECT_IMPORT_FIELDS, type ProjectImportField };

/** The headers that name each field: the template's keys, its English and Russian labels, common synonyms. */
export const PROJECT_IMPORT_HEADERS: Record<ProjectImportField, { en: string; ru: string; synonyms: string[] }> = {
  iati_identifier: { en: "IATI identifier", ru: "Идентификатор IATI", synonyms: ["iati id", "iati-identifier"] },
  partner: { en: "Partner", ru: "Партнер", synonyms: ["partner code", "партнёр", "код партнера"] },
  title_en: { en: "Title (English)", ru: "Название (англ.)", synonyms: ["title", "project title"] },
  title_ru: { en: "Title (Russian)", ru: "Название (рус.)", synonyms: ["название", "название проекта"] },
  summary_en: { en: "Summary (English)", ru: "Описание (англ.)", synonyms: ["summary", "description"] },
  summary_ru: { en: "Summary (Russian)", ru: "Описание (рус.)", synonyms: ["описание"] },
  donor: { en: "Donor", ru: "Донор", synonyms: ["donor name", "funder"] },
  amount: { en: "Commitment", ru: "Обязательство", synonyms: ["amount", "budget", "сумма", "бюджет"] },
  currency: { en: "Currency", ru: "Валюта", synonyms: [] },
  commitment_date: { en: "Commitment date", ru: "Дата обязательства", synonyms: [] },
  countries: { en: "Countries", ru: "Страны", synonyms: ["country", "recipient countries", "страна"] },
  pillars: { en: "Pillars", ru: "Направления", synonyms: ["pillar", "направление"] },
  themes: { en: "Themes", ru: "Темы", synonyms: ["theme", "тема"] },
  dac: { en: "DAC codes", ru: "Коды DAC", synonyms: ["dac code", "dac sector"] },
  implementing: {
    en: "Implementing organizations",
    ru: "Исполнители",
    synonyms: ["implementing organisation", "implementer", "исполнитель"],
  },
  stage: { en: "Status", ru: "Статус", synonyms: ["stage", "этап"] },
  start: { en: "Start", ru: "Начало", synonyms: ["planned start", "start date", "дата начала"] },
  end: { en: "End", ru: "Окончание", synonyms: ["planned end", "end date", "дата окончания"] },
};

const STAGE_LABELS: Record<Stage, string[]> = {
  pipeline: ["1", "pipeline", "identification", "pipeline/identification", "планируется"],
  implementation: ["2", "implementation", "ongoing", "осуществляется", "реализуется", "реализация"],
  finalisation: ["3", "finalisation", "finalization", "completion", "завершается"],
  closed: ["4", "closed", "completed", "закрыт", "завершен"],
  cancelled: ["5", "cancelled", "canceled", "отменен"],
  suspended: ["6", "suspended", "приостановлен"],
};
const STAGES = new Map<string, Stage>();
for (const stage of PROJECT_STAGES)
  for (const label of [stage, ...STAGE_LABELS[stage]]) STAGES.set(normalizeHeader(label), stage);

/**
 * The project import's own issue codes; those every import shares (`unknown_country`, `too_long`, `invalid_value`, …)
 * are the platform's (`platform/import-messages.ts`).
 */
const MESSAGES: Record<string, { en: string; ru: string }> = {
  unknown_layout: {
    en: "No header row with the project columns (a title at least): map the file's columns and check again.",
    ru: "Нет строки заголовков со столбцами проекта (хотя бы название): сопоставьте столбцы файла и проверьте снова.",
  },
  no_title_column: {
    en: "No column is mapped to a project title (English or Russian).",
    ru: "Ни один столбец не сопоставлен с названием проекта (на английском или русском).",
  },
  title_required: { en: "The project needs a title.", ru: "У проекта должно быть название." },
  partner_required: {
    en: "No partner: add a partner column or choose the partner of the file.",
    ru: "Не указан партнер: добавьте столбец партнера или выберите партнера для файла.",
  },
  unknown_partner: { en: "Unknown partner code.", ru: "Неизвестный код партнера." },
  partner_not_allowed: {
    en: "You may not enter projects for this partner.",
    ru: "Вы не можете вносить проекты этого партнера.",
  },
  project_not_editable: {
    en: "A project with this IATI identifier belongs to a partner you cannot edit.",
    ru: "Проект с этим идентификатором IATI принадлежит партнеру, которого вы не можете редактировать.",
  },
  invalid_amount: {
    en: "Not an amount (a number ≥ 0 with at most 2 decimals).",
    ru: "Не сумма (число ≥ 0, не более 2 знаков после запятой).",
  },
  amount_without_currency: { en: "The amount needs its currency.", ru: "Для суммы нужна валюта." },
  donor_required: { en: "The commitment needs its donor.", ru: "Для обязательства нужен донор." },
  invalid_currency: {
    en: "Not a currency code (three letters, e.g. USD).",
    ru: "Не код валюты (три буквы, например USD).",
  },
  // Projects read day-first dates too, which the shared message does not say.
  invalid_date: {
    en: "Not a date (YYYY-MM-DD or DD.MM.YYYY).",
    ru: "Не дата (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ).",
  },
  end_before_start: { en: "The end is before the start.", ru: "Окончание раньше начала." },
  invalid_share: {
    en: "A country's share is a percentage after a colon (UZB:60).",
    ru: "Доля страны — процент после двоеточия (UZB:60).",
  },
  invalid_pillar: {
    en: "Pillars are numbers from 1 to 4, separated by ;",
    ru: "Направления — числа от 1 до 4 через ;",
  },
  invalid_theme: { en: "Unknown theme code.", ru: "Неизвестный код темы." },
  invalid_dac: { en: "A DAC code has five digits.", ru: "Код DAC состоит из пяти цифр." },
  invalid_stage: {
    en: "Unknown status (pipeline, implementation, finalisation, closed, cancelled, suspended).",
    ru: "Неизвестный статус (планируется, осуществляется, завершается, закрыт, отменен, приостановлен).",
  },
  duplicate_row: {
    en: "The same IATI identifier appears earlier in the file.",
    ru: "Тот же идентификатор IATI уже встречается выше в файле.",
  },
};

/** One row read: the project as the schema parsed it, and where each of its parts came from (for the plan's checks). */
export interface ProjectImportRow {
  ref: string;
  input: ProjectInputParsed;
  /** The header of each field's column in this file, for issues found when planning. */
  columns: Partial<Record<ProjectImportField, string>>;
  cells: Partial<Record<ProjectImportField, string>>;
}

/** What a project import needs besides the file: whose rights it runs with, and the file's partner if it has none. */
export interface ProjectImportOptions {
  /** The importer (rebuilt into a principal when the job runs; the job carries no session). */
  user: NonNullable<Principal["user"]>;
  /** Partner of the rows that name none (else the importer's own partner). */
  partnerCode?: string | undefined;
}

export interface ProjectImportPlan {
  items: { row: number; kind: "create" | "update"; id?: string; version?: number; prepared: Prepared }[];
}

const list = (v: string | undefined) =>
  (v ?? "")
    .split(/[;|\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** `YYYY-MM-DD`, or the day-first dates of a Russian spreadsheet (`31.12.2026`); null when not a calendar date. */
export function readDate(text: string): string | null {
  const v = text.trim();
  const iso = v.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/);
  const dotted = v.match(/^(\d{1,2})[./](\d{1,2})[./](\d{4})$/);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dotted ? [dotted[3], dotted[2], dotted[1]] : null;
  if (!parts) return null;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function countryCode(value: string): string | null {
  const v = value.trim();
  if (/^[A-Za-z]{3}$/.test(v) && countries.isValid(v.toUpperCase())) return v.toUpperCase();
  if (/^[A-Za-z]{2}$/.test(v)) return countries.alpha2ToAlpha3(v.toUpperCase()) ?? null;
  return countries.getAlpha3Code(v, "en") ?? countries.getAlpha3Code(v, "ru") ?? null;
}

/** The field of the template a path of the project schema (or of the service's checks) comes from. */
function fieldOfPath(path: string): ProjectImportField | null {
  const p = path.replace(/^body\./, "");
  if (p.startsWith("title")) return p.endsWith("ru") ? "title_ru" : "title_en";
  if (p.startsWith("summary")) return p.endsWith("ru") ? "summary_ru" : "summary_en";
  if (p.startsWith("fundings") || p.startsWith("transactions")) {
    if (p.endsWith("currency")) return "currency";
    if (p.endsWith("date")) return "commitment_date";
    if (p.endsWith("donorName") || p.endsWith("donorCode")) return "donor";
    return "amount";
  }
  const direct: Record<string, ProjectImportField> = {
    partnerCode: "partner",
    iatiIdentifier: "iati_identifier",
    plannedStart: "start",
    plannedEnd: "end",
    locations: "countries",
    pillars: "pillars",
    themes: "themes",
    dacCodes: "dac",
    organizations: "implementing",
    stage: "stage",
  };
  return direct[p.split(".")[0] ?? ""] ?? null;
}

const issue = moduleIssues(MESSAGES);

/**
 * The codes each value field may be mapped to: a country's ISO3 (remembered for every partner: "Киргизия" is KGZ in
 * any file), a pillar 1-4, a theme, a status. The other values are remembered per partner and layout.
 */
export const PROJECT_VOCABULARIES = {
  country: { isTarget: (code: string) => /^[A-Z]{3}$/.test(code) && countries.isValid(code), anySource: true },
  pillar: { isTarget: (code: string) => ["1", "2", "3", "4"].includes(code) },
  theme: { isTarget: (code: string) => (THEMES as readonly string[]).includes(code) },
  stage: { isTarget: (code: string) => (PROJECT_STAGES as readonly string[]).includes(code) },
} satisfies Record<ProjectValueField, { isTarget(code: string): boolean; anySource?: boolean }>;

function parseRow(
  cells: RowCells<ProjectImportField>,
  ctx: RowContext<ProjectImportOptions>,
): { value: ProjectImportRow | null; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const get = (f: ProjectImportField) => cells.get(f)?.value;
  const fail = (f: ProjectImportField, code: string, value = get(f) ?? null) =>
    errors.push(issue(ctx.row, ctx.columnOf(f), value, code));
  const partnerCode = (get("partner") ?? ctx.options.partnerCode ?? ctx.options.user.partnerCode ?? "").toUpperCase();
  // A value the vocabularies do not know waits for the value-mapping step (remembered per partner): not an error.
  let pending = false;
  const mapped = (field: ProjectValueField, column: ProjectImportField, value: string) => {
    const target = ctx.mapValue(field, value, { source: partnerCode || null, column: ctx.columnOf(column) });
    if (target === undefined) pending = true;
    return target ?? null;
  };

  const titleEn = get("title_en");
  const titleRu = get("title_ru");
  if (!titleEn && !titleRu)
    errors.push(issue(ctx.row, ctx.columnOf("title_en") ?? ctx.columnOf("title_ru"), null, "title_required"));

  const date = (f: ProjectImportField) => {
    const v = get(f);
    if (!v) return null;
    const d = readDate(v);
    if (!d) fail(f, "invalid_date");
    return d;
  };
  const plannedStart = date("start");
  const plannedEnd = date("end");
  const commitmentDate = date("commitment_date");

  // The commitment, read with the file's decimal separator (`1 250 000,50` in a Russian file).
  let amount: string | null = null;
  const amountText = get("amount");
  if (amountText) {
    const n = ctx.number("amount", amountText);
    if (n === null || !Number.isFinite(n) || n < 0 || Math.round(n * 100) / 100 !== n) fail("amount", "invalid_amount");
    else amount = n.toFixed(2).replace(/\.00$/, "");
  }
  const currency = get("currency")?.toUpperCase() ?? null;
  if (currency && !/^[A-Z]{3}$/.test(currency)) fail("currency", "invalid_currency");
  if (amountText && !currency) fail("currency", "amount_without_currency", null);
  if (amountText && !get("donor")) fail("donor", "donor_required", null);

  const locations: { code: string; kind: "country"; share: number | null }[] = [];
  for (const item of list(get("countries"))) {
    const [name, share] = item.split(":");
    const pct = share === undefined ? null : Number(share.replace(",", ".").replace("%", "").trim());
    if (pct !== null && !Number.isFinite(pct)) {
      fail("countries", "invalid_share", item);
      continue;
    }
    const code = countryCode(name ?? "") ?? mapped("country", "countries", (name ?? "").trim());
    if (code && !locations.some((l) => l.code === code)) locations.push({ code, kind: "country", share: pct });
  }
  const pillars: number[] = [];
  for (const p of list(get("pillars"))) {
    // A number that is no pillar is a bad value; a name ("Pillar III", "Прекурсоры") is mapped once.
    if (/^\d+$/.test(p) && !/^[1-4]$/.test(p)) fail("pillars", "invalid_pillar", p);
    const n = /^\d+$/.test(p) ? Number(p) : Number(mapped("pillar", "pillars", p) ?? Number.NaN);
    if (n >= 1 && n <= 4 && !pillars.includes(n)) pillars.push(n);
  }
  const themes: Theme[] = [];
  for (const t of list(get("themes"))) {
    const code = normalizeHeader(t).replace(/\s+/g, "_");
    const theme =
      THEMES.find((x) => normalizeHeader(x) === normalizeHeader(t) || x === code) ??
      (mapped("theme", "themes", t) as Theme | null);
    if (theme && !themes.includes(theme)) themes.push(theme);
  }
  const dacCodes = list(get("dac"));
  for (const d of dacCodes) if (!/^\d{5}$/.test(d)) fail("dac", "invalid_dac", d);
  let stage: Stage = "implementation";
  const stageText = get("stage");
  if (stageText)
    stage = STAGES.get(normalizeHeader(stageText)) ?? (mapped("stage", "stage", stageText) as Stage) ?? stage;
  if (plannedStart && plannedEnd && plannedEnd < plannedStart) fail("end", "end_before_start");
  if (!partnerCode) errors.push(issue(ctx.row, ctx.columnOf("partner"), null, "partner_required"));
  if (errors.length || pending) return { value: null, errors };

  const text = [titleEn, titleRu, get("summary_en"), get("summary_ru")].filter(Boolean).join(" ");
  const candidate = {
    partnerCode,
    title: { ...(titleEn ? { en: titleEn } : {}), ...(titleRu ? { ru: titleRu } : {}) },
    ...(get("summary_en") || get("summary_ru")
      ? {
          summary: {
            ...(get("summary_en") ? { en: get("summary_en") } : {}),
            ...(get("summary_ru") ? { ru: get("summary_ru") } : {}),
          },
        }
      : {}),
    iatiIdentifier: get("iati_identifier") ?? null,
    stage,
    plannedStart,
    plannedEnd,
    themes: themes.length ? themes : inferThemes(text),
    pillars,
    dacCodes,
    fundings:
      amount !== null
        ? [{ donorName: get("donor") as string, amount, currency: currency as string, date: commitmentDate }]
        : [],
    locations,
    organizations: list(get("implementing")).map((name) => ({ role: "implementing" as const, name })),
  };
  // The project's own schema decides what a project may hold (lengths, codes, counts).
  const parsed = ProjectInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const e of parsed.error.issues) {
      const field = fieldOfPath(e.path.join("."));
      const code = e.code === "too_big" ? "too_long" : "invalid_value";
      errors.push(issue(ctx.row, field ? ctx.columnOf(field) : null, field ? (get(field) ?? null) : null, code));
    }
    return { value: null, errors };
  }
  const columns: ProjectImportRow["columns"] = {};
  const values: ProjectImportRow["cells"] = {};
  for (const [field, cell] of cells) {
    columns[field] = cell.column;
    values[field] = cell.value;
  }
  return {
    value: { ref: parsed.data.iatiIdentifier ?? `row:${ctx.row}`, input: parsed.data, columns, cells: values },
    errors,
  };
}

/** The service's field errors on one row, as the report names them: row, column, value. */
function issuesOf(error: unknown, row: number, r: ProjectImportRow): ImportIssue[] {
  if (!(error instanceof AppError)) throw error;
  if (error.code === "forbidden")
    return [issue(row, r.columns.partner ?? null, r.input.partnerCode ?? null, "partner_not_allowed")];
  if (error.code !== "validation_failed" || !error.fieldErrors?.length) throw error;
  return error.fieldErrors.map((f) => {
    const field = fieldOfPath(f.path);
    const column = field ? (r.columns[field] ?? null) : null;
    const value = field ? (r.cells[field] ?? (field === "partner" ? (r.input.partnerCode ?? null) : null)) : null;
    const known = MESSAGES[f.code];
    const shared = issue(row, column, value, known || !f.messages ? f.code : "invalid_value");
    return { ...shared, code: f.code, message: known ?? f.messages ?? shared.message };
  });
}

/** The project import: a module of the platform's pipeline, planned and written by the projects service. */
export function projectImport(
  projects: ProjectsService,
): ImportModule<
  ProjectImportField,
  ProjectImportRow,
  ProjectImportOptions,
  ProjectImportPlan,
  { created: number; updated: number }
> {
  const columns = PROJECT_IMPORT_FIELDS.map((field) => {
    const h = PROJECT_IMPORT_HEADERS[field];
    return {
      field,
      headers: [field, h.en, h.ru, ...h.synonyms],
      ...(field === "amount" ? { number: true } : {}),
    };
  });
  return {
    kind: "projects",
    layouts: [
      {
        name: "template",
        columns,
        minMatches: 3,
        accepts: (fields) => fields.has("title_en") || fields.has("title_ru"),
      },
    ],
    mappedLayout: "custom",
    messages: MESSAGES,
    vocabularies: PROJECT_VOCABULARIES,
    parseRow,
    checkFile(mapping) {
      return mapping.title_en || mapping.title_ru ? [] : [issue(0, null, null, "no_title_column")];
    },
    // A project's IATI identifier is held once: a file naming it twice is refused (rows without one are all new).
    repeats: { mode: "refuse", key: (r) => r.ref, name: (r) => r.input.title.en ?? r.input.title.ru ?? r.ref },
    async plan(rows, options, result) {
      const principal = principalFor(options.user, null);
      const items: ProjectImportPlan["items"] = [];
      for (const { row, value } of rows) {
        try {
          const iati = value.input.iatiIdentifier;
          const existing = iati ? await projects.repo.findByIati(iati) : undefined;
          if (existing) {
            if (!canEditProject(principal, existing)) {
              result.report.errors.push(
                issue(row, value.columns.iati_identifier ?? null, iati ?? null, "project_not_editable"),
              );
              continue;
            }
            const prepared = await projects.prepare(
              { ...value.input, partnerCode: existing.partner_code },
              existing.partner_code,
            );
            items.push({ row, kind: "update", id: existing.id, version: existing.version, prepared });
          } else {
            const owner = projects.checkCreate(value.input, principal);
            items.push({ row, kind: "create", prepared: await projects.prepare(value.input, owner) });
          }
        } catch (error) {
          result.report.errors.push(...issuesOf(error, row, value));
        }
      }
      return { items };
    },
    async write(trx: Kysely<DB>, plan, options, actor: Actor) {
      const principal = principalFor(options.user, null);
      const ids: string[] = [];
      for (const item of plan.items) {
        if (item.kind === "create") ids.push(await projects.writeNew(trx, item.prepared, actor));
        else {
          await projects.writeUpdate(trx, item.id as string, item.version as number, item.prepared, principal, actor);
          ids.push(item.id as string);
        }
      }
      return { ids, actor };
    },
    describe: (plan) => ({
      created: plan?.items.filter((i) => i.kind === "create").length ?? 0,
      updated: plan?.items.filter((i) => i.kind === "update").length ?? 0,
    }),
    // After the commit, as a project saved by hand: the duplicate check of each (it reads outside the transaction).
    async afterCommit(_plan, written) {
      const { ids, actor } = written as { ids: string[]; actor: Actor };
      for (const id of ids) await projects.saved(id, actor);
    },
  };
}

const TEMPLATE_COLUMNS: TableColumn[] = PROJECT_IMPORT_FIELDS.map((field) => ({
  key: field,
  header: field,
  width: field.startsWith("title") || field.startsWith("summary") ? 40 : 18,
}));

/** The template's example row. */
export const PROJECT_TEMPLATE_EXAMPLE: Record<ProjectImportField, string | number> = {
  iati_identifier: "XM-EXAMPLE-0001",
  partner: "UNODC",
  title_en: "Precursor control at Termez border crossing",
  title_ru: "Контроль прекурсоров на пункте пропуска Термез",
  summary_en: "Equipment and training for customs officers",
  summary_ru: "Оборудование и обучение сотрудников таможни",
  donor: "Japan",
  amount: 250000,
  currency: "USD",
  commitment_date: "2026-01-15",
  countries: "UZB:60; TJK:40",
  pillars: "3",
  themes: "precursors; border_control",
  dac: "16063",
  implementing: "UNODC",
  stage: "implementation",
  start: "2026-01-01",
  end: "2027-12-31",
};

const TEMPLATE_NOTES = [
  "One project a row; headers in English or Russian are read too (Title (English) / Название (англ.), Donor / Донор, …).",
  "Одна строка — один проект; заголовки на английском или русском тоже читаются.",
  "partner: the partner's code (else the file's partner, else yours) / код партнера; amount with currency (ISO 4217) and donor / сумма с валютой и донором.",
  `stage: ${PROJECT_STAGES.join(", ")} (or IATI 1-6) / статус; themes: ${THEMES.join(", ")}; pillars: 1-4.`,
  "countries: ISO 3166-1 alpha-3, with an optional share (UZB:60; TJK:40) / страны; dates YYYY-MM-DD or DD.MM.YYYY; lists separated by ';'.",
  "A row whose iati_identifier an existing project has updates that project; the file is imported all or nothing.",
];

/** The project import template (one example row); the XLSX lists the allowed values on its "Read me" sheet. */
export async function projectTemplate(format: "csv" | "xlsx"): Promise<Buffer> {
  if (format === "csv") return writeCsv(TEMPLATE_COLUMNS, [PROJECT_TEMPLATE_EXAMPLE]);
  // The notes on a sheet of their own: under the table they would be read as rows.
  return writeXlsx(
    [
      { name: "Projects", columns: TEMPLATE_COLUMNS, rows: [PROJECT_TEMPLATE_EXAMPLE] },
      {
        name: "Read me",
        columns: [{ key: "note", header: "Notes / Примечания", width: 120 }],
        rows: TEMPLATE_NOTES.map((note) => ({ note })),
      },
    ],
    { title: "Project import template" },
  );
}
