import { beforeAll, describe, expect, it } from "vitest";
import { createCourse } from "../../../../test/api-calls.js";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { importSpreadsheet } from "../../../../test/imports.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import { SPREADSHEETS } from "../../platform/files.js";
import { printParticipantImport } from "./trainings.cli.js";
import { parseParticipantList } from "./trainings.import.js";

/**
 * Issue 16: a participant listed twice in one file is a confirmable warning, never a refusal: the repeats wait for
 * one decision for all of them (merge or keep both), and no row is handed on to be written until it is given.
 */
const LIST = [
  "full_name,full_name_native,date_of_birth,sex,country,agency,position,attended,completed,post_score",
  "Aibek Nurlanov,Айбек Нурланов,1985-04-12,M,KAZ,Customs,,yes,no,",
  "Dilnoza Karimova,,1990-01-01,F,UZB,Police,Inspector,yes,yes,80",
  // The same man again, with the position and the completion the first row lacks.
  "AIBEK  NURLANOV,,12.04.1985,M,KAZ,,Senior inspector,yes,yes,91",
  // Same name, another date of birth: another person.
  "Dilnoza Karimova,,1992-06-30,F,UZB,Police,,yes,no,",
  "Dilnoza Karimova,,1990-01-01,F,UZB,,,no,no,",
].join("\n");

describe("repeats in one participant list", () => {
  it("are warnings waiting for one decision, with nothing to write until it is given", async () => {
    const list = await parseParticipantList(Buffer.from(LIST), "list.csv");
    expect(list.report.refused).toBe(false);
    expect(list.report.errors).toEqual([]);
    expect(list.decisionRequired).toBe("duplicates");
    expect(list.duplicatesDecision).toBeNull();
    expect(list.rows).toEqual([]);
    expect(list.duplicates).toEqual([
      { row: 4, firstRow: 2, name: "AIBEK  NURLANOV" },
      { row: 6, firstRow: 3, name: "Dilnoza Karimova" },
    ]);
    expect(list.report.warnings.map((w) => [w.row, w.code])).toEqual([
      [4, "duplicate_in_file"],
      [6, "duplicate_in_file"],
    ]);
    expect(list.report.warnings[0]?.message.ru).toContain("объедините повторы или сохраните оба");
  });

  it("merged: each repeat completes its first row, which keeps what it already said", async () => {
    const list = await parseParticipantList(Buffer.from(LIST), "list.csv", { duplicates: "merge" });
    expect(list.decisionRequired).toBeNull();
    expect(list.duplicatesDecision).toBe("merge");
    expect(list.rows).toHaveLength(3);
    expect(list.rows[0]).toMatchObject({
      fullName: "Aibek Nurlanov",
      fullNameNative: "Айбек Нурланов",
      agency: "Customs",
      position: "Senior inspector",
      completed: true,
      postScore: 91,
    });
    expect(list.rows[1]).toMatchObject({
      fullName: "Dilnoza Karimova",
      attended: true,
      completed: true,
      postScore: 80,
    });
    expect(list.rows[2]).toMatchObject({ fullName: "Dilnoza Karimova", dateOfBirth: "1992-06-30" });
  });

  it("kept both: every row is written as it is", async () => {
    const list = await parseParticipantList(Buffer.from(LIST), "list.csv", { duplicates: "keep_both" });
    expect(list.duplicatesDecision).toBe("keep_both");
    expect(list.rows).toHaveLength(5);
    expect(list.rows[2]).toMatchObject({ fullName: "AIBEK  NURLANOV", agency: null });
  });

  it("a list without repeats needs no decision, and a bad row still refuses the whole list", async () => {
    const plain = await parseParticipantList(Buffer.from(LIST.split("\n").slice(0, 3).join("\n")), "list.csv");
    expect(plain).toMatchObject({ decisionRequired: null, duplicatesDecision: null, duplicates: [] });
    expect(plain.rows).toHaveLength(2);
    const bad = await parseParticipantList(Buffer.from(`${LIST}\nOleg Petrov,,31.02.1980,M,KAZ,,,,,`), "list.csv", {
      duplicates: "merge",
    });
    expect(bad.report.refused).toBe(true);
    expect(bad.rows).toEqual([]);
    expect(bad.report.errors.map((e) => [e.row, e.code])).toEqual([[7, "invalid_date"]]);
  });
});

describe("repeats in one participant list, through the API and the CLI", () => {
  const t = useTestApp();
  let organizer: TestClient;
  let trainingId: string;

  beforeAll(async () => {
    organizer = await t.signIn("liaison_officer");
    const coordinator = await t.signIn("coordinator");
    await t.ctx.database.db
      .insertInto("user_country_scopes")
      .values(["KAZ", "UZB"].map((c) => ({ user_id: organizer.userId as string, country_code: c })))
      .execute();
    const courseId = await createCourse(
      coordinator,
      "RP-1",
      { en: "Risk profiling", ru: "Профилирование рисков" },
      "risk",
    );
    const training = await organizer.request({
      method: "POST",
      url: "/api/v1/trainings",
      payload: {
        courseId,
        title: "Risk profiling, Almaty",
        startsOn: "2025-03-10",
        endsOn: "2025-03-14",
        country: "KAZ",
        format: "in_person",
      },
    });
    expect(training.statusCode, training.body).toBe(201);
    trainingId = training.json().id;
  });

  const participants = async () =>
    (await organizer.request({ url: `/api/v1/trainings/${trainingId}/participants` })).json();

  it("writes nothing until one decision is given, then merges every repeat (or keeps both) as asked", async () => {
    const file = await t.ctx.files.save({
      data: Buffer.from(LIST),
      originalName: "list.csv",
      allowed: SPREADSHEETS,
      actor: { ...SYSTEM_ACTOR, userId: organizer.userId },
    });
    const url = `/api/v1/trainings/${trainingId}/participants/import`;
    const asked = await organizer.request({ method: "POST", url, payload: { fileId: file.id } });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({
      decisionRequired: "duplicates",
      duplicatesDecision: null,
      linkageJobId: null,
      report: { refused: false, imported: 0 },
    });
    expect(asked.json().duplicates).toHaveLength(2);
    expect((await participants()).total).toBe(0);

    const wrong = await organizer.request({ method: "POST", url, payload: { fileId: file.id, duplicates: "both" } });
    expect(wrong.statusCode).toBe(400);
    expect((await participants()).total).toBe(0);

    const merged = await organizer.request({ method: "POST", url, payload: { fileId: file.id, duplicates: "merge" } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({
      decisionRequired: null,
      duplicatesDecision: "merge",
      report: { imported: 3 },
    });
    const list = await participants();
    expect(list.total).toBe(3);
    const aibek = list.items.find((p: { fullName: string }) => p.fullName === "Aibek Nurlanov");
    expect(aibek).toMatchObject({ position: "Senior inspector", completed: true, postScore: 91 });

    const lines: string[] = [];
    printParticipantImport(asked.json(), false, (line) => lines.push(line));
    expect(lines).toContain('  repeat  row 4 repeats row 2: "AIBEK  NURLANOV"');
    expect(lines.at(-1)).toBe(
      "list.csv: 2 row(s) repeat a participant of the list: nothing was imported. Run again with --duplicates merge or --duplicates keep-both.",
    );
    lines.length = 0;
    printParticipantImport(merged.json(), false, (line) => lines.push(line));
    expect(lines[lines.length - 2]).toBe("2 repeated row(s) merged into their first row.");
  });

  it("takes a list whose headers no layout knows once its columns are matched (the web's column step), and no other", async () => {
    // A ministry's own list: headers of its own, the names in Russian.
    const data = ["Слушатель,Год и дата рождения,Гражданство,Служба", "Ержан Сапаров,1988-02-03,KAZ,Таможня"].join(
      "\n",
    );
    const url = `/api/v1/trainings/${trainingId}/participants/imports`;
    const before = (await participants()).total;
    const unknown = await importSpreadsheet(t, organizer, url, { name: "minister.csv", data }, { dryRun: true });
    expect(unknown.report.refused).toBe(true);
    expect(unknown.report.errors.map((e: { code: string }) => e.code)).toEqual(["unknown_layout"]);
    // What the column step shows: the file's headers and a first row of examples.
    expect(unknown.headers).toEqual(["Слушатель", "Год и дата рождения", "Гражданство", "Служба"]);
    expect(unknown.sample[0]).toEqual(["Ержан Сапаров", "1988-02-03", "KAZ", "Таможня"]);
    expect(unknown.sheets).toHaveLength(1);

    const mapping = {
      fullNameNative: "Слушатель",
      dateOfBirth: "Год и дата рождения",
      country: "Гражданство",
      agency: "Служба",
    };
    // A field the list has no such column for, or a header the file does not have, is refused before any job runs.
    for (const bad of [
      { ...mapping, rank: "Служба" },
      { ...mapping, unit: "" },
    ]) {
      const res = await organizer.request({
        method: "POST",
        url,
        payload: { fileId: crypto.randomUUID(), mapping: bad },
      });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const missing = await importSpreadsheet(
      t,
      organizer,
      url,
      { name: "minister.csv", data },
      {
        mapping: { ...mapping, unit: "Отдел" },
      },
    );
    expect(missing.report.refused).toBe(true);
    expect((await participants()).total).toBe(before);

    const imported = await importSpreadsheet(
      t,
      organizer,
      url,
      { name: "minister.csv", data },
      { mapping, sheet: unknown.sheets[0] },
    );
    expect(imported.report).toMatchObject({ refused: false, imported: 1, layout: "participant-list" });
    expect(imported.mapping).toEqual(mapping);
    const list = await participants();
    expect(list.total).toBe(before + 1);
    expect(
      list.items.find((p: { fullNameNative: string | null }) => p.fullNameNative === "Ержан Сапаров"),
    ).toMatchObject({
      dateOfBirth: "1988-02-03",
      country: "KAZ",
      agency: "Таможня",
    });
  });
});
