import { TOTP } from "otpauth";
import type { APIRequestContext, Browser, BrowserContext, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  launchBrowser,
  newContext,
  type RunningPlatform,
  screenshot,
  startPlatform,
} from "./harness.js";

/**
 * Issue 4's acceptance journey: one recommendation from its expert working group, through its endorsement by a
 * named Policy Consultative Group meeting, to a focal point's implementation report and a stock-taking snapshot,
 * followed by a member in English and in Russian; and a visitor who sees only public meetings and recommendations.
 */

const WAIT = { timeout: 30_000, interval: 100 };
const STEP_TIMEOUT = 240_000;
const NEW_PASSWORD = "a long new passphrase for Vienna 2026";

async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: "visible", timeout: WAIT.timeout });
  return locator;
}

/** An API client in the browser context (the pages share its cookies), with the CSRF header. */
function apiOf(context: BrowserContext, platform: RunningPlatform) {
  const api: APIRequestContext = context.request;
  const url = (p: string) => `${platform.url}/api/v1${p}`;
  let csrf = "";
  const refresh = async () => {
    csrf = (await (await api.get(url("/auth/me"))).json()).csrfToken as string;
  };
  const send = async (method: "post" | "patch", path: string, data: unknown) => {
    if (!csrf) await refresh();
    const res = await api[method](url(path), { data: data as object, headers: { "x-csrf-token": csrf } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    const body = res.status() === 204 ? {} : await res.json();
    if (body.csrfToken) csrf = body.csrfToken;
    return body;
  };
  return {
    refresh,
    post: (path: string, data: unknown) => send("post", path, data),
    patch: (path: string, data: unknown) => send("patch", path, data),
  };
}

/** One-time password → own password → two-factor enrolment where the role needs it → terms. */
async function signIn(
  context: BrowserContext,
  platform: RunningPlatform,
  email: string,
  password: string,
  twoFactor: boolean,
) {
  const api = apiOf(context, platform);
  await api.post("/auth/sign-in", { email, password });
  await api.post("/auth/password", { currentPassword: password, newPassword: NEW_PASSWORD });
  if (twoFactor) {
    const setup = await api.post("/auth/2fa/setup", {});
    await api.post("/auth/2fa/enable", { code: new TOTP({ secret: setup.secret }).generate() });
  }
  await api.refresh();
  const terms = await (await context.request.get(`${platform.url}/api/v1/terms/current`)).json();
  const ids = (terms.items ?? terms).map((v: { id: string }) => v.id);
  if (ids.length) await api.post("/terms/accept", { termsVersionIds: ids });
  return api;
}

async function choose(scope: Locator, label: string | RegExp, option: string | RegExp) {
  await scope.getByRole("combobox", { name: label }).click();
  await scope.page().getByRole("option", { name: option }).first().click();
}

describe("the consultative mechanism: a recommendation's life in the browser", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: BrowserContext;
  let adminApi: ReturnType<typeof apiOf>;
  const ids = { ewg: "", pcgm: "", stock: "", internal: "", rec: "", draft: "", snapshot: "" };
  const focal = { email: "focal.tjk@example.org", password: "" };
  const member = { email: "member.uzb@example.org", password: "" };

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    admin = await newContext(browser, { locale: "en-GB", width: 1280 });
    adminApi = await signIn(admin, platform, platform.administrator.email, platform.administrator.password, true);
    const meeting = async (payload: object) => (await adminApi.post("/meetings", payload)).id as string;
    ids.ewg = await meeting({
      kind: "ewg",
      number: 27,
      title: {
        en: "Expert working group 27: Illicit Financial Flows",
        ru: "Экспертная рабочая группа 27: незаконные финансовые потоки",
      },
      pillars: [2],
      city: { en: "Vienna", ru: "Вена" },
      country: "AUT",
      lat: 48.21,
      lon: 16.37,
      startDate: "2026-03-10",
      endDate: "2026-03-11",
      format: "hybrid",
      participants: 120,
      countries: 30,
      organizations: 10,
    });
    ids.pcgm = await meeting({
      kind: "pcgm",
      number: 19,
      title: {
        en: "Nineteenth Policy Consultative Group meeting",
        ru: "Девятнадцатое совещание Группы по консультациям по вопросам политики",
      },
      city: { en: "Vienna", ru: "Вена" },
      country: "AUT",
      startDate: "2026-06-15",
    });
    ids.stock = await meeting({
      kind: "ewg",
      number: 28,
      title: {
        en: "Expert working group 28: taking stock of financial flows",
        ru: "Экспертная рабочая группа 28: подведение итогов по финансовым потокам",
      },
      pillars: [2],
      stocktaking: true,
      city: { en: "Tashkent", ru: "Ташкент" },
      country: "UZB",
      startDate: "2026-10-20",
    });
    ids.internal = await meeting({
      kind: "informal_consultation",
      title: { en: "Closed consultation on routes" },
      startDate: "2026-09-01",
      visibility: "members",
    });
    ids.draft = (
      await adminApi.post("/recommendations", {
        meetingId: ids.internal,
        number: "1",
        text: { en: "A confidential draft" },
        pillar: 1,
      })
    ).id;
    for (const [who, role, partnerCode, language] of [
      [focal, "focal_point", "TJK", "en"],
      [member, "member", "UZB", "ru"],
    ] as const) {
      const created = await adminApi.post("/users", {
        email: who.email,
        displayName: role === "member" ? "Дилноза Юсупова" : "Farrukh Nazarov",
        role,
        partnerCode,
        language,
      });
      who.password = created.oneTimePassword;
    }
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it(
    "a coordinator records the recommendation at its EWG, adopts it and has the PCGM endorse it",
    async () => {
      const page = await admin.newPage();
      await page.goto(`${platform.url}/meetings/${ids.ewg}`);
      await visible(page.getByRole("heading", { level: 1, name: "Expert working group 27: Illicit Financial Flows" }));
      await visible(page.getByText("120 participants · 30 countries · 10 organizations"));
      await page.getByRole("button", { name: "Add a recommendation" }).click();
      const form = page.locator("form").filter({ has: page.getByRole("heading", { name: "Add a recommendation" }) });
      await form.getByLabel("Number").fill("1");
      await expect
        .poll(() => form.getByRole("combobox", { name: "Pillar" }).inputValue(), WAIT)
        .toBe("II. Illicit financial flows");
      await form
        .getByLabel("Text (English)")
        .fill("Gather good practices for disrupting contactless drug purchases paid in virtual assets.");
      await form
        .getByLabel("Text (Russian)")
        .fill("Обобщить передовой опыт пресечения бесконтактных закупок наркотиков с оплатой виртуальными активами.");
      await form.getByLabel("Themes").fill("virtual assets, contactless purchases");
      await choose(form, "Vienna Declaration commitments", /^II\.4 /);
      await page.keyboard.press("Escape");
      await form.getByRole("button", { name: "Save" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Recommendation 1" }));
      await visible(page.getByText("virtual assets, contactless purchases · Vienna Declaration commitments: II.4"));
      ids.rec = new URL(page.url()).pathname.split("/").pop() ?? "";
      await visible(page.getByText("Draft").first());

      const step = page.locator("form").filter({ has: page.getByRole("heading", { name: "Next step" }) });
      await step.getByLabel("Effective date").fill("2026-03-11");
      await step.getByRole("button", { name: "Record the step" }).click();
      await visible(page.locator(".mantine-Timeline-item").filter({ hasText: "Adopted" }));
      await visible(step.getByRole("combobox", { name: "New status" }));
      await expect.poll(() => step.getByRole("combobox", { name: "New status" }).inputValue(), WAIT).toBe("Endorsed");
      await choose(step, /^Endorsing meeting/, /Nineteenth Policy Consultative Group meeting/);
      await step.getByRole("button", { name: "Record the step" }).click();
      const endorsed = await visible(page.locator(".mantine-Timeline-item").filter({ hasText: "Endorsed" }));
      await visible(endorsed.getByText("2026-06-15"));
      await visible(endorsed.getByRole("link", { name: "Nineteenth Policy Consultative Group meeting" }));
      await visible(page.getByText("Endorsed by"));
      await expectAccessible(page, "recommendation after endorsement (en)");
      await screenshot(page, "meetings-recommendation-endorsed-en");

      // The coordinator adds the outcome and the report's link to the EWG's record.
      await page.goto(`${platform.url}/meetings/${ids.ewg}/edit`);
      await visible(page.getByRole("heading", { level: 1, name: "Edit the meeting" }));
      await page.getByLabel("Outcome (EN)").fill("Four priority recommendations agreed.");
      await page.getByRole("button", { name: "Add a document link" }).click();
      await page.getByLabel("Document title (EN)").fill("Meeting report");
      await page.getByLabel("Link").fill("https://example.org/ewg27-report.pdf");
      await expectAccessible(page, "meeting edit form (en)");
      await page.getByRole("button", { name: "Save" }).click();
      await visible(page.getByText("Four priority recommendations agreed."));
      await visible(page.getByRole("link", { name: "Meeting report" }));
      await page.close();
    },
    STEP_TIMEOUT,
  );

  it(
    "the focal point of Tajikistan reports partial implementation",
    async () => {
      const context = await newContext(browser, { locale: "en-GB", width: 1280 });
      await signIn(context, platform, focal.email, focal.password, true);
      const page = await context.newPage();
      await page.goto(`${platform.url}/recommendations/${ids.rec}`);
      const form = page.locator("form").filter({ has: page.getByRole("heading", { name: "Report implementation" }) });
      await visible(form);
      await expect.poll(() => form.getByLabel("Partner").inputValue(), WAIT).toBe("TJK");
      await choose(form, "Status", "Partial");
      await form
        .getByLabel("What was done")
        .fill("An interagency working group on virtual assets was set up in May 2026.");
      await form.getByLabel("Evidence (link)").fill("https://example.org/tjk/order-12");
      await form.getByRole("button", { name: "Send the report" }).click();
      await visible(page.getByText("Report recorded."));
      const reports = page
        .locator("section")
        .filter({ has: page.getByRole("heading", { name: "Implementation reports" }) });
      const row = await visible(reports.getByRole("row").filter({ hasText: "TJK" }));
      await visible(row.getByText("Partial"));
      await visible(row.getByText("Farrukh Nazarov"));
      await expectAccessible(page, "recommendation with a report (en)");
      await screenshot(page, "meetings-recommendation-reported-en");
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it(
    "the coordinator freezes a stock-taking snapshot of pillar II at EWG 28",
    async () => {
      const page = await admin.newPage();
      await page.goto(`${platform.url}/meetings/${ids.stock}`);
      await visible(page.getByRole("heading", { level: 1, name: /Expert working group 28/ }));
      const section = page
        .locator("section")
        .filter({ has: page.getByRole("heading", { name: "Stock-taking snapshots" }) });
      await expect
        .poll(() => section.getByRole("combobox", { name: "Pillar" }).inputValue(), WAIT)
        .toBe("II. Illicit financial flows");
      await section.getByRole("button", { name: "Freeze a snapshot" }).click();
      await section.getByRole("link", { name: "Pillar II: 1 recommendation" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Stock-taking of pillar II" }));
      ids.snapshot = new URL(page.url()).pathname.split("/").pop() ?? "";
      const row = await visible(page.getByRole("row").filter({ hasText: "Gather good practices" }));
      await visible(row.getByText("Endorsed"));
      await visible(row.getByText("Partial"));
      await expectAccessible(page, "snapshot (en)");
      await screenshot(page, "meetings-snapshot-en");

      // A later report does not change the frozen snapshot.
      await adminApi.post(`/recommendations/${ids.rec}/reports`, { partnerCode: "TJK", status: "done" });
      await page.reload();
      const again = await visible(page.getByRole("row").filter({ hasText: "Gather good practices" }));
      await visible(again.getByText("Partial"));
      await page.close();
    },
    STEP_TIMEOUT,
  );

  it(
    "a member follows the recommendation in Russian, from the EWG to the snapshot, on a phone",
    async () => {
      const context = await newContext(browser, { locale: "ru-RU", width: 360 });
      await signIn(context, platform, member.email, member.password, false);
      const page = await context.newPage();
      await page.addInitScript(() => localStorage.setItem("pact.lang", "ru"));
      await page.goto(`${platform.url}/meetings/${ids.ewg}`);
      await visible(
        page.getByRole("heading", { level: 1, name: "Экспертная рабочая группа 27: незаконные финансовые потоки" }),
      );
      await visible(page.getByText("120 участников · 30 стран · 10 организаций"));
      await page.getByRole("link", { name: /Обобщить передовой опыт/ }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Рекомендация 1" }));
      const lifecycle = page.locator("section").filter({ has: page.getByRole("heading", { name: "Жизненный цикл" }) });
      for (const step of ["Проект", "Принята", "Одобрена"]) await visible(lifecycle.getByText(step, { exact: true }));
      await visible(
        lifecycle.getByRole("link", { name: "Девятнадцатое совещание Группы по консультациям по вопросам политики" }),
      );
      const reports = page
        .locator("section")
        .filter({ has: page.getByRole("heading", { name: "Отчеты о выполнении" }) });
      await visible(reports.getByText("Выполнено"));
      await visible(reports.getByText("Частично"));
      await expect.poll(() => page.getByRole("heading", { name: "Отчет о выполнении" }).count(), WAIT).toBe(0);
      await expectAccessible(page, "recommendation (ru, 360 px)");
      await screenshot(page, "meetings-recommendation-ru-360");

      await page.goto(`${platform.url}/meetings/${ids.stock}`);
      await page.getByRole("link", { name: "Направление II: 1 рекомендация" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Подведение итогов по направлению II" }));
      await visible(page.getByRole("row").filter({ hasText: "Обобщить передовой опыт" }).getByText("Частично"));
      await expectAccessible(page, "snapshot (ru, 360 px)");
      await screenshot(page, "meetings-snapshot-ru-360");

      // The heatmap's API path typed as a page address leads to the heatmap; an id that cannot be a
      // recommendation's is "not found" instead of a page drawn from another answer.
      await page.goto(`${platform.url}/recommendations/heatmap`);
      await visible(page.getByRole("heading", { name: "Выполнение по партнерам" }));
      expect(new URL(page.url()).searchParams.get("view")).toBe("analysis");
      await page.goto(`${platform.url}/recommendations/progress`);
      await visible(page.getByRole("heading", { level: 1, name: "Страница не найдена" }));

      // The heatmap of implementation, recommendations × partners, with its table view.
      await page.goto(`${platform.url}/recommendations?view=analysis&pillar=2`);
      await visible(page.getByRole("heading", { name: "Выполнение по партнерам" }));
      await page.waitForTimeout(1500);
      await expectAccessible(page, "heatmap (ru, 360 px)");
      await screenshot(page, "meetings-heatmap-ru-360");

      // In the list too, a title that exists only in English says so (the detail page already did).
      await page.goto(`${platform.url}/meetings?year=2026`);
      const item = page.getByRole("link", { name: /Closed consultation on routes/ });
      await visible(item);
      await visible(
        page.locator("[data-missing-translation='ru']").filter({ hasText: "Нет перевода на русский язык" }).first(),
      );
      expect(await item.locator("[lang='en']").count()).toBe(1);

      // The members-only consultation and its draft are there for a member.
      await page.goto(`${platform.url}/meetings/${ids.internal}`);
      await visible(page.getByRole("heading", { level: 1, name: "Closed consultation on routes" }));
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it(
    "a visitor sees only public meetings and recommendations",
    async () => {
      const context = await newContext(browser, { locale: "en-GB", width: 1280 });
      const page = await context.newPage();
      await page.goto(`${platform.url}/meetings?year=2026`);
      await visible(page.getByText("3 meetings"));
      await visible(page.getByRole("link", { name: "Nineteenth Policy Consultative Group meeting" }));
      await expect.poll(() => page.getByRole("link", { name: "Closed consultation on routes" }).count(), WAIT).toBe(0);
      await expectAccessible(page, "meetings list (visitor, en)");
      await screenshot(page, "meetings-list-visitor-en");

      await page.goto(`${platform.url}/meetings?kind=ewg&year=2017`);
      await visible(page.getByText("52 participants · 14 countries · 6 organizations"));

      await page.goto(`${platform.url}/recommendations`);
      await visible(page.getByRole("link", { name: /Gather good practices/ }));
      await expect.poll(() => page.getByText("A confidential draft").count(), WAIT).toBe(0);
      await expectAccessible(page, "recommendations (visitor, en)");

      await page.goto(`${platform.url}/recommendations/${ids.rec}`);
      await visible(page.getByRole("heading", { level: 1, name: "Recommendation 1" }));
      await expect.poll(() => page.getByRole("heading", { name: "Implementation reports" }).count(), WAIT).toBe(0);
      await page.goto(`${platform.url}/recommendations/${ids.draft}`);
      await visible(page.getByRole("alert"));
      await page.goto(`${platform.url}/meetings/${ids.internal}`);
      await visible(page.getByRole("alert"));
      await context.close();
    },
    STEP_TIMEOUT,
  );
});
