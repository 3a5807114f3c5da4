import type { Role } from "../src/common/platform.js";
import type { ExpectedAccess, ModuleManifest } from "../src/server/modules/manifest.js";
import type { TestClient } from "./app.js";

/** The app's own route (the API description), registered by `buildApp` rather than by a module. */
export const APP_ACCESS_MATRIX: Readonly<Record<string, ExpectedAccess>> = {
  "GET /api/v1/openapi.json": "public",
};

/**
 * The access matrix: the app's own rows and every manifest's `accessMatrix`, each row with the module that states
 * it. A route stated by two modules is refused (one statement of who may call it).
 */
export function collectAccessMatrix(
  modules: readonly ModuleManifest<unknown>[],
): Map<string, { module: string; allowed: ExpectedAccess }> {
  const matrix = new Map<string, { module: string; allowed: ExpectedAccess }>();
  const add = (module: string, rows: Readonly<Record<string, ExpectedAccess>>) => {
    for (const [key, allowed] of Object.entries(rows)) {
      const other = matrix.get(key);
      if (other) throw new Error(`"${key}" has rows in both "${other.module}" and "${module}"`);
      matrix.set(key, { module, allowed });
    }
  };
  add("app", APP_ACCESS_MATRIX);
  for (const m of modules) add(m.name, m.accessMatrix ?? {});
  return matrix;
}

/** Registered API routes no row covers, and rows (named with their module) that match no registered route. */
export function matrixGaps(
  routes: readonly { method: string; url: string }[],
  matrix: ReadonlyMap<string, { module: string }>,
): { missing: string[]; stale: string[] } {
  const registered = routes.filter((r) => r.url.startsWith("/api/v1")).map((r) => `${r.method} ${r.url}`);
  return {
    missing: registered.filter((key) => !matrix.has(key)),
    stale: [...matrix].filter(([key]) => !registered.includes(key)).map(([key, { module }]) => `${module}: ${key}`),
  };
}

const SAMPLE_PARAMS: Record<string, string> = {
  id: "00000000-0000-4000-8000-000000000000",
  code: "AFG",
  number: "1",
};

function concrete(url: string) {
  return url.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? "x");
}

export function allows(rule: ExpectedAccess, role: Role | "visitor") {
  if (rule === "public") return true;
  if (role === "visitor") return false;
  return rule === "signed-in" || rule.includes(role);
}

/**
 * Calls every row's route as every client and lists each answer that disagrees with the row: a refusal (401/403)
 * of an allowed role, an allowed answer to a refused one, or a refused visitor answered other than 401.
 */
export async function matrixFailures(
  matrix: ReadonlyMap<string, { allowed: ExpectedAccess }>,
  clients: ReadonlyMap<Role | "visitor", TestClient>,
): Promise<string[]> {
  const failures: string[] = [];
  // Sign-out last: it ends the session the other calls use.
  // (sign-out-everywhere before sign-out, which is public and so passes without a session).
  const last = (key: string) => (key.endsWith("/sign-out") ? 2 : key.includes("sign-out") ? 1 : 0);
  const keys = [...matrix.keys()].sort((a, b) => last(a) - last(b));
  for (const key of keys) {
    const [method, url] = key.split(" ") as [string, string];
    const rule = matrix.get(key)?.allowed as ExpectedAccess;
    for (const [role, client] of clients) {
      const res = await client.request({
        method: method as "GET",
        url: concrete(url),
        ...(method === "GET" ? {} : { payload: {} }),
      });
      const denied = res.statusCode === 401 || res.statusCode === 403;
      const expectedAllowed = allows(rule, role);
      if (expectedAllowed === denied) failures.push(`${role} ${key}: got ${res.statusCode}`);
      if (!expectedAllowed && role === "visitor" && res.statusCode !== 401)
        failures.push(`visitor ${key}: want 401, got ${res.statusCode}`);
    }
  }
  return failures;
}
