import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { AuditService } from "../../platform/audit.js";
import type { FileService } from "../../platform/files.js";
import { defineImport, type ModuleImport } from "../../platform/imports/jobs.js";
import type { JobService } from "../../platform/jobs.js";
import type { NotificationService } from "../../platform/notifications.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { SearchService } from "../../platform/search.js";
import type { AccountsService } from "../accounts/accounts.service.js";
import type { PartnersService } from "../partners/partners.service.js";
import { ProjectDocuments } from "./projects.documents.js";
import { DuplicatesService } from "./projects.duplicates.js";
import { ProjectsExchange } from "./projects.exchange.js";
import { ProjectFigures } from "./projects.figures.js";
import { IatiImport } from "./projects.iati-import.js";
import { type ProjectImportOptions, projectImport } from "./projects.import.js";
import { NeedsService } from "./projects.needs.js";
import { PartiesService } from "./projects.parties.js";
import { RatesService } from "./projects.rates.js";
import { type RateImportParts, rateImport } from "./projects.rates-import.js";
import { ProjectsService } from "./projects.service.js";

export const IMPORT_JOB = "projects.import";
/** Files larger than this are refused by the web import (the content travels in the job's payload). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** ADAM as one unit on the context: projects, duplicates, needs and gaps, documents, exchange, figures. */
export class ProjectsModule {
  readonly projects: ProjectsService;
  readonly parties: PartiesService;
  readonly rates: RatesService;
  readonly figures: ProjectFigures;
  readonly duplicates: DuplicatesService;
  readonly needs: NeedsService;
  readonly documents: ProjectDocuments;
  readonly exchange: ProjectsExchange;
  /** Projects from CSV/XLSX/XLS/ODS on the platform's import pipeline (job kind `imports.projects`). */
  readonly tableImport: ModuleImport<ProjectImportOptions, { created: number; updated: number }>;
  /** Exchange-rate files on the platform's import pipeline (job kind `imports.projects.rates`). */
  readonly rateImport: ModuleImport<object, RateImportParts>;
  /** IATI activity XML uploaded to /files, checked and imported as jobs with the pipeline's report. */
  readonly iatiImport: IatiImport;

  constructor(
    db: Kysely<DB>,
    deps: {
      audit: AuditService;
      revisions: RevisionService;
      search: SearchService;
      partners: PartnersService;
      files: FileService;
      jobs: JobService;
      notifications: NotificationService;
      accounts: AccountsService;
      log: FastifyBaseLogger;
      readDb?: Kysely<DB>;
    },
  ) {
    this.parties = new PartiesService(db, deps);
    this.projects = new ProjectsService(db, { ...deps, parties: this.parties });
    this.rates = new RatesService(db, { repo: this.projects.repo, audit: deps.audit });
    this.figures = new ProjectFigures(this.projects.searchRepo, this.parties);
    this.duplicates = new DuplicatesService(db, { ...deps, projects: this.projects });
    this.needs = new NeedsService(db, {
      repo: this.projects.repo,
      figures: this.figures,
      audit: deps.audit,
      revisions: deps.revisions,
      partnerExists: (code) => deps.partners.exists(code),
    });
    this.documents = new ProjectDocuments(db, { projects: this.projects, files: deps.files, audit: deps.audit });
    this.exchange = new ProjectsExchange(db, this.projects, this.parties);
    this.tableImport = defineImport({ db, jobs: deps.jobs, files: deps.files }, projectImport(this.projects));
    this.rateImport = defineImport({ db, jobs: deps.jobs, files: deps.files }, rateImport(this.rates));
    this.iatiImport = new IatiImport({ db, jobs: deps.jobs, files: deps.files, exchange: this.exchange });
  }
}
