import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/app.js";
import { openTestDatabase } from "../../../../test/database.js";

/** Notes the SQL of every statement while `on`; a plugin, so transactions begun on the database are seen too. */
class StatementLog implements KyselyPlugin {
  on = false;
  readonly statements: string[] = [];
  private readonly compiler = new PostgresQueryCompiler();

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    if (this.on) this.statements.push(this.compiler.compileQuery(node, queryId).sql);
    return node;
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }

  /** The statements `work` sent. */
  async during(work: () => Promise<unknown>): Promise<string[]> {
    this.statements.length = 0;
    this.on = true;
    try {
      await work();
    } finally {
      this.on = false;
    }
    return [...this.statements];
  }
}

const CHILD_TABLES = /from "project_(transactions|locations|organizations|pillars|commitments|links)"/;

/** What a save read of the project itself: its row and each of its six child tables. */
function reads(statements: string[]) {
  const selects = statements.filter((s) => /^\s*(select|with)\b/i.test(s));
  return {
    selects: selects.length,
    projectRow: selects.filter((s) => /^\s*select\b[\s\S]*from "projects" where "id" = \$1/i.test(s)).length,
    children: selects.filter((s) => CHILD_TABLES.test(s)).length,
  };
}

const PROJECT = {
  title: { en: "Border liaison offices" },
  summary: { en: "Equipment and training for border liaison offices." },
  stage: "implementation",
  plannedStart: "2026-01-01",
  plannedEnd: "2027-12-31",
  themes: ["border_control"],
  pillars: [1],
  commitments: [],
  dacCodes: ["16063"],
  fundings: [{ donorName: "United States (INL)", donorCode: "USA", amount: "1500000", currency: "USD" }],
  locations: [{ code: "TJK", kind: "country", share: 100 }],
  organizations: [{ role: "implementing", name: "UNODC" }],
};

describe("a project save reads its own records once (issue 22)", () => {
  let t: TestApp;
  let usa: TestClient;
  const log = new StatementLog();

  beforeAll(async () => {
    const database = await openTestDatabase();
    const db = database.db.withPlugin(log);
    t = await createTestApp({ database: { ...database, db, readDb: db } });
    usa = await t.signIn("focal_point", { partnerCode: "USA" });
  });
  afterAll(() => t.close());

  it("creates and updates a project reading its row and its children a bounded number of times", async () => {
    let created: { id: string; version: number } = { id: "", version: 0 };
    const onCreate = reads(
      await log.during(async () => {
        const res = await usa.request({ method: "POST", url: "/api/v1/projects", payload: PROJECT });
        expect(res.statusCode, res.body).toBe(201);
        created = res.json();
      }),
    );
    const onUpdate = reads(
      await log.during(async () => {
        const res = await usa.request({
          method: "PUT",
          url: `/api/v1/projects/${created.id}`,
          payload: { ...PROJECT, title: { en: "Border liaison offices (TJK)" }, version: created.version },
        });
        expect(res.statusCode, res.body).toBe(200);
      }),
    );
    console.info("project save reads", { onCreate, onUpdate });
    // A create reads the row and the children back once after writing them (ChangeRecorder re-reads nothing; the
    // response is built from that read), and the duplicate check reads the row's features once: before issue 22's
    // conversion it read the row 4 times and the children 3 times (32 SELECTs in all).
    expect(onCreate.projectRow).toBe(2);
    expect(onCreate.children).toBe(6);
    // An update also reads the row for its access check and the children before the change (their flows may stay,
    // and a rate or a mapped donor changes them without a new version): before, the row 6 times and the children
    // 4 times (38 SELECTs).
    expect(onUpdate.projectRow).toBe(3);
    expect(onUpdate.children).toBe(12);
  });
});
