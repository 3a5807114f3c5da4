import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { streamTabular, TabularError, writeXlsx } from "./tabular.js";

/** A stream handing out `data` in pieces of `size` bytes, so every boundary case of a decoder gets hit. */
function pieces(data: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) parts.push(data.subarray(i, i + size));
  return Readable.from(parts);
}

async function allRows(stream: Readable, name: string) {
  const [sheet] = await streamTabular(stream, name);
  if (!sheet) throw new Error("no sheet");
  const rows = [...sheet.head];
  for await (const batch of sheet.rest) rows.push(...batch);
  return { rows, bytes: sheet.bytesRead() };
}

describe("streamTabular", () => {
  it("reads a large CSV in batches, with UTF-8 split anywhere between chunks, and counts the bytes", async () => {
    const lines = ["Дата;Страна;Количество"];
    for (let i = 0; i < 10_000; i++) lines.push(`2023-01-${String((i % 28) + 1).padStart(2, "0")};Таджикистан;${i},5`);
    const data = Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
    const { rows, bytes } = await allRows(pieces(data, 7), "ru.csv");
    expect(rows.length).toBe(10_001); // the header and 10 000 rows
    expect(rows[0]).toEqual(["Дата", "Страна", "Количество"]);
    expect(rows[9_999]).toEqual(["2023-01-03", "Таджикистан", "9998,5"]);
    expect(bytes).toBe(data.length);
  });

  it("falls back to Windows-1251, which Russian Excel still writes", async () => {
    const text = "Страна,Количество\nУзбекистан,12\n";
    const cp1251 = Buffer.from(new Uint8Array([...text].map((c) => cp1251Byte(c))));
    const { rows } = await allRows(pieces(cp1251, 5), "old.csv");
    expect(rows[1]).toEqual(["Узбекистан", "12"]);
  });

  it("reads a workbook from a stream", async () => {
    const xlsx = await writeXlsx([
      {
        name: "Data",
        columns: [
          { key: "a", header: "A" },
          { key: "b", header: "B" },
        ],
        rows: Array.from({ length: 450 }, (_, i) => ({ a: `r${i}`, b: i })),
      },
    ]);
    const { rows } = await allRows(pieces(xlsx, 1000), "book.xlsx");
    expect(rows.length).toBe(451);
    expect(rows[450]).toEqual(["r449", "449"]);
  });

  it("refuses an empty file and a file that is not a table, before reading on", async () => {
    await expect(streamTabular(Readable.from([]), "empty.csv")).rejects.toMatchObject({ code: "empty_file" });
    await expect(streamTabular(Readable.from([Buffer.from([1, 0, 2, 3])]), "x.csv")).rejects.toBeInstanceOf(
      TabularError,
    );
  });

  it("reports a broken file while iterating as a TabularError and closes the stream", async () => {
    // More than the bytes sniffed at the start, so the failure comes while the rows are read.
    const good = Array.from({ length: 40_000 }, (_, i) => `a${i},b${i}`).join("\n");
    let destroyed = false;
    const stream = new Readable({
      read() {},
      destroy(err, cb) {
        destroyed = true;
        cb(err);
      },
    });
    stream.push(Buffer.from(`h1,h2\n${good}\n`));
    setTimeout(() => stream.destroy(new Error("connection reset")), 10);
    const [sheet] = await streamTabular(stream, "cut.csv");
    const read = async () => {
      for await (const _ of sheet?.rest ?? []) {
        // reading on until the stream fails
      }
    };
    await expect(read()).rejects.toBeInstanceOf(TabularError);
    expect(destroyed).toBe(true);
  });
});

/** The Windows-1251 byte of a Cyrillic letter or an ASCII character. */
function cp1251Byte(c: string): number {
  const code = c.charCodeAt(0);
  if (code < 0x80) return code;
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
  throw new Error(`not in the test's alphabet: ${c}`);
}
