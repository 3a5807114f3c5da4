import { crc32, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { findHeaderRow, readTabular, TabularError, writeCsv, writeXlsx } from "./tabular.js";

describe("tabular files", () => {
  it("reads semicolon CSV in UTF-8 or Windows-1251 and keeps row numbers", async () => {
    const text = "Страна;Количество\r\nТаджикистан;12,5\r\n\r\nПримечание";
    const utf8 = Buffer.from(text, "utf8");
    const [sheet] = await readTabular(utf8, "a.csv");
    expect(sheet?.rows[0]).toEqual(["Страна", "Количество"]);
    expect(sheet?.rows[1]).toEqual(["Таджикистан", "12,5"]);
    expect(sheet?.rows[2]).toEqual([""]);
    // Windows-1251 bytes of "Душанбе"
    const win = Buffer.from([0xc4, 0xf3, 0xf8, 0xe0, 0xed, 0xe1, 0xe5]);
    const [w] = await readTabular(Buffer.concat([Buffer.from("city\n"), win]), "b.csv");
    expect(w?.rows[1]).toEqual(["Душанбе"]);
  });

  it("round-trips XLSX with dates and numbers, and finds the header row under a title", async () => {
    const xlsx = await writeXlsx([
      {
        name: "Seizures",
        preamble: ["Title line"],
        columns: [
          { key: "d", header: "Seizure Date" },
          { key: "q", header: "Quantity Seized" },
        ],
        rows: [{ d: new Date(Date.UTC(2023, 4, 17)), q: 12.5 }],
      },
    ]);
    const [sheet] = await readTabular(xlsx, "x.xlsx");
    const header = findHeaderRow(sheet?.rows ?? [], ["Seizure Date", "quantity seized"]);
    expect(header).toBe(2);
    expect(sheet?.rows[header + 1]).toEqual(["2023-05-17", "12.5"]);
  });

  it("refuses legacy .xls and binary content, and a fake .xlsx", async () => {
    await expect(readTabular(Buffer.from("d0cf11e0a1b11ae100", "hex"), "old.xls")).rejects.toBeInstanceOf(TabularError);
    await expect(readTabular(Buffer.from("a,b\n1,2"), "fake.xlsx")).rejects.toMatchObject({ code: "unreadable_file" });
    await expect(readTabular(Buffer.alloc(0), "e.csv")).rejects.toMatchObject({ code: "empty_file" });
  });

  it("guards CSV cells against formula injection and writes a BOM", () => {
    const csv = writeCsv([{ key: "a", header: "A" }], [{ a: "=HYPERLINK(1)" }, { a: "-5" }, { a: 3 }]).toString("utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("'=HYPERLINK(1)");
    expect(csv).toContain("'-5");
    expect(csv).toContain("\r\n3");
  });
});

/** A one-entry zip (local header, data, central directory, end record) around `content`, deflated. */
function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content, { level: 9 });
  const nameBuf = Buffer.from(name);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  const centralOffset = local.length + nameBuf.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBuf.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBuf, data, central, nameBuf, end]);
}

describe("zip bombs", () => {
  it("refuses a workbook that inflates far beyond its size, before inflating it", async () => {
    const bomb = zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(20 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100_000);
    await expect(readTabular(bomb, "bomb.xlsx")).rejects.toMatchObject({
      code: "unreadable_file",
      message: expect.stringMatching(/zip bomb/),
    });
  });
});
