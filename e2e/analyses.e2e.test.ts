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
  signInAdministratorByApi,
  startPlatform,
} from "./harness.js";

/**
 * The saved-analyses journey of issue 20: a focal point of Tajikistan saves an ADAM pivot and a DMP chart, puts
 * both on a dashboard they arrange with the keyboard, and shares it with their partner; a colleague of that
 * partner opens it and sees both tiles; a member of another partner cannot open it.
 */

const WAIT = { timeout: 30_000, interval: 100 };
const STEP_TIMEOUT = 300_000;
const ADMIN_PASSWORD = "a long new passphrase for Vienna 2026";
const PASSWORD = "pomegranate cloud Khorog 47 bicycle";
const PIVOT = "Donors by year (Tajikistan)";
const CHART = "Seizures by month (Tajikistan)";
const DASHBOARD = "Tajikistan at a glance";

async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: "visible", timeout: WAIT.timeout });
  return locator;
}

/** First sign-in through the API: one-time password → own password → 2FA when the role needs it → terms. */
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
  await session.post("/seizures/terms/accept", {});
  return session;
}

/** Picks `option` in the Mantine select labelled `label`. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label }).click();
  await (await visible(page.getByRole("option", { name: option }))).first().click();
}

describe("saved analyses: a dashboard shared with a partner", () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it(
    "a focal point saves a pivot and a DMP chart, composes and shares a dashboard; only their partner opens it",
    async () => {
      const admin = await newContext(browser);
      const { post } = await signInAdministratorByApi(admin, platform, ADMIN_PASSWORD);
      const people: Record<string, { email: string; password: string }> = {};
      for (const [key, role, partnerCode] of [
        ["focal", "focal_point", "TJK"],
        ["colleague", "member", "TJK"],
        ["stranger", "member", "UZB"],
      ] as const) {
        const email = `${key}@analyses.example.org`;
        const created = await post("/users", { email, displayName: `E2E ${key}`, role, partnerCode, language: "en" });
        people[key] = { email, password: created.oneTimePassword };
      }
      await post("/seizures/terms/accept", {});
      const sessions: Record<string, Awaited<ReturnType<typeof activate>>> = {};
      const contexts: Record<string, BrowserContext> = {};
      for (const key of ["focal", "colleague", "stranger"] as const) {
        contexts[key] = await newContext(browser);
        const p = people[key] as { email: string; password: string };
        sessions[key] = await activate(contexts[key], platform, p.email, p.password, key === "focal");
      }
      const focal = sessions.focal as Awaited<ReturnType<typeof activate>>;

      // Something to count: a published project and a published seizure of Tajikistan.
      const project = await focal.post("/projects", {
        title: { en: "Mobile interagency teams on the Panj" },
        summary: { en: "Training and equipment for mobile interagency teams at the Panj crossing points." },
        plannedStart: "2026-01-01",
        plannedEnd: "2026-12-31",
        themes: ["border_control"],
        pillars: [1],
        fundings: [{ donorName: "United States", donorCode: "USA", amount: "750000", currency: "USD" }],
        locations: [{ code: "TJK" }],
        organizations: [{ role: "implementing", name: "UNODC" }],
      });
      await focal.post(`/projects/${project.id}/transition`, { to: "submitted", version: 1 });
      await post(`/projects/${project.id}/transition`, { to: "published", version: 2 });
      const seizure = await focal.post("/seizures", {
        seizureDate: "2025-03-10",
        country: "TJK",
        drug: "heroin",
        quantity: 12.5,
        unit: "kg",
        place: "Dushanbe",
        sourceType: "official",
        sharing: "members",
      });
      await post("/seizures/transitions", { action: "validate", records: [{ id: seizure.id, version: 1 }] });
      await post("/seizures/transitions", { action: "publish", records: [{ id: seizure.id, version: 2 }] });

      // The focal point saves the pivot of the ADAM statistics page, shared with their partner.
      const page = await (contexts.focal as BrowserContext).newPage();
      await page.goto(`${platform.url}/projects/stats`);
      // The first page of a cold server on a busy machine: its chunks may take a while.
      await page.getByRole("heading", { name: "Pivot table", level: 2 }).waitFor({ state: "visible", timeout: 90_000 });
      await page.getByRole("button", { name: "Save analysis" }).click();
      const dialog = page.getByRole("dialog", { name: "Save this analysis" });
      await visible(dialog);
      await dialog.getByRole("textbox", { name: "Name" }).fill(PIVOT);
      await dialog.getByRole("radio", { name: /My partner's members/ }).check();
      await expectAccessible(page, "save analysis dialog");
      await dialog.getByRole("button", { name: "Save", exact: true }).click();
      await visible(page.getByText(`“${PIVOT}” is saved.`));
      await dialog.getByRole("button", { name: "Close" }).last().click();

      // …and the monthly chart of the DMP dashboard.
      await page.goto(`${platform.url}/seizures`);
      await visible(page.getByTestId("total-cases"));
      await page.getByRole("button", { name: "Save analysis" }).click();
      await visible(dialog);
      await dialog.getByRole("textbox", { name: "Name" }).fill(CHART);
      await dialog.getByRole("radio", { name: /My partner's members/ }).check();
      await dialog.getByRole("button", { name: "Save", exact: true }).click();
      await visible(page.getByText(`“${CHART}” is saved.`));
      await dialog.getByRole("button", { name: "Close" }).last().click();

      // My analyses lists both.
      await page.goto(`${platform.url}/analyses?scope=mine`);
      await visible(page.getByRole("link", { name: PIVOT }));
      await visible(page.getByRole("link", { name: CHART }));

      // A new dashboard shared with the partner, with both analyses as tiles.
      await page.goto(`${platform.url}/dashboards`);
      await visible(page.getByRole("heading", { name: "Dashboards", level: 1 }));
      await page.getByRole("textbox", { name: "Dashboard name" }).fill(DASHBOARD);
      await page.getByRole("radio", { name: /My partner's members/ }).check();
      await page.getByRole("button", { name: "Create" }).click();
      await visible(page.getByRole("heading", { name: DASHBOARD, level: 1 }));
      await visible(page.getByText("No tiles yet"));
      for (const name of [PIVOT, CHART]) {
        await choose(page, "Add a saved analysis", name);
        await page.getByRole("button", { name: "Add tile" }).click();
      }
      await expect.poll(() => page.getByTestId("dashboard-tile").count(), WAIT).toBe(2);

      // Arranged with the keyboard: the chart first, then the pivot twice as wide.
      const left = page.getByRole("button", { name: `Move “${CHART}” left` });
      await left.focus();
      await page.keyboard.press("Enter");
      await expect
        .poll(() => page.getByTestId("dashboard-tile").first().getAttribute("aria-label"), WAIT)
        .toMatch(CHART);
      const wider = page.getByRole("button", { name: `Make “${PIVOT}” wider` });
      await wider.focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByTestId("dashboard-tile").last().getAttribute("data-width"), WAIT).toBe("2");
      await page.getByRole("button", { name: "Save layout" }).click();
      await expect.poll(() => page.getByRole("button", { name: "Save layout" }).isDisabled(), WAIT).toBe(true);
      await expectAccessible(page, "dashboard (owner)");
      await screenshot(page, "analyses-dashboard-owner");
      const url = page.url();
      const id = url.split("/").pop() as string;
      const stored = await (await focal.api.get(focal.url(`/dashboards/${id}`))).json();
      expect(stored.visibility).toBe("partner");
      expect(
        stored.tiles.map((t: { analysis: { name: string }; width: number }) => [t.analysis.name, t.width]),
      ).toEqual([
        [CHART, 1],
        [PIVOT, 2],
      ]);

      // A colleague of the same partner opens it: both tiles, each run with their own access.
      const colleaguePage = await (contexts.colleague as BrowserContext).newPage();
      await colleaguePage.goto(`${platform.url}/dashboards`);
      await visible(colleaguePage.getByRole("link", { name: DASHBOARD }));
      await colleaguePage.getByRole("link", { name: DASHBOARD }).click();
      await visible(colleaguePage.getByRole("heading", { name: DASHBOARD, level: 1 }));
      await visible(colleaguePage.getByRole("heading", { name: CHART }));
      await visible(colleaguePage.getByRole("heading", { name: PIVOT }));
      await expect.poll(() => colleaguePage.getByTestId("tile-unavailable").count(), WAIT).toBe(0);
      // Not the owner: no arranging.
      expect(await colleaguePage.getByRole("button", { name: "Save layout" }).count()).toBe(0);
      await expectAccessible(colleaguePage, "dashboard (colleague)");
      await screenshot(colleaguePage, "analyses-dashboard-colleague");

      // A member of another partner cannot: the page says so and the API answers 404.
      const strangerPage = await (contexts.stranger as BrowserContext).newPage();
      await strangerPage.goto(url);
      await visible(strangerPage.getByText("This dashboard does not exist or is not shared with you."));
      expect(await strangerPage.getByRole("heading", { name: CHART }).count()).toBe(0);
      const stranger = sessions.stranger as Awaited<ReturnType<typeof activate>>;
      expect((await stranger.api.get(stranger.url(`/dashboards/${id}`))).status()).toBe(404);
      for (const tile of stored.tiles as { analysis: { id: string } }[]) {
        expect((await stranger.api.get(stranger.url(`/analyses/${tile.analysis.id}`))).status()).toBe(404);
      }
      const list = await (await stranger.api.get(stranger.url("/dashboards"))).json();
      expect(list.items).toEqual([]);
      // The owner archives the chart after the confirmation: the colleague's tile then says it is not available.
      const chart = (stored.tiles as { analysis: { id: string; name: string } }[]).find(
        (x) => x.analysis.name === CHART,
      );
      await page.goto(`${platform.url}/analyses/${chart?.analysis.id}`);
      await visible(page.getByRole("heading", { name: CHART, level: 1 }));
      await page.getByRole("button", { name: "Archive", exact: true }).click();
      const confirm = page.getByRole("dialog", { name: "Archive?" });
      await visible(confirm.getByText(`Archive “${CHART}”?`, { exact: false }));
      await confirm.getByRole("button", { name: "Archive", exact: true }).click();
      await expect.poll(() => confirm.count(), WAIT).toBe(0);
      await colleaguePage.goto(url);
      await expect.poll(() => colleaguePage.getByTestId("tile-unavailable").count(), WAIT).toBe(1);
      await Promise.all([admin.close(), ...Object.values(contexts).map((c) => c.close())]);
    },
    STEP_TIMEOUT,
  );
});
