import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { XMLParser } from "fast-xml-parser";
import yauzl from "yauzl";

/**
 * An XLSX workbook read sheet by sheet as a stream, so that memory does not grow with the sheet: the parts every
 * sheet needs (workbook, relationships, shared strings, styles) are read whole, and each sheet's XML is inflated and
 * parsed a run of complete rows at a time. Any producer's package: Excel, LibreOffice, Google Sheets, and the .NET
 * Open XML SDK (`x:`-prefixed elements, inline strings, absolute part names). Cells come out as the whole-workbook
 * reader (`workbook-read.ts`) gives them: trimmed text, numbers as JavaScript prints them, dates as `YYYY-MM-DD`
 * (with `THH:mm:ss` when they carry a time), formulas as their cached result, errors as empty cells.
 *
 * `openXlsxStream` answers null when the package is not laid out as it expects (no workbook part, a sheet part
 * missing): the caller then reads the workbook whole, as before.
 */
export interface XlsxSheetStream {
  name: string;
  /** Rows in batches of about `batchRows`, blank rows included (`index + 1` is the row number), from row 1. */
  batches(batchRows: number): AsyncGenerator<string[][]>;
}

interface Entries {
  zip: yauzl.ZipFile;
  byName: Map<string, yauzl.Entry>;
}

const attr = "@_";
const parser = (arrays: string[]) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: attr,
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    isArray: (name) => arrays.includes(name),
  });

/** Limits on what a package may expand to (zip bombs), as `tabular.ts` gives them. */
export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  maxRatio: number;
}

class ZipTooLarge extends Error {}

/** The package's entries by lower-case name, refusing one that breaks `limits` (read from the central directory). */
function listEntries(zip: yauzl.ZipFile, limits?: ZipLimits): Promise<Entries> {
  return new Promise((resolve, reject) => {
    const byName = new Map<string, yauzl.Entry>();
    let total = 0;
    let compressed = 0;
    zip.on("entry", (entry: yauzl.Entry) => {
      byName.set(entry.fileName.replace(/^\/+/, "").toLowerCase(), entry);
      total += entry.uncompressedSize;
      compressed += entry.compressedSize;
      if (limits && (byName.size > limits.maxEntries || total > limits.maxUncompressedBytes)) {
        zip.close();
        return reject(new ZipTooLarge("The workbook expands to more data than any spreadsheet should"));
      }
      zip.readEntry();
    });
    zip.on("end", () => {
      if (limits && total > 1024 * 1024 && total / Math.max(1, compressed) > limits.maxRatio)
        return reject(new ZipTooLarge("The workbook is compressed suspiciously well (a zip bomb?)"));
      resolve({ zip, byName });
    });
    zip.on("error", reject);
    zip.readEntry();
  });
}

function openZip(data: Buffer): Promise<Entries> {
  return new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(err ?? new Error("not a zip")) : resolve(zip),
    ),
  ).then((zip) => listEntries(zip));
}

function entryStream(entries: Entries, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    entries.zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err) : resolve(stream))),
  );
}

async function readPart(entries: Entries, name: string): Promise<string | null> {
  const entry = entries.byName.get(name.toLowerCase());
  if (!entry) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await entryStream(entries, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A relationship target as a part name: absolute (`/xl/worksheets/sheet1.xml`) or relative to `base` (`xl/`). */
function partName(target: string, base: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = `${base}${target}`.split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p && p !== ".") out.push(p);
  }
  return out.join("/");
}

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] =>
  Array.isArray(v) ? (v as Node[]) : v === undefined || v === null ? [] : [v as Node];
const textOf = (v: unknown): string => {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(textOf).join("");
  const node = v as Node;
  return typeof node["#text"] === "string" ? (node["#text"] as string) : "";
};
/** A string item (`<si>` or `<is>`): its text, or its rich-text runs' texts joined; phonetic runs left out. */
const stringItem = (si: Node | undefined): string => {
  if (!si) return "";
  if (si.t !== undefined) return textOf(si.t);
  return list(si.r)
    .map((run) => textOf(run.t))
    .join("");
};

const pad = (n: number) => String(n).padStart(2, "0");

/** Column index of a cell reference (`AB12` → 27). */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** The tags a sheet's rows are made of, with or without a namespace prefix. */
const TAG = /<(\/?)(?:[A-Za-z_][\w.-]*:)?(row|c|v|t|rPh)(?=[\s>/])([^>]*)>/g;
const ROW_NUMBER = /(?:^|\s)r="(\d+)"/;
const CELL_REF = /(?:^|\s)r="([A-Z]+)\d*"/;
const CELL_TYPE = /(?:^|\s)t="([a-zA-Z]+)"/;
const CELL_STYLE = /(?:^|\s)s="(\d+)"/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e] ?? whole),
  );

/** Opens an XLSX package held in memory for streaming; null when it is not laid out as expected (read it whole). */
export async function openXlsxStream(data: Buffer, maxRows: number): Promise<XlsxSheetStream[] | null> {
  return readPackage(await openZip(data), maxRows);
}

/**
 * Opens an XLSX file on disk for streaming: only the central directory, the small parts (workbook, relationships,
 * shared strings, styles) and a sheet's compressed bytes a chunk at a time are read, through one file descriptor, so
 * the compressed file is never held whole either. `limits` refuses a zip bomb (a `ZipTooLarge`-like error whose
 * message says why). The descriptor is closed once every sheet's rows have been read to the end or given up (or,
 * failing that, when the sheets are garbage collected); null when the package is not laid out as expected.
 */
export async function openXlsxFile(
  file: string,
  maxRows: number,
  limits: ZipLimits,
): Promise<XlsxSheetStream[] | null> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: true, autoClose: false }, (err, z) =>
      err || !z ? reject(err ?? new Error("not a zip")) : resolve(z),
    ),
  );
  let sheets: XlsxSheetStream[] | null = null;
  try {
    sheets = await readPackage(await listEntries(zip, limits), maxRows);
  } finally {
    if (!sheets) zip.close();
  }
  if (!sheets) return null;
  // Each sheet's reading, once over, lets go of the file; the last one closes it.
  let open = sheets.length;
  const release = () => {
    open -= 1;
    if (open === 0 && zip.isOpen) zip.close();
  };
  // Held by every sheet's reader: collectable only once none of them can read any more.
  const token = { reads: 0 };
  UNCLOSED.register(token, zip);
  return sheets.map((sheet) => ({
    name: sheet.name,
    async *batches(batchRows: number) {
      token.reads += 1;
      try {
        yield* sheet.batches(batchRows);
      } finally {
        release();
      }
    },
  }));
}

/** Sheets nobody read to the end (a workbook's other sheets) close their file when they are collected. */
const UNCLOSED = new FinalizationRegistry<yauzl.ZipFile>((zip) => {
  if (zip.isOpen) zip.close();
});

export function isZipTooLarge(err: unknown): err is Error {
  return err instanceof ZipTooLarge;
}

async function readPackage(entries: Entries, maxRows: number): Promise<XlsxSheetStream[] | null> {
  const rootRels = await readPart(entries, "_rels/.rels");
  const relsParser = parser(["Relationship"]);
  const officeDoc = rootRels
    ? list((relsParser.parse(rootRels).Relationships as Node | undefined)?.Relationship).find((r) =>
        String(r[`${attr}Type`]).endsWith("/officeDocument"),
      )
    : undefined;
  const workbookPart = officeDoc ? partName(String(officeDoc[`${attr}Target`]), "") : "xl/workbook.xml";
  const base = workbookPart.includes("/") ? workbookPart.slice(0, workbookPart.lastIndexOf("/") + 1) : "";
  const workbookXml = await readPart(entries, workbookPart);
  if (!workbookXml) return null;
  const relsXml = await readPart(entries, `${base}_rels/${workbookPart.slice(base.length)}.rels`);
  if (!relsXml) return null;
  const rels = list((relsParser.parse(relsXml).Relationships as Node | undefined)?.Relationship);
  const target = (id: string) => {
    const rel = rels.find((r) => r[`${attr}Id`] === id);
    return rel ? partName(String(rel[`${attr}Target`]), base) : null;
  };
  const byType = (type: string) => {
    const rel = rels.find((r) => String(r[`${attr}Type`]).endsWith(`/${type}`));
    return rel ? partName(String(rel[`${attr}Target`]), base) : null;
  };
  const workbook = parser(["sheet"]).parse(workbookXml).workbook as Node | undefined;
  if (!workbook) return null;
  const props = workbook.workbookPr as Node | undefined;
  const date1904 = ["1", "true"].includes(String(props?.[`${attr}date1904`] ?? ""));
  const sheets = list((workbook.sheets as Node | undefined)?.sheet).map((s) => {
    const id = Object.entries(s).find(([k]) => k === `${attr}id` || k.endsWith(":id"))?.[1];
    return { name: String(s[`${attr}name`] ?? ""), part: id ? target(String(id)) : null };
  });
  if (!sheets.length || sheets.some((s) => !s.part || !entries.byName.has((s.part as string).toLowerCase())))
    return null;

  const sstPart = byType("sharedStrings");
  const sstXml = sstPart ? await readPart(entries, sstPart) : null;
  const strings = sstXml
    ? list((parser(["si", "r"]).parse(sstXml).sst as Node | undefined)?.si).map((si) => stringItem(si).trim())
    : [];

  const XLSX = await import("@e965/xlsx");
  const stylesPart = byType("styles");
  const stylesXml = stylesPart ? await readPart(entries, stylesPart) : null;
  const isDateStyle: boolean[] = [];
  if (stylesXml) {
    const styles = parser(["numFmt", "xf"]).parse(stylesXml).styleSheet as Node | undefined;
    const custom = new Map<number, string>();
    for (const f of list((styles?.numFmts as Node | undefined)?.numFmt))
      custom.set(Number(f[`${attr}numFmtId`]), String(f[`${attr}formatCode`] ?? ""));
    const table = XLSX.SSF.get_table() as Record<number, string>;
    for (const xf of list((styles?.cellXfs as Node | undefined)?.xf)) {
      const id = Number(xf[`${attr}numFmtId`] ?? 0);
      const format = custom.get(id) ?? table[id];
      isDateStyle.push(format !== undefined && XLSX.SSF.is_date(format));
    }
  }
  const dateText = (serial: number) => {
    const d = XLSX.SSF.parse_date_code(serial, { date1904 });
    const date = `${d.y}-${pad(d.m)}-${pad(d.d)}`;
    return d.H || d.M || d.S ? `${date}T${pad(d.H)}:${pad(d.M)}:${pad(d.S)}` : date;
  };
  /** A cell's text from its type (`t`), style (`s`), value (`<v>`) and inline string (`<is>`). */
  const cellText = (type: string | null, style: number, v: string, inline: string): string => {
    if (type === "inlineStr") return inline.trim();
    if (v === "") return "";
    switch (type) {
      case "s":
        return strings[Number(v)] ?? "";
      case "e":
        return "";
      case "b":
        return v === "1" || v === "true" ? "true" : "false";
      case "str":
        return v.trim();
      case "d":
        return v
          .trim()
          .replace(/T00:00:00(\.000)?Z?$/, "")
          .replace(/(\.000)?Z$/, "");
      default: {
        const n = Number(v);
        if (!Number.isFinite(n)) return v.trim();
        return isDateStyle[style] ? dateText(n) : String(n);
      }
    }
  };

  return sheets.map((sheet) => ({
    name: sheet.name,
    async *batches(batchRows: number) {
      const entry = entries.byName.get((sheet.part as string).toLowerCase()) as yauzl.Entry;
      const stream = await entryStream(entries, entry);
      const decoder = new StringDecoder("utf8");
      let pending = "";
      let started = false;
      let next = 1; // the row number the next row read should have
      let batch: string[][] = [];
      /**
       * The rows of a run of complete `<row>` elements, scanned tag by tag (several times faster than a general
       * XML parser, which matters on a million rows): rows, cells with their reference, type and style, values,
       * and inline strings' text (rich-text runs joined, phonetic runs left out); formulas are skipped.
       */
      const take = function* (xml: string): Generator<string[][]> {
        // Its own scanner: a sheet's generator may stop in the middle of a run while another sheet is read.
        const tag = new RegExp(TAG.source, "g");
        let cells: string[] | null = null;
        let rowNumber: number | null = null;
        let col = 0;
        let cell: { type: string | null; style: number; v: string; inline: string } | null = null;
        let phonetic = false;
        const endRow = function* (): Generator<string[][]> {
          const row = cells as string[];
          cells = null;
          // An empty `<row/>` without a number (the Open XML SDK writes one above a note) takes no row, as in the
          // whole-workbook reader: numbering stays the same whichever reader read the file.
          if (rowNumber === null && row.length === 0) return;
          const r = rowNumber ?? next;
          if (r > maxRows + 1) throw new Error(`More than ${maxRows} rows`);
          while (next < r) {
            batch.push([]);
            next++;
            if (batch.length >= batchRows) {
              yield batch;
              batch = [];
            }
          }
          while (row.length && row[row.length - 1] === "") row.pop();
          batch.push(row);
          next = r + 1;
          if (batch.length >= batchRows) {
            yield batch;
            batch = [];
          }
        };
        const endCell = () => {
          if (!cell || !cells) return;
          const text = cellText(cell.type, cell.style, cell.v, cell.inline);
          while (cells.length < col) cells.push("");
          cells[col] = text;
          col++;
          cell = null;
        };
        for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
          const closing = m[1] === "/";
          const name = m[2] as string;
          const attrs = m[3] ?? "";
          const selfClosing = attrs.endsWith("/");
          if (name === "row") {
            if (closing) {
              if (cells) yield* endRow();
              continue;
            }
            const r = ROW_NUMBER.exec(attrs);
            rowNumber = r ? Number(r[1]) : null;
            cells = [];
            col = 0;
            if (selfClosing) yield* endRow();
          } else if (name === "c") {
            if (closing) {
              endCell();
              continue;
            }
            const ref = CELL_REF.exec(attrs);
            if (ref) col = columnOf(ref[1] as string);
            const type = CELL_TYPE.exec(attrs);
            const style = CELL_STYLE.exec(attrs);
            cell = { type: type ? (type[1] as string) : null, style: style ? Number(style[1]) : 0, v: "", inline: "" };
            if (selfClosing) endCell();
          } else if (name === "rPh") {
            phonetic = !closing && !selfClosing;
          } else if (!closing && !selfClosing && cell && (name === "v" || (name === "t" && !phonetic))) {
            const from = tag.lastIndex;
            const to = xml.indexOf("<", from);
            let raw = xml.slice(from, to < 0 ? xml.length : to);
            // XML's end-of-line handling: a parser reads CR LF and a lone CR as LF (before entities are expanded).
            if (raw.includes("\r")) raw = raw.replace(/\r\n?/g, "\n");
            const text = raw.includes("&") ? decodeEntities(raw) : raw;
            if (name === "v") cell.v = text;
            else cell.inline += text;
          }
        }
      };
      const ROW_END = /<\/(?:[A-Za-z_][\w.-]*:)?row>|<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*\/>/g;
      try {
        for await (const chunk of stream) {
          pending += decoder.write(chunk as Buffer);
          if (!started) {
            const at = pending.search(/<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/);
            if (at < 0) {
              // Keep only what may still hold the start of the first row.
              const data = pending.search(/<(?:[A-Za-z_][\w.-]*:)?sheetData[\s>]/);
              if (data < 0 && pending.length > 1 << 20) pending = pending.slice(-1024);
              continue;
            }
            pending = pending.slice(at);
            started = true;
          }
          let end = -1;
          ROW_END.lastIndex = 0;
          for (let m = ROW_END.exec(pending); m; m = ROW_END.exec(pending)) end = m.index + m[0].length;
          if (end < 0) continue;
          yield* take(pending.slice(0, end));
          pending = pending.slice(end);
        }
        pending += decoder.end();
        if (started) {
          const close = pending.search(/<\/(?:[A-Za-z_][\w.-]*:)?sheetData>/);
          const rest = close >= 0 ? pending.slice(0, close) : "";
          if (rest.trim()) yield* take(rest);
        }
        if (batch.length) yield batch;
      } finally {
        stream.destroy();
      }
    },
  }));
}
