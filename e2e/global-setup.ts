import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { startPlatform, stopOrphanedServer } from "./harness.js";

/**
 * Starts the platform once on a fresh embedded PostgreSQL and stops it cleanly: the journeys' fresh platforms
 * start from copies of this data directory (see `startPlatform`) instead of each making a cluster, migrating it
 * and loading the reference data again. E2E_FRESH_PLATFORMS=1 skips it: every platform is a first start.
 */
export default async function setup(project: TestProject) {
  if (process.env.E2E_FRESH_PLATFORMS === "1") {
    project.provide("e2ePlatformTemplate", undefined);
    return;
  }
  const first = await startPlatform({}, undefined, { fresh: true });
  first.child.kill("SIGTERM");
  const exit = await first.exited();
  await stopOrphanedServer(first.dataDir);
  if (exit.code !== 0) {
    fs.rmSync(first.dataDir, { recursive: true, force: true });
    throw new Error(`the template platform did not stop cleanly (${JSON.stringify(exit)}):\n${first.output()}`);
  }
  project.provide("e2ePlatformTemplate", { dataDir: first.dataDir, administrator: first.administrator });
  return () => fs.rmSync(first.dataDir, { recursive: true, force: true });
}
