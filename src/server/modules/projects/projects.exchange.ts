import type { Kysely } from "kysely";
import type { ProjectImportResult } from "../../../common/projects.js";
import { ProjectInputSchema, type THEMES } from "../../../common/projects.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { AppError } from "../../http/errors.js";
import type { Actor } from "../../platform/audit.js";
import { decodeText, findHeaderRow, normalizeHeader, readTabular, TabularError } from "../../platform/tabular.js";
import { type IatiActivity, IatiRejection, inferThemes, readIati, writeIati } from "./projects.iati.js";
import { iatiOrgs } from "./projects.iati-orgs.js";
import type { PartiesService } from "./projects.parties.js";
import { canEditProject } from "./projects.policy.js";
import type { Prepared, ProjectsService } from "./projects.service.js";

/** Columns of the CSV/XLSX template (one project a row); lists are separated by semicolons. */
export const TEMPLATE_COLUMNS = [
  "iati_identifier",
  "title_en",
  "title_ru",
  "summary_en",
  "summary_ru",
  "donor",
  "amount",
  "currency",
  "countries",
  "start",
  "end",
  "themes",
  "pillars",
  "dac",
  "implementing",
  "stage",
] as const;

export type Plan = { ref: string; kind: "create" | "update"; id?: string; version?: number; prepared: Prepared };

function looksLikeXml(data: Buffer): boolean {
  return /^\s*</.test(decodeText(data.subarray(0, 2048)).replace(/^\uFEFF/, ""));
}

/** Rows of a CSV/XLSX template as the same shape IATI activities are read into. */
async function readTemplate(
  data: Buffer,
  fileName: string,
): Promise<{ activities: IatiActivity[]; rejected: ProjectImportResult["rejected"] }> {
  const sheets = await readTabular(data, fileName);
  const sheet = sheets[0];
  const rows = sheet?.rows ?? [];
  const header = findHeaderRow(rows, TEMPLATE_COLUMNS, 3);
  if (header < 0)
    throw new IatiRejection({
      en: `no header row with the template's columns (${TEMPLATE_COLUMNS.join(", ")})`,
      ru: `нет строки заголовков с колонками шаблона (${TEMPLATE_COLUMNS.join(", ")})`,
    });
  const index = new Map((rows[header] ?? []).map((h, i) => [normalizeHeader(h), i]));
  const cell = (row: string[], key: string) => row[index.get(normalizeHeader(key)) ?? -1]?.trim() ?? "";
  const list = (v: string) =>
    v
      .split(/[;|]/)
      .map((s) => s.trim())
      .filter(Boolean);
  const activities: IatiActivity[] = [];
  const rejected: ProjectImportResult["rejected"] = [];
  for (let r = header + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.every((c) => !c.trim())) continue;
    const ref = cell(row, "iati_identifier") || `row ${r + 1}`;
    const titleEn = cell(row, "title_en");
    const titleRu = cell(row, "title_ru");
    if (!titleEn && !titleRu) {
      rejected.push({ ref, reason: { en: `row ${r + 1}: no title`, ru: `строка ${r + 1}: нет названия` } });
      continue;
    }
    const amount = cell(row, "amount").replace(/[\s,]/g, "");
    const themes = list(cell(row, "themes"));
    const text = [titleEn, titleRu, cell(row, "summary_en"), cell(row, "summary_ru")].join(" ");
    activities.push({
      ref,
      input: {
        title: { ...(titleEn ? { en: titleEn } : {}), ...(titleRu ? { ru: titleRu } : {}) },
        ...(cell(row, "summary_en") || cell(row, "summary_ru")
          ? {
              summary: {
                ...(cell(row, "summary_en") ? { en: cell(row, "summary_en") } : {}),
                ...(cell(row, "summary_ru") ? { ru: cell(row, "summary_ru") } : {}),
              },
            }
          : {}),
        iatiIdentifier: cell(row, "iati_identifier") || null,
        stage: (cell(row, "stage") || "implementation") as "implementation",
        plannedStart: cell(row, "start") || null,
        plannedEnd: cell(row, "end") || null,
        themes: (themes.length ? themes : inferThemes(text)) as (typeof THEMES)[number][],
        pillars: list(cell(row, "pillars")).map(Number),
        dacCodes: list(cell(row, "dac")),
        fundings: amount
          ? [{ donorName: cell(row, "donor") || "—", amount, currency: cell(row, "currency") || "USD", date: null }]
          : [],
        locations: list(cell(row, "countries")).map((c) => {
          const [code, share] = c.split(":");
          return { code: (code ?? "").trim(), kind: "country" as const, share: share ? Number(share) : null };
        }),
        organizations: list(cell(row, "implementing")).map((name) => ({ role: "implementing" as const, name })),
        externalDocuments: [],
      },
    });
  }
  return { activities, rejected };
}

/** Imports (IATI XML, CSV, XLSX) and the IATI export. */
export class ProjectsExchange {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly projects: ProjectsService,
    private readonly parties?: PartiesService,
  ) {}

  async importFile(
    data: Buffer,
    fileName: string,
    principal: Principal,
    actor: Actor,
    options: {
      partnerCode?: string | undefined;
      allOrNothing?: boolean;
      progress?: (done: number, total: number) => Promise<void>;
    },
  ): Promise<ProjectImportResult> {
    const checked = await this.check(data, fileName, principal, options.partnerCode);
    const { format, plans, rejected, total } = checked;
    if (checked.unreadable) return { fileName, format, activities: 0, created: 0, updated: 0, rejected, refused: true };
    if ((options.allOrNothing && rejected.length) || plans.length === 0) {
      return { fileName, format, activities: total, created: 0, updated: 0, rejected, refused: true };
    }
    const ids = await this.db
      .transaction()
      .execute((trx) => this.writePlans(trx, plans, principal, actor, options.progress));
    await this.afterWrite(ids, actor, plans.length, options.progress);
    return {
      fileName,
      format,
      activities: total,
      created: plans.filter((p) => p.kind === "create").length,
      updated: plans.filter((p) => p.kind === "update").length,
      rejected,
      refused: false,
    };
  }

  /**
   * Reads a file (IATI XML, or the CSV/XLSX template) and plans each activity against the database without writing:
   * the projects it would create or update and the activities rejected with their reason. `unreadable`: the file
   * itself could not be read (its one rejection says why).
   */
  async check(
    data: Buffer,
    fileName: string,
    principal: Principal,
    partnerCode: string | undefined,
  ): Promise<{
    format: ProjectImportResult["format"];
    version: string | null;
    total: number;
    plans: Plan[];
    rejected: ProjectImportResult["rejected"];
    unreadable: boolean;
  }> {
    const xml = looksLikeXml(data);
    const format: ProjectImportResult["format"] = xml ? "iati" : /\.xlsx$/i.test(fileName) ? "xlsx" : "csv";
    let read: { activities: IatiActivity[]; rejected: ProjectImportResult["rejected"]; version?: string };
    try {
      read = xml ? readIati(decodeText(data)) : await readTemplate(data, fileName);
    } catch (error) {
      if (error instanceof IatiRejection || error instanceof TabularError) {
        const reason = error instanceof IatiRejection ? error.reasonText : { en: error.message, ru: error.message };
        return { format, version: null, total: 0, plans: [], rejected: [{ ref: fileName, reason }], unreadable: true };
      }
      throw error;
    }
    const rejected = [...read.rejected];
    const plans: Plan[] = [];
    const seen = new Set<string>();
    for (const activity of read.activities) {
      try {
        plans.push(await this.plan(activity, principal, partnerCode, seen));
      } catch (error) {
        rejected.push({ ref: activity.ref, reason: describe(error) });
      }
    }
    const total = read.activities.length + read.rejected.length;
    return { format, version: read.version ?? null, total, plans, rejected, unreadable: false };
  }

  /** Writes the planned projects in the caller's transaction; the ids written, in the plans' order. */
  async writePlans(
    trx: Kysely<DB>,
    plans: Plan[],
    principal: Principal,
    actor: Actor,
    progress?: (done: number, total: number) => Promise<void>,
  ): Promise<string[]> {
    const ids: string[] = [];
    let done = 0;
    for (const p of plans) {
      if (p.kind === "create") ids.push(await this.projects.writeNew(trx, p.prepared, actor));
      else {
        await this.projects.writeUpdate(trx, p.id as string, p.version as number, p.prepared, principal, actor);
        ids.push(p.id as string);
      }
      done += 1;
      if (progress && done % 20 === 0) await progress(done, plans.length * 2);
    }
    return ids;
  }

  /** After the commit: the duplicate check per project (it reads outside the import's transaction). */
  async afterWrite(
    ids: string[],
    actor: Actor,
    planned: number,
    progress?: (done: number, total: number) => Promise<void>,
  ): Promise<void> {
    for (const [i, id] of ids.entries()) {
      await this.projects.saved(id, actor);
      if (progress && i % 20 === 0) await progress(planned + i, planned * 2);
    }
  }

  /** Validates one activity and decides: a new project, or an update of the one with its IATI identifier. */
  private async plan(
    activity: IatiActivity,
    principal: Principal,
    partnerCode: string | undefined,
    seen: Set<string>,
  ): Promise<Plan> {
    const parsed = ProjectInputSchema.safeParse({ ...activity.input, ...(partnerCode ? { partnerCode } : {}) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join(".") ?? "";
      throw new IatiRejection({
        en: `invalid ${where}: ${issue?.message}`,
        ru: `неверное поле ${where}: ${issue?.message}`,
      });
    }
    const input = parsed.data;
    const iati = input.iatiIdentifier ?? null;
    if (iati) {
      if (seen.has(iati))
        throw new IatiRejection({
          en: "the identifier appears twice in the file",
          ru: "идентификатор повторяется в файле",
        });
      seen.add(iati);
      const existing = await this.projects.repo.findByIati(iati);
      if (existing) {
        if (!canEditProject(principal, existing)) throw new AppError("forbidden", 403);
        const prepared = await this.projects.prepare(
          { ...input, partnerCode: existing.partner_code },
          existing.partner_code,
        );
        return { ref: activity.ref, kind: "update", id: existing.id, version: existing.version, prepared };
      }
    }
    let owner: string;
    try {
      owner = this.projects.checkCreate(input, principal);
    } catch (error) {
      if (error instanceof AppError && error.code === "forbidden")
        throw new IatiRejection({
          en: "you may not create projects for this partner",
          ru: "вы не можете создавать проекты этого партнера",
        });
      throw error;
    }
    return { ref: activity.ref, kind: "create", prepared: await this.projects.prepare(input, owner) };
  }

  /** IATI 2.03 XML of the published projects the principal may read. */
  async exportIati(principal: Principal, publicUrl: string): Promise<string> {
    const rows = await this.db
      .selectFrom("projects")
      .select("id")
      .where("workflow", "=", "published")
      .orderBy("code")
      .execute();
    const projects = [];
    for (const r of rows) projects.push(await this.projects.get(r.id, principal));
    const host = new URL(publicUrl).hostname.replace(/[^A-Za-z0-9.-]/g, "") || "paris-pact";
    const prefix = `XI-PACT-${host}`;
    // Donors and organizations from the controlled list: identifier where known, names in both languages.
    const orgOf = iatiOrgs(this.parties ? await this.parties.list() : [], prefix);
    return writeIati(
      projects,
      { ref: "XM-DAC-41114", type: "40", name: "Paris Pact Initiative (ADAM)" },
      prefix,
      new Date(),
      orgOf,
    );
  }
}

function describe(error: unknown): { en: string; ru: string } {
  if (error instanceof IatiRejection) return error.reasonText;
  if (error instanceof AppError) {
    if (error.code === "forbidden")
      return {
        en: "a project with this IATI identifier belongs to a partner you cannot edit",
        ru: "проект с этим идентификатором IATI принадлежит партнеру, которого вы не можете редактировать",
      };
    const fields = error.fieldErrors?.map((f) => `${f.path.replace(/^body\./, "")}: ${f.code}`).join(", ");
    return { en: `${error.code}${fields ? ` (${fields})` : ""}`, ru: `${error.code}${fields ? ` (${fields})` : ""}` };
  }
  return { en: String(error), ru: String(error) };
}
