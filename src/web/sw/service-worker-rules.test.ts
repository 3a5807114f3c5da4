import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The worker is its own build entry with no imports, so its rules are read from its source: what it would write
 * to the device's Cache Storage (unencrypted, outliving the tab) must exclude record- and person-level data.
 */
const source = fs.readFileSync(path.join(import.meta.dirname, "service-worker.ts"), "utf8");
function rule(name: string): RegExp {
  const m = source.match(new RegExp(`const ${name} =\\s*(\\/.*\\/);`));
  if (!m?.[1]) throw new Error(`${name} not found in service-worker.ts`);
  return new Function(`return ${m[1]};`)() as RegExp;
}
const PERSONAL = rule("PERSONAL");
const NEVER = rule("NEVER");
const kept = (p: string) => !PERSONAL.test(p) && !NEVER.test(p);

describe("what the service worker may keep on the device", () => {
  it("never keeps seizure records, training participants, people or the audit log", () => {
    for (const p of [
      "/api/v1/seizures",
      "/api/v1/seizures/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
      "/api/v1/seizures/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c/history",
      "/api/v1/seizures/map/points",
      "/api/v1/seizures/duplicates",
      "/api/v1/seizures/imports",
      "/api/v1/trainings/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
      "/api/v1/trainings/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c/participants",
      "/api/v1/trainings/persons/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
      "/api/v1/trainings/linkage/review",
      "/api/v1/trainings/alerts",
      "/api/v1/users",
      "/api/v1/users/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
      "/api/v1/directory",
      "/api/v1/registrations",
      "/api/v1/audit",
      "/api/v1/auth/offline-key",
      "/api/v1/files/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
    ])
      expect(kept(p), p).toBe(false);
  });

  it("keeps aggregates and the pages people read offline", () => {
    for (const p of [
      "/api/v1/seizures/dashboard",
      "/api/v1/seizures/stats",
      "/api/v1/seizures/public-stats",
      "/api/v1/seizures/map/flows",
      "/api/v1/trainings",
      "/api/v1/trainings/reports",
      "/api/v1/partners",
      "/api/v1/meetings",
      "/api/v1/projects/stats/pivot",
      "/api/v1/auth/me",
    ])
      expect(kept(p), p).toBe(true);
  });
});
