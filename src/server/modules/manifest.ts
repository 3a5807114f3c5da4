import type { Command } from "commander";
import type { Migration } from "kysely";
import type { Role } from "../../common/platform.js";
import type { AppInstance } from "../app.js";
import type { AppContext } from "../context.js";
import type { DB } from "../db/schema.js";
import type { DemoContributor } from "../demo/index.js";
import type { ModulePermission } from "../http/access-policy.js";
import type { JobDefinition } from "../platform/jobs.js";

export type { JobDefinition } from "../platform/jobs.js";

/** The name of a table Kysely knows (`DB`, which modules extend from their own folders). */
export type TableName = keyof DB & string;

/**
 * Work the platform starts on a timer, on instances that run the job worker (`PACT_WORKER`). Each run should only
 * enqueue or open jobs: several instances may fire at once, so the jobs themselves claim their work.
 */
export interface ScheduleDefinition {
  name: string;
  everyMs: number;
  /** Also run once at start (catching up a period that ended while the platform was down). */
  atStart?: boolean;
  run(ctx: AppContext): Promise<unknown>;
}

/** Who may call a route, as the access matrix states it: everyone, every signed-in role, or these roles only. */
export type ExpectedAccess = "public" | "signed-in" | readonly Role[];
/** Every role but the member's: the roles that enter and edit records. */
export const EDITING_ROLES: readonly Role[] = ["focal_point", "liaison_officer", "coordinator", "administrator"];

/** The `pact` command's groups a module may add subcommands to (`pact import <module>`, `pact export <module>`). */
export interface CliGroups {
  program: Command;
  imports: Command;
  exports: Command;
}
export type WithContext = (work: (ctx: AppContext) => Promise<void>) => Promise<void>;

/**
 * One module of the platform, declared once and consumed by the app (routes), the context (service, jobs), the
 * worker (jobs, schedules), the migrator (migrations), the CLI, the demo data and the access policy (permissions).
 * A new module writes its folder (its migrations and its tables' types, merged into `DB`, included) and one line in
 * `modules/index.ts` (plus its web manifest's line in `web/modules.ts`); see docs/architecture.md.
 */
export interface ModuleManifest<Service = unknown> {
  name: string;
  /**
   * Tables the module owns, each a table of `DB` (a module adds its tables' types to `DB` from its own folder by
   * declaration merging). After migrating, every table of the database is owned by exactly one manifest
   * (`manifest-tables.test.ts`).
   */
  tables?: readonly TableName[];
  /**
   * The module's own migrations (`NNNN_name` → migration, files in its folder), merged with the central list of
   * `db/migrations/index.ts` by name (`allMigrations` in `db/migrate.ts`); a repeated name or number is refused.
   */
  migrations?: Readonly<Record<string, Migration>>;
  /** Builds the module's service from the platform's; the app reaches it with `serviceOf(ctx, manifest)`. */
  createService?: (ctx: AppContext) => Service;
  /**
   * The module's rows of the access matrix: for each of its routes (`"METHOD /api/v1/path"`), who may call it,
   * written apart from the routes' own rules. `test/access-matrix.test.ts` collects every manifest's rows, fails on
   * a registered route no row covers and on a row without a route, and calls every route as every role.
   */
  accessMatrix?: Readonly<Record<string, ExpectedAccess>>;
  /** Registers the module's routes under /api/v1; every route declares its access rule. */
  routes?: (app: AppInstance, ctx: AppContext) => Promise<void> | void;
  /** The module's job handlers, registered when the context is built (so a context without routes runs them). */
  jobs?: (ctx: AppContext) => JobDefinition[];
  schedules?: readonly ScheduleDefinition[];
  /** The module's part of the demo data, seeded in the order of the module list and removed in reverse. */
  demo?: DemoContributor;
  /** Adds the module's `pact` subcommands. */
  cli?: (groups: CliGroups, withContext: WithContext) => void;
  /** Permissions the module introduces (made with `modulePermission`) and the roles that hold them. */
  permissions?: readonly { permission: ModulePermission; roles: readonly Role[] }[];
}

/** Declares a manifest, keeping its service's type for `serviceOf`. */
export function defineModule<Service = unknown>(manifest: ModuleManifest<Service>): ModuleManifest<Service> {
  return manifest;
}

/** The service a manifest's `createService` built for this context. */
export function serviceOf<Service>(ctx: AppContext, manifest: ModuleManifest<Service>): Service {
  if (!ctx.services.has(manifest.name)) throw new Error(`Module "${manifest.name}" has no service in this context`);
  return ctx.services.get(manifest.name) as Service;
}

/** Refuses a list with two modules of one name (their services, demo data and CLI would collide). */
export function checkManifests(manifests: readonly ModuleManifest<unknown>[]): void {
  const seen = new Set<string>();
  for (const m of manifests) {
    if (seen.has(m.name)) throw new Error(`Two modules are named "${m.name}"`);
    seen.add(m.name);
  }
}

/** Builds every manifest's service into `ctx.services`, then registers every manifest's jobs. */
export function buildModules(ctx: AppContext): void {
  checkManifests(ctx.modules);
  for (const m of ctx.modules) if (m.createService) ctx.services.set(m.name, m.createService(ctx));
  for (const m of ctx.modules) {
    for (const job of m.jobs?.(ctx) ?? []) {
      ctx.jobs.register(job.kind, job.run, job.readableBy ? { readableBy: job.readableBy } : {});
    }
  }
}

/** Starts every manifest's schedules; returns a function that stops them all. */
export function startSchedules(ctx: AppContext): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const m of ctx.modules) {
    for (const s of m.schedules ?? []) {
      const fire = () => {
        s.run(ctx).catch((err: unknown) => ctx.log.error({ err }, `schedule ${m.name}.${s.name} failed`));
      };
      if (s.atStart) fire();
      const timer = setInterval(fire, s.everyMs);
      timer.unref();
      timers.push(timer);
    }
  }
  return () => {
    for (const t of timers) clearInterval(t);
  };
}

/** Adds every manifest's subcommands to the `pact` command. */
export function registerModuleCli(
  manifests: readonly ModuleManifest<unknown>[],
  groups: CliGroups,
  withContext: WithContext,
): void {
  for (const m of manifests) m.cli?.(groups, withContext);
}
