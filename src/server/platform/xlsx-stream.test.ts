import { createReadStream, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { libreOfficeWorkbook, openXmlSdkWorkbook } from "../../../test/spreadsheet-fixtures.js";
import { streamTabular } from "./tabular.js";
import { readWorkbook } from "./workbook-read.js";
import { openXlsxFile, openXlsxStream } from "./xlsx-stream.js";

/**
 * The streaming XLSX reader gives every cell as the whole-workbook reader (SheetJS) does, on packages written by
 * different producers and on UNODC's real IDS export; only trailing blank rows may differ (they mean nothing).
 */
const REAL_EXPORT = new URL("../../../test/files/unodc-ids/ids-export-prt-2011-2024.xlsx", import.meta.url);

const LIMITS = { maxEntries: 5_000, maxUncompressedBytes: 512 * 1024 * 1024, maxRatio: 200 };

/** File descriptors this process holds (Linux). */
/** How many of this process's descriptors are open on `file` (counting all descriptors was flaky: the test
 * runner opens and closes its own meanwhile). */
const openOn = (file: string) =>
  readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // closed between the listing and the read
    }
  }).length;

const trimTail = (rows: string[][]) => {
  const out = [...rows];
  while (out.length && out[out.length - 1]?.length === 0) out.pop();
  return out;
};

async function both(data: Buffer, batch = 7) {
  const whole = (await readWorkbook(data, 2_000_000)).map((s) => ({
    name: s.name,
    rows: trimTail(s.rows(0, s.rowCount)),
  }));
  const sheets = await openXlsxStream(data, 2_000_000);
  expect(sheets).not.toBeNull();
  const streamed: { name: string; rows: string[][] }[] = [];
  for (const sheet of sheets ?? []) {
    const rows: string[][] = [];
    for await (const b of sheet.batches(batch)) {
      expect(b.length).toBeLessThanOrEqual(batch + 1);
      rows.push(...b);
    }
    streamed.push({ name: sheet.name, rows: trimTail(rows) });
  }
  return { whole, streamed };
}

describe("the streaming XLSX reader reads what the whole-workbook reader reads", () => {
  it("on UNODC's real IDS export (9,727 rows)", async () => {
    const { whole, streamed } = await both(readFileSync(REAL_EXPORT), 2000);
    expect(streamed.map((s) => s.rows.length)).toEqual(whole.map((s) => s.rows.length));
    expect(streamed).toEqual(whole);
  });

  it("on a .NET Open XML SDK workbook (prefixes, inline strings, absolute targets, serial dates) with gaps", async () => {
    const data = openXmlSdkWorkbook(
      [
        { name: "Notes", rows: [["Source & notes <UNODC>"], [], [], ["after two blank rows"]] },
        {
          name: "2019",
          rows: [
            ["Seizure date", "Country", "Quantity"],
            ["2019-03-14", "Tajikistan", 12.5],
            ["2019-03-15", null, 0.000001],
            [null, null, 3],
          ],
        },
      ],
      { dateColumn: 0 },
    );
    const { whole, streamed } = await both(data, 1);
    expect(streamed).toEqual(whole);
    expect(streamed[1]?.rows[1]).toEqual(["2019-03-14", "Tajikistan", "12.5"]);
  });

  it("on LibreOffice's package (shared strings with rich-text runs, a custom date format)", async () => {
    const data = libreOfficeWorkbook(
      {
        name: "Data",
        rows: [
          ["Date", "Drug", "Qty"],
          ["2020-01-05", "Heroin", 1],
          ["2021-12-31", "Опий", 2.75],
        ],
      },
      0,
    );
    const { whole, streamed } = await both(data);
    expect(streamed).toEqual(whole);
  });

  it("on exceljs's package: dates with times, booleans, formulas' results, errors, sparse cells, entities", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Лист 1");
    ws.addRow(["when", "flag", "sum", "err", "text"]);
    ws.addRow([new Date(Date.UTC(2022, 4, 3)), true, { formula: "1+2", result: 3 }, { error: "#N/A" }, "a & b < c"]);
    ws.addRow([new Date(Date.UTC(2022, 4, 3, 10, 30)), false, 1e21, null, "  spaced  "]);
    ws.getCell("H6").value = "far away";
    ws.getCell("B2").numFmt = "0.00";
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const { whole, streamed } = await both(data, 2);
    expect(streamed).toEqual(whole);
    expect(streamed[0]?.rows[5]).toEqual(["", "", "", "", "", "", "", "far away"]);
  });

  it("reads two sheets interleaved, batch by batch, each from where it stopped", async () => {
    const sheet = (name: string, n: number) => ({
      name,
      rows: Array.from({ length: n }, (_, i) => [`${name} row ${i + 1}`, i + 1]),
    });
    const sheets = (await openXlsxStream(openXmlSdkWorkbook([sheet("A", 25), sheet("B", 25)]), 100)) ?? [];
    const [a, b] = sheets.map((s) => s.batches(4));
    const rows: Record<string, string[][]> = { A: [], B: [] };
    for (let done = 0; done < 2; ) {
      done = 0;
      for (const [name, it] of [
        ["A", a],
        ["B", b],
      ] as const) {
        const next = await it?.next();
        if (!next || next.done) done++;
        else rows[name]?.push(...next.value);
      }
    }
    expect(rows.A?.map((r) => r[0])).toEqual(Array.from({ length: 25 }, (_, i) => `A row ${i + 1}`));
    expect(rows.B?.[24]).toEqual(["B row 25", "25"]);
  });

  it("reads a workbook on disk from its file (not held in memory) exactly as from memory, and lets go of the file", async () => {
    const data = readFileSync(REAL_EXPORT);
    const fromMemory = (await openXlsxStream(data, 2_000_000)) ?? [];
    const fromFile = (await openXlsxFile(REAL_EXPORT.pathname, 2_000_000, LIMITS)) ?? [];
    expect(fromFile.map((s) => s.name)).toEqual(fromMemory.map((s) => s.name));
    for (const [i, sheet] of fromFile.entries()) {
      const rows = async (s: typeof sheet) => {
        const out: string[][] = [];
        for await (const b of s.batches(500)) out.push(...b);
        return out;
      };
      expect(await rows(sheet)).toEqual(await rows(fromMemory[i] as typeof sheet));
    }
    // Every sheet read to the end: the file is closed.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openOn(REAL_EXPORT.pathname)).toBe(0);
    // Through the import's reader: a file store's stream is read from the file, the rows as before.
    const sheets = await streamTabular(createReadStream(REAL_EXPORT.pathname), "export.xlsx");
    const head = sheets[0]?.head ?? [];
    let count = head.length;
    for await (const b of sheets[0]?.rest ?? []) count += b.length;
    expect(head[0]?.[0]).toBe("Row Number");
    expect(count).toBeGreaterThanOrEqual(9_726);
  });

  it("refuses a workbook file that expands beyond the limits, naming why, and closes it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "xlsx-limits-"));
    try {
      const file = path.join(dir, "book.xlsx");
      writeFileSync(file, openXmlSdkWorkbook([{ name: "A", rows: [["a", 1]] }]));
      await expect(openXlsxFile(file, 10, { ...LIMITS, maxEntries: 2 })).rejects.toThrow(/more data/);
      // The zip reader lets go of its descriptor asynchronously after the refusal: wait for it (it must happen).
      await expect.poll(() => openOn(file), { timeout: 5000 }).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to guess on a package without a workbook part (the caller reads it whole instead)", async () => {
    const { zipEntries } = await import("../../../test/spreadsheet-fixtures.js");
    expect(await openXlsxStream(zipEntries([{ name: "hello.txt", data: "hi" }]), 10)).toBeNull();
  });
});
