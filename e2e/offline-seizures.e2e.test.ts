import { TOTP } from "otpauth";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiSession,
  expectAccessible,
  launchBrowser,
  newContext,
  type RunningPlatform,
  screenshot,
  startPlatform,
} from "./harness.js";

/**
 * Issue 18, "Done when": a liaison officer goes offline (CDP network emulation), enters two seizures, sees them
 * waiting to send, comes back online and sees them sent and checked by the server (one with a warning to
 * confirm), and in the record list; an edit made offline of a record changed meanwhile through the API is resolved
 * field by field without losing either side; the offline screens pass axe in English and in Russian; signing out
 * with an unsent entry asks first.
 */

const WAIT = { timeout: 30_000, interval: 100 };
const STEP_TIMEOUT = 240_000;
const NEW_PASSWORD = "a long new passphrase for Vienna 2026";

async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: "visible", timeout: WAIT.timeout });
  return locator;
}

/** Signs a context in through the API: one-time password → new password → 2FA → terms → DMP terms. */
async function signIn(context: BrowserContext, platform: RunningPlatform, email: string, password: string) {
  const session = await apiSession(context, platform);
  await session.post("/auth/sign-in", { email, password });
  await session.post("/auth/password", { currentPassword: password, newPassword: NEW_PASSWORD });
  const setup = await session.post("/auth/2fa/setup", {});
  await session.post("/auth/2fa/enable", { code: new TOTP({ secret: setup.secret }).generate() });
  await session.acceptTerms();
  return session;
}

/** Chromium's own offline switch, through the DevTools protocol (navigator.onLine and its events follow). */
async function network(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const set = (offline: boolean) =>
    cdp.send("Network.emulateNetworkConditions", {
      offline,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  return { offline: () => set(true), online: () => set(false) };
}

/** Picks an option of a searchable Mantine select by typing part of it. */
async function choose(page: Page, label: RegExp, typed: string, option: string) {
  const input = page.getByLabel(label).first();
  await input.click();
  await input.fill(typed);
  await page.getByRole("option", { name: option, exact: true }).first().click();
}

interface Entry {
  date: string;
  quantity: string;
  place: string;
}

async function fillSeizure(page: Page, lang: "en" | "ru", e: Entry) {
  const L =
    lang === "en"
      ? {
          date: /^Seizure date/,
          country: /^Country\b/,
          drug: /^Drug or substance/,
          qty: /^Quantity/,
          place: /^City or place/,
        }
      : {
          date: /^Дата изъятия/,
          country: /^Страна(\s|\*|$)/,
          drug: /^Наркотик или вещество/,
          qty: /^Количество/,
          place: /^Город или место/,
        };
  await page.getByLabel(L.date).first().fill(e.date);
  await choose(page, L.country, lang === "en" ? "Tajik" : "Таджик", lang === "en" ? "Tajikistan" : "Таджикистан");
  await choose(page, L.drug, lang === "en" ? "Heroin" : "Героин", lang === "en" ? "Heroin" : "Героин");
  await page.getByLabel(L.qty).first().fill(e.quantity);
  await page.getByLabel(L.place).first().fill(e.place);
}

describe("DMP: seizure entry offline (issue 18)", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  const people: Record<string, { email: string; password: string }> = {};

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    const context = await newContext(browser);
    const admin = await apiSession(context, platform);
    const { email, password } = platform.administrator;
    await admin.post("/auth/sign-in", { email, password });
    await admin.post("/auth/password", { currentPassword: password, newPassword: NEW_PASSWORD });
    const setup = await admin.post("/auth/2fa/setup", {});
    await admin.post("/auth/2fa/enable", { code: new TOTP({ secret: setup.secret }).generate() });
    await admin.acceptTerms();
    for (const [key, language] of [
      ["field", "en"],
      ["polevoy", "ru"],
    ] as const) {
      const created = await admin.post("/users", {
        email: `${key}@example.org`,
        displayName: `E2E ${key}`,
        role: "liaison_officer",
        partnerCode: "UNODC",
        countryScopes: ["TJK"],
        language,
      });
      people[key] = { email: `${key}@example.org`, password: created.oneTimePassword };
    }
    await context.close();
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it(
    "enters two seizures offline, sends them when back online (a warning confirmed), and resolves a conflict",
    async () => {
      const context = await newContext(browser, { locale: "en-GB", width: 1280 });
      const field = people.field as { email: string; password: string };
      const session = await signIn(context, platform, field.email, field.password);
      await session.post("/seizures/terms/accept", {});
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error("pageerror", e));
      const keyLoaded = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/offline-key") && r.ok());
      await page.goto(`${platform.url}/seizures/records/new`);
      await visible(page.getByRole("heading", { level: 1, name: "New seizure" }));
      await keyLoaded;
      const net = await network(page);

      // Offline: two seizures kept on the device, one of them unusually large (a warning the server will raise).
      await net.offline();
      await visible(page.getByText(/You are offline\. Seizures you save are kept on this device/));
      await fillSeizure(page, "en", { date: "2024-05-02", quantity: "12.5", place: "Khorog" });
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await visible(page.getByTestId("kept-offline"));
      await fillSeizure(page, "en", { date: "2024-05-03", quantity: "5000", place: "Murghob" });
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect.poll(() => page.getByTestId("outbox-count").textContent(), WAIT).toBe("2 waiting to send");
      await expect.poll(() => page.getByTestId("outbox-entry").count(), WAIT).toBe(2);
      // On the device they are ciphertext: no place name in IndexedDB.
      const stored = await page.evaluate(
        () =>
          new Promise<string>((resolve, reject) => {
            const open = indexedDB.open("pact-offline");
            open.onsuccess = () => {
              const get = open.result.transaction("seizure-outbox").objectStore("seizure-outbox").getAll();
              get.onsuccess = () =>
                resolve(
                  JSON.stringify(
                    get.result.map((r: { data: ArrayBuffer }) => ({
                      ...r,
                      data: new TextDecoder().decode(r.data),
                    })),
                  ),
                );
              get.onerror = () => reject(get.error);
            };
            open.onerror = () => reject(open.error);
          }),
      );
      expect(stored).not.toContain("Khorog");
      expect(stored).not.toContain("Murghob");
      expect(JSON.parse(stored)).toHaveLength(2);
      await screenshot(page, "offline-seizures-waiting-en");
      await expectAccessible(page, "offline entry, two waiting (en)");

      // Back online: sent one by one; the large one comes back with the server's warning for the officer to confirm.
      await net.online();
      await visible(page.locator('[data-testid="outbox-entry"][data-state="confirm"]'));
      await visible(page.getByText("The quantity is unusually large for this drug", { exact: false }));
      await expect.poll(() => page.getByTestId("outbox-sent").count(), WAIT).toBe(1);
      await expectAccessible(page, "offline entry, a warning to confirm (en)");
      await page.getByRole("button", { name: "Confirm and send" }).click();
      await expect.poll(() => page.getByTestId("outbox-sent").count(), WAIT).toBe(2);
      await expect.poll(() => page.getByTestId("outbox-entry").count(), WAIT).toBe(0);
      await visible(page.getByText("0 waiting to send").or(page.getByText("Nothing waiting to send")));
      await screenshot(page, "offline-seizures-sent-en");

      // In the record list, once each: nothing sent twice.
      await page.goto(`${platform.url}/seizures/records`);
      await expect.poll(() => page.getByRole("cell", { name: "Entered", exact: true }).count(), WAIT).toBe(2);
      const list = await (await session.api.get(session.url("/seizures?limit=50"))).json();
      const places = (list.items as { place: string; warningsConfirmed: string[]; id: string; version: number }[]).map(
        (s) => s.place,
      );
      expect(places.filter((p) => p === "Khorog")).toHaveLength(1);
      expect(places.filter((p) => p === "Murghob")).toHaveLength(1);
      const khorog = list.items.find((s: { place: string }) => s.place === "Khorog");
      const murghob = list.items.find((s: { place: string }) => s.place === "Murghob");
      expect(murghob.warningsConfirmed).toEqual(["large_quantity"]);

      // A conflict: the officer edits Khorog's record offline while it is changed on the server through the API.
      await page.goto(`${platform.url}/seizures/records/${khorog.id}`);
      await page.getByRole("button", { name: "Edit", exact: true }).click();
      await net.offline();
      await page
        .getByLabel(/^City or place/)
        .first()
        .fill("Ishkashim");
      await page
        .getByLabel(/^Quantity/)
        .first()
        .fill("13");
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await visible(page.getByTestId("kept-offline"));
      const csrf = (await (await session.api.get(session.url("/auth/me"))).json()).csrfToken;
      const changed = await session.api.patch(session.url(`/seizures/${khorog.id}`), {
        headers: { "x-csrf-token": csrf },
        data: {
          seizureDate: "2024-05-02",
          country: "TJK",
          drug: "heroin",
          quantity: 12.5,
          unit: "kg",
          place: "Rushan",
          agency: "Border troops",
          version: khorog.version,
        },
      });
      expect(changed.status(), await changed.text()).toBe(200);
      await net.online();
      await page.goto(`${platform.url}/seizures/outbox`);
      const conflict = await visible(page.locator('[data-testid="outbox-entry"][data-state="conflict"]'));
      const row = (name: string) => conflict.getByRole("row", { name: new RegExp(`^${name}`) });
      await visible(row("City or place").getByText("Ishkashim"));
      await visible(row("City or place").getByText("Rushan"));
      await visible(row("Quantity").getByText("13"));
      await visible(row("Seizing agency").getByText("Border troops"));
      // Only the server changed the agency: its value is the one chosen to start with; the officer's place and
      // quantity are kept.
      await expect(row("Seizing agency").getByRole("radio", { name: "Take the server's" }).isChecked()).resolves.toBe(
        true,
      );
      await expect(row("City or place").getByRole("radio", { name: "Keep mine" }).isChecked()).resolves.toBe(true);
      await screenshot(page, "offline-seizures-conflict-en");
      await expectAccessible(page, "offline conflict (en)");
      await conflict.getByRole("button", { name: "Send with these values" }).click();
      await expect.poll(() => page.getByTestId("outbox-sent").count(), WAIT).toBe(1);
      const after = await (await session.api.get(session.url(`/seizures/${khorog.id}`))).json();
      expect(after).toMatchObject({ place: "Ishkashim", quantity: 13, agency: "Border troops", version: 3 });
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it(
    "in Russian: an entry kept offline, sign-out asks first, and the entry is sent when back online",
    async () => {
      const context = await newContext(browser, { locale: "ru-RU", width: 1280 });
      const polevoy = people.polevoy as { email: string; password: string };
      const session = await signIn(context, platform, polevoy.email, polevoy.password);
      await session.post("/seizures/terms/accept", {});
      const page = await context.newPage();
      const keyLoaded = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/offline-key") && r.ok());
      await page.goto(`${platform.url}/seizures/records/new`);
      await visible(page.getByRole("heading", { level: 1, name: "Новое изъятие" }));
      await keyLoaded;
      const net = await network(page);
      await net.offline();
      await visible(page.getByText(/Нет соединения\./));
      await fillSeizure(page, "ru", { date: "2024-06-11", quantity: "7", place: "Пяндж" });
      await page.getByRole("button", { name: "Сохранить", exact: true }).click();
      await expect.poll(() => page.getByTestId("outbox-count").textContent(), WAIT).toBe("1 ожидает отправки");
      await screenshot(page, "offline-seizures-waiting-ru");
      await expectAccessible(page, "offline entry, one waiting (ru)");

      // Signing out with an unsent entry asks what to do; discarding needs an explicit confirmation.
      await page.getByRole("button", { name: /Меню учетной записи/ }).click();
      await page.getByRole("menuitem", { name: "Выйти" }).click();
      const dialog = await visible(page.getByRole("dialog"));
      await visible(dialog.getByText(/1 изъятие, введенное на этом устройстве, не отправлено/));
      await expect(dialog.getByRole("button", { name: "Удалить их и выйти" }).isDisabled()).resolves.toBe(true);
      // The account menu has finished closing behind the dialog.
      await page.locator('[role="menu"]').waitFor({ state: "detached", timeout: WAIT.timeout });
      await expectAccessible(page, "sign-out with unsent entries (ru)");
      await dialog.getByRole("button", { name: "Остаться в системе и отправить их" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Ожидают отправки" }));

      await net.online();
      await expect.poll(() => page.getByTestId("outbox-sent").count(), WAIT).toBe(1);
      await visible(page.getByText("Отправлено и проверено сервером"));
      await expectAccessible(page, "offline entry sent (ru)");
      const list = await (await session.api.get(session.url("/seizures?limit=50"))).json();
      expect((list.items as { place: string }[]).filter((s) => s.place === "Пяндж")).toHaveLength(1);
      await context.close();
    },
    STEP_TIMEOUT,
  );
});
