import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "../../../test/source-files.js";

/**
 * Issue 22's "one policy per resource": access is decided by permissions (`partners:all`, `countries:all`,
 * `system:manage` …) and, where a record is concerned, by the resource's `*.policy.ts`. A role name compared
 * anywhere else (`user.role === "coordinator"`, `role in ["coordinator", "administrator"]`) is a rule hidden from
 * the policies and the role→permission table, so this reads the sources of the server and the web and fails on one.
 */
const SRC = path.resolve(import.meta.dirname, "../..");

const ROLE = '"(member|focal_point|liaison_officer|coordinator|administrator)"';
/** `x.role === "coordinator"`, `role !== "administrator"`, `"coordinator" === role`, `approved_role === …`. */
const ROLE_COMPARISON = new RegExp(
  String.raw`\b\w*role\b\s*\)?\s*[!=]==?\s*${ROLE}|${ROLE}\s*[!=]==?\s*[\w.?]*\brole\b`,
  "i",
);
/** A list of privileged role names used as a test (`["coordinator", "administrator"]`, `.includes(…)`, `in`). */
const ROLE_LIST = /\[\s*"(coordinator|administrator)"\s*,\s*"(coordinator|administrator)"\s*\]/;

/**
 * Where a role name may be compared: the policies, the role→permission table, and these files, each for the
 * reason given (none of them decides access).
 */
const ALLOWED: Record<string, string> = {
  "server/http/access-policy.ts": "the role→permission table and the per-user country scopes of a role",
  "server/modules/users/users.service.ts":
    "account field rules: a focal point needs a partner, only liaison officers carry country scopes",
  "server/modules/directory/directory.service.ts": "the directory shows the scopes of liaison officers",
  "server/modules/registrations/registrations.present.ts": "the roles a registration may be approved with",
  "server/demo/demo-accounts.ts": "demo accounts: liaison officers get their demo scopes",
  "web/pages/admin/user-page.tsx": "the account form shows the country-scopes field for a liaison officer",
  "web/pages/admin/create-user-dialog.tsx": "the account form shows the country-scopes field for a liaison officer",
  "web/pages/directory/directory-page.tsx": "display of the role itself (its badge colour, a liaison officer's scopes)",
  "web/pages/directory/directory.module.ts": "the directory's role filter read from the address",
};

/** A module's manifest declares the expected access matrix (the roles each route admits), checked against the
 * permissions by test/access-matrix.test.ts: lists of role names there are expectations, not rules. */
const isManifest = (rel: string) => rel.endsWith(".manifest.ts");

function sites(): string[] {
  return sourceFiles(SRC, { tsx: true }).flatMap((file) => {
    const rel = path.relative(SRC, file).split(path.sep).join("/");
    if (rel.endsWith(".policy.ts") || isManifest(rel) || rel in ALLOWED) return [];
    return fs
      .readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) => (ROLE_COMPARISON.test(line) || ROLE_LIST.test(line) ? [`${rel}:${i + 1}`] : []));
  });
}

describe("no role-name checks outside the policies", () => {
  it("nothing in src compares a role name outside *.policy.ts and the role→permission table", () => {
    expect(sites()).toEqual([]);
  });

  it("each allowed file still needs its exception (so the list cannot outlive its reason)", () => {
    for (const rel of Object.keys(ALLOWED)) {
      const lines = fs.readFileSync(path.join(SRC, rel), "utf8").split("\n");
      expect(
        lines.some((l) => ROLE_COMPARISON.test(l) || ROLE_LIST.test(l)),
        rel,
      ).toBe(true);
    }
  });

  it("the patterns find what they look for (so the checks above cannot pass by matching nothing)", () => {
    const hits = [
      'if (user.role === "coordinator" || user.role === "administrator") return true;',
      'const privileged = (p: Principal) => p.user?.role === "coordinator";',
      'if (me.role !== "administrator") throw forbidden();',
      'const coordinator = me?.user?.role === "coordinator" || me?.user?.role === "administrator";',
      '{(a.mine || role === "coordinator") && <ReportSchedules />}',
      'if ("administrator" === principal.user?.role) return;',
      'eb("role", "in", ["coordinator", "administrator"]),',
      'row.approved_role === "member"',
    ];
    for (const line of hits) expect(ROLE_COMPARISON.test(line) || ROLE_LIST.test(line), line).toBe(true);
    const misses = [
      'if (can(principal, "partners:all")) return true;',
      'role: "administrator",',
      'const roles = hasPermission(me, "system:manage") ? ROLES : ROLES.filter((r) => r !== SYSTEM_ROLE);',
      "{roleLabel(t, user.role)}",
      'const funders = orgs.filter((o) => o.role === "1" && o.name);',
    ];
    for (const line of misses) expect(ROLE_COMPARISON.test(line) || ROLE_LIST.test(line), line).toBe(false);
  });
});
