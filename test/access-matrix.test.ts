import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../src/common/platform.js";
import { createTestApp, type TestApp, type TestClient } from "./app.js";

/**
 * Who may call what. Every registered API route must have an entry here: a new route without one fails
 * this test. "public" = everyone; "signed-in" = every role; otherwise the roles allowed.
 */
const ALL_ROLES: Role[] = ["member", "focal_point", "liaison_officer", "coordinator", "administrator"];
const EDITORS: Role[] = ["focal_point", "liaison_officer", "coordinator", "administrator"];
type Allowed = "public" | "signed-in" | Role[];

const MATRIX: Record<string, Allowed> = {
  "GET /api/v1/openapi.json": "public",
  "GET /api/v1/health": "public",
  "GET /api/v1/system/backup": ["administrator"],
  "GET /api/v1/search": "public",
  "GET /api/v1/search/types": "public",
  "GET /api/v1/geo/countries": "public",
  "POST /api/v1/files": EDITORS,
  "GET /api/v1/files/:id": "signed-in",
  "GET /api/v1/jobs/:id": "signed-in",
  "GET /api/v1/jobs/:id/events": "signed-in",
  "GET /api/v1/notifications": "signed-in",
  "POST /api/v1/notifications/:id/read": "signed-in",
  "POST /api/v1/notifications/read-all": "signed-in",
  "GET /api/v1/notifications/preferences": "signed-in",
  "PUT /api/v1/notifications/preferences": "signed-in",
  "GET /api/v1/auth/me": "public",
  "POST /api/v1/auth/sign-in": "public",
  "POST /api/v1/auth/sign-out": "public",
  "POST /api/v1/auth/password": "signed-in",
  "POST /api/v1/auth/sign-in/2fa": "public",
  "GET /api/v1/auth/offline-key": "signed-in",
  "GET /api/v1/auth/sessions": "signed-in",
  "DELETE /api/v1/auth/sessions/:id": "signed-in",
  "POST /api/v1/auth/sessions/sign-out-everywhere": "signed-in",
  "GET /api/v1/auth/2fa": "signed-in",
  "POST /api/v1/auth/2fa/setup": "signed-in",
  "POST /api/v1/auth/2fa/enable": "signed-in",
  "POST /api/v1/auth/2fa/disable": "signed-in",
  "POST /api/v1/auth/2fa/recovery-codes": "signed-in",
  "GET /api/v1/auth/tokens": "signed-in",
  "POST /api/v1/auth/tokens": "signed-in",
  "DELETE /api/v1/auth/tokens/:id": "signed-in",
  "POST /api/v1/auth/password-reset": "public",
  "POST /api/v1/auth/password-reset/complete": "public",
  "GET /api/v1/partners": "public",
  "GET /api/v1/partners/:code": "public",
  "PATCH /api/v1/partners/:code": ["coordinator", "administrator"],
  "GET /api/v1/partners/:code/history": "signed-in",
  "GET /api/v1/pillars": "public",
  "GET /api/v1/pillars/:number": "public",
  "GET /api/v1/commitments": "public",
  "GET /api/v1/routes": "public",
  "GET /api/v1/programme": "public",
  "POST /api/v1/registrations": "public",
  "POST /api/v1/registrations/confirm": "public",
  "GET /api/v1/registrations": ["focal_point", "coordinator", "administrator"],
  "GET /api/v1/registrations/stats": ["coordinator", "administrator"],
  "POST /api/v1/registrations/:id/vouch": ["focal_point", "coordinator", "administrator"],
  "POST /api/v1/registrations/:id/decline": ["focal_point", "coordinator", "administrator"],
  "POST /api/v1/registrations/:id/approve": ["coordinator", "administrator"],
  "POST /api/v1/registrations/:id/reject": ["coordinator", "administrator"],
  "GET /api/v1/terms/current": "public",
  "POST /api/v1/terms/accept": "signed-in",
  "POST /api/v1/terms/versions": ["coordinator", "administrator"],
  "GET /api/v1/users": ["coordinator", "administrator"],
  "POST /api/v1/users": ["coordinator", "administrator"],
  "GET /api/v1/users/:id": ["coordinator", "administrator"],
  "PATCH /api/v1/users/:id": ["coordinator", "administrator"],
  "GET /api/v1/audit": ["coordinator", "administrator"],
  "GET /api/v1/audit/export": ["coordinator", "administrator"],
  "GET /api/v1/directory": "signed-in",
  "GET /api/v1/digests/settings": "signed-in",
  "PUT /api/v1/digests/settings": "signed-in",
  "POST /api/v1/digests/unsubscribe": "public",
  "GET /api/v1/digests/runs": ["coordinator", "administrator"],
  "POST /api/v1/digests/runs": ["coordinator", "administrator"],
  "GET /api/v1/digests/runs/:id": ["coordinator", "administrator"],
  "POST /api/v1/digests/runs/:id/resume": ["coordinator", "administrator"],
  "GET /api/v1/translations": ["coordinator", "administrator"],
  "PUT /api/v1/translations/:module/:id": ["coordinator", "administrator"],
  "GET /api/v1/digests/runs/:id/deliveries": ["coordinator", "administrator"],
  "GET /api/v1/analyses": "signed-in",
  "POST /api/v1/analyses": "signed-in",
  "GET /api/v1/analyses/:id": "signed-in",
  "PATCH /api/v1/analyses/:id": "signed-in",
  "POST /api/v1/analyses/:id/copy": "signed-in",
  "POST /api/v1/analyses/:id/archive": "signed-in",
  "GET /api/v1/analyses/:id/history": "signed-in",
  "GET /api/v1/dashboards": "signed-in",
  "POST /api/v1/dashboards": "signed-in",
  "GET /api/v1/dashboards/defaults": "signed-in",
  "PUT /api/v1/dashboards/defaults/:role": ["coordinator", "administrator"],
  "GET /api/v1/dashboards/:id": "signed-in",
  "PATCH /api/v1/dashboards/:id": "signed-in",
  "POST /api/v1/dashboards/:id/archive": "signed-in",
  "GET /api/v1/dashboards/:id/history": "signed-in",
  "GET /api/v1/analyses/:id/report-schedules": "signed-in",
  "POST /api/v1/analyses/:id/report-schedules": "signed-in",
  "GET /api/v1/dashboards/:id/report-schedules": "signed-in",
  "POST /api/v1/dashboards/:id/report-schedules": "signed-in",
  "GET /api/v1/analyses/:id/report-recipients": "signed-in",
  "GET /api/v1/dashboards/:id/report-recipients": "signed-in",
  "PUT /api/v1/report-schedules/:id": "signed-in",
  "POST /api/v1/report-schedules/:id/archive": "signed-in",
  "POST /api/v1/report-schedules/:id/pause": "signed-in",
  "POST /api/v1/report-schedules/:id/send": "signed-in",
  "GET /api/v1/report-schedules": ["coordinator", "administrator"],
  "GET /api/v1/seizures/public-stats": "public",
  "GET /api/v1/seizures/stats": "signed-in",
  "GET /api/v1/seizures/dashboard": "signed-in",
  "GET /api/v1/seizures/map/countries": "signed-in",
  "GET /api/v1/seizures/map/points": "signed-in",
  "GET /api/v1/seizures/map/flows": "signed-in",
  "GET /api/v1/seizures/terms": "signed-in",
  "POST /api/v1/seizures/terms/accept": "signed-in",
  "GET /api/v1/seizures": "signed-in",
  "POST /api/v1/seizures": EDITORS,
  "GET /api/v1/seizures/export": "signed-in",
  "GET /api/v1/seizures/import/template": EDITORS,
  "POST /api/v1/seizures/imports": EDITORS,
  "POST /api/v1/seizures/transitions": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/seizures/duplicates": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/seizures/duplicates/:id/decision": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/seizures/settings/countries": ["liaison_officer", "coordinator", "administrator"],
  "PUT /api/v1/seizures/settings/countries/:country": ["coordinator", "administrator"],
  "GET /api/v1/seizures/settings/analytics-copy": ["coordinator", "administrator"],
  // The import's remembered value mappings: record-level, the country's focal point and liaison officers (service).
  "GET /api/v1/seizures/imports/value-mappings": EDITORS,
  "DELETE /api/v1/seizures/imports/value-mappings/:id": EDITORS,
  "GET /api/v1/seizures/:id": "signed-in",
  "PATCH /api/v1/seizures/:id": EDITORS,
  "POST /api/v1/seizures/:id/correction": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/seizures/:id/history": "signed-in",
  // ADAM (projects module).
  "GET /api/v1/projects": "signed-in",
  "POST /api/v1/projects": EDITORS,
  "GET /api/v1/projects/:id": "signed-in",
  "PUT /api/v1/projects/:id": EDITORS,
  "POST /api/v1/projects/:id/transition": EDITORS,
  "GET /api/v1/projects/:id/history": "signed-in",
  "GET /api/v1/projects/:id/flows": "signed-in",
  "GET /api/v1/projects/saved-searches": "signed-in",
  "POST /api/v1/projects/saved-searches": "signed-in",
  "DELETE /api/v1/projects/saved-searches/:id": "signed-in",
  "GET /api/v1/projects/rates": "signed-in",
  "POST /api/v1/projects/rates": ["coordinator", "administrator"],
  "POST /api/v1/projects/rates/import": ["coordinator", "administrator"],
  "GET /api/v1/projects/parties": "signed-in",
  "POST /api/v1/projects/parties": ["coordinator", "administrator"],
  "GET /api/v1/projects/parties/unmapped": ["coordinator", "administrator"],
  "POST /api/v1/projects/parties/map": ["coordinator", "administrator"],
  "GET /api/v1/projects/stats/pivot": "signed-in",
  "GET /api/v1/projects/stats/overview": "signed-in",
  "GET /api/v1/projects/stats/flows": "signed-in",
  "GET /api/v1/projects/:id/documents": "signed-in",
  "POST /api/v1/projects/:id/documents": EDITORS,
  "POST /api/v1/projects/:id/documents/:documentId/versions": EDITORS,
  "DELETE /api/v1/projects/:id/documents/:documentId": EDITORS,
  "GET /api/v1/projects/:id/documents/:documentId/file": "signed-in",
  "GET /api/v1/projects/duplicates": EDITORS,
  "POST /api/v1/projects/duplicates/:id/label": EDITORS,
  "GET /api/v1/projects/duplicates/model": EDITORS,
  "POST /api/v1/projects/duplicates/run": ["coordinator", "administrator"],
  "GET /api/v1/projects/needs": "signed-in",
  "POST /api/v1/projects/needs": EDITORS,
  "PUT /api/v1/projects/needs/:id": EDITORS,
  "POST /api/v1/projects/needs/:id/archive": EDITORS,
  "GET /api/v1/projects/gaps": "signed-in",
  "GET /api/v1/projects/export": "signed-in",
  "GET /api/v1/projects/export/iati": "signed-in",
  "POST /api/v1/projects/import": EDITORS,
  "POST /api/v1/projects/imports": EDITORS,
  // The import's remembered value mappings: record-level, the partner's own (service); coordinators every partner's.
  "GET /api/v1/projects/imports/value-mappings": EDITORS,
  "DELETE /api/v1/projects/imports/value-mappings/:id": EDITORS,
  "GET /api/v1/projects/imports/template": EDITORS,
  "GET /api/v1/meetings": "public",
  "GET /api/v1/meetings/calendar.ics": "public",
  "GET /api/v1/meetings/:id": "public",
  "POST /api/v1/meetings": ["coordinator", "administrator"],
  "PATCH /api/v1/meetings/:id": ["coordinator", "administrator"],
  "GET /api/v1/meetings/:id/history": "signed-in",
  "POST /api/v1/meetings/:id/registrations": "signed-in",
  "PATCH /api/v1/meeting-registrations/:id": "signed-in",
  "GET /api/v1/meetings/:id/participants": "signed-in",
  "POST /api/v1/meetings/:id/invitations": ["coordinator", "administrator"],
  "POST /api/v1/meeting-registrations/:id/decision": ["coordinator", "administrator"],
  "POST /api/v1/meeting-registrations/:id/attendance": ["coordinator", "administrator"],
  "POST /api/v1/meetings/:id/snapshots": ["coordinator", "administrator"],
  "GET /api/v1/snapshots/:id": "signed-in",
  "GET /api/v1/recommendations": "public",
  "GET /api/v1/recommendations/export": "public",
  "GET /api/v1/recommendations/heatmap": "signed-in",
  "GET /api/v1/recommendations/progress": "signed-in",
  "GET /api/v1/recommendations/:id": "public",
  "POST /api/v1/recommendations": ["coordinator", "administrator"],
  "PATCH /api/v1/recommendations/:id": ["coordinator", "administrator"],
  "POST /api/v1/recommendations/:id/transitions": ["coordinator", "administrator"],
  "POST /api/v1/recommendations/:id/reports": EDITORS,
  "GET /api/v1/recommendations/:id/history": "signed-in",
  "GET /api/v1/news": "public",
  "GET /api/v1/news/feed.rss": "public",
  "GET /api/v1/news/feed.atom": "public",
  "GET /api/v1/news/:id": "public",
  "POST /api/v1/news": ["coordinator", "administrator"],
  "PATCH /api/v1/news/:id": ["coordinator", "administrator"],
  "GET /api/v1/facilities/reference": "public",
  "GET /api/v1/facilities": "public",
  "GET /api/v1/facilities/points": "public",
  "GET /api/v1/facilities/stats": "public",
  "GET /api/v1/facilities/stats/:iso3": "public",
  "GET /api/v1/facilities/export": "public",
  "GET /api/v1/facilities/import/template": "public",
  "POST /api/v1/facilities/import/preview": EDITORS,
  "POST /api/v1/facilities/import": EDITORS,
  "POST /api/v1/facilities/imports": EDITORS,
  // The import's remembered value mappings: record-level, the importer's countries (service).
  "GET /api/v1/facilities/imports/value-mappings": EDITORS,
  "DELETE /api/v1/facilities/imports/value-mappings/:id": EDITORS,
  "POST /api/v1/facilities": EDITORS,
  "GET /api/v1/facilities/:id": "public",
  "PATCH /api/v1/facilities/:id": EDITORS,
  "POST /api/v1/facilities/:id/archive": EDITORS,
  "GET /api/v1/facilities/:id/history": "signed-in",
  "GET /api/v1/facilities/:id/assessments": "public",
  "POST /api/v1/facilities/:id/assessments": EDITORS,
  "GET /api/v1/factsheets/indicators": "signed-in",
  "POST /api/v1/factsheets/indicators": ["liaison_officer", "coordinator", "administrator"],
  "PUT /api/v1/factsheets/indicators/:id": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/factsheets/indicators/:id/archive": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/factsheets/indicators/import": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/factsheets/indicators/imports": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/factsheets/indicators/template": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/factsheets/national-totals": "signed-in",
  "POST /api/v1/factsheets/national-totals": ["liaison_officer", "coordinator", "administrator"],
  "PUT /api/v1/factsheets/national-totals/:id": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/factsheets/national-totals/:id/archive": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/factsheets/national-totals/import": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/factsheets/national-totals/imports": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/factsheets/national-totals/template": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/factsheets/arq": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/factsheets/arq/reconciliation": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/factsheets/arq/export": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/factsheets/regions": "public",
  "POST /api/v1/factsheets/regions": ["coordinator", "administrator"],
  "PATCH /api/v1/factsheets/regions/:code": ["coordinator", "administrator"],
  "GET /api/v1/factsheets": "public",
  "POST /api/v1/factsheets": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/factsheets/:id": "public",
  "PATCH /api/v1/factsheets/:id": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/factsheets/:id/transitions": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/factsheets/:id/history": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/factsheets/:id/pdf": "public",
  "GET /api/v1/factsheets/:id/data": "public",
  "GET /api/v1/trainings/courses": "public",
  "POST /api/v1/trainings/courses": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/trainings": "public",
  "POST /api/v1/trainings": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/trainings/:id": "public",
  "PATCH /api/v1/trainings/:id": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/trainings/:id/participants": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/trainings/:id/participants": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/trainings/:id/participants/import": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/trainings/:id/participants/imports": ["liaison_officer", "coordinator", "administrator"],
  "PATCH /api/v1/trainings/participants/:id": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/trainings/persons/suggest": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/trainings/persons/:id": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/trainings/linkage/review": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/trainings/linkage/decisions": ["liaison_officer", "coordinator", "administrator"],
  "POST /api/v1/trainings/linkage/run": ["coordinator", "administrator"],
  "GET /api/v1/trainings/alerts": ["liaison_officer", "coordinator", "administrator"],
  "GET /api/v1/trainings/reports": "public",
  "GET /api/v1/trainings/reports/export": "public",
};

const SAMPLE_PARAMS: Record<string, string> = {
  id: "00000000-0000-4000-8000-000000000000",
  code: "AFG",
  number: "1",
};

function concrete(url: string) {
  return url.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? "x");
}

function allows(rule: Allowed, role: Role | "visitor") {
  if (rule === "public") return true;
  if (role === "visitor") return false;
  return rule === "signed-in" || rule.includes(role);
}

describe("role × route matrix", () => {
  let t: TestApp;
  const clients = new Map<Role | "visitor", TestClient>();

  beforeAll(async () => {
    // Every route × every role is far more than one client's per-minute allowance: lift it for this test only.
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "1000000" } });
    clients.set("visitor", await t.visitor());
    for (const role of ALL_ROLES) clients.set(role, await t.signIn(role, { partnerCode: "TJK" }));
  });
  afterAll(() => t.close());

  it("has an entry for every registered API route, and no stale entries", () => {
    const registered = t.routes.filter((r) => r.url.startsWith("/api/v1")).map((r) => `${r.method} ${r.url}`);
    const missing = registered.filter((key) => !(key in MATRIX));
    expect(missing, "routes without a matrix entry").toEqual([]);
    expect(
      Object.keys(MATRIX).filter((key) => !registered.includes(key)),
      "entries without a route",
    ).toEqual([]);
  });

  it("every registered API route declares an access rule", () => {
    const withoutRule = t.routes.filter((r) => r.url.startsWith("/api/v1") && !r.access);
    expect(withoutRule).toEqual([]);
  });

  it("refuses exactly the roles the matrix refuses", async () => {
    const failures: string[] = [];
    // Sign-out last: it ends the session the other calls use.
    // (sign-out-everywhere before sign-out, which is public and so passes without a session).
    const last = (key: string) => (key.endsWith("/sign-out") ? 2 : key.includes("sign-out") ? 1 : 0);
    const keys = Object.keys(MATRIX).sort((a, b) => last(a) - last(b));
    for (const key of keys) {
      const [method, url] = key.split(" ") as [string, string];
      for (const [role, client] of clients) {
        const res = await client.request({
          method: method as "GET",
          url: concrete(url),
          ...(method === "GET" ? {} : { payload: {} }),
        });
        const denied = res.statusCode === 401 || res.statusCode === 403;
        const expectedAllowed = allows(MATRIX[key] as Allowed, role);
        if (expectedAllowed === denied) failures.push(`${role} ${key}: got ${res.statusCode}`);
        if (!expectedAllowed && role === "visitor" && res.statusCode !== 401)
          failures.push(`visitor ${key}: want 401, got ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    // Several hundred role × route calls: minutes on a busy two-core machine, not seconds.
  }, 300_000);
});
