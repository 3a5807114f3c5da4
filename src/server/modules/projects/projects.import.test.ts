import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { runImportJob, uploadSpreadsheet } from "../../../../test/imports.js";
import { encodeSingleByte, openXmlSdkWorkbook } from "../../../../test/spreadsheet-fixtures.js";
import { registerProjectsCli } from "./projects.cli.js";

interface Issue {
  row: number;
  column: string | null;
  value: string | null;
  code: string;
  message: { en: string; ru: string };
}
interface Result {
  report: { refused: boolean; imported: number; rowsRead: number; layout: string; errors: Issue[] };
  created: number;
  updated: number;
  mapping: Record<string, string>;
  unmapped: { field: string; column: string | null; value: string; count: number; rows: number[] }[];
  remembered: { field: string; value: string; target: string | null; count: number }[];
}

describe("projects from spreadsheets on the import pipeline (POST /projects/imports)", () => {
  const t = useTestApp();
  let tjk: TestClient;
  let usa: TestClient;
  let coordinator: TestClient;

  beforeAll(async () => {
    tjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    usa = await t.signIn("focal_point", { partnerCode: "USA" });
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
  });

  const upload = (client: TestClient, name: string, data: Buffer) => uploadSpreadsheet(t, client, name, data);
  const runJob = (client: TestClient, payload: Record<string, unknown>) =>
    runImportJob<Result>(t, client, "/api/v1/projects/imports", payload);
  const find = async (q: string) =>
    (await coordinator.request({ url: `/api/v1/projects?q=${encodeURIComponent(q)}&limit=50` })).json().items as {
      id: string;
      title: { en?: string; ru?: string };
    }[];

  it("imports a workbook the .NET Open XML SDK wrote (prefixed parts, inline strings, serial dates)", async () => {
    const header = [
      "Title (English)",
      "Donor",
      "Commitment",
      "Currency",
      "Countries",
      "Start",
      "End",
      "Status",
      "Pillars",
    ];
    const data = openXmlSdkWorkbook(
      [
        {
          name: "Projects",
          rows: [
            header,
            [
              "Canine units for Panj river posts",
              "Japan",
              480000,
              "USD",
              "TJK",
              "2026-02-01",
              "2027-06-30",
              "Implementation",
              "2",
            ],
            [
              "Forensic laboratory refit Dushanbe",
              "European Union",
              1250000.5,
              "EUR",
              "TJK:100",
              "2026-03-01",
              "2028-02-29",
              "pipeline",
              "3; 4",
            ],
          ],
        },
      ],
      { dateColumn: 5 },
    );
    const file = await upload(tjk, "adam-export.xlsx", data);
    const dry = await runJob(tjk, { fileId: file.id, dryRun: true });
    expect(dry.report).toMatchObject({ refused: false, rowsRead: 2, imported: 0, errors: [], layout: "template" });
    expect(dry).toMatchObject({
      created: 2,
      updated: 0,
      mapping: { title_en: "Title (English)", amount: "Commitment" },
    });
    expect(await find("Canine units for Panj")).toHaveLength(0);

    const done = await runJob(tjk, { fileId: file.id });
    expect(done).toMatchObject({ created: 2, report: { refused: false, imported: 2 } });
    const [canine] = await find("Canine units for Panj");
    const project = (await tjk.request({ url: `/api/v1/projects/${canine?.id}` })).json();
    expect(project).toMatchObject({
      partnerCode: "TJK",
      stage: "implementation",
      plannedStart: "2026-02-01",
      plannedEnd: "2027-06-30",
      pillars: [2],
      locations: [{ code: "TJK" }],
    });
    expect(project.fundings[0]).toMatchObject({ donorName: "Japan", amount: "480000.00", currency: "USD" });
    // Written by the projects service's own create path: a revision and an audit entry per project.
    const history = (await tjk.request({ url: `/api/v1/projects/${canine?.id}/history` })).json().items;
    expect(history.map((r: { action: string }) => r.action)).toEqual(["create"]);
    const [lab] = await find("Forensic laboratory refit");
    const labProject = (await tjk.request({ url: `/api/v1/projects/${lab?.id}` })).json();
    expect(labProject.fundings[0]).toMatchObject({ amount: "1250000.50", currency: "EUR" });
    expect(labProject.stage).toBe("pipeline");
  });

  it("imports a Russian Excel CSV in Windows-1251 (`;`, decimal comma, day-first dates)", async () => {
    const csv = [
      "Название (рус.);Донор;Сумма;Валюта;Страны;Начало;Окончание;Статус;Идентификатор IATI",
      "Обучение кинологов Хорога;Россия;1 250 000,50;RUB;Таджикистан;01.04.2026;31.12.2026;Осуществляется;XM-RU-TJK-1",
      "Контроль прекурсоров в Худжанде;Япония;90 000;USD;TJK;15.05.2026;30.11.2027;Планируется;",
    ].join("\r\n");
    const file = await upload(tjk, "проекты.csv", encodeSingleByte(`${csv}\r\n`, "windows-1251"));
    const done = await runJob(tjk, { fileId: file.id });
    expect(done.report.errors).toEqual([]);
    expect(done).toMatchObject({ created: 2, report: { refused: false, imported: 2 } });
    const [khorog] = await find("Обучение кинологов Хорога");
    const project = (await tjk.request({ url: `/api/v1/projects/${khorog?.id}` })).json();
    expect(project).toMatchObject({
      title: { ru: "Обучение кинологов Хорога" },
      iatiIdentifier: "XM-RU-TJK-1",
      plannedStart: "2026-04-01",
      plannedEnd: "2026-12-31",
      stage: "implementation",
      locations: [{ code: "TJK" }],
    });
    expect(project.fundings[0]).toMatchObject({ donorName: "Россия", amount: "1250000.50", currency: "RUB" });

    // The same file again updates the project its IATI identifier names instead of duplicating it.
    const again = await upload(
      tjk,
      "проекты.csv",
      encodeSingleByte(`${csv.split("\r\n").slice(0, 2).join("\r\n")}\r\n`, "windows-1251"),
    );
    const second = await runJob(tjk, { fileId: again.id });
    expect(second).toMatchObject({ created: 0, updated: 1 });
    expect(await find("Обучение кинологов Хорога")).toHaveLength(1);
  });

  it("refuses bad values with row, column and value in both languages, writing nothing", async () => {
    const csv = [
      "title_en,partner,donor,amount,currency,countries,start,end,stage,pillars",
      "Good row never written,TJK,Japan,1000,USD,TJK,2026-01-01,2026-12-31,closed,1",
      "Bad date,TJK,Japan,1000,USD,TJK,2026-02-30,2026-12-31,,",
      "Bad place,TJK,Japan,12.345,USD,Atlantis,2026-01-01,2026-12-31,maybe,7",
      "Foreign partner,USA,Japan,1000,USD,TJK,2026-01-01,2025-12-31,,",
    ].join("\n");
    const file = await upload(tjk, "bad.csv", Buffer.from(csv));
    const result = await runJob(tjk, { fileId: file.id });
    expect(result.report.refused).toBe(true);
    expect(result.report.imported).toBe(0);
    expect(result.report.errors.map((e) => [e.row, e.column, e.value, e.code])).toEqual([
      [3, "start", "2026-02-30", "invalid_date"],
      [4, "amount", "12.345", "invalid_amount"],
      [4, "pillars", "7", "invalid_pillar"],
      [5, "end", "2025-12-31", "end_before_start"],
    ]);
    // A country or a status the vocabularies do not know is no error: it is listed for the value-mapping step.
    expect(result.unmapped.map((u) => [u.field, u.value, u.count, u.rows])).toEqual([
      ["country", "Atlantis", 1, [4]],
      ["stage", "maybe", 1, [4]],
    ]);
    expect(result.report.errors[0]?.message.ru).toMatch(/дата/i);
    expect(await find("Good row never written")).toHaveLength(0);

    // Rows right in themselves, refused by the service's own checks when planned: a partner the importer may not
    // enter projects for. Still nothing written.
    const foreign = await upload(
      tjk,
      "foreign.csv",
      Buffer.from(
        csv
          .split("\n")
          .filter((_, i) => i !== 2 && i !== 3 && i !== 4)
          .join("\n")
          .replace("TJK,Japan", "USA,Japan"),
      ),
    );
    const refused = await runJob(tjk, { fileId: foreign.id });
    expect(refused.report).toMatchObject({ refused: true, imported: 0 });
    expect(refused.report.errors.map((e) => [e.row, e.column, e.value, e.code])).toEqual([
      [2, "partner", "USA", "partner_not_allowed"],
    ]);
    expect(await find("Good row never written")).toHaveLength(0);
  });

  it("imports a file with an unknown label after one mapping, remembered for the partner's next file", async () => {
    const csv = [
      "title_en,partner,countries,pillars,themes,stage",
      "Border posts in Khatlon,TJK,Таджикистан; Afghanistan,Pillar III,precursors,Реализация проекта",
      "Border posts in Sughd,TJK,TJK,1,border_control,реализация проекта",
    ].join("\n");
    const file = await upload(tjk, "labels.csv", Buffer.from(csv));
    const held = await runJob(tjk, { fileId: file.id, dryRun: true });
    // Held, not refused for a fault: no error, the two values shown once each with their count and rows.
    expect(held.report).toMatchObject({ refused: true, errors: [] });
    expect(held.unmapped.map((u) => [u.field, u.column, u.value, u.count, u.rows])).toEqual([
      ["pillar", "pillars", "Pillar III", 1, [2]],
      ["stage", "stage", "Реализация проекта", 2, [2, 3]],
    ]);
    // A code the field does not have is refused, named.
    const wrong = await runJob(tjk, { fileId: file.id, dryRun: true, valueMapping: { stage: { x: "ongoing" } } });
    expect(wrong.report.errors[0]).toMatchObject({ code: "invalid_value_mapping", value: "ongoing" });

    const valueMapping = { pillar: { "Pillar III": "3" }, stage: { "реализация проекта": "implementation" } };
    const done = await runJob(tjk, { fileId: file.id, valueMapping });
    expect(done).toMatchObject({ created: 2, report: { refused: false, imported: 2 } });
    const [khatlon] = await find("Border posts in Khatlon");
    const project = (await coordinator.request({ url: `/api/v1/projects/${khatlon?.id}` })).json();
    expect(project).toMatchObject({ stage: "implementation", pillars: [3] });
    expect(project.locations.map((l: { code: string }) => l.code).sort()).toEqual(["AFG", "TJK"]);

    // The partner's next file reads the same values through the remembered answers.
    const next = await upload(tjk, "labels-2.csv", Buffer.from(csv.replaceAll("Border posts", "Dog units")));
    const again = await runJob(tjk, { fileId: next.id, dryRun: true });
    expect(again).toMatchObject({ unmapped: [], created: 2, report: { refused: false } });
    expect(again.remembered).toEqual(
      expect.arrayContaining([
        { field: "pillar", value: "Pillar III", target: "3", count: 1 },
        { field: "stage", value: "Реализация проекта", target: "implementation", count: 2 },
      ]),
    );
    // Another partner's file is asked again: the answers are the source's own.
    const other = await upload(usa, "labels-usa.csv", Buffer.from(csv.replaceAll("TJK,", "USA,")));
    const asked = await runJob(usa, { fileId: other.id, dryRun: true });
    expect(asked.unmapped.map((u) => u.value)).toEqual(["Pillar III", "Реализация проекта"]);
  });

  it("`pact import projects` runs the same pipeline inline, with a value-mapping file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-projects-cli-"));
    const file = path.join(dir, "projects.csv");
    const values = path.join(dir, "values.json");
    fs.writeFileSync(
      file,
      "title_en;partner;stage;amount;currency;donor\nCLI canine unit;TJK;Underway;1 250,50;USD;Japan\n",
    );
    const pact = async (...args: string[]) => {
      const program = new Command().exitOverride();
      const imports = program.command("import");
      registerProjectsCli(program, imports, program.command("export"), (work) => work(t.ctx));
      const lines: string[] = [];
      const log = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
      process.exitCode = 0;
      try {
        await program.parseAsync(["node", "pact", "import", "projects", ...args]);
      } finally {
        log.mockRestore();
      }
      const code = process.exitCode;
      process.exitCode = 0;
      return { code, out: lines.join("\n") };
    };
    try {
      const held = await pact(file, "--write-values", values);
      expect(held.code).toBe(1);
      expect(held.out).toContain('stage "Underway" [stage]: 1 row (row 2)');
      expect(held.out).toContain("Nothing was imported: map the values above first.");
      expect(JSON.parse(fs.readFileSync(values, "utf8"))).toEqual({ stage: { Underway: "" } });
      expect(await find("CLI canine unit")).toHaveLength(0);

      fs.writeFileSync(values, JSON.stringify({ stage: { Underway: "implementation" } }));
      const done = await pact(file, "--values", values);
      expect(done.code, done.out).toBe(0);
      expect(done.out).toContain("Imported: 1 projects created, 0 updated.");
      const [project] = await find("CLI canine unit");
      const saved = (await coordinator.request({ url: `/api/v1/projects/${project?.id}` })).json();
      expect(saved).toMatchObject({ partnerCode: "TJK", stage: "implementation" });
      // The answer is remembered for the partner's next file: no --values needed.
      fs.writeFileSync(file, "title_en;partner;stage\nCLI canine unit two;TJK;underway\n");
      const next = await pact(file, "--dry-run");
      expect(next.out).toContain('remembered: stage "underway" → implementation (1 row)');
      expect(next.out).toContain("Would import: 1 projects created");
      // A bad value still refuses, with row, column and value.
      fs.writeFileSync(file, "title_en,partner,start\nCLI bad date,TJK,2026-02-30\n");
      const bad = await pact(file);
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('error   row 2 [start] "2026-02-30"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses another user's upload and gives the template, which reads back", async () => {
    const file = await upload(tjk, "mine.csv", Buffer.from("title_en,partner\nMine,TJK\n"));
    const res = await usa.request({ method: "POST", url: "/api/v1/projects/imports", payload: { fileId: file.id } });
    expect(res.statusCode).toBe(404);

    const csv = await coordinator.request({ url: "/api/v1/projects/imports/template?format=csv" });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const xlsx = await coordinator.request({ url: "/api/v1/projects/imports/template" });
    expect(xlsx.headers["content-disposition"]).toContain("projects-template.xlsx");
    const template = await upload(coordinator, "projects-template.xlsx", xlsx.rawPayload);
    const checked = await runJob(coordinator, { fileId: template.id, dryRun: true });
    expect(checked.report.errors).toEqual([]);
    expect(checked).toMatchObject({ created: 1, report: { refused: false, rowsRead: 1 } });
  });
});
