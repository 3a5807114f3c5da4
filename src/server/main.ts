import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { ensureFirstAdministrator, openAndMigrate, shouldSeedDemo } from "./bootstrap.js";
import { type Config, loadConfig } from "./config.js";
import { type OneTimeCredential, renderFirstScreen } from "./first-screen.js";
import type { ReferenceReport } from "./reference/load.js";

/**
 * The application's modules, loaded while the database starts: on a restart each takes seconds (compiling
 * and evaluating the module graph; the PostgreSQL server's start-up), and neither waits on the other.
 */
function loadServerModules() {
  return Promise.all([
    import("./app.js"),
    import("./demo/index.js"),
    import("./reference/load.js"),
    import("./modules/manifest.js"),
  ]);
}

/**
 * Starts the platform: migrate, load reference data, first administrator, demo data, then serve. It says one
 * line per step and ends with the box of one-time passwords, when accounts were created, so that box is what
 * the operator sees: at the default level Fastify's "listening" lines and the mail log of the demo data are
 * held back until then (warnings and errors still print), and the demo summary is one line.
 */
export async function serve(config: Config = loadConfig()) {
  const say = (line: string) => console.log(line);
  const stopper = installStopper(say);
  const modules = loadServerModules();
  modules.catch(() => {}); // a failure is reported where it is awaited, unless the database fails first
  const opening = openAndMigrate(config, { log: say });
  // Registered before it is awaited: a signal while the database starts still stops it once it has.
  stopper.onStop(async () => (await opening.catch(() => null))?.database.close());
  const { database, applied, fresh } = await opening;
  const [{ buildApp }, { seedDemo }, { loadReferenceData }, { startSchedules }] = await modules;
  const { app, ctx } = await buildApp(config, database, { serveWeb: true });
  const log = app.log;
  const quiet = log.level === "info";
  if (quiet) log.level = "warn";
  say(`Database ready: ${database.description}; ${migrationsNote(applied)}`);
  // The secret key must open every stored TOTP secret; ones stored in clear by an earlier version are sealed.
  const secrets = await ctx.accounts.twoFactor.sealStoredSecrets();
  if (secrets.sealed > 0) say(`TOTP secrets encrypted at rest: ${secrets.sealed}`);

  const reference = referenceNote(await loadReferenceData(ctx));
  if (reference) say(reference);

  const credentials: OneTimeCredential[] = [];
  const first = await ensureFirstAdministrator(ctx);
  if (first.administrator) credentials.push({ ...first.administrator, demo: false });
  if (shouldSeedDemo(config, fresh)) {
    const demo = await seedDemo(ctx);
    credentials.push(...demo.credentials);
    say("Demo data loaded, marked [Demo] (`pact seed demo --remove` removes it)");
  }

  // Crash clean-up: bytes whose row never committed and temporary files of interrupted writes.
  const swept = await ctx.files.sweepStore(config.fileSweepAfterMs);
  if (swept.temporary + swept.orphaned > 0) log.warn(swept, "file store: leftovers of an interrupted write removed");

  if (config.jobStaleAfterMs) {
    // A heartbeat several times within the stale limit, so a live job is never taken for a dead one.
    ctx.jobs.heartbeatMs = Math.min(ctx.jobs.heartbeatMs, Math.max(250, Math.floor(config.jobStaleAfterMs / 4)));
  }
  if (config.worker) ctx.jobs.start(config.jobStaleAfterMs ? { staleAfterMs: config.jobStaleAfterMs } : {});
  stopper.onStop(() => app.close());
  stopper.onStop(() => ctx.jobs.stop());
  // Every module's schedules (its manifest's), on instances that run the job worker.
  if (config.worker) stopper.onStop(startSchedules(ctx));

  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${(app.server.address() as AddressInfo).port}`;
  say(`Paris Pact Platform on ${url}`);
  for (const line of renderFirstScreen(credentials, url)) say(line);
  if (quiet) log.level = "info";
  return app;
}

function migrationsNote(applied: string[]): string {
  if (!applied.length) return "schema up to date";
  return applied.length === 1 ? `migration ${applied[0]} applied` : `${applied.length} migrations applied`;
}

/** One line on the reference data that changed (none on a restart with the same files). */
function referenceNote(counts: ReferenceReport): string | null {
  const changed = Object.entries(counts).filter(([, c]) => c.inserted + c.updated > 0);
  if (!changed.length) return null;
  const inserted = changed.reduce((n, [, c]) => n + c.inserted, 0);
  const updated = changed.reduce((n, [, c]) => n + c.updated, 0);
  return `Reference data loaded: ${inserted} added, ${updated} updated in ${changed.length} table(s)`;
}

/**
 * Ctrl+C and SIGTERM stop what has been started so far, newest first, and the embedded PostgreSQL last: from the
 * first moment of start-up (a signal during migrations or demo data must not leave the server running), once
 * (`npm start` and a terminal's Ctrl+C may deliver the signal twice; a second one must not cut the first short).
 */
function installStopper(say: (line: string) => void) {
  const steps: (() => unknown)[] = [];
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`Stopping (${signal})…`);
    for (const step of steps.reverse()) {
      try {
        await step();
      } catch (err) {
        console.error(`While stopping: ${err instanceof Error ? err.message : err}`);
      }
    }
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  return {
    /** Adds a step; when a stop is already under way, it runs with the rest (start-up then ends there). */
    onStop(step: () => unknown) {
      steps.push(step);
    },
  };
}

/** Set once a stop began: start-up steps failing under it (their database closed) are not a failed start. */
let stopping = false;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  serve().catch((error) => {
    if (stopping) return;
    console.error(`Could not start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
