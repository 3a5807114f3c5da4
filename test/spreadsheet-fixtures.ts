import { crc32, deflateRawSync } from "node:zlib";

/**
 * Spreadsheets built byte for byte the way other programs write them, for the reader's tests: the .NET Open XML
 * SDK (UNODC's data portal), LibreOffice (XLSX and ODS). They are made here, from the parts those programs write,
 * because the product and its tests read nothing outside the repository.
 */

export type Cell = string | number | null;
export interface FixtureSheet {
  name: string;
  rows: Cell[][];
}

/** A zip of `entries`, in order; an entry marked `store` is not compressed (ODF's `mimetype` must not be). */
export function zipEntries(entries: { name: string; data: string | Buffer; store?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const content = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, "utf8");
    const data = entry.store ? content : deflateRawSync(content);
    const name = Buffer.from(entry.name, "utf8");
    const crc = crc32(content);
    const method = entry.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xmlText = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const column = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : column(Math.floor(i / 26) - 1) + column(i % 26);
const XML = '<?xml version="1.0" encoding="utf-8"?>';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "http://schemas.openxmlformats.org/package/2006/content-types";

/** A date as Excel's serial day number (1900 system). */
export function excelSerial(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000 + 25_569;
}

/**
 * What the .NET Open XML SDK writes when a program builds a workbook with it (UNODC's IDS export): every part in
 * the `x:` prefix, strings inline (`t="inlineStr"` with `<x:is><x:t>`), no shared-strings part, relationship ids
 * like `R1a2b…`, absolute targets (`/xl/worksheets/sheet1.xml`), no docProps. Dates are serial numbers with a
 * date style when `dates` names their column (a styles part in the prefix too), else ISO text.
 */
export function openXmlSdkWorkbook(sheets: FixtureSheet[], options: { dateColumn?: number } = {}): Buffer {
  const rid = (i: number) => `R${(0x5f3a9c1d + i * 7919).toString(16)}`;
  const workbook = `${XML}<x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}"><x:sheets>${sheets
    .map((s, i) => `<x:sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="${rid(i + 1)}" />`)
    .join("")}</x:sheets></x:workbook>`;
  const workbookRels = `${XML}<Relationships xmlns="${PKG_REL}">${sheets
    .map(
      (_, i) => `<Relationship Type="${REL}/worksheet" Target="/xl/worksheets/sheet${i + 1}.xml" Id="${rid(i + 1)}" />`,
    )
    .join("")}<Relationship Type="${REL}/styles" Target="/xl/styles.xml" Id="${rid(0)}" /></Relationships>`;
  const styles = `${XML}<x:styleSheet xmlns:x="${MAIN}"><x:fonts count="1"><x:font /></x:fonts><x:fills count="1"><x:fill /></x:fills><x:borders count="1"><x:border /></x:borders><x:cellXfs count="2"><x:xf numFmtId="0" /><x:xf numFmtId="14" applyNumberFormat="1" /></x:cellXfs></x:styleSheet>`;
  const cell = (value: Cell, ref: string, dateCol: boolean): string => {
    if (value === null || value === "") return "";
    if (typeof value === "number") return `<x:c r="${ref}"><x:v>${value}</x:v></x:c>`;
    if (dateCol && /^\d{4}-\d\d-\d\d$/.test(value))
      return `<x:c r="${ref}" s="1"><x:v>${excelSerial(value)}</x:v></x:c>`;
    return `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${xmlText(value)}</x:t></x:is></x:c>`;
  };
  const sheetXml = (s: FixtureSheet) =>
    `${XML}<x:worksheet xmlns:x="${MAIN}"><x:sheetData>${s.rows
      .map(
        (row, r) =>
          `<x:row r="${r + 1}">${row.map((v, c) => cell(v, `${column(c)}${r + 1}`, c === options.dateColumn && r > 0)).join("")}</x:row>`,
      )
      .join("")}</x:sheetData></x:worksheet>`;
  const types = `${XML}<Types xmlns="${CT}"><Default Extension="xml" ContentType="application/xml" /><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" /><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" />${sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" />`,
    )
    .join(
      "",
    )}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" /></Types>`;
  return zipEntries([
    { name: "[Content_Types].xml", data: types },
    {
      name: "_rels/.rels",
      data: `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Type="${REL}/officeDocument" Target="/xl/workbook.xml" Id="R8e4c1b2a9f0d4e21" /></Relationships>`,
    },
    { name: "xl/workbook.xml", data: workbook },
    { name: "xl/_rels/workbook.xml.rels", data: workbookRels },
    { name: "xl/styles.xml", data: styles },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(s) })),
  ]);
}

/**
 * What LibreOffice Calc writes as XLSX: default namespace, shared strings (some as rich-text runs), explicit
 * `t="n"`, a custom date format in capitals (`YYYY-MM-DD`, id 164), relative targets.
 */
export function libreOfficeWorkbook(sheet: FixtureSheet, dateColumn: number): Buffer {
  const strings: string[] = [];
  const index = (s: string) => {
    const at = strings.indexOf(s);
    return at >= 0 ? at : strings.push(s) - 1;
  };
  const rows = sheet.rows
    .map(
      (row, r) =>
        `<row r="${r + 1}" spans="1:${row.length}" s="0" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false">${row
          .map((v, c) => {
            const ref = `${column(c)}${r + 1}`;
            if (v === null || v === "") return `<c r="${ref}" s="0"/>`;
            if (typeof v === "number") return `<c r="${ref}" s="0" t="n"><v>${v}</v></c>`;
            if (c === dateColumn && r > 0) return `<c r="${ref}" s="1" t="n"><v>${excelSerial(v)}</v></c>`;
            return `<c r="${ref}" s="0" t="s"><v>${index(v)}</v></c>`;
          })
          .join("")}</row>`,
    )
    .join("");
  const sst = `${XML}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings
    .map((s, i) =>
      i === 0
        ? `<si><r><rPr><b val="true"/></rPr><t xml:space="preserve">${xmlText(s)}</t></r></si>`
        : `<si><t xml:space="preserve">${xmlText(s)}</t></si>`,
    )
    .join("")}</sst>`;
  return zipEntries([
    {
      name: "_rels/.rels",
      data: `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    {
      name: "xl/workbook.xml",
      data: `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><fileVersion appName="Calc"/><workbookPr backupFile="false" showObjects="all" date1904="false"/><sheets><sheet name="${xmlText(sheet.name)}" sheetId="1" state="visible" r:id="rId2"/></sheets><calcPr iterateCount="100" refMode="A1" iterate="false" iterateDelta="0.001"/></workbook>`,
    },
    {
      name: "xl/styles.xml",
      data: `${XML}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="YYYY\\-MM\\-DD"/></numFmts><fonts count="1"><font><sz val="10"/><name val="Arial"/><family val="2"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border diagonalUp="false" diagonalDown="false"><left/><right/><top/><bottom/><diagonal/></border></borders><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" applyFont="false" applyBorder="false" applyAlignment="false" applyProtection="false"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyFont="false" applyBorder="false" applyAlignment="false" applyProtection="false"/></cellXfs></styleSheet>`,
    },
    {
      name: "xl/worksheets/sheet1.xml",
      data: `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetPr filterMode="false"><pageSetUpPr fitToPage="false"/></sheetPr><dimension ref="A1:${column((sheet.rows[0]?.length ?? 1) - 1)}${sheet.rows.length}"/><sheetData>${rows}</sheetData></worksheet>`,
    },
    { name: "xl/sharedStrings.xml", data: sst },
    {
      name: "[Content_Types].xml",
      data: `${XML}<Types xmlns="${CT}"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    },
  ]);
}

/**
 * What LibreOffice Calc writes as ODS: `mimetype` stored first, cells typed by `office:value-type` (dates as
 * `office:date-value`), repeated columns and the sheet's trailing million empty rows written as one repeated row.
 */
export function libreOfficeOds(sheets: FixtureSheet[], dateColumn: number): Buffer {
  const cell = (v: Cell, c: number, r: number) => {
    if (v === null || v === "") return "<table:table-cell/>";
    if (typeof v === "number")
      return `<table:table-cell office:value-type="float" office:value="${v}" calcext:value-type="float"><text:p>${String(v).replace(".", ",")}</text:p></table:table-cell>`;
    if (c === dateColumn && r > 0)
      return `<table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="${v}" calcext:value-type="date"><text:p>${v.split("-").reverse().join(".")}</text:p></table:table-cell>`;
    return `<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>${xmlText(v)}</text:p></table:table-cell>`;
  };
  const tables = sheets
    .map(
      (s) =>
        `<table:table table:name="${xmlText(s.name)}" table:style-name="ta1"><table:table-column table:style-name="co1" table:number-columns-repeated="${s.rows[0]?.length ?? 1}" table:default-cell-style-name="Default"/>${s.rows
          .map(
            (row, r) =>
              `<table:table-row table:style-name="ro1">${row.map((v, c) => cell(v, c, r)).join("")}<table:table-cell table:number-columns-repeated="${1024 - row.length}"/></table:table-row>`,
          )
          .join(
            "",
          )}<table:table-row table:style-name="ro1" table:number-rows-repeated="${1_048_576 - s.rows.length}"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>`,
    )
    .join("");
  const content = `${XML}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"><office:automatic-styles><number:date-style style:name="N37" number:automatic-order="true"><number:day number:style="long"/><number:text>.</number:text><number:month number:style="long"/><number:text>.</number:text><number:year number:style="long"/></number:date-style><style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N37"/></office:automatic-styles><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
  const manifest = `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  return zipEntries([
    { name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", store: true },
    { name: "content.xml", data: content },
    {
      name: "styles.xml",
      data: `${XML}<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.3"><office:styles><style:default-style style:family="table-cell"/></office:styles></office:document-styles>`,
    },
    { name: "META-INF/manifest.xml", data: manifest },
  ]);
}

/** Bytes of `text` in a single-byte encoding (a Russian Excel's CSV in Windows-1251), from the runtime's own decoding table. */
export function encodeSingleByte(text: string, encoding: string): Buffer {
  const table = new Map<string, number>();
  const decoded = new TextDecoder(encoding).decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  for (const [i, ch] of [...decoded].entries()) table.set(ch, i);
  return Buffer.from(
    [...text].map((ch) => {
      const byte = table.get(ch);
      if (byte === undefined) throw new Error(`${ch} not in ${encoding}`);
      return byte;
    }),
  );
}
