import { TOTP } from "otpauth";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  launchBrowser,
  type Mailbox,
  newContext,
  type RunningPlatform,
  screenshot,
  startMailbox,
  startPlatform,
} from "./harness.js";

/**
 * The accounts journey of the issue: register → confirm the e-mail address → approval → sign in with
 * two-factor authentication → a protected page; a visitor is refused the same page.
 *
 * One person, in Russian, registers for Tajikistan; the first administrator (printed by the platform on a
 * new database) approves the request in English as a focal point, a role that must use 2FA.
 */

// A slow two-core machine: every wait is generous, and every wait ends in a failure if the step never happens.
const WAIT = { timeout: 30_000, interval: 100 };
const STEP_TIMEOUT = 180_000;

const REGISTRANT = {
  name: "Фарход Рахимов",
  email: "f.rahimov@dkn.example.tj",
  agency: "Агентство по контролю за наркотиками при Президенте Республики Таджикистан",
  position: "Старший инспектор",
  phone: "+992 37 221 00 00",
  reason: "Обмен оперативной информацией о маршрутах наркотрафика через Таджикистан с партнерами Пакта.",
  password: "гранат облако Хорог 47 велосипед",
};
const ADMIN_NEW_PASSWORD = "a long new passphrase for Vienna 2026";

// --- TOTP, as an authenticator app computes it (RFC 6238: SHA-1, 6 digits, 30 s) -------------------------

const PERIOD_MS = 30_000;
const stepAt = (ms: number) => Math.floor(ms / PERIOD_MS);

/** The current code for `secret`, and the time step it belongs to. */
function totpNow(secret: string): { code: string; step: number } {
  const now = Date.now();
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret });
  return { code: totp.generate({ timestamp: now }), step: stepAt(now) };
}

/** A code from a later step than `usedStep`: the platform refuses a code of a step already used (replay). */
async function freshTotp(secret: string, usedStep: number): Promise<{ code: string; step: number }> {
  while (stepAt(Date.now()) <= usedStep) await new Promise((r) => setTimeout(r, 250));
  return totpNow(secret);
}

// --- small helpers -----------------------------------------------------------------------------------------

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** A label that starts with `text` (Mantine appends " *" to the labels of required fields). */
const labelled = (text: string) => new RegExp(`^${escapeRegExp(text)}`);

async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: "visible", timeout: WAIT.timeout });
  return locator;
}

async function expectPath(page: Page, pattern: RegExp) {
  await expect.poll(() => new URL(page.url()).pathname, WAIT).toMatch(pattern);
}

async function me(page: Page, platform: RunningPlatform) {
  const res = await page.request.get(`${platform.url}/api/v1/auth/me`);
  expect(res.status()).toBe(200);
  return (await res.json()) as {
    authenticated: boolean;
    user: {
      email: string;
      role: string;
      mustChangePassword: boolean;
      twoFactorEnabled?: boolean;
      twoFactorSetupRequired?: boolean;
      mustAcceptTerms?: boolean;
    } | null;
  };
}

/** The link in an e-mail, with the origin of the running platform (PUBLIC_URL is not known before it starts). */
function linkIn(text: string, path: string, platform: RunningPlatform): string {
  const found = new RegExp(`https?://[^\\s/]+${escapeRegExp(path)}[^\\s]*`).exec(text)?.[0];
  if (!found) throw new Error(`no ${path} link in the e-mail:\n${text}`);
  const url = new URL(found);
  return `${platform.url}${url.pathname}${url.search}`;
}

interface Labels {
  setupStart: string;
  secret: string;
  code: string;
  enable: string;
  recoveryList: string;
  stored: string;
  continue: string;
  acceptCheckbox: string;
  acceptSubmit: string;
}

const EN: Labels = {
  setupStart: "Set up two-factor authentication",
  secret: "Key for manual entry",
  code: "Six-digit code from your authenticator app",
  enable: "Turn on two-factor authentication",
  recoveryList: "Recovery codes",
  stored: "I have stored my recovery codes in a safe place",
  continue: "Continue",
  acceptCheckbox: "I have read and accept the terms of use and the access policy.",
  acceptSubmit: "Accept and continue",
};

const RU: Labels = {
  setupStart: "Настроить двухфакторную аутентификацию",
  secret: "Ключ для ручного ввода",
  code: "Шестизначный код из приложения-аутентификатора",
  enable: "Включить двухфакторную аутентификацию",
  recoveryList: "Резервные коды",
  stored: "Я сохранил(а) резервные коды в надежном месте",
  continue: "Продолжить",
  acceptCheckbox: "Я прочитал(а) и принимаю условия использования и политику доступа.",
  acceptSubmit: "Принять и продолжить",
};

/**
 * The forced enrolment in two-factor authentication, as a user with an authenticator app does it: reads the
 * key shown for manual entry, types the app's code, sees the ten recovery codes, confirms storing them.
 * Returns the secret, the code used and its time step (a later sign-in needs a code of a later step).
 */
async function enrolTwoFactor(
  page: Page,
  labels: Labels,
  shot: string,
): Promise<{ secret: string; code: string; step: number }> {
  await expectPath(page, /^\/account\/two-factor$/);
  const main = page.getByRole("main");
  await (await visible(main.getByRole("button", { name: labels.setupStart }))).click();
  const key = await visible(main.getByLabel(labels.secret, { exact: true }));
  const secret = ((await key.textContent()) ?? "").replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const { code, step } = totpNow(secret);
  await main.getByLabel(labelled(labels.code)).fill(code);
  await main.getByRole("button", { name: labels.enable }).click();
  const codes = (await visible(main.getByRole("list", { name: labels.recoveryList }))).getByRole("listitem");
  await expect.poll(() => codes.count(), WAIT).toBe(10);
  expect(await codes.first().textContent()).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await screenshot(page, shot);
  const cont = main.getByRole("button", { name: labels.continue });
  expect(await cont.isDisabled()).toBe(true);
  await main.getByRole("checkbox", { name: labels.stored }).check();
  await cont.click();
  await expect.poll(() => new URL(page.url()).pathname, WAIT).not.toBe("/account/two-factor");
  return { secret, code, step };
}

/** After the password and 2FA steps, the app asks for the terms if the user has not accepted the current ones. */
async function acceptTermsIfAsked(page: Page, platform: RunningPlatform, labels: Labels, shot: string) {
  const state = await me(page, platform);
  expect(state.user?.mustChangePassword).toBe(false);
  expect(state.user?.twoFactorSetupRequired).toBe(false);
  if (!state.user?.mustAcceptTerms) return;
  await expectPath(page, /^\/terms\/accept$/);
  const main = page.getByRole("main");
  await (await visible(main.getByRole("checkbox", { name: labels.acceptCheckbox }))).check();
  await screenshot(page, shot);
  await main.getByRole("button", { name: labels.acceptSubmit }).click();
  await expect.poll(async () => (await me(page, platform)).user?.mustAcceptTerms, WAIT).toBe(false);
  await expect.poll(() => new URL(page.url()).pathname, WAIT).not.toBe("/terms/accept");
  // Not back on a first sign-in step, as if the password change had failed.
  expect(new URL(page.url()).pathname).not.toMatch(/^\/account\/(password|two-factor)$/);
}

// --- the journey -------------------------------------------------------------------------------------------

describe("accounts: register, confirm, approval, sign-in with 2FA, the members' directory", () => {
  let mailbox: Mailbox;
  let platform: RunningPlatform;
  let browser: Browser;
  /** The registrant's browser: a visitor at first. */
  let visitorContext: BrowserContext;
  let page: Page;
  let adminContext: BrowserContext;
  let adminPage: Page;

  beforeAll(async () => {
    mailbox = await startMailbox();
    platform = await startPlatform({ SMTP_URL: mailbox.url });
    browser = await launchBrowser();
    visitorContext = await newContext(browser, { locale: "en-GB" });
    page = await visitorContext.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await mailbox?.close();
  });

  it("refuses the members' directory to a visitor", { timeout: STEP_TIMEOUT }, async () => {
    const anonymous = await fetch(`${platform.url}/api/v1/directory`);
    expect(anonymous.status).toBe(401);

    await page.goto(`${platform.url}/directory`);
    // Sent to sign in, and brought back to the directory afterwards.
    await expectPath(page, /^\/sign-in$/);
    expect(new URL(page.url()).searchParams.get("redirect")).toBe("/directory");
    await visible(page.getByRole("heading", { level: 1, name: "Sign in" }));
    expect(await page.getByRole("heading", { name: "Focal points and liaison officers" }).count()).toBe(0);
    expect(await page.getByRole("main").locator('a[href^="mailto:"]').count()).toBe(0);
    // The members-only entry is not in the navigation either.
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await visible(nav.getByRole("link", { name: "Partners" }));
    expect(await nav.getByRole("link", { name: "Directory" }).count()).toBe(0);
    await screenshot(page, "accounts-visitor-refused");
  });

  it("registers in Russian", { timeout: STEP_TIMEOUT }, async () => {
    // The visitor switches the interface to Russian with the header switch, then follows "Регистрация".
    await page.locator("label", { hasText: "RU" }).first().click();
    await expect.poll(() => page.getAttribute("html", "lang"), WAIT).toBe("ru");
    await page.getByRole("banner").getByRole("link", { name: "Регистрация" }).click();
    await expectPath(page, /^\/register$/);
    const main = page.getByRole("main");
    await visible(main.getByRole("heading", { level: 1, name: "Регистрация для доступа" }));

    await main.getByLabel(/^Фамилия и имя/).fill(REGISTRANT.name);
    await main.getByLabel(/^Служебный адрес электронной почты/).fill(REGISTRANT.email);
    // The partner list arrives from the API; selectOption waits for the option.
    await main.getByLabel(/^Страна или организация — партнер/).selectOption("TJK");
    expect(await main.getByLabel(/^Страна или организация — партнер/).inputValue()).toBe("TJK");
    await main.getByLabel(/^Ведомство или организация/).fill(REGISTRANT.agency);
    await main.getByLabel(/^Должность/).fill(REGISTRANT.position);
    await main.getByLabel(/^Рабочий телефон/).fill(REGISTRANT.phone);
    // E-mails in the interface language unless chosen otherwise.
    expect(await main.getByLabel(/^Язык писем/).inputValue()).toBe("ru");
    await main.getByLabel(/^Причина запроса доступа/).fill(REGISTRANT.reason);
    await main.getByLabel(/^Пароль/).fill(REGISTRANT.password);
    await main.getByLabel(/^Повторите пароль/).fill(REGISTRANT.password);
    const terms = main.getByRole("checkbox", { name: RU.acceptCheckbox });
    await expect.poll(() => terms.isEnabled(), WAIT).toBe(true);
    await terms.check();
    await expectAccessible(page, "registration form (ru)");
    await screenshot(page, "accounts-register-ru");

    await main.getByRole("button", { name: "Отправить заявку" }).click();
    await visible(main.getByRole("heading", { level: 1, name: "Проверьте электронную почту" }));
    expect(await main.getByRole("status").textContent()).toContain(REGISTRANT.email);
    await screenshot(page, "accounts-register-sent-ru");
  });

  it("confirms the e-mail address by the link in the Russian e-mail", { timeout: STEP_TIMEOUT }, async () => {
    const mail = await mailbox.waitFor(REGISTRANT.email, { predicate: (m) => m.text.includes("/register/confirm") });
    expect(mail.subject).toContain("Подтвердите адрес электронной почты");
    expect(mail.text).toContain(`Здравствуйте, ${REGISTRANT.name}!`);
    await page.goto(linkIn(mail.text, "/register/confirm", platform));
    const main = page.getByRole("main");
    await visible(main.getByRole("heading", { level: 1, name: "Подтверждение адреса электронной почты" }));
    await visible(main.getByText("Спасибо, адрес подтвержден"));
    await expectAccessible(page, "registration confirmed (ru)");
    await screenshot(page, "accounts-confirmed-ru");
  });

  it("the administrator signs in, enrols in 2FA and approves the request as a focal point", {
    timeout: STEP_TIMEOUT,
  }, async () => {
    adminContext = await newContext(browser, { locale: "en-GB" });
    adminPage = await adminContext.newPage();
    const main = adminPage.getByRole("main");

    // The one-time password printed by the platform, then the forced change of password.
    await adminPage.goto(`${platform.url}/sign-in`);
    await (await visible(main.getByLabel(/^E-mail address/))).fill(platform.administrator.email);
    await main.getByLabel(/^Password/).fill(platform.administrator.password);
    await main.getByRole("button", { name: "Sign in", exact: true }).click();
    await expectPath(adminPage, /^\/account\/password$/);
    await (await visible(main.getByLabel(/^Current password/))).fill(platform.administrator.password);
    await main.getByLabel(/^New password/).fill(ADMIN_NEW_PASSWORD);
    await main.getByLabel(/^Repeat the new password/).fill(ADMIN_NEW_PASSWORD);
    await main.getByRole("button", { name: "Change password" }).click();

    // Then the forced enrolment in two-factor authentication (administrators must use it).
    await enrolTwoFactor(adminPage, EN, "accounts-admin-recovery-codes");
    await acceptTermsIfAsked(adminPage, platform, EN, "accounts-admin-terms");

    // The approval queue, from the navigation.
    await adminPage
      .getByRole("navigation", { name: "Main navigation" })
      .getByRole("link", { name: "Registration requests" })
      .click();
    await expectPath(adminPage, /^\/admin\/registrations$/);
    const card = main.getByRole("listitem").filter({ has: adminPage.getByRole("heading", { name: REGISTRANT.name }) });
    await visible(card);
    const cardText = (await card.textContent()) ?? "";
    // The partner by its name, not its code.
    for (const detail of [REGISTRANT.email, "Tajikistan", REGISTRANT.agency, REGISTRANT.position, REGISTRANT.reason]) {
      expect(cardText).toContain(detail);
    }
    expect(cardText).toContain("Waiting for a decision");
    await expectAccessible(adminPage, "registration queue (en)");
    await screenshot(adminPage, "accounts-queue-en");

    await card.getByRole("button", { name: "Approve", exact: true }).click();
    const dialog = await visible(adminPage.getByRole("dialog", { name: `Approve ${REGISTRANT.name}` }));
    await dialog.getByLabel("Role").selectOption({ label: "Focal point" });
    await expectAccessible(adminPage, "approval dialog (en)");
    await dialog.getByRole("button", { name: "Approve", exact: true }).click();
    await dialog.waitFor({ state: "hidden", timeout: WAIT.timeout });
    // The request leaves the list of those waiting for a decision.
    await expect.poll(() => card.count(), WAIT).toBe(0);

    const approved = await adminPage.request.get(`${platform.url}/api/v1/registrations?status=approved`);
    expect(approved.status()).toBe(200);
    const items = ((await approved.json()) as { items: { email: string; status: string; approvedRole: string }[] })
      .items;
    expect(items.find((r) => r.email === REGISTRANT.email)).toMatchObject({
      status: "approved",
      approvedRole: "focal_point",
    });
  });

  it("the registrant signs in, enrols in 2FA, signs in again with a code and sees the directory", {
    timeout: STEP_TIMEOUT,
  }, async () => {
    const mail = await mailbox.waitFor(REGISTRANT.email, { predicate: (m) => m.text.includes("/sign-in") });
    expect(mail.subject).toContain("Ваша заявка одобрена");
    expect(mail.text).toContain(`Здравствуйте, ${REGISTRANT.name}!`);

    // The link in the e-mail leads to the sign-in page (the interface is still in Russian).
    await page.goto(linkIn(mail.text, "/sign-in", platform));
    await expectPath(page, /^\/sign-in$/);
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    const main = page.getByRole("main");
    const signIn = async () => {
      await visible(main.getByRole("heading", { level: 1, name: "Вход в систему" }));
      await main.getByLabel(/^Адрес электронной почты/).fill(REGISTRANT.email);
      await main.getByLabel(/^Пароль/).fill(REGISTRANT.password);
      await main.getByRole("button", { name: "Войти", exact: true }).click();
    };
    await signIn();

    // A focal point must use two-factor authentication: enrolment is forced before anything else.
    await expectPath(page, /^\/account\/two-factor$/);
    await visible(main.getByText("Требуется двухфакторная аутентификация"));
    await expectAccessible(page, "2FA enrolment (ru)");
    const enrolment = await enrolTwoFactor(page, RU, "accounts-registrant-recovery-codes-ru");
    await acceptTermsIfAsked(page, platform, RU, "accounts-registrant-terms-ru");
    const state = await me(page, platform);
    expect(state.user).toMatchObject({ email: REGISTRANT.email, role: "focal_point", twoFactorEnabled: true });

    // Signs out from the account menu.
    await page.getByRole("button", { name: `Меню учетной записи: ${REGISTRANT.name}` }).click();
    await (await visible(page.getByRole("menuitem", { name: "Выйти" }))).click();
    await expect.poll(async () => (await me(page, platform)).authenticated, WAIT).toBe(false);
    await visible(page.getByRole("banner").getByRole("link", { name: "Войти" }));

    // Signs in again: the password, then a code from the app, of a later time step than the one used.
    await page.getByRole("banner").getByRole("link", { name: "Войти" }).click();
    await expectPath(page, /^\/sign-in$/);
    await signIn();
    await visible(main.getByRole("heading", { name: "Двухэтапная проверка" }));
    expect((await me(page, platform)).authenticated).toBe(false);
    await expectAccessible(page, "sign-in second step (ru)");
    await screenshot(page, "accounts-second-step-ru");
    // The code used for the enrolment is refused (a replay) ...
    const codeInput = main.getByLabel(labelled(RU.code));
    await codeInput.fill(enrolment.code);
    await main.getByRole("button", { name: "Подтвердить и войти" }).click();
    await visible(
      main.getByRole("alert").filter({ hasText: "Код подтверждения неверен, устарел или уже был использован" }),
    );
    expect((await me(page, platform)).authenticated).toBe(false);
    // ... and a code of the next 30-second step is accepted.
    const fresh = await freshTotp(enrolment.secret, enrolment.step);
    await codeInput.fill(fresh.code);
    await main.getByRole("button", { name: "Подтвердить и войти" }).click();
    await expect.poll(async () => (await me(page, platform)).authenticated, WAIT).toBe(true);
    await expect.poll(() => new URL(page.url()).pathname, WAIT).not.toBe("/sign-in");

    // The protected page the visitor was refused: the partnership directory, with the new focal point in it.
    await page
      .getByRole("navigation", { name: "Основная навигация" })
      .getByRole("link", { name: "Справочник" })
      .click();
    await expectPath(page, /^\/directory$/);
    await visible(main.getByRole("heading", { level: 1, name: "Национальные координаторы и сотрудники по связям" }));
    const person = main.getByRole("listitem").filter({ hasText: REGISTRANT.name });
    await visible(person);
    const personText = (await person.textContent()) ?? "";
    expect(personText).toContain("Таджикистан");
    expect(personText).toContain("Национальный координатор");
    expect(personText).toContain(REGISTRANT.email);
    const api = await page.request.get(`${platform.url}/api/v1/directory?partner=TJK`);
    expect(api.status()).toBe(200);
    expect(JSON.stringify(await api.json())).toContain(REGISTRANT.email);
    await expectAccessible(page, "directory (ru)");
    await screenshot(page, "accounts-directory-ru");

    // And the same request without the session is still refused.
    expect((await fetch(`${platform.url}/api/v1/directory?partner=TJK`)).status).toBe(401);
  });
});
