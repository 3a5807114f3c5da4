import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { deflateSync } from "node:zlib";
import * as XLSX from "@e965/xlsx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.js";
import { binaryUpload } from "../../../test/imports.js";
import { libreOfficeOds, openXmlSdkWorkbook } from "../../../test/spreadsheet-fixtures.js";
import { SYSTEM_ACTOR } from "./audit.js";
import { LocalFileStorage } from "./file-storage.js";
import { DOCUMENTS, FileService, IMAGES, MEDIA, SPREADSHEETS, sanitizeFileName } from "./files.js";

/** The Windows-1251 byte of a Cyrillic letter or an ASCII character. */
function cp1251Byte(c: string): number {
  const code = c.charCodeAt(0);
  if (code < 0x80) return code;
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
  throw new Error(`not in the test's alphabet: ${c}`);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real 1×1 PNG. */
function tinyPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from([0, 255, 0, 0, 255]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

describe("files", () => {
  let t: TestApp;
  const actor = SYSTEM_ACTOR;

  beforeAll(async () => {
    t = await createTestApp({ reference: false, env: { UPLOAD_MAX_BYTES: String(64 * 1024) } });
  });
  afterAll(() => t.close());

  describe("type sniffing", () => {
    it("stores a PNG renamed .pdf as image/png when images are allowed", async () => {
      const record = await t.ctx.files.save({ data: tinyPng(), originalName: "scan.pdf", allowed: IMAGES, actor });
      expect(record).toMatchObject({ mediaType: "image/png", originalName: "scan.pdf", size: tinyPng().length });
    });

    it("refuses a PNG renamed .pdf where only documents are allowed", async () => {
      await expect(
        t.ctx.files.save({ data: tinyPng(), originalName: "scan.pdf", allowed: DOCUMENTS, actor }),
      ).rejects.toMatchObject({
        code: "unsupported_media_type",
        status: 415,
      });
    });

    it("accepts a real PDF from a stream", async () => {
      const record = await t.ctx.files.save({
        data: Readable.from([PDF]),
        originalName: "report.pdf",
        allowed: DOCUMENTS,
        actor,
      });
      expect(record.mediaType).toBe("application/pdf");
      const { stream } = await t.ctx.files.open(record.id);
      expect(await text(stream as Readable)).toBe(PDF.toString());
    });

    it("refuses HTML and SVG always, whatever the name or the allow-list", async () => {
      const everything = [...DOCUMENTS, ...IMAGES, "text/html", "image/svg+xml"];
      for (const [name, content] of [
        ["invoice.pdf", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"],
        ["notes.txt", "  <html><body>hi</body></html>"],
        ["logo.png", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
        ["data.csv", '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
      ] as const) {
        await expect(
          t.ctx.files.save({ data: Buffer.from(content), originalName: name, allowed: everything, actor }),
        ).rejects.toMatchObject({
          code: "unsupported_media_type",
        });
      }
    });

    it("accepts UTF-8 CSV and text only when allowed", async () => {
      const csv = Buffer.from("country,kg\nТаджикистан,12.5\nAfghanistan,3\n");
      expect(
        (await t.ctx.files.save({ data: csv, originalName: "seizures.csv", allowed: SPREADSHEETS, actor })).mediaType,
      ).toBe("text/csv");
      expect(
        (await t.ctx.files.save({ data: csv, originalName: "notes.txt", allowed: DOCUMENTS, actor })).mediaType,
      ).toBe("text/plain");
      await expect(
        t.ctx.files.save({ data: csv, originalName: "seizures.csv", allowed: IMAGES, actor }),
      ).rejects.toMatchObject({
        code: "unsupported_media_type",
      });
    });

    it("refuses bytes that are neither a known type nor valid UTF-8 text", async () => {
      const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]);
      const withNul = Buffer.from("a,b\n1,\u0000\n");
      for (const data of [latin1, withNul]) {
        await expect(
          t.ctx.files.save({ data, originalName: "x.csv", allowed: SPREADSHEETS, actor }),
        ).rejects.toMatchObject({
          code: "unsupported_media_type",
        });
      }
    });

    it("checks the whole of a streamed text file, not only its first bytes", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-files-"));
      const service = new FileService(t.ctx.database.db, new LocalFileStorage(dir), 4 * 1024 * 1024);
      const head = Buffer.alloc(1024 * 1024 + 10, "a");
      const data = Readable.from([head, Buffer.from("tail\u0000")]);
      await expect(service.save({ data, originalName: "big.txt", allowed: DOCUMENTS, actor })).rejects.toMatchObject({
        code: "unsupported_media_type",
      });
      expect(fs.readdirSync(dir)).toEqual([]);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("refuses an empty file", async () => {
      await expect(
        t.ctx.files.save({ data: Buffer.alloc(0), originalName: "empty.txt", allowed: DOCUMENTS, actor }),
      ).rejects.toMatchObject({
        code: "validation_failed",
      });
    });
  });

  it("refuses a file over the size limit", async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(64 * 1024, 0x20)]);
    await expect(
      t.ctx.files.save({ data: Readable.from([big]), originalName: "big.pdf", allowed: DOCUMENTS, actor }),
    ).rejects.toMatchObject({
      code: "payload_too_large",
      status: 413,
    });
  });

  it("sanitises original names", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("C:\\Users\\me\\отчёт.pdf")).toBe("отчёт.pdf");
    expect(sanitizeFileName("a\u0000b\u202e\nc.txt")).toBe("abc.txt");
    expect(sanitizeFileName("..")).toBe("file");
    const long = sanitizeFileName(`${"x".repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith(".pdf")).toBe(true);
  });

  it("audits uploads", async () => {
    const record = await t.ctx.files.save({ data: PDF, originalName: "audited.pdf", allowed: DOCUMENTS, actor });
    const { items } = await t.ctx.audit.list({ action: "file.upload", objectId: record.id, limit: 5, offset: 0 });
    expect(items).toHaveLength(1);
  });

  describe("HTTP", () => {
    it("uploads through multipart and downloads with safe headers", async () => {
      const editor = await t.signIn("focal_point");
      const up = await editor.request({
        method: "POST",
        url: "/api/v1/files",
        ...binaryUpload("Доклад 2024.pdf", PDF),
      });
      expect(up.statusCode).toBe(201);
      const record = up.json();
      expect(record).toMatchObject({
        mediaType: "application/pdf",
        originalName: "Доклад 2024.pdf",
        createdBy: editor.userId,
      });

      const down = await editor.request({ url: `/api/v1/files/${record.id}` });
      expect(down.statusCode).toBe(200);
      expect(down.rawPayload.equals(PDF)).toBe(true);
      expect(down.headers["content-type"]).toBe("application/pdf");
      expect(down.headers["content-length"]).toBe(String(PDF.length));
      expect(down.headers["x-content-type-options"]).toBe("nosniff");
      expect(down.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
      expect(down.headers["content-disposition"]).toBe(
        `attachment; filename="______ 2024.pdf"; filename*=UTF-8''${encodeURIComponent("Доклад 2024.pdf")}`,
      );

      const coordinator = await t.signIn("coordinator");
      expect((await coordinator.request({ url: `/api/v1/files/${record.id}` })).statusCode).toBe(200);
      const other = await t.signIn("focal_point");
      expect((await other.request({ url: `/api/v1/files/${record.id}` })).statusCode).toBe(404);
      const visitor = await t.visitor();
      expect((await visitor.request({ url: `/api/v1/files/${record.id}` })).statusCode).toBe(401);
    });

    it("refuses uploads by role, by type and by size", async () => {
      const member = await t.signIn("member");
      expect(
        (await member.request({ method: "POST", url: "/api/v1/files", ...binaryUpload("a.pdf", PDF) })).statusCode,
      ).toBe(403);

      const editor = await t.signIn("liaison_officer");
      const html = await editor.request({
        method: "POST",
        url: "/api/v1/files",
        ...binaryUpload("a.pdf", Buffer.from("<html><script>x</script></html>")),
      });
      expect(html.statusCode).toBe(415);
      expect(html.json().code).toBe("unsupported_media_type");

      const big = Buffer.concat([PDF, Buffer.alloc(100 * 1024, 0x20)]);
      const tooBig = await editor.request({ method: "POST", url: "/api/v1/files", ...binaryUpload("big.pdf", big) });
      expect(tooBig.statusCode).toBe(413);

      const missing = await editor.request({
        method: "POST",
        url: "/api/v1/files",
        ...binaryUpload("a.pdf", PDF, "other"),
      });
      expect(missing.statusCode).toBe(400);
    });

    it("accepts the spreadsheets people have for what they are: Windows-1251 and UTF-16 CSV, XLS, ODS, Open XML SDK", async () => {
      const editor = await t.signIn("liaison_officer");
      const russian = "Страна;Наркотик;Количество\r\nТаджикистан;Героин;12,5\r\n";
      const cp1251 = Buffer.from([...russian].map((c) => cp1251Byte(c)));
      const sheet = XLSX.utils.aoa_to_sheet([
        ["Country", "Kg"],
        ["Таджикистан", 1],
      ]);
      const xls = Buffer.from(XLSX.write(XLSX.utils.book_new(sheet, "S"), { type: "buffer", bookType: "xls" }));
      const rows = [
        ["Country", "Kg"],
        ["Таджикистан", 1],
      ];
      for (const [name, data, mediaType] of [
        ["изъятия.csv", cp1251, "text/csv"],
        ["unicode.csv", Buffer.from(`\uFEFF${russian}`, "utf16le"), "text/csv"],
        ["old.xls", xls, "application/vnd.ms-excel"],
        ["calc.ods", libreOfficeOds([{ name: "S", rows }], -1), "application/vnd.oasis.opendocument.spreadsheet"],
        ["ids.xlsx", openXmlSdkWorkbook([{ name: "2019", rows }]), MEDIA.xlsx],
      ] as const) {
        const res = await editor.request({ method: "POST", url: "/api/v1/files", ...binaryUpload(name, data) });
        expect(res.statusCode, name).toBe(201);
        expect(res.json().mediaType, name).toBe(mediaType);
        expect(
          (await t.ctx.files.save({ data: Readable.from([data]), originalName: name, allowed: SPREADSHEETS, actor }))
            .mediaType,
        ).toBe(mediaType);
      }
      // Latin-1 or binary bytes are still not a CSV.
      const latin1 = await editor.request({
        method: "POST",
        url: "/api/v1/files",
        ...binaryUpload("x.csv", Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])),
      });
      expect(latin1.statusCode).toBe(415);
    });

    it("answers 404 for an unknown file and 400 for a malformed id", async () => {
      const coordinator = await t.signIn("coordinator");
      expect(
        (await coordinator.request({ url: "/api/v1/files/00000000-0000-4000-8000-000000000000" })).statusCode,
      ).toBe(404);
      expect((await coordinator.request({ url: "/api/v1/files/..%2F..%2Fetc" })).statusCode).toBe(400);
    });
  });
});
