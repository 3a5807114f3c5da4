import { pathToFileURL } from "node:url";
import { buildApp } from "./app.js";
import { ensureFirstAdministrator, openAndMigrate, shouldSeedDemo } from "./bootstrap.js";
import { type Config, loadConfig } from "./config.js";
import { seedDemo } from "./demo/index.js";
import { startReminderSchedule } from "./modules/registrations/registrations.schedule.js";
import { loadReferenceData } from "./reference/load.js";

/** Starts the platform: migrate, load reference data, first administrator, demo data, then serve. */
export async function serve(config: Config = loadConfig()) {
  const { database, applied, fresh } = await openAndMigrate(config);
  const { app, ctx } = await buildApp(config, database, { serveWeb: true });
  const log = app.log;
  log.info({ database: database.description, migrations: applied }, "database ready");
  // The secret key must open every stored TOTP secret; ones stored in clear by an earlier version are sealed.
  const secrets = await ctx.accounts.twoFactor.sealStoredSecrets();
  if (secrets.sealed > 0) log.info({ sealed: secrets.sealed }, "TOTP secrets encrypted at rest");

  const reference = await loadReferenceData(ctx);
  const changed = Object.entries(reference).filter(([, c]) => c.inserted + c.updated > 0);
  if (changed.length) log.info({ reference: Object.fromEntries(changed) }, "reference data loaded");

  const first = await ensureFirstAdministrator(ctx);
  if (first.administrator) {
    // Printed once, to the console only: the operator signs in with it and must choose a new password.
    console.log(
      [
        "",
        "  ┌──────────────────────────────────────────────────────────────",
        "  │ First administrator created",
        `  │   e-mail:              ${first.administrator.email}`,
        `  │   one-time password:   ${first.administrator.oneTimePassword}`,
        "  │ Sign in and choose a new password; this one is shown only now.",
        "  └──────────────────────────────────────────────────────────────",
        "",
      ].join("\n"),
    );
  }
  if (shouldSeedDemo(config, fresh)) {
    const demo = await seedDemo(ctx);
    console.log(demo.summary.join("\n"));
  }

  // Crash clean-up: bytes whose row never committed and temporary files of interrupted writes.
  const swept = await ctx.files.sweepStore(config.fileSweepAfterMs);
  if (swept.temporary + swept.orphaned > 0) log.warn(swept, "file store: leftovers of an interrupted write removed");

  if (config.jobStaleAfterMs) {
    // A heartbeat several times within the stale limit, so a live job is never taken for a dead one.
    ctx.jobs.heartbeatMs = Math.min(ctx.jobs.heartbeatMs, Math.max(250, Math.floor(config.jobStaleAfterMs / 4)));
  }
  if (config.worker) ctx.jobs.start(config.jobStaleAfterMs ? { staleAfterMs: config.jobStaleAfterMs } : {});
  const stopReminders = config.worker ? startReminderSchedule(ctx) : () => {};
  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down");
    stopReminders();
    await ctx.jobs.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  console.log(`Paris Pact Platform on http://localhost:${config.port} (${database.description})`);
  return app;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  serve().catch((error) => {
    console.error(`Could not start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
