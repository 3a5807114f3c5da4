import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { type TestApp, type TestAppOptions, useTestApp } from "./app.js";

export interface ReceivedMail {
  /** The envelope's sender. */
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a free local port that keeps every message it receives (for tests). */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;

/**
 * The suite's app sending its mail to a test SMTP server (`smtp`, whose `received` keeps every message), both
 * started before the suite's tests and closed after them; links in mail start with https://pact.example.org unless
 * `options.env` names another PUBLIC_URL.
 */
export function useMailingTestApp(options: NonNullable<TestAppOptions> = {}): { t: TestApp; smtp: Smtp } {
  const smtp = {} as Smtp;
  let started: Smtp | undefined;
  beforeAll(async () => {
    started = await startSmtpServer();
    Object.assign(smtp, started);
  });
  afterAll(() => started?.close());
  const t = useTestApp(() => ({
    ...options,
    env: { SMTP_URL: smtp.url, PUBLIC_URL: "https://pact.example.org", ...options.env },
  }));
  return { t, smtp };
}

/** The decoded header value and text body of a single-part message (quoted-printable or base64). */
export function parseMail(raw: string): { subject: string; body: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  const subjectRaw = /^Subject:\s*(.*)$/im.exec(headers)?.[1] ?? "";
  const subject = subjectRaw.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
  if (encoding === "base64") return { subject, body: Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") };
  if (encoding === "quoted-printable") return { subject, body: decodeQuotedPrintable(body.replace(/=\r?\n/g, "")) };
  return { subject, body };
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** Waits until `predicate` holds (mail is delivered in the background), failing after `ms`. */
export async function waitFor(predicate: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error("timed out waiting for mail");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Header block and body of a MIME entity. */
function entityOf(raw: string): { headers: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { headers: raw, body: "" };
  const sep = raw.slice(at).startsWith("\r\n\r\n") ? 4 : 2;
  return { headers: raw.slice(0, at).replace(/\r?\n[ \t]+/g, " "), body: raw.slice(at + sep) };
}

/**
 * The decoded part of a message with this content type (`text/plain`, `text/html`), searching multipart
 * entities depth first; a single-part message of that type is its own part. Null when there is none.
 */
export function mailPart(raw: string, type: "text/plain" | "text/html"): string | null {
  const { headers, body } = entityOf(raw);
  const contentType = /^Content-Type:\s*(.*)$/im.exec(headers)?.[1] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      const found = mailPart(part.replace(/^\r?\n/, ""), type);
      if (found !== null) return found;
    }
    return null;
  }
  if (!contentType.toLowerCase().startsWith(type)) return null;
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body.replace(/=\r?\n/g, ""));
  return body;
}

/** A header's raw value (folded lines joined). */
export function mailHeader(raw: string, name: string): string {
  const { headers } = entityOf(raw);
  return new RegExp(`^${name}:\\s*(.*)$`, "im").exec(headers)?.[1] ?? "";
}

/** The decoded bytes and file name of the first attachment with this content type, searching multipart entities. */
export function mailAttachment(raw: string, type: string): { filename: string; content: Buffer } | null {
  const { headers, body } = entityOf(raw);
  const contentType = /^Content-Type:\s*(.*)$/im.exec(headers)?.[1] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      const found = mailAttachment(part.replace(/^\r?\n/, ""), type);
      if (found) return found;
    }
    return null;
  }
  if (!contentType.toLowerCase().startsWith(type)) return null;
  const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(headers)?.[1] ?? "";
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  const content = encoding === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64") : Buffer.from(body, "latin1");
  return { filename: decodeURIComponent(filename), content };
}
