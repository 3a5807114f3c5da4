import path from "node:path";
import { Readable } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { Principal } from "../http/access-policy.js";
import { AppError, notFound } from "../http/errors.js";
import { type Actor, AuditService } from "./audit.js";
import { ChangeRecorder } from "./changes.js";
import type { FileStorage } from "./file-storage.js";
import { isOdsPackage } from "./tabular.js";
import { detectEncoding, looksLikeText, type TextEncoding } from "./text-encoding.js";

export const MEDIA = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xls: "application/vnd.ms-excel",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  csv: "text/csv",
  txt: "text/plain",
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  /** Only IATI activity XML is taken under this type (`iati-activities` root, no script): other XML is refused. */
  iatiXml: "application/xml",
} as const;

/** Named allow-lists: a caller says which kinds of file it accepts; the sniffed type must be in the list. */
export const DOCUMENTS: readonly string[] = [
  MEDIA.pdf,
  MEDIA.docx,
  MEDIA.xlsx,
  MEDIA.xls,
  MEDIA.odt,
  MEDIA.ods,
  MEDIA.csv,
  MEDIA.txt,
];
export const IMAGES: readonly string[] = [MEDIA.png, MEDIA.jpeg, MEDIA.webp, MEDIA.gif];
export const SPREADSHEETS: readonly string[] = [MEDIA.csv, MEDIA.xlsx, MEDIA.xls, MEDIA.ods];
/** IATI activity XML, for the projects' IATI import (any other XML stays refused). */
export const IATI_XML: readonly string[] = [MEDIA.iatiXml];

/** Types refused whatever a caller allows: they can carry script into a browser. */
const NEVER = new Set(["image/svg+xml", "text/html", "application/xhtml+xml", "application/xml", "text/xml"]);

/** Enough of the start of a file for file-type to see inside an OOXML/ODF zip. */
const HEAD_BYTES = 1024 * 1024;

export { type FileRecord, FileRecordSchema } from "../../common/platform.js";

import type { FileRecord } from "../../common/platform.js";

export interface SaveFileInput {
  data: Buffer | NodeJS.ReadableStream;
  originalName: string;
  allowed: readonly string[];
  actor: Actor;
}

/** A safe display name: the base name only, no control characters, at most 200 characters. */
export function sanitizeFileName(name: string): string {
  const base = path.posix.basename(name.replaceAll("\\", "/"));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  const safe = clean === "" || clean === "." || clean === ".." ? "file" : clean;
  if (safe.length <= 200) return safe;
  const ext = path.extname(safe).slice(0, 20);
  return safe.slice(0, 200 - ext.length) + ext;
}

/** Reads the head of the data and returns it with a stream of the whole (head included). */
async function splitHead(
  data: Buffer | NodeJS.ReadableStream,
): Promise<{ head: Buffer; complete: boolean; whole: Buffer | Readable }> {
  if (Buffer.isBuffer(data))
    return { head: data.subarray(0, HEAD_BYTES), complete: data.length <= HEAD_BYTES, whole: data };
  const iterator = (data as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let complete = false;
  while (length < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      complete = true;
      break;
    }
    const chunk = Buffer.from(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(chunks);
  async function* rest() {
    yield head;
    if (complete) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield Buffer.from(next.value);
  }
  return { head: head.subarray(0, HEAD_BYTES), complete, whole: Readable.from(rest(), { objectMode: false }) };
}

/** Markup (HTML, SVG, XML) begins with "<" after optional BOM and white space; browsers sniff it as such. */
/**
 * An IATI activity file: a `.xml` name, text whose root element is `<iati-activities>` (after an XML declaration and
 * comments), and nothing that a browser would run (no script, HTML, SVG, stylesheet instruction or DTD).
 */
function looksLikeIati(head: Buffer, name: string): boolean {
  if (!/\.xml$/i.test(name)) return false;
  const { encoding, bom } = detectEncoding(head.subarray(0, 8192), false);
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(head.subarray(bom));
  const start = text
    .slice(0, 4096)
    .trimStart()
    .replace(/^<\?xml\s[^>]*\?>\s*/, "")
    .replace(/^(<!--[\s\S]*?-->\s*)*/, "");
  if (!/^<iati-activities[\s>]/.test(start)) return false;
  return (
    !/<(script|svg|html|iframe|!DOCTYPE|\?xml-stylesheet)[\s>/]/i.test(text) &&
    !/xmlns(:\w+)?="http:\/\/www\.w3\.org\/1999\/xhtml"/i.test(text)
  );
}

function looksLikeMarkup(head: Buffer): boolean {
  const { encoding, bom } = detectEncoding(head.subarray(0, 8192), false);
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(head.subarray(bom, 8192));
  const start = text.slice(0, 1024).trimStart();
  return start.startsWith("<") || /<(script|svg|html|iframe)[\s>/]/i.test(text);
}

/**
 * Checks, while the bytes flow to storage, that the rest of a text file is still text in the encoding its head
 * was found to be in: valid UTF-8 without NUL, UTF-16 without control characters, or single-byte text without
 * control bytes.
 */
async function* guardText(chunks: AsyncIterable<Buffer>, encoding: TextEncoding): AsyncGenerator<Buffer> {
  const refuse = () => new AppError("unsupported_media_type", 415, { reason: "not_text" });
  const wide = encoding === "utf-16le" || encoding === "utf-16be";
  const decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8", ignoreBOM: true });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
  const control = /[\u0000-\u0008\u000b\u000e-\u001f]/;
  for await (const chunk of chunks) {
    if (!wide && chunk.includes(0)) throw refuse();
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw refuse();
    }
    if (control.test(text)) throw refuse();
    yield chunk;
  }
  try {
    decoder.decode();
  } catch {
    throw refuse();
  }
}

/** A legacy Excel workbook: an OLE2 compound file holding a "Workbook" (BIFF8) or "Book" (BIFF5) stream. */
function looksLikeXls(head: Buffer, complete: boolean, name: string): boolean {
  const utf16 = (s: string) => Buffer.from(`${s}\u0000`, "utf16le");
  if (head.includes(utf16("Workbook")) || head.includes(utf16("Book"))) return true;
  // The directory naming the streams can lie beyond the head of a large file: the name decides, the reader checks.
  return !complete && /\.xls$/i.test(name);
}

function textTypeFor(name: string, allowed: readonly string[]): string | null {
  const isCsv = /\.(csv|tsv)$/i.test(name);
  if (isCsv && allowed.includes(MEDIA.csv)) return MEDIA.csv;
  if (allowed.includes(MEDIA.txt)) return MEDIA.txt;
  if (allowed.includes(MEDIA.csv)) return MEDIA.csv;
  return null;
}

type FileRow = {
  id: string;
  sha256: string;
  size: number | string | bigint;
  media_type: string;
  original_name: string;
  created_by: string | null;
  created_at: Date | string;
};

function present(row: FileRow): FileRecord {
  return {
    id: row.id,
    sha256: row.sha256,
    size: Number(row.size),
    mediaType: row.media_type,
    originalName: row.original_name,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Uploaded files: type sniffed from the bytes (never trusted from the name), stored by content, audited. */
export class FileService {
  /** An upload is a new immutable object: one audited event. */
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    /** The content store (read by backup and restore). */
    readonly storage: FileStorage,
    private readonly maxBytes: number,
  ) {
    this.changes = new ChangeRecorder({ audit: new AuditService(db) });
  }

  async save(input: SaveFileInput, trx: Kysely<DB> = this.db): Promise<FileRecord> {
    const originalName = sanitizeFileName(input.originalName);
    let stored: { sha256: string; size: number };
    let mediaType: string;
    try {
      const { head, complete, whole } = await splitHead(input.data);
      if (head.length === 0) {
        throw new AppError("validation_failed", 400, undefined, [{ path: "file", code: "empty_file" }]);
      }
      const sniffed = await this.sniff(head, complete, originalName, input.allowed);
      mediaType = sniffed.mediaType;
      if (sniffed.text && Buffer.isBuffer(whole) && !looksLikeText(whole, true)) {
        throw new AppError("unsupported_media_type", 415, { reason: "not_text" });
      }
      const source =
        sniffed.text && !Buffer.isBuffer(whole)
          ? Readable.from(guardText(whole, detectEncoding(head, complete).encoding))
          : whole;
      stored = await this.storage.put(source, this.maxBytes);
    } catch (error) {
      // A refused upload must not leave the request body half read.
      if (!Buffer.isBuffer(input.data)) (input.data as Readable).destroy?.();
      throw error;
    }
    const { sha256, size } = stored;
    const row = await trx
      .insertInto("files")
      .values({ sha256, size, media_type: mediaType, original_name: originalName, created_by: input.actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.changes.event(
      input.actor,
      {
        action: "file.upload",
        objectType: "file",
        objectId: row.id,
        details: { name: originalName, mediaType, size, sha256 },
      },
      trx,
    );
    return present(row);
  }

  /** The real type from the bytes; refuses markup always and anything not in `allowed`. */
  private async sniff(head: Buffer, complete: boolean, name: string, allowed: readonly string[]) {
    // A UTF-16 byte-order mark looks like an MPEG audio frame to file-type: text with one is judged as text.
    const utf16 = detectEncoding(head.subarray(0, 2)).bom === 2 && looksLikeText(head, complete);
    const detected = utf16 ? undefined : await fileTypeFromBuffer(head);
    const refuse = (mediaType: string) => new AppError("unsupported_media_type", 415, { mediaType });
    // IATI activity XML, for a caller that takes it; its text is still checked as text while it is stored.
    if (
      allowed.includes(MEDIA.iatiXml) &&
      (!detected || detected.mime === MEDIA.iatiXml) &&
      looksLikeText(head, complete) &&
      looksLikeIati(head, name)
    ) {
      return { mediaType: MEDIA.iatiXml, text: true };
    }
    if (detected?.mime === "application/x-cfb" && allowed.includes(MEDIA.xls) && looksLikeXls(head, complete, name)) {
      return { mediaType: MEDIA.xls, text: false };
    }
    if (detected?.mime === "application/zip" && allowed.includes(MEDIA.ods) && isOdsPackage(head)) {
      return { mediaType: MEDIA.ods, text: false };
    }
    if (detected) {
      if (NEVER.has(detected.mime)) throw refuse(detected.mime);
      if (!allowed.includes(detected.mime)) throw refuse(detected.mime);
      return { mediaType: detected.mime, text: false };
    }
    if (!looksLikeText(head, complete)) throw refuse("application/octet-stream");
    if (looksLikeMarkup(head)) throw refuse("text/html");
    const mediaType = textTypeFor(name, allowed);
    if (!mediaType) throw refuse(/\.(csv|tsv)$/i.test(name) ? MEDIA.csv : MEDIA.txt);
    return { mediaType, text: true };
  }

  /**
   * Crash clean-up, run at start: removes temporary files of interrupted writes and stored contents that no
   * row of `files` references (bytes written, then the process died before the row was committed). Only what
   * is older than `olderThanMs` goes, so an upload in flight on another instance keeps its bytes.
   */
  async sweepStore(olderThanMs = 60 * 60 * 1000): Promise<{ temporary: number; orphaned: number }> {
    const storage = this.storage;
    const temporary = (await storage.sweepTemporary?.(olderThanMs)) ?? 0;
    if (!storage.list) return { temporary, orphaned: 0 };
    const isOld = (mtimeMs: number | null) => mtimeMs !== null && Date.now() - mtimeMs > olderThanMs;
    let orphaned = 0;
    let batch: string[] = [];
    const settle = async () => {
      if (!batch.length) return;
      const rows = await this.db.selectFrom("files").select("sha256").distinct().where("sha256", "in", batch).execute();
      const referenced = new Set(rows.map((r) => r.sha256));
      for (const sha256 of batch) {
        if (referenced.has(sha256)) continue;
        // Looked at again just before removal: the same bytes may have been uploaded anew meanwhile.
        if (storage.mtimeOf && !isOld(await storage.mtimeOf(sha256))) continue;
        const again = await this.db.selectFrom("files").select("id").where("sha256", "=", sha256).executeTakeFirst();
        if (again) continue;
        await storage.remove(sha256);
        orphaned += 1;
      }
      batch = [];
    };
    for await (const entry of storage.list()) {
      if (!isOld(entry.mtimeMs)) continue;
      batch.push(entry.sha256);
      if (batch.length >= 500) await settle();
    }
    await settle();
    return { temporary, orphaned };
  }

  async get(id: string): Promise<FileRecord> {
    const row = await this.db.selectFrom("files").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound("file");
    return present(row);
  }

  async open(id: string): Promise<{ record: FileRecord; stream: NodeJS.ReadableStream }> {
    const record = await this.get(id);
    return { record, stream: await this.streamOf(record) };
  }

  /**
   * The file, only for the one who uploaded it: anything that takes a `fileId` from a request (an import, an
   * attachment, a job) comes through here, so it can never read someone else's upload. Anyone else gets the same
   * 404 as for a file that does not exist, so an id reveals nothing.
   */
  async getOwn(id: string, owner: FileOwner): Promise<FileRecord> {
    const userId = ownerIdOf(owner);
    const row = await this.db.selectFrom("files").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row || !userId || row.created_by !== userId) throw notFound("file");
    return present(row);
  }

  /** `getOwn` with the bytes. */
  async openOwn(id: string, owner: FileOwner): Promise<{ record: FileRecord; stream: NodeJS.ReadableStream }> {
    const record = await this.getOwn(id, owner);
    return { record, stream: await this.streamOf(record) };
  }

  /** `openOwn`, read whole (imports that parse the file in memory). */
  async readOwn(id: string, owner: FileOwner): Promise<{ record: FileRecord; data: Buffer }> {
    const { record, stream } = await this.openOwn(id, owner);
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
    return { record, data: Buffer.concat(chunks) };
  }

  private async streamOf(record: FileRecord): Promise<NodeJS.ReadableStream> {
    if (!(await this.storage.has(record.sha256))) throw notFound("file");
    return this.storage.open(record.sha256);
  }
}

/** Whoever asks for a file: a request's principal, an actor, or a job's creator. */
export type FileOwner = Principal | Actor | { userId: string | null };

function ownerIdOf(owner: FileOwner): string | null {
  if ("user" in owner) return owner.user?.id ?? null;
  return owner.userId ?? null;
}
