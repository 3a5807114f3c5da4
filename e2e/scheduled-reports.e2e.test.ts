import { TOTP } from "otpauth";
import type { Browser, BrowserContext, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiSession,
  expectAccessible,
  launchBrowser,
  type Mailbox,
  newContext,
  type RunningPlatform,
  screenshot,
  signInAdministratorByApi,
  startMailbox,
  startPlatform,
} from "./harness.js";

/**
 * The scheduled-report journey of issue 20: a focal point of Tajikistan schedules a weekly PDF report of a pivot
 * shared with their partner, for a colleague who reads Russian, on today's weekday; the report arrives on the test
 * SMTP server in Russian with a PDF attached (its bytes start with %PDF), the schedule shows it as sent; the owner
 * edits it to XLSX and sends it now to the list (an XLSX arrives), the page and the edit dialog pass axe in Russian,
 * a coordinator sees it on the list of every schedule (in Russian), and the owner deletes the schedule after
 * confirming.
 */

const WAIT = { timeout: 60_000, interval: 200 };
const STEP_TIMEOUT = 300_000;
const ADMIN_PASSWORD = "a long new passphrase for Vienna 2026";
const PASSWORD = "pomegranate cloud Khorog 47 bicycle";
const ANALYSIS = "Donors of Tajikistan";
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: "visible", timeout: WAIT.timeout });
  return locator;
}

async function activate(
  context: BrowserContext,
  platform: RunningPlatform,
  email: string,
  oneTime: string,
  twoFactor: boolean,
) {
  const session = await apiSession(context, platform);
  await session.post("/auth/sign-in", { email, password: oneTime });
  await session.post("/auth/password", { currentPassword: oneTime, newPassword: PASSWORD });
  if (twoFactor) {
    const setup = await session.post("/auth/2fa/setup", {});
    await session.post("/auth/2fa/enable", { code: new TOTP({ secret: setup.secret }).generate() });
  }
  await session.acceptTerms();
  return session;
}

/** The first attachment of this content type in a received message, decoded. */
function attachment(raw: string, type: string): { filename: string; content: Buffer } | null {
  const at = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, at).replace(/\r?\n[ \t]+/g, " ");
  const body = raw.slice(at).replace(/^\r?\n\r?\n/, "");
  const contentType = /^Content-Type:\s*(.*)$/im.exec(headers)?.[1] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      const found = attachment(part.replace(/^\r?\n/, ""), type);
      if (found) return found;
    }
    return null;
  }
  if (!contentType.toLowerCase().startsWith(type)) return null;
  const filename = /filename="?([^";]+)"?/i.exec(headers)?.[1] ?? "";
  return { filename, content: Buffer.from(body.replace(/\s+/g, ""), "base64") };
}

describe("scheduled reports: a weekly PDF report arrives", () => {
  let mailbox: Mailbox;
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    mailbox = await startMailbox();
    platform = await startPlatform({ SMTP_URL: mailbox.url });
    browser = await launchBrowser();
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await mailbox?.close();
  });

  it(
    "a focal point schedules a PDF report for a colleague, who receives it in Russian with the PDF attached",
    async () => {
      const admin = await newContext(browser);
      const { post } = await signInAdministratorByApi(admin, platform, ADMIN_PASSWORD);
      const people: Record<string, { email: string; password: string }> = {};
      for (const [key, role, language] of [
        ["focal", "focal_point", "en"],
        ["colleague", "member", "ru"],
      ] as const) {
        const email = `${key}@reports.example.org`;
        const created = await post("/users", {
          email,
          displayName: `E2E ${key}`,
          role,
          partnerCode: "TJK",
          language,
        });
        people[key] = { email, password: created.oneTimePassword };
      }
      const focalContext = await newContext(browser);
      const focalPeople = people.focal as { email: string; password: string };
      const focal = await activate(focalContext, platform, focalPeople.email, focalPeople.password, true);
      const colleague = people.colleague as { email: string; password: string };
      await activate(await newContext(browser), platform, colleague.email, colleague.password, false);

      const analysis = await focal.post("/analyses", {
        name: ANALYSIS,
        kind: "adam.pivot",
        view: "table",
        config: { rows: "donor", measure: "usd" },
        visibility: "partner",
      });

      const page = await focalContext.newPage();
      await page.goto(`${platform.url}/analyses/${analysis.id}`);
      await page.getByRole("heading", { name: ANALYSIS, level: 1 }).waitFor({ state: "visible", timeout: 90_000 });
      await visible(page.getByText("No report is scheduled."));
      await page.getByRole("button", { name: "Schedule a report" }).click();
      const dialog = page.getByRole("dialog", { name: "Schedule a report" });
      await visible(dialog);
      // PDF is the default format; weekly on today's weekday (UTC), so this week's report goes at once.
      const today = WEEKDAYS[(new Date().getUTCDay() + 6) % 7] as string;
      await dialog.getByRole("combobox", { name: "Day of the week (UTC)" }).click();
      await (await visible(page.getByRole("option", { name: today, exact: true }))).first().click();
      const recipients = dialog.getByLabel("Recipients", { exact: true });
      await recipients.click();
      await recipients.fill("E2E coll");
      await (await visible(page.getByRole("option", { name: "E2E colleague" }))).first().click();
      // Leaving the field closes its list (the keyboard path).
      await page.keyboard.press("Tab");
      await page.getByRole("listbox").waitFor({ state: "hidden", timeout: WAIT.timeout });
      await expectAccessible(page, "schedule a report dialog");
      await dialog.getByRole("button", { name: "Schedule", exact: true }).click();
      await dialog.waitFor({ state: "hidden", timeout: WAIT.timeout });
      await visible(page.getByRole("cell", { name: `Every ${today}` }));

      const mail = await mailbox.waitFor(colleague.email, { timeoutMs: 90_000 });
      expect(mail.subject).toBe(`Отчет по расписанию: ${ANALYSIS}`);
      expect(mail.text).toContain("Здравствуйте, E2E colleague!");
      expect(mail.text).toContain(`/analyses/${analysis.id}`);
      const pdf = attachment(mail.raw, "application/pdf");
      expect(pdf, "a PDF attachment").not.toBeNull();
      expect(pdf?.filename).toMatch(/\.pdf$/);
      expect(pdf?.content.subarray(0, 4).toString("latin1")).toBe("%PDF");
      // Sent to the colleague only: the owner was not listed.
      expect(mailbox.received.filter((m) => m.to.includes(focalPeople.email))).toEqual([]);

      // The schedule shows the send.
      await expect
        .poll(async () => {
          await page.reload();
          await visible(page.getByRole("columnheader", { name: "Last sends" }));
          return page.getByText("sent", { exact: true }).count();
        }, WAIT)
        .toBeGreaterThan(0);
      await expectAccessible(page, "analysis page with a scheduled report");
      await screenshot(page, "scheduled-report");

      // The owner edits the schedule in the same dialog: XLSX instead of PDF.
      await page.getByRole("button", { name: `Edit the schedule: Every ${today}` }).click();
      const edit = page.getByRole("dialog", { name: "Edit the schedule" });
      await visible(edit);
      await edit.getByText("XLSX", { exact: true }).click();
      await edit.getByRole("button", { name: "Save", exact: true }).click();
      await edit.waitFor({ state: "hidden", timeout: WAIT.timeout });
      await visible(page.getByRole("cell", { name: "XLSX", exact: true }));

      // "Send now" to the list: a report of its own arrives at once, now as XLSX.
      await page.getByRole("button", { name: `Send now: Every ${today}` }).click();
      await (await visible(page.getByRole("menuitem", { name: "To all recipients" }))).click();
      await visible(page.getByRole("status").getByText("Sending now to E2E colleague"));
      const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      const now = await mailbox.waitFor(colleague.email, {
        predicate: (m) => attachment(m.raw, xlsxType) !== null,
        timeoutMs: 90_000,
      });
      expect(now.subject).toBe(`Отчет по расписанию: ${ANALYSIS}`);
      expect(attachment(now.raw, xlsxType)?.content.subarray(0, 2).toString("latin1")).toBe("PK");

      // The same page in Russian, with the edit dialog open: no serious axe violation.
      await page.evaluate(() => localStorage.setItem("pact.lang", "ru"));
      await page.reload();
      await visible(page.getByRole("heading", { name: "Отчеты по расписанию" }));
      await expectAccessible(page, "analysis page with a scheduled report, in Russian");
      await page.getByRole("button", { name: /^Изменить расписание: / }).click();
      const editRu = page.getByRole("dialog", { name: "Изменить расписание" });
      await visible(editRu);
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
      await expectAccessible(page, "edit a report schedule, in Russian");
      await page.keyboard.press("Escape");
      await editRu.waitFor({ state: "hidden", timeout: WAIT.timeout });

      // A coordinator sees every schedule with its last run (sent now), in Russian.
      const adminPage = await admin.newPage();
      await adminPage.goto(`${platform.url}/`);
      await adminPage.evaluate(() => localStorage.setItem("pact.lang", "ru"));
      await adminPage.goto(`${platform.url}/admin/report-schedules`);
      await visible(adminPage.getByRole("heading", { name: "Отчеты по расписанию", level: 1 }));
      await visible(adminPage.getByRole("link", { name: ANALYSIS }));
      await visible(adminPage.getByText("отправлен вручную"));
      await expectAccessible(adminPage, "coordinators' list of scheduled reports, in Russian");
      await adminPage.getByText("Приостановленные", { exact: true }).click();
      await visible(adminPage.getByText("Нет расписаний, подходящих под этот фильтр."));

      await page.evaluate(() => localStorage.setItem("pact.lang", "en"));
      await page.reload();
      await visible(page.getByRole("columnheader", { name: "Last sends" }));

      // The owner deletes the schedule after confirming; the list is empty again.
      await page.getByRole("button", { name: `Delete the schedule: Every ${today}` }).click();
      const confirm = page.getByRole("dialog", { name: "Delete this schedule?" });
      await visible(confirm);
      // Checked once the dialog's opening transition has ended (colours mid-fade are not the page's).
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
      await expectAccessible(page, "delete a report schedule");
      await confirm.getByRole("button", { name: "Delete", exact: true }).click();
      await visible(page.getByText("No report is scheduled."));
    },
    STEP_TIMEOUT,
  );
});
