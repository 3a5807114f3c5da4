import fsp from "node:fs/promises";
import path from "node:path";
import type { FastifyBaseLogger } from "fastify";
import nodemailer, { type SendMailOptions } from "nodemailer";
import type { Config } from "../config.js";

/** The little of a nodemailer transport the platform uses; tests and the outbox implement it too. */
export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<{ messageId: string }>;
  close?(): void;
}

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. `List-Unsubscribe` (RFC 2369) on the digests. */
  headers?: Record<string, string>;
  /** Files sent with the message (a scheduled report's PDF or XLSX). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

function outboxName(messageId: string): string {
  const time = new Date().toISOString().replace(/[:.]/g, "-");
  const id = messageId
    .replace(/^<|>$/g, "")
    .replace(/[^\w.-]+/g, "_")
    .slice(0, 80);
  return `${time}-${id || "message"}.eml`;
}

/**
 * The outbox transport: each message is rendered by nodemailer and written as an .eml file, so a
 * development or air-gapped installation loses no mail and an operator can open or forward it later.
 */
export function createOutboxTransport(dir: string): MailTransport {
  const renderer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    async sendMail(message) {
      const info = await renderer.sendMail(message);
      await fsp.mkdir(dir, { recursive: true });
      const file = path.join(dir, outboxName(info.messageId));
      // Write then rename: a reader of the outbox never sees half a message.
      await fsp.writeFile(`${file}.part`, info.message as Buffer, { mode: 0o640 });
      await fsp.rename(`${file}.part`, file);
      return { messageId: info.messageId };
    },
  };
}

/** SMTP when SMTP_URL is set, else .eml files in <data>/outbox. */
export function createMailTransport(config: Config): MailTransport {
  if (config.smtpUrl) {
    const smtp = nodemailer.createTransport(config.smtpUrl);
    return {
      async sendMail(message) {
        const info = await smtp.sendMail(message);
        return { messageId: info.messageId };
      },
      close: () => smtp.close(),
    };
  }
  return createOutboxTransport(path.join(config.dataDir, "outbox"));
}

/** Sends the platform's e-mail from one sender address, logging each message (never its body). */
export class MailService {
  constructor(
    private readonly transport: MailTransport,
    private readonly from: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const { messageId } = await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html !== undefined ? { html: mail.html } : {}),
      ...(mail.headers ? { headers: mail.headers } : {}),
      ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
    });
    this.log.info({ to: mail.to, subject: mail.subject, messageId }, "mail sent");
    return { messageId };
  }

  close(): void {
    this.transport.close?.();
  }
}
