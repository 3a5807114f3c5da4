import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer } from "../../../test/smtp.js";
import { loadConfig } from "../config.js";
import { createMailTransport, MailService } from "./mail.js";

const log = pino({ level: "silent" });

describe("mail", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let dataDir: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-mail-"));
  });
  afterAll(async () => {
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends through SMTP when SMTP_URL is set", async () => {
    const config = loadConfig({ PACT_DATA_DIR: dataDir, SMTP_URL: smtp.url, MAIL_FROM: "Pact <no-reply@pact.test>" });
    const mail = new MailService(createMailTransport(config), config.mailFrom, log);
    const { messageId } = await mail.send({
      to: "officer@example.org",
      subject: "Изъятие героина",
      text: "Привет, мир",
    });
    mail.close();
    expect(messageId).toMatch(/@/);
    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0];
    expect(message?.from).toBe("no-reply@pact.test");
    expect(message?.to).toEqual(["officer@example.org"]);
    expect(message?.raw).toContain(messageId);
    expect(message?.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(fs.existsSync(path.join(dataDir, "outbox"))).toBe(false);
  });

  it("writes .eml files to <data>/outbox without SMTP", async () => {
    const config = loadConfig({ PACT_DATA_DIR: dataDir });
    const mail = new MailService(createMailTransport(config), config.mailFrom, log);
    const { messageId } = await mail.send({
      to: "a@example.org",
      subject: "Hello",
      text: "Body text",
      html: "<p>Body</p>",
    });
    const files = fs.readdirSync(path.join(dataDir, "outbox"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-.+\.eml$/);
    const eml = fs.readFileSync(path.join(dataDir, "outbox", files[0] as string), "utf8");
    expect(eml).toContain("To: a@example.org");
    expect(eml).toContain("Subject: Hello");
    expect(eml).toContain(messageId);
    expect(eml).toContain("Body text");
  });

  it("rejects when the SMTP server cannot be reached", async () => {
    const config = loadConfig({ PACT_DATA_DIR: dataDir, SMTP_URL: "smtp://127.0.0.1:1" });
    const mail = new MailService(createMailTransport(config), config.mailFrom, log);
    await expect(mail.send({ to: "a@example.org", subject: "x", text: "y" })).rejects.toThrow();
  });
});
