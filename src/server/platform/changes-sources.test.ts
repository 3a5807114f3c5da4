import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_SOURCES, sourceFiles } from "../../../test/source-files.js";

/**
 * Issue 22's rules, read from the source so a new call site shows up here: a change is recorded only through the
 * platform helper (`ChangeRecorder` in changes.ts), and SQL lives only in repositories (a service or a route names
 * the records it means by typed criteria, never by a raw `sql` fragment).
 */
/** `file:line` of each line of the server's sources (tests left out) that `pattern` matches. */
function sitesOf(pattern: RegExp, keep: (file: string) => boolean): string[] {
  return sourceFiles(SERVER_SOURCES)
    .filter(keep)
    .flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (pattern.test(line) ? [`${path.relative(SERVER_SOURCES, file)}:${i + 1}`] : [])),
    );
}

const RECORD_CALL = /\b(revisions|audit)\s*\.\s*record\s*\(/;
const RAW_SQL = /\bsql\s*(`|<|\.\s*(raw|ref|join|lit|id|table|val)\b)/;
const REVISION_INSERT = /insertInto\(\s*["'`]revisions["'`]|insert\s+into\s+revisions\b/i;
const SEIZURE_READ = /selectFrom\(\s*["'`]seizures\b|\b(from|join)\s+seizures\b/i;

describe("one way to record a change, SQL only in repositories", () => {
  it("nothing outside the platform helper calls revisions.record or audit.record", () => {
    const sites = sitesOf(RECORD_CALL, (f) => !f.endsWith(path.join("platform", "changes.ts")));
    expect(sites).toEqual([]);
  });

  it("no service or routes file builds raw SQL", () => {
    const sites = sitesOf(RAW_SQL, (f) => /\.(service|routes)\.ts$/.test(f));
    expect(sites).toEqual([]);
  });

  it("only the platform's RevisionService inserts revisions (a set-based write goes through recordMany/recordSet)", () => {
    const sites = sitesOf(REVISION_INSERT, (f) => !f.endsWith(path.join("platform", "revisions.ts")));
    expect(sites).toEqual([]);
  });

  it("the fact sheets read seizure records only through the seizure module (seizures.figures.ts)", () => {
    const sites = sitesOf(SEIZURE_READ, (f) => f.includes(path.join("modules", "factsheets") + path.sep));
    expect(sites).toEqual([]);
  });

  it("the patterns find what they look for (so the checks above cannot pass by matching nothing)", () => {
    expect(RECORD_CALL.test("await this.deps.audit.record(actor, entry, trx);")).toBe(true);
    expect(RECORD_CALL.test("await this.deps.revisions.record(")).toBe(true);
    expect(RECORD_CALL.test("await this.changes.record(trx, actor, change);")).toBe(false);
    expect(RAW_SQL.test("await this.repo.findDuplicates(trx, sql<boolean>`n.id = $1`);")).toBe(true);
    expect(RAW_SQL.test("q.where(sql.ref('s.id'), '=', id)")).toBe(true);
    expect(RAW_SQL.test("await this.repo.findDuplicates(trx, { id });")).toBe(false);
    expect(REVISION_INSERT.test('await trx.insertInto("revisions").values(rows)')).toBe(true);
    expect(REVISION_INSERT.test("sql`insert into revisions (entity_type, entity_id)`")).toBe(true);
    expect(REVISION_INSERT.test('trx.selectFrom("revisions")')).toBe(false);
    expect(SEIZURE_READ.test('this.db.selectFrom("seizures as s")')).toBe(true);
    expect(SEIZURE_READ.test("select count(*) from seizures s where")).toBe(true);
    expect(SEIZURE_READ.test('this.db.selectFrom("seizure_monthly")')).toBe(false);
    expect(sourceFiles(SERVER_SOURCES).some((f) => f.endsWith(path.join("platform", "changes.ts")))).toBe(true);
  });
});
