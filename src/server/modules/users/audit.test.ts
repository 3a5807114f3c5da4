import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { csvField, csvRow } from "./csv.js";

/** A strict RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) throw new Error("CSV does not end with CRLF");
  return rows;
}

describe("audit log screen", () => {
  const t = useTestApp({ reference: false });
  let coordinator: TestClient;
  let coordinatorId: string;
  const objectId = randomUUID();

  const insert = (rows: Array<Record<string, unknown>>) =>
    t.ctx.database.db
      .insertInto("audit_log")
      .values(
        rows.map((r) => ({
          // As text, so the microseconds of the bulk rows survive (a Date keeps milliseconds only).
          at: sql<Date>`${(r.at as string) ?? new Date().toISOString()}::timestamptz`,
          actor_id: (r.actor_id as string) ?? null,
          actor_label: (r.actor_label as string) ?? "system",
          action: r.action as string,
          object_type: (r.object_type as string) ?? null,
          object_id: (r.object_id as string) ?? null,
          ip: (r.ip as string) ?? null,
          request_id: null,
          details: JSON.stringify(r.details ?? {}),
        })),
      )
      .execute();

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator", { email: "auditor@unodc.org" });
    coordinatorId = coordinator.userId as string;
    await insert([
      {
        at: "2024-01-10T08:00:00Z",
        action: "meeting.create",
        object_type: "meeting",
        object_id: objectId,
        ip: "10.0.0.1",
      },
      {
        at: "2024-01-15T12:00:00Z",
        action: "partner.update",
        object_type: "partner",
        object_id: "TJK",
        actor_id: coordinatorId,
        actor_label: "auditor@unodc.org",
        details: { note: 'Исправлено название, "Таджикистан", строка 1\nстрока 2' },
      },
      { at: "2024-01-31T23:59:59Z", action: "partner.update", object_type: "partner", object_id: "UZB" },
      { at: "2024-02-01T00:00:00Z", action: "meeting.update", object_type: "meeting", object_id: objectId },
      { at: "2024-02-02T00:00:00Z", action: "user.create", actor_label: '=HYPERLINK("http://evil")' },
    ]);
  });

  const list = async (query: string) => {
    const res = await coordinator.request({ url: `/api/v1/audit?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Array<Record<string, unknown>>; total: number; limit: number; offset: number };
  };

  it("filters by action, object, actor, period and text, newest first, with the actor's name", async () => {
    const updates = await list("action=partner.update");
    expect(updates.items.map((e) => e.objectId)).toEqual(["UZB", "TJK"]);
    expect(updates.items[1]).toMatchObject({
      actorId: coordinatorId,
      actorName: expect.stringContaining("Test coordinator"),
      actorEmail: "auditor@unodc.org",
    });

    const meeting = await list(`objectType=meeting&objectId=${objectId}`);
    expect(meeting.items.map((e) => e.action)).toEqual(["meeting.update", "meeting.create"]);

    expect((await list(`actor=${coordinatorId}&action=partner.update`)).total).toBe(1);
    expect((await list("actor=AUDITOR@&action=partner.update")).total).toBe(1);

    const january = await list("from=2024-01-01&to=2024-01-31");
    expect(january.items.map((e) => e.action)).toEqual(["partner.update", "partner.update", "meeting.create"]);
    const instant = await list("from=2024-01-15T12:00:00Z&to=2024-02-01T00:00:00Z");
    expect(instant.total).toBe(3);

    expect((await list("q=таджикистан")).items.map((e) => e.objectId)).toEqual(["TJK"]);
    expect((await list("q=10.0.0.1")).items.map((e) => e.action)).toEqual(["meeting.create"]);

    const page = await list("to=2024-12-31&limit=2&offset=2");
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(page.items.map((e) => e.at)).toEqual(["2024-01-31T23:59:59.000Z", "2024-01-15T12:00:00.000Z"]);
  });

  it("refuses a period that ends before it starts, and bad parameters", async () => {
    const res = await coordinator.request({ url: "/api/v1/audit?from=2024-02-01&to=2024-01-01" });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: "querystring.to", code: "before_from" });
    expect((await coordinator.request({ url: "/api/v1/audit?from=yesterday" })).statusCode).toBe(400);
    expect((await coordinator.request({ url: "/api/v1/audit?limit=100000" })).statusCode).toBe(400);
  });

  it("records each reading of the log in the log", async () => {
    await list("action=meeting.create&q=10.0");
    const reads = await t.ctx.audit.list({ action: "audit.read", actorId: coordinatorId, limit: 1, offset: 0 });
    expect(reads.items[0]).toMatchObject({ object_type: "audit_log", actor_label: "auditor@unodc.org" });
    expect(reads.items[0]?.details).toMatchObject({ filter: { action: "meeting.create", q: "10.0" }, total: 1 });
  });

  it("exports CSV with a BOM, RFC 4180 quoting, Cyrillic intact and formulas defused; the export is audited", async () => {
    const res = await coordinator.request({
      url: "/api/v1/audit/export?to=2024-12-31",
      headers: { "accept-language": "ru" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString("utf8").slice(1);
    const rows = parseCsv(text);
    expect(rows[0]?.[0]).toBe("Время (UTC)");
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.length === 10)).toBe(true);
    const tjk = rows.find((r) => r[6] === "TJK") as string[];
    expect(JSON.parse(tjk[9] as string)).toEqual({ note: 'Исправлено название, "Таджикистан", строка 1\nстрока 2' });
    expect(tjk[2]).toBe("auditor@unodc.org");
    const evil = rows.find((r) => r[4] === "user.create") as string[];
    expect(evil[3]).toBe('\'=HYPERLINK("http://evil")');
    expect(text).toContain('"\'=HYPERLINK(""http://evil"")"');

    const exports = await t.ctx.audit.list({ action: "audit.export", actorId: coordinatorId, limit: 5, offset: 0 });
    expect(exports.items[0]?.details).toMatchObject({ filter: { to: "2024-12-31" }, format: "csv" });

    expect((await coordinator.request({ url: "/api/v1/audit/export?format=xlsx" })).statusCode).toBe(400);
  });

  it("exports every row of a large log exactly once, across batches with equal timestamps", async () => {
    const at = "2023-06-01T10:00:00.123456Z";
    await insert(Array.from({ length: 2345 }, (_, i) => ({ at, action: "bulk.test", object_id: `row-${i}` })));
    const res = await coordinator.request({ url: "/api/v1/audit/export?action=bulk.test" });
    const rows = parseCsv(res.rawPayload.toString("utf8").slice(1)).slice(1);
    expect(rows).toHaveLength(2345);
    expect(new Set(rows.map((r) => r[6])).size).toBe(2345);
  });

  it("writes fields the RFC 4180 way", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("line\r\nbreak")).toBe('"line\r\nbreak"');
    expect(csvField("Кириллица")).toBe("Кириллица");
    expect(csvField("+7 495")).toBe("'+7 495");
    expect(csvField(null)).toBe("");
    expect(csvField(new Date("2024-01-01T00:00:00Z"))).toBe("2024-01-01T00:00:00.000Z");
    expect(csvRow(["a", "b,c"])).toBe('a,"b,c"\r\n');
  });

  it("is closed to members (403) and visitors (401)", async () => {
    const member = await t.signIn("member");
    expect((await member.request({ url: "/api/v1/audit" })).statusCode).toBe(403);
    expect((await member.request({ url: "/api/v1/audit/export" })).json().code).toBe("forbidden");
    const visitor = await t.visitor();
    expect((await visitor.request({ url: "/api/v1/audit" })).statusCode).toBe(401);
    const reads = await t.ctx.audit.list({
      action: "audit.read",
      actorId: member.userId as string,
      limit: 1,
      offset: 0,
    });
    expect(reads.total).toBe(0);
  });
});
