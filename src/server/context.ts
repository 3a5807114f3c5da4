import type { FastifyBaseLogger } from "fastify";
import type { Config } from "./config.js";
import type { Database } from "./db/database.js";
import { grantModulePermissions } from "./http/access-policy.js";
import { AccountsService } from "./modules/accounts/accounts.service.js";
import { createDigests } from "./modules/digests/digests.module.js";
import type { DigestsService } from "./modules/digests/digests.service.js";
import { DirectoryService } from "./modules/directory/directory.service.js";
import { FacilitiesService } from "./modules/facilities/facilities.service.js";
import { facilitiesTranslationSources } from "./modules/facilities/facilities.translations.js";
import { createFactsheetsModule, type FactsheetsModule } from "./modules/factsheets/factsheets.module.js";
import { factsheetsTranslationSources } from "./modules/factsheets/factsheets.translations.js";
import { serverModules } from "./modules/index.js";
import { buildModules, type ModuleManifest } from "./modules/manifest.js";
import { MeetingsModule } from "./modules/meetings/meetings.module.js";
import { meetingsTranslationSources } from "./modules/meetings/meetings.translations.js";
import { PartnersService } from "./modules/partners/partners.service.js";
import { ProjectsModule } from "./modules/projects/projects.module.js";
import { projectsTranslationSources } from "./modules/projects/projects.translations.js";
import { RegistrationsService } from "./modules/registrations/registrations.service.js";
import { TermsService } from "./modules/registrations/terms.service.js";
import { SeizuresService } from "./modules/seizures/seizures.service.js";
import { TrainingsRepository } from "./modules/trainings/trainings.repository.js";
import { TrainingsService } from "./modules/trainings/trainings.service.js";
import { TrainingsLinkageService } from "./modules/trainings/trainings-linkage.service.js";
import { TranslationsService } from "./modules/translations/translations.service.js";
import { AuditLogService } from "./modules/users/audit-log.service.js";
import { UsersService } from "./modules/users/users.service.js";
import { AuditService } from "./platform/audit.js";
import { LocalFileStorage } from "./platform/file-storage.js";
import { FileService } from "./platform/files.js";
import { JobService } from "./platform/jobs.js";
import { createMailTransport, MailService } from "./platform/mail.js";
import { NotificationService } from "./platform/notifications.js";
import { RevisionService } from "./platform/revisions.js";
import { SearchService } from "./platform/search.js";
import { resolveSecretKey, SecretBox } from "./platform/secret-box.js";

/** Everything a module needs, built once per process (or per test) and passed explicitly. */
export interface AppContext {
  config: Config;
  database: Database;
  log: FastifyBaseLogger;
  audit: AuditService;
  revisions: RevisionService;
  files: FileService;
  mail: MailService;
  jobs: JobService;
  notifications: NotificationService;
  search: SearchService;
  accounts: AccountsService;
  partners: PartnersService;
  terms: TermsService;
  registrations: RegistrationsService;
  users: UsersService;
  auditLog: AuditLogService;
  directory: DirectoryService;
  /** Consultative mechanism: meetings, participation, recommendations, news (getMeetingSummary / getRecommendationSummary). */
  meetings: MeetingsModule;
  facilities: FacilitiesService;
  seizures: SeizuresService;
  /** Training database: trainings, participants, person linkage, repeat alerts, reports. */
  trainings: TrainingsService;
  /** ADAM: technical-assistance projects, duplication alerts, needs and gaps, IATI exchange. */
  projects: ProjectsModule;
  /** National figures (ARQ), indicators, reported totals, regions and fact sheets. */
  factsheets: FactsheetsModule;
  /** Weekly or monthly digests of what changed, per user, under each module's own read rules. */
  digests: DigestsService;
  /** The translation queue over every module with localized text; fills are saved through each module's service. */
  translations: TranslationsService;
  /** The modules this context was built from (`modules/index.ts`, or a test's list). */
  modules: readonly ModuleManifest<unknown>[];
  /** The services the manifests' `createService` built, by module name; read them with `serviceOf`. */
  services: Map<string, unknown>;
}

/**
 * Builds the platform's services, then every manifest's service, and registers every manifest's jobs: a context
 * built without routes (the CLI, a worker, a test) runs every job kind.
 */
export function createContext(
  config: Config,
  database: Database,
  log: FastifyBaseLogger,
  modules: readonly ModuleManifest<unknown>[] = serverModules,
): AppContext {
  for (const m of modules) grantModulePermissions(m.permissions ?? []);
  // Analytical reads (dashboards, charts, statistics, global search) may go to a read replica; see docs/architecture.md.
  const { db, readDb } = database;
  const mail = new MailService(createMailTransport(config), config.mailFrom, log);
  const notifications = new NotificationService(db, mail, config.publicUrl, log);
  const audit = new AuditService(db);
  const search = new SearchService(db, readDb);
  const revisions = new RevisionService(db);
  // The key that encrypts secrets at rest is resolved on first use (serve() checks it at start).
  const secrets = new SecretBox(() =>
    resolveSecretKey({
      configured: config.secretKey,
      dataDir: config.dataDir,
      databaseKind: database.kind,
      production: config.production,
    }),
  );
  const accounts = new AccountsService(db, audit, { mail, publicUrl: config.publicUrl, log, secrets });
  const partners = new PartnersService(db, search, audit, revisions);
  const jobs = new JobService(db, log);
  const terms = new TermsService(db, audit);
  accounts.setMeExtension((userId) => terms.meExtension(userId));
  const registrations = new RegistrationsService(db, {
    audit,
    accounts,
    partners,
    terms,
    mail,
    notifications,
    jobs,
    log,
    publicUrl: config.publicUrl,
  });
  const users = new UsersService(db, audit, revisions, accounts, partners);
  const seizures = new SeizuresService(db, {
    audit,
    revisions,
    search,
    notifications,
    users,
    log,
    readDb,
    jobs,
    withClientTransaction: database.withClientTransaction,
    analytics: { engine: config.analyticsEngine, dir: `${config.dataDir}/analytics` },
  });
  const files = new FileService(db, new LocalFileStorage(`${config.dataDir}/files`), config.uploadMaxBytes);
  const facilities = new FacilitiesService(db, { audit, revisions, search, users, partners, files, jobs, readDb });
  const ctx: Omit<AppContext, "digests" | "translations" | "modules" | "services"> = {
    config,
    database,
    log,
    audit,
    revisions,
    files,
    mail,
    jobs,
    notifications,
    search,
    accounts,
    partners,
    terms,
    registrations,
    users,
    auditLog: new AuditLogService(db, audit),
    directory: new DirectoryService(db, audit, (ids) => users.countryScopesOfMany(ids)),
    meetings: new MeetingsModule(db, {
      audit,
      revisions,
      search,
      notifications,
      partners,
      files,
      publicUrl: config.publicUrl,
      readDb,
    }),
    facilities,
    seizures,
    projects: new ProjectsModule(db, {
      audit,
      revisions,
      search,
      partners,
      files,
      jobs,
      notifications,
      accounts,
      log,
      readDb,
    }),
    trainings: new TrainingsService(db, {
      audit,
      revisions,
      files,
      jobs,
      search,
      users,
      linkage: new TrainingsLinkageService(db, new TrainingsRepository(db), audit, notifications),
    }),
    factsheets: createFactsheetsModule(db, {
      audit,
      revisions,
      files,
      search,
      jobs,
      scopesOf: (userId) => users.countryScopesOf(userId),
      facilities,
    }),
  };
  const digests = createDigests(db, {
    mail,
    jobs,
    audit,
    users,
    accounts,
    terms,
    duplicates: ctx.projects.duplicates,
    seizures,
    secrets,
    publicUrl: config.publicUrl,
    log,
  });
  const translations = new TranslationsService(db, [
    ...meetingsTranslationSources(ctx.meetings),
    ...facilitiesTranslationSources(facilities),
    ...projectsTranslationSources(ctx.projects),
    ...factsheetsTranslationSources(ctx.factsheets.sheets),
  ]);
  const full: AppContext = { ...ctx, digests, translations, modules, services: new Map() };
  buildModules(full);
  return full;
}
