import { type Generated, type Kysely, type Migration, sql } from "kysely";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { collectAccessMatrix, matrixFailures, matrixGaps } from "../../../test/access-matrix.js";
import { createTestApp, type TestApp } from "../../../test/app.js";
import { tableOwnership } from "../../../test/owned-tables.js";
import { buildCli } from "../../cli/pact.js";
import { loadConfig } from "../config.js";
import { createContext } from "../context.js";
import type { DB } from "../db/schema.js";
import { demoContributors } from "../demo/index.js";
import { modulePermission, rolePermissions } from "../http/access-policy.js";
import { requires, signedIn } from "../http/access-rules.js";
import { actorOf } from "../http/request-context.js";
import { SYSTEM_ACTOR } from "../platform/audit.js";
import { serverModules } from "./index.js";
import { defineModule, type ModuleManifest, serviceOf, startSchedules } from "./manifest.js";

/**
 * A new module built only through its manifest: its table (an in-test migration standing in for its numbered file),
 * a service, two routes with access rules, a permission of its own, a job, a schedule, demo data and a CLI command.
 * Nothing central is edited; the app, the context (the worker's jobs), the schedules, the demo data, the CLI and
 * the access policy pick it up from the list they are given.
 */
interface WidgetsTable {
  id: Generated<string>;
  name: string;
  demo: boolean;
}
// The module's table joins `DB` from the module's own file, by declaration merging: no line in db/schema.ts.
declare module "../db/schema.js" {
  interface DB {
    widgets_fake: WidgetsTable;
  }
}
type WidgetsDb = Kysely<DB>;

const widgetsTable: Migration = {
  async up(db) {
    await sql`CREATE TABLE IF NOT EXISTS widgets_fake (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, demo boolean NOT NULL DEFAULT false)`.execute(
      db,
    );
  },
};

class WidgetsService {
  constructor(private readonly db: WidgetsDb) {}
  list() {
    return this.db.selectFrom("widgets_fake").select(["id", "name"]).orderBy("name").execute();
  }
  async create(name: string, demo = false) {
    return this.db
      .insertInto("widgets_fake")
      .values({ name, demo })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow();
  }
  async count() {
    const row = await this.db
      .selectFrom("widgets_fake")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  async removeDemo() {
    const result = await this.db.deleteFrom("widgets_fake").where("demo", "=", true).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

const WIDGETS_WRITE = modulePermission("widgets:write");
const COUNT_JOB = "widgets.count";
const printed: string[] = [];

const widgetsModule: ModuleManifest<WidgetsService> = defineModule<WidgetsService>({
  name: "widgets",
  tables: ["widgets_fake"],
  createService: (ctx) => new WidgetsService(ctx.database.db),
  accessMatrix: { "GET /api/v1/widgets": "signed-in", "POST /api/v1/widgets": ["coordinator", "administrator"] },
  routes: (app, ctx) => {
    const widgets = serviceOf(ctx, widgetsModule);
    app.get(
      "/widgets",
      { config: { access: signedIn() }, schema: { tags: ["widgets"], summary: "Widgets" } },
      async () => ({ items: await widgets.list() }),
    );
    app.post(
      "/widgets",
      {
        config: { access: requires(WIDGETS_WRITE) },
        schema: { tags: ["widgets"], summary: "Add a widget", body: z.object({ name: z.string().min(1) }) },
      },
      async (request, reply) => {
        const created = await widgets.create(request.body.name);
        await ctx.jobs.enqueue(COUNT_JOB, {}, actorOf(request));
        return reply.status(201).send(created);
      },
    );
  },
  jobs: (ctx) => [{ kind: COUNT_JOB, run: async () => ({ widgets: await serviceOf(ctx, widgetsModule).count() }) }],
  schedules: [
    { name: "count", everyMs: 3_600_000, atStart: true, run: (ctx) => ctx.jobs.enqueue(COUNT_JOB, {}, SYSTEM_ACTOR) },
  ],
  demo: {
    name: "widgets",
    async seed(ctx) {
      await serviceOf(ctx, widgetsModule).create("[Demo] widget", true);
      return ["1 demo widget"];
    },
    async remove(ctx) {
      return `${await serviceOf(ctx, widgetsModule).removeDemo()} demo widget(s) removed`;
    },
  },
  cli: ({ program }, withContext) => {
    program
      .command("widgets")
      .description("count the widgets")
      .action(() =>
        withContext(async (ctx) => {
          printed.push(`${await serviceOf(ctx, widgetsModule).count()} widgets`);
        }),
      );
  },
  permissions: [{ permission: WIDGETS_WRITE, roles: ["coordinator", "administrator"] }],
});

const modules = [...serverModules, widgetsModule];

describe("a module added through its manifest", { timeout: 120_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ modules, reference: false });
    await widgetsTable.up(t.ctx.database.db);
  });
  afterAll(() => t?.close());

  it("has its routes registered with their access rules, and the policy grants its permission", async () => {
    const routes = t.routes.filter((r) => r.url === "/api/v1/widgets").map((r) => [r.method, r.access]);
    expect(routes).toEqual([
      ["GET", { kind: "signed-in" }],
      ["POST", { kind: "permission", permission: "widgets:write" }],
    ]);
    expect(rolePermissions("coordinator")).toContain("widgets:write");
    expect(rolePermissions("liaison_officer")).not.toContain("widgets:write");
    // The role × route check of the access matrix, on the module's routes.
    const visitor = await t.visitor();
    const member = await t.signIn("member");
    const coordinator = await t.signIn("coordinator");
    const post = (c: typeof member) => c.request({ method: "POST", url: "/api/v1/widgets", payload: { name: "A" } });
    expect((await visitor.request({ url: "/api/v1/widgets" })).statusCode).toBe(401);
    expect((await member.request({ url: "/api/v1/widgets" })).statusCode).toBe(200);
    expect((await post(visitor)).statusCode).toBe(401);
    expect((await post(member)).statusCode).toBe(403);
    expect((await post(coordinator)).statusCode).toBe(201);
    // The API description names the roles that hold the module's permission.
    const doc = (await t.app.inject({ url: "/api/v1/openapi.json" })).json();
    expect(doc.paths["/api/v1/widgets"].post.description).toContain("roles: coordinator, administrator");
  });

  it("carries its access-matrix rows, collected with every module's and checked against the routes and roles", async () => {
    const matrix = collectAccessMatrix(modules);
    expect(matrix.get("POST /api/v1/widgets")).toEqual({
      module: "widgets",
      allowed: ["coordinator", "administrator"],
    });
    expect(matrixGaps(t.routes, matrix)).toEqual({ missing: [], stale: [] });
    // Without its rows its routes are uncovered; a row without a route is stale.
    const withoutRows = collectAccessMatrix([...serverModules, { ...widgetsModule, accessMatrix: {} }]);
    expect(matrixGaps(t.routes, withoutRows).missing).toEqual(["GET /api/v1/widgets", "POST /api/v1/widgets"]);
    const extra = {
      ...widgetsModule,
      accessMatrix: { ...widgetsModule.accessMatrix, "DELETE /api/v1/widgets": "signed-in" as const },
    };
    expect(matrixGaps(t.routes, collectAccessMatrix([...serverModules, extra])).stale).toEqual([
      "widgets: DELETE /api/v1/widgets",
    ]);
    expect(() =>
      collectAccessMatrix([...modules, { name: "other", accessMatrix: { "GET /api/v1/widgets": "public" } }]),
    ).toThrow(/has rows in both "widgets" and "other"/);
    // The matrix's role × route check on the module's rows (and a wrong row is caught).
    const clients = new Map([
      ["visitor", await t.visitor()],
      ["member", await t.signIn("member")],
      ["coordinator", await t.signIn("coordinator")],
    ] as const);
    const own = new Map([...matrix].filter(([, row]) => row.module === "widgets"));
    expect(await matrixFailures(own, clients)).toEqual([]);
    const wrong = new Map([["POST /api/v1/widgets", { allowed: "signed-in" as const }]]);
    expect(await matrixFailures(wrong, clients)).toEqual(["member POST /api/v1/widgets: got 403"]);
  });

  it("owns its table", async () => {
    const { owners, unowned, shared } = await tableOwnership(t.ctx.database.db, modules);
    expect(owners.get("widgets_fake")).toEqual(["widgets"]);
    expect(unowned).toEqual([]);
    expect(shared).toEqual([]);
    expect((await tableOwnership(t.ctx.database.db, serverModules)).unowned).toEqual(["widgets_fake"]);
  });

  it("runs its job on a worker whose context was built without routes", async () => {
    const worker = createContext(
      loadConfig({ PACT_DATA_DIR: t.dataDir, LOG_LEVEL: "silent", NODE_ENV: "test" }),
      t.ctx.database,
      pino({ level: "silent" }),
      modules,
    );
    expect(worker.jobs.kinds()).toEqual(expect.arrayContaining([COUNT_JOB, "imports.seizures", "analyses.report"]));
    // The POST above queued one; the worker runs it with the module's service.
    let job = await worker.jobs.runNext();
    while (job && job.kind !== COUNT_JOB) job = await worker.jobs.runNext();
    expect(job).toMatchObject({ kind: COUNT_JOB, status: "succeeded", result: { widgets: 1 } });
  });

  it("starts its schedule with the others", async () => {
    const stop = startSchedules(t.ctx);
    stop();
    await expect
      .poll(async () => {
        const job = await t.ctx.jobs.runNext();
        return job?.kind === COUNT_JOB ? job.status : null;
      })
      .toBe("succeeded");
  });

  it("seeds and removes its demo data after the other modules'", async () => {
    const names = demoContributors(t.ctx).map((c) => c.name);
    expect(names.at(-1)).toBe("widgets");
    expect(names.indexOf("factsheets")).toBeGreaterThan(names.indexOf("seizures"));
    expect(await widgetsModule.demo?.seed(t.ctx, {})).toEqual(["1 demo widget"]);
    expect(await widgetsModule.demo?.remove(t.ctx)).toBe("1 demo widget(s) removed");
  });

  it("adds its command to `pact`", async () => {
    const cli = buildCli(modules, (work) => work(t.ctx)).exitOverride();
    expect(cli.commands.map((c) => c.name())).toContain("widgets");
    expect(buildCli().commands.map((c) => c.name())).not.toContain("widgets");
    await cli.parseAsync(["node", "pact", "widgets"]);
    expect(printed).toEqual(["1 widgets"]);
  });

  it("refuses two modules of one name", () => {
    expect(() =>
      createContext(loadConfig({ PACT_DATA_DIR: t.dataDir }), t.ctx.database, pino({ level: "silent" }), [
        ...modules,
        defineModule({ name: "widgets" }),
      ]),
    ).toThrow(/Two modules are named "widgets"/);
  });
});
