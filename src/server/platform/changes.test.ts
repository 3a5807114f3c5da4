import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.js";
import type { Database } from "../db/database.js";
import { AppError } from "../http/errors.js";
import { type Actor, AuditService } from "./audit.js";
import { ChangeRecorder } from "./changes.js";
import { RevisionService } from "./revisions.js";

const actor: Actor = { userId: null, label: "test", ip: "127.0.0.1", requestId: "req-1" };
let database: Database;
let changes: ChangeRecorder;

beforeAll(async () => {
  database = await openTestDatabase();
  changes = new ChangeRecorder({ audit: new AuditService(database.db), revisions: new RevisionService(database.db) });
});
afterAll(() => database.close());

const revisionsOf = (id: string) =>
  database.db
    .selectFrom("revisions")
    .select(["version", "action", "changes", "snapshot", "reason"])
    .where("entity_id", "=", id)
    .orderBy("version")
    .execute();
const auditOf = (id: string) =>
  database.db
    .selectFrom("audit_log")
    .select(["action", "object_type", "object_id", "details"])
    .where("object_id", "=", id)
    .execute();

describe("ChangeRecorder", () => {
  it("writes the revision and the audit entry of a change from the rows it is given, in the caller's transaction", async () => {
    const id = crypto.randomUUID();
    const before = { id, version: 1, title: "Old", updated_at: "2026-01-01" };
    const after = { id, version: 2, title: "New", updated_at: "2026-01-02" };
    const { row, changes: diff } = await database.db.transaction().execute((trx) =>
      changes.record(trx, actor, {
        type: "widget",
        action: "update",
        before,
        after,
        reason: "typo",
        audit: { action: "widget.update", details: (d) => ({ fields: Object.keys(d) }) },
      }),
    );
    expect(row).toBe(after);
    expect(diff).toEqual({ title: { from: "Old", to: "New" } });
    const [revision] = await revisionsOf(id);
    expect(revision).toMatchObject({ version: 2, action: "update", reason: "typo", snapshot: after });
    expect(revision?.changes).toEqual(diff);
    expect(await auditOf(id)).toEqual([
      { action: "widget.update", object_type: "widget", object_id: id, details: { fields: ["title"] } },
    ]);
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const id = crypto.randomUUID();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await changes.record(trx, actor, {
          type: "widget",
          action: "create",
          before: null,
          after: { id, version: 1, title: "New" },
          audit: { action: "widget.create" },
        });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await revisionsOf(id)).toEqual([]);
    expect(await auditOf(id)).toEqual([]);
  });

  it("tells a missing record (404) from a stale version (409 with the current record) when the write matched nothing", async () => {
    const id = crypto.randomUUID();
    const attempt = (current: unknown) =>
      database.db.transaction().execute((trx) =>
        changes.record(trx, actor, {
          type: "widget",
          action: "update",
          before: { id, version: 1 },
          after: undefined,
          current: async () => current,
          what: "gadget",
          audit: { action: "widget.update" },
        }),
      );
    const missing = await attempt(undefined).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({ code: "not_found", status: 404, details: { what: "gadget" } });
    const stale = await attempt({ id, version: 3 }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: "version_conflict", status: 409, details: { current: { id, version: 3 } } });
    expect(await revisionsOf(id)).toEqual([]);
    expect(await auditOf(id)).toEqual([]);
  });

  it("keeps what the snapshot keeps, under the id and version it is told, and leaves out what it is told to", async () => {
    const id = "key-1";
    await database.db.transaction().execute(async (trx) => {
      // No audit entry (the platform's own change), the history under an explicit id and version.
      await changes.record(trx, actor, {
        type: "setting",
        action: "create",
        before: { on: true },
        after: { on: false, secret: "x" },
        id,
        version: 7,
        snapshot: (r) => ({ on: r.on }),
        audit: null,
      });
      // No revision (a record without a history): the diff still reaches the audit details.
      await changes.record(trx, actor, {
        type: "setting",
        action: "update",
        before: { id, on: false },
        after: { id, on: true },
        revision: false,
        audit: { action: "setting.update", details: (d) => ({ changes: d }) },
      });
    });
    const revisions = await revisionsOf(id);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({
      version: 7,
      snapshot: { on: false },
      changes: { on: { from: true, to: false } },
    });
    expect(await auditOf(id)).toEqual([
      {
        action: "setting.update",
        object_type: "setting",
        object_id: id,
        details: { changes: { on: { from: false, to: true } } },
      },
    ]);
  });

  it("records an event with no revision", async () => {
    const id = crypto.randomUUID();
    await changes.event(actor, { action: "widget.read", objectType: "widget", objectId: id, details: { n: 1 } });
    expect(await auditOf(id)).toEqual([
      { action: "widget.read", object_type: "widget", object_id: id, details: { n: 1 } },
    ]);
    expect(await revisionsOf(id)).toEqual([]);
  });
});

describe("ChangeRecorder, set-based", () => {
  const editor: Actor = { ...actor, userId: null };

  it("recordMany writes the revisions record writes, one per row, across statement chunks, in the order given", async () => {
    const one = crypto.randomUUID();
    await database.db.transaction().execute((trx) =>
      changes.record(trx, editor, {
        type: "widget",
        action: "create",
        before: null,
        after: { id: one, version: 1, title: "A", created_at: "x" },
        snapshot: ({ created_at: _, ...rest }) => rest,
        audit: null,
      }),
    );
    const rows = Array.from({ length: 260 }, (_, i) => ({ id: crypto.randomUUID(), version: 1, title: `T${i}` }));
    rows[0] = { id: crypto.randomUUID(), version: 1, title: "A" };
    const diffs = await database.db.transaction().execute((trx) =>
      changes.recordMany(trx, editor, {
        type: "widget",
        action: "create",
        rows: rows.map((r) => ({ before: null, after: { ...r, created_at: "x" } })),
        snapshot: ({ created_at: _, ...rest }) => rest,
      }),
    );
    expect(diffs).toHaveLength(260);
    expect(diffs[259]).toEqual({ id: { from: null, to: rows[259]?.id }, title: { from: null, to: "T259" } });
    const [single] = await revisionsOf(one);
    const [many] = await revisionsOf(rows[0]?.id ?? "");
    expect(many).toEqual({
      ...single,
      changes: { ...(single?.changes as object), id: { from: null, to: rows[0]?.id } },
      snapshot: { ...(single?.snapshot as object), id: rows[0]?.id },
    });
    const last = await revisionsOf(rows[259]?.id ?? "");
    expect(last).toEqual([{ version: 1, action: "create", changes: diffs[259], snapshot: rows[259], reason: null }]);
    expect(await auditOf(rows[0]?.id ?? "")).toEqual([]);
  });

  it("recordSet writes one revision per row the repository's query selects, in one statement, or none on rollback", async () => {
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const row = (id: string, version: number) =>
      database.db.selectNoFrom([
        sql<string>`${id}::text`.as("entity_id"),
        sql<number>`${version}::int`.as("version"),
        sql<unknown>`jsonb_build_object('status', jsonb_build_object('from', 'entered', 'to', 'validated'))`.as(
          "changes",
        ),
        sql<unknown>`jsonb_build_object('status', 'validated')`.as("snapshot"),
      ]);
    const written = await database.db
      .transaction()
      .execute((trx) =>
        changes.recordSet(trx, editor, { type: "widget", action: "transition", source: row(a, 2).unionAll(row(b, 5)) }),
      );
    expect(written).toBe(2);
    const expected = (version: number) => ({
      version,
      action: "transition",
      changes: { status: { from: "entered", to: "validated" } },
      snapshot: { status: "validated" },
      reason: null,
    });
    expect(await revisionsOf(a)).toEqual([expected(2)]);
    expect(await revisionsOf(b)).toEqual([expected(5)]);
    const c = crypto.randomUUID();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await changes.recordSet(trx, editor, { type: "widget", action: "transition", source: row(c, 1) });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await revisionsOf(c)).toEqual([]);
  });
});
