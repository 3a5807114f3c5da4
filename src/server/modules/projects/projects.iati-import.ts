import type { Kysely } from "kysely";
import type { ImportIssue, ImportResult } from "../../../common/imports.js";
import type { Role } from "../../../common/platform.js";
import type { DB } from "../../db/schema.js";
import { type Principal, principalFor } from "../../http/access-policy.js";
import type { Actor } from "../../platform/audit.js";
import type { FileOwner, FileService } from "../../platform/files.js";
import { type ImportJobHooks, type ImportJobPayload, importJob } from "../../platform/imports/jobs.js";
import { emptyImportResult } from "../../platform/imports/pipeline.js";
import type { JobDefinition, JobService } from "../../platform/jobs.js";
import type { ProjectsExchange } from "./projects.exchange.js";

/** The job kind of an IATI XML file uploaded to /files (the pipeline's naming: `imports.<module>.<what>`). */
export const IATI_IMPORT_JOB = "imports.projects.iati";

export interface IatiImportOptions {
  /** Partner of the activities that name none (else the importer's own). */
  partnerCode?: string | undefined;
  /** Strict: one rejected activity refuses the whole file. */
  allOrNothing: boolean;
}

/**
 * What the IATI import's job returns: the shared report of the import pipeline (so the web's `ImportFlow` shows it
 * like every other import) with the projects created and updated (or that would be, on a check), the activities
 * rejected and the activities in the file.
 */
export type IatiImportResult = ImportResult & {
  activities: number;
  created: number;
  updated: number;
  rejected: number;
};

type User = NonNullable<Principal["user"]> & { role: Role };

interface IatiImportPayload extends ImportJobPayload {
  dryRun: boolean;
  options: IatiImportOptions;
  user: User;
}

const MESSAGES = {
  not_iati: {
    en: "The file is not IATI activity XML (an <iati-activities> document).",
    ru: "Файл не является XML мероприятий IATI (документ <iati-activities>).",
  },
  no_activities: {
    en: "No activity of the file can be imported.",
    ru: "Ни одно мероприятие файла не может быть импортировано.",
  },
} as const;

/**
 * IATI activity XML on the web's shared import flow: the caller's own upload (`/files`), a check job (nothing
 * written) and an import job, each with its progress bar and the pipeline's report. The file is not a table, so there
 * is no column or value step: each activity is read and planned as the multipart import does (`ProjectsExchange`), an
 * activity that cannot be taken is an issue naming its IATI identifier and the reason (a warning, the rest imported;
 * an error refusing the file in strict mode), and the projects are written in one transaction with the job's
 * completion.
 */
export class IatiImport {
  readonly job: JobDefinition;
  private readonly queue: (payload: IatiImportPayload, owner: FileOwner) => Promise<{ jobId: string }>;

  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      jobs: JobService;
      files: Pick<FileService, "getOwn" | "readOwn">;
      exchange: ProjectsExchange;
    },
  ) {
    const { job, enqueue } = importJob(
      deps,
      IATI_IMPORT_JOB,
      (fileId, owner) => deps.files.readOwn(fileId, owner),
      (p: IatiImportPayload, { record, data }, hooks) =>
        this.run(data, record.originalName, principalFor(p.user, null), p.actor, p.dryRun, p.options, hooks),
    );
    this.job = job;
    this.queue = enqueue;
  }

  /** Enqueues the check (dryRun) or the import of the caller's own upload; anyone else's file: 404. */
  enqueue(
    fileId: string,
    dryRun: boolean,
    options: IatiImportOptions,
    owner: FileOwner,
    user: User,
    actor: Actor,
  ): Promise<{ jobId: string }> {
    return this.queue({ fileId, dryRun, options, user, actor }, owner);
  }

  /** Checks or imports an IATI file already read, with the importer's rights. */
  async run(
    data: Buffer,
    fileName: string,
    principal: Principal,
    actor: Actor,
    dryRun: boolean,
    options: IatiImportOptions,
    hooks: Partial<ImportJobHooks> = {},
  ): Promise<IatiImportResult> {
    const exchange = this.deps.exchange;
    const checked = await exchange.check(data, fileName, principal, options.partnerCode);
    const layout = checked.version ? `iati-${checked.version}` : "iati";
    const result: IatiImportResult = {
      ...emptyImportResult(fileName, layout),
      activities: 0,
      created: 0,
      updated: 0,
      rejected: 0,
    };
    const report = result.report;
    const fileIssue = (code: string, message: ImportIssue["message"]): ImportIssue => ({
      row: 0,
      column: null,
      value: null,
      code,
      message,
    });
    if (checked.format !== "iati") {
      report.errors.push(fileIssue("not_iati", MESSAGES.not_iati));
      return result;
    }
    if (checked.unreadable) {
      for (const r of checked.rejected) report.errors.push(fileIssue("unreadable_iati", r.reason));
      return result;
    }
    const { plans, rejected, total } = checked;
    result.activities = total;
    result.rejected = rejected.length;
    report.rowsRead = total;
    const issues: ImportIssue[] = rejected.map((r) => ({
      row: 0,
      column: "iati-identifier",
      value: r.ref.slice(0, 200),
      code: "rejected_activity",
      message: { en: `${r.ref}: ${r.reason.en}`, ru: `${r.ref}: ${r.reason.ru}` },
    }));
    result.created = plans.filter((p) => p.kind === "create").length;
    result.updated = plans.filter((p) => p.kind === "update").length;
    await hooks.progress?.(total, total, "checking");
    if (options.allOrNothing || plans.length === 0) report.errors.push(...issues);
    else report.warnings.push(...issues);
    if (plans.length === 0) report.errors.push(fileIssue("no_activities", MESSAGES.no_activities));
    if (report.errors.length) {
      result.created = 0;
      result.updated = 0;
      return result;
    }
    report.refused = false;
    if (dryRun) return result;

    await hooks.progress?.(0, plans.length, "writing");
    report.imported = plans.length;
    const ids = await this.deps.db.transaction().execute(async (trx) => {
      const written = await exchange.writePlans(trx, plans, principal, actor);
      await hooks.beforeCommit?.(trx, result);
      return written;
    });
    await exchange.afterWrite(ids, actor, plans.length);
    return result;
  }
}
