import fs from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/app.js";
import { SERVER_SOURCES, sourceFiles } from "../../../test/source-files.js";
import { loadConfig } from "../config.js";
import { createContext } from "../context.js";
import { SYSTEM_ACTOR } from "../platform/audit.js";
import { defineImport, importJobKind } from "../platform/imports/jobs.js";
import { JobService } from "../platform/jobs.js";
import { serverModules } from "./index.js";

/**
 * The job kinds the server's code hands to `JobService.enqueue` / `enqueueCoalesced`, read from the source: a string
 * literal, or a constant declared somewhere in src/server as one. Anything else is returned as unresolved, so a new
 * call site with a computed kind shows up here instead of slipping past.
 */
function enqueuedKinds(): { kinds: Set<string>; unresolved: string[] } {
  const files = sourceFiles(SERVER_SOURCES);
  const texts = new Map(files.map((f) => [f, fs.readFileSync(f, "utf8")]));
  const constants = new Map<string, string>();
  for (const text of texts.values())
    for (const m of text.matchAll(/\bconst ([A-Z][A-Z0-9_]*)\s*=\s*"([^"]+)"/g)) constants.set(m[1] ?? "", m[2] ?? "");
  const kinds = new Set<string>();
  const unresolved: string[] = [];
  for (const [file, text] of texts) {
    for (const m of text.matchAll(/\bjobs\??\.(?:enqueue|enqueueCoalesced)\(\s*([^,\s)]+)/g)) {
      const arg = m[1] ?? "";
      const literal = /^"([^"]+)"$/.exec(arg)?.[1];
      const kind = literal ?? constants.get(arg);
      if (kind) kinds.add(kind);
      else unresolved.push(`${path.relative(SERVER_SOURCES, file)}: ${arg}`);
    }
  }
  return { kinds, unresolved };
}

describe("job kinds are registered only through the manifests", { timeout: 120_000 }, () => {
  const t = useTestApp({ reference: false });

  const worker = () =>
    createContext(
      loadConfig({ PACT_DATA_DIR: t.dataDir, LOG_LEVEL: "silent", NODE_ENV: "test" }),
      t.ctx.database,
      pino({ level: "silent" }),
      serverModules,
    );

  it("a context built without routes has exactly the manifests' job kinds, each once; the routes add none", () => {
    const ctx = worker();
    const declared = ctx.modules.flatMap((m) => (m.jobs?.(ctx) ?? []).map((j) => j.kind));
    expect(new Set(declared).size).toBe(declared.length);
    expect([...ctx.jobs.kinds()].sort()).toEqual([...declared].sort());
    // The app (with every module's routes registered) has the same kinds: no route registers one.
    expect([...t.ctx.jobs.kinds()].sort()).toEqual([...declared].sort());
    // The imports on the platform's pipeline are among them (their services define them, the manifests list them).
    expect(declared).toEqual(
      expect.arrayContaining(
        [
          "facilities",
          "projects",
          "projects.rates",
          "seizures",
          "trainings.participants",
          "factsheets.indicators",
          "factsheets.national-totals",
        ]
          .map(importJobKind)
          .concat("imports.projects.iati"),
      ),
    );
  });

  it("every job kind the code enqueues has a handler in a context built without routes", () => {
    const { kinds, unresolved } = enqueuedKinds();
    // Every import (in memory, streaming, IATI XML) enqueues its own definition's kind (`imports.<module>`) through
    // the one `importJob`: the test above finds those kinds in the manifests, the next one refuses a kind no manifest
    // lists.
    expect(unresolved).toEqual(["platform/imports/jobs.ts: kind"]);
    expect(kinds.size).toBeGreaterThanOrEqual(10);
    const registered = worker().jobs.kinds();
    expect([...kinds].filter((k) => !registered.includes(k))).toEqual([]);
  });

  it("an import whose job no manifest lists is refused when enqueued, before anything is queued", async () => {
    const jobs = new JobService(t.ctx.database.db, pino({ level: "silent" }));
    const unlisted = defineImport({ db: t.ctx.database.db, jobs, files: t.ctx.files }, {
      kind: "unlisted",
    } as unknown as Parameters<typeof defineImport>[1]);
    expect(unlisted.job.kind).toBe("imports.unlisted");
    await expect(
      unlisted.enqueue("00000000-0000-0000-0000-000000000000", { dryRun: true }, {}, SYSTEM_ACTOR, SYSTEM_ACTOR),
    ).rejects.toThrow(/"imports\.unlisted" has no handler/);
  });
});
