import { TOTP } from "otpauth";
import type { APIRequestContext, Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchBrowser,
  type Mailbox,
  newContext,
  type RunningPlatform,
  screenshot,
  startMailbox,
  startPlatform,
} from "./harness.js";

/**
 * Stored and reflected XSS (issue 10): hostile text goes into every displayed free-text field through the
 * API, then each page that shows it is opened in Chromium in English and Russian. On every page: nothing
 * ran (`window.__xss` unset, no dialog), no element carries an injected handler, the payload is on screen
 * as text, no anchor has a `javascript:`/`data:` href, and the CSP reported no violation. Reflected: the
 * search page and unknown paths with the payload in the URL, and the sign-in `redirect` parameter (no open
 * redirect, no script URL).
 */
const WAIT = { timeout: 30_000 };
const NEW_PASSWORD = "a long new passphrase for Vienna 2026";
const IMG = `<img src=x onerror="window.__xss=1">`;
/** Every payload starts with a tag naming its field, so a page can be asked to show that very field. */
const hostile = (tag: string) =>
  `${tag} ${IMG} "><svg onload=window.__xss=1> </script><script>window.__xss=1</script> проверка «ввода»`;
/** Both languages carry the payload; the Russian one says so, so the Russian page is known to show it. */
const both = (tag: string) => ({ en: hostile(tag), ru: hostile(`${tag}-РУ`) });
const SCRIPT_URL = "javascript:window.__xss=1";

type Api = Awaited<ReturnType<typeof apiOf>>;

async function apiOf(context: BrowserContext, base: string) {
  const api: APIRequestContext = context.request;
  const url = (p: string) => `${base}/api/v1${p}`;
  let csrf = (await (await api.get(url("/auth/me"))).json()).csrfToken as string;
  const send = async (method: "post" | "put" | "patch" | "delete", path: string, data?: unknown) => {
    const res = await api[method](url(path), {
      ...(data === undefined ? {} : { data: data as object }),
      headers: { "x-csrf-token": csrf },
    });
    const body = res.status() === 204 ? {} : await res.json().catch(() => ({}));
    if (body.csrfToken) csrf = body.csrfToken;
    return { status: res.status(), body };
  };
  const call = async (method: "post" | "put" | "patch" | "delete", path: string, data?: unknown) => {
    const res = await send(method, path, data);
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body).slice(0, 500)}`).toBeLessThan(300);
    return res.body;
  };
  const get = async (path: string) => (await api.get(url(path))).json();
  const upload = async (name: string, content: string) => {
    const res = await api.post(url("/files"), {
      multipart: { file: { name, mimeType: "text/plain", buffer: Buffer.from(content) } },
      headers: { "x-csrf-token": csrf },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string };
  };
  const refreshCsrf = async () => {
    csrf = (await get("/auth/me")).csrfToken;
  };
  return { send, call, get, upload, refreshCsrf };
}

/** One-time password → new password → (2FA when asked) → terms; the context keeps the session. */
async function activate(
  context: BrowserContext,
  base: string,
  email: string,
  password: string,
  twoFactor: boolean,
): Promise<Api> {
  const api = await apiOf(context, base);
  await api.call("post", "/auth/sign-in", { email, password });
  await api.call("post", "/auth/password", { currentPassword: password, newPassword: NEW_PASSWORD });
  if (twoFactor) {
    const setup = await api.call("post", "/auth/2fa/setup", {});
    await api.call("post", "/auth/2fa/enable", { code: new TOTP({ secret: setup.secret }).generate() });
  }
  await api.refreshCsrf();
  const terms = await api.get("/terms/current");
  const ids = (terms.items ?? terms).map((v: { id: string }) => v.id);
  if (ids.length) await api.call("post", "/terms/accept", { termsVersionIds: ids });
  return api;
}

/** Records what a page must never do: dialogs, CSP violations, script errors mentioning the payload. */
async function watch(context: BrowserContext) {
  const seen = { dialogs: [] as string[], console: [] as string[] };
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  context.on("page", (page) => {
    page.on("dialog", (d) => {
      seen.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("console", (m) => {
      if (/Content.Security.Policy|__xss/i.test(m.text())) seen.console.push(m.text());
    });
  });
  return seen;
}

interface Check {
  path: string;
  /** Field tags the page must show as text (English tag; the Russian page shows the "-РУ" variant where the field is localized). */
  shows: string[];
  /** Tags whose field is not localized (the same text in both languages). */
  plain?: string[];
  /** Text that must be on screen as it is (fields the server tidies, such as file names). */
  text?: string[];
}

async function expectSafe(page: Page, label: string, seen: Awaited<ReturnType<typeof watch>>) {
  const state = await page.evaluate(() => {
    const w = window as unknown as { __xss?: unknown; __csp: string[] };
    const hrefs = [...document.querySelectorAll("a[href], area[href]")].map((a) => a.getAttribute("href") ?? "");
    return {
      xss: w.__xss,
      csp: w.__csp,
      handlers: [...document.querySelectorAll("*")]
        .filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)))
        .map((el) => el.outerHTML.slice(0, 120)),
      injected: document.querySelectorAll('img[src="x"], svg[onload], script:not([src])').length,
      scriptHrefs: hrefs.filter((h) => /^\s*(javascript|data|vbscript):/i.test(h)),
      iframes: document.querySelectorAll("iframe[srcdoc]").length,
    };
  });
  expect(state.xss, `${label}: script ran`).toBeUndefined();
  expect(state.handlers, `${label}: elements with inline handlers`).toEqual([]);
  expect(state.injected, `${label}: injected elements`).toBe(0);
  expect(state.scriptHrefs, `${label}: live script links`).toEqual([]);
  expect(state.iframes, `${label}: srcdoc frames`).toBe(0);
  expect(state.csp, `${label}: CSP violations`).toEqual([]);
  expect(seen.dialogs, `${label}: dialogs`).toEqual([]);
  expect(seen.console, `${label}: console`).toEqual([]);
}

async function visit(
  page: Page,
  base: string,
  check: Check,
  lang: "en" | "ru",
  seen: Awaited<ReturnType<typeof watch>>,
) {
  const label = `${check.path} (${lang})`;
  await page.goto(`${base}${check.path}`);
  const wanted = [
    ...check.shows.map((tag) => (lang === "ru" ? `${tag}-РУ ${IMG}` : `${tag} ${IMG}`)),
    ...(check.plain ?? []).map((tag) => `${tag} ${IMG}`),
    ...(check.text ?? []),
  ];
  // Wait until every field the page must show is on screen, as text.
  let missing = wanted;
  for (const deadline = Date.now() + WAIT.timeout; missing.length && Date.now() < deadline; ) {
    const text = await page.evaluate(() => document.body.innerText);
    missing = wanted.filter((w) => !text.includes(w));
    if (missing.length) await page.waitForTimeout(250);
  }
  if (missing.length) await screenshot(page, `xss-${label.replace(/\W+/g, "-")}`);
  expect(missing, `${label}: not shown as text`).toEqual([]);
  await expectSafe(page, label, seen);
}

describe("XSS: hostile text in every displayed field, in both languages", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let mailbox: Mailbox;
  /** A member without 2FA, for signing in through the form. */
  const redirectUser = { email: "redirect.member@e2e.example.org" };

  beforeAll(async () => {
    mailbox = await startMailbox();
    platform = await startPlatform({ RATE_LIMIT_PER_MINUTE: "100000", SMTP_URL: mailbox.url });
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await mailbox?.close();
  });

  it("stores hostile text everywhere and every page shows it as inert text", { timeout: 600_000 }, async () => {
    const base = platform.url;
    const adminContext = await newContext(browser);
    const seen = await watch(adminContext);
    const admin = await activate(
      adminContext,
      base,
      platform.administrator.email,
      platform.administrator.password,
      true,
    );
    const me = (await admin.get("/auth/me")).user;

    // Script URLs are refused wherever a link is stored.
    const linkFields: [string, string, unknown][] = [
      [
        "post",
        "/meetings",
        {
          kind: "ewg",
          title: { en: "x" },
          startDate: "2030-01-01",
          documents: [{ title: { en: "d" }, url: SCRIPT_URL }],
        },
      ],
      [
        "post",
        "/meetings",
        {
          kind: "ewg",
          title: { en: "x" },
          startDate: "2030-01-01",
          documents: [{ title: { en: "d" }, url: "data:text/html,<script>1</script>" }],
        },
      ],
      ["post", "/facilities", { name: { en: "x" }, country: "TJK", website: SCRIPT_URL }],
    ];
    for (const [method, path, body] of linkFields) {
      const res = await admin.send(method as "post", path, body);
      expect(res.status, `${path} accepted a script URL`).toBe(400);
    }

    // Accounts: a user whose display name is hostile.
    const hostileUser = await admin.call("post", "/users", {
      email: "hostile.user@e2e.example.org",
      displayName: hostile("XSS-USER").slice(0, 200),
      role: "member",
      partnerCode: "TJK",
      language: "ru",
    });
    const member = await admin.call("post", "/users", {
      email: redirectUser.email,
      displayName: "Redirect Member",
      role: "member",
      partnerCode: "TJK",
      language: "en",
    });
    const memberContext = await newContext(browser);
    await activate(memberContext, base, redirectUser.email, member.oneTimePassword, false);
    await memberContext.close();
    // A registration request from the public form: untrusted text that coordinators read in their queue.
    const registrant = await newContext(browser);
    const publicApi = await apiOf(registrant, base);
    const terms = await publicApi.get("/terms/current");
    const registrantEmail = "hostile.registrant@e2e.example.org";
    await publicApi.call("post", "/registrations", {
      displayName: hostile("XSS-REGNAME").slice(0, 200),
      email: registrantEmail,
      partnerCode: "TJK",
      agency: hostile("XSS-REGAGENCY").slice(0, 300),
      position: hostile("XSS-REGPOS").slice(0, 200),
      workPhone: "+992 37 221 00 00",
      reason: hostile("XSS-REGREASON"),
      password: NEW_PASSWORD,
      language: "ru",
      acceptedTerms: (terms.items ?? terms).map((v: { id: string }) => v.id),
    });
    const confirmation = await mailbox.waitFor(registrantEmail, {
      predicate: (m) => m.text.includes("/register/confirm"),
    });
    const token = new URL(/https?:\/\/\S+\/register\/confirm\S*/.exec(confirmation.text)?.[0] ?? "x:").searchParams.get(
      "token",
    );
    await publicApi.call("post", "/registrations/confirm", { token });
    await registrant.close();
    // Partners.
    const partner = await admin.get("/partners/TJK");
    await admin.call("patch", "/partners/TJK", { version: partner.version, name: both("XSS-PARTNER") });

    // Consultative mechanism: a meeting, a recommendation with a report, news.
    const meeting = await admin.call("post", "/meetings", {
      kind: "ewg",
      number: 90,
      title: both("XSS-MEETING"),
      theme: both("XSS-THEME"),
      host: both("XSS-HOST"),
      city: both("XSS-CITY"),
      pillars: [1],
      startDate: "2030-05-01",
      documents: [{ title: both("XSS-MEETDOC"), url: "https://example.org/report.pdf" }],
    });
    const rec = await admin.call("post", "/recommendations", {
      meetingId: meeting.id,
      number: "1",
      text: both("XSS-REC"),
      pillar: 1,
      themes: [hostile("XSS-THEMETAG").slice(0, 80)],
    });
    await admin.call("post", `/recommendations/${rec.id}/transitions`, {
      to: "adopted",
      on: "2030-05-02",
      version: rec.version,
    });
    await admin.call("post", `/recommendations/${rec.id}/reports`, {
      partnerCode: "TJK",
      status: "partial",
      narrative: both("XSS-REPORT"),
      evidence: [{ label: hostile("XSS-EVIDENCE").slice(0, 300), url: "https://example.org/order" }],
    });
    const scriptEvidence = await admin.send("post", `/recommendations/${rec.id}/reports`, {
      partnerCode: "TJK",
      status: "partial",
      evidence: [{ label: "e", url: SCRIPT_URL }],
    });
    expect(scriptEvidence.status).toBe(400);
    const news = await admin.call("post", "/news", {
      title: both("XSS-NEWS"),
      summary: both("XSS-NEWSSUM"),
      body: both("XSS-NEWSBODY"),
      visibility: "public",
    });

    // Feeds: readers render titles and content as HTML, so the plain text must arrive escaped.
    for (const feed of ["feed.rss", "feed.atom?lang=ru"]) {
      const xml = await (await adminContext.request.get(`${base}/api/v1/news/${feed}`)).text();
      expect(xml, feed).toContain("XSS-NEWS");
      expect(xml, feed).toContain("&lt;img src=x onerror=");
      expect(xml, feed).not.toMatch(/<img|<svg|<script/i);
    }

    // ADAM: a project with hostile texts and a hostile file name, and a need.
    const project = await admin.call("post", "/projects", {
      partnerCode: "TJK",
      title: both("XSS-PROJECT"),
      summary: both("XSS-PROJSUM"),
      plannedStart: "2026-01-01",
      plannedEnd: "2026-12-31",
      themes: ["border_control"],
      pillars: [1],
      fundings: [{ donorName: hostile("XSS-DONOR").slice(0, 200), amount: "1000", currency: "USD" }],
      locations: [{ code: "TJK" }],
      organizations: [{ role: "implementing", name: hostile("XSS-ORG").slice(0, 200) }],
    });
    const file = await admin.upload(`XSS-FILE ${IMG}.txt`, "Отчёт");
    await admin.call("post", `/projects/${project.id}/documents`, { fileId: file.id });
    const titled = await admin.upload("plan.txt", "План");
    await admin.call("post", `/projects/${project.id}/documents`, { fileId: titled.id, title: both("XSS-DOCTITLE") });
    await admin.call("post", "/projects/needs", {
      partnerCode: "TJK",
      country: "TJK",
      pillar: 1,
      theme: "border_control",
      description: both("XSS-NEED"),
      priority: "high",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
    });

    // DMP: a seizure with hostile place, agency, concealment and source reference.
    await admin.call("post", "/seizures/terms/accept");
    const seizure = await admin.call("post", "/seizures", {
      seizureDate: "2023-03-10",
      country: "TJK",
      drug: "heroin",
      quantity: 12.5,
      unit: "kg",
      place: hostile("XSS-PLACE").slice(0, 200),
      agency: hostile("XSS-AGENCY").slice(0, 200),
      concealment: hostile("XSS-CONCEAL"),
      sourceReference: hostile("XSS-SOURCE"),
      sourceType: "official",
      sharing: "members",
    });

    // Trainings: a course, a training and a participant, all hostile.
    const course = await admin.call("post", "/trainings/courses", {
      code: "XSS-1",
      title: both("XSS-COURSE"),
      topic: "profiling",
      level: "basic",
      pillar: 1,
    });
    const training = await admin.call("post", "/trainings", {
      courseId: course.id,
      title: hostile("XSS-TRAINING").slice(0, 300),
      organizer: hostile("XSS-ORGANIZER").slice(0, 300),
      place: hostile("XSS-TPLACE").slice(0, 300),
      startsOn: "2025-03-10",
      endsOn: "2025-03-14",
      country: "TJK",
      format: "in_person",
    });
    await admin.call("post", `/trainings/${training.id}/participants`, {
      fullName: hostile("XSS-PERSON").slice(0, 300),
      agency: hostile("XSS-PAGENCY").slice(0, 300),
      country: "TJK",
    });

    // Facilities: hostile name and address, a safe website.
    const facility = await admin.call("post", "/facilities", {
      name: both("XSS-FACILITY"),
      country: "TJK",
      city: hostile("XSS-FCITY").slice(0, 200),
      address: hostile("XSS-ADDRESS"),
      latitude: 38.56,
      longitude: 68.78,
      website: "https://example.org/clinic",
    });

    // Fact sheets: hostile notes and sources, published.
    const sheet = await admin.call("post", "/factsheets", { subject: "TJK", year: 2023 });
    const edited = await admin.call("patch", `/factsheets/${sheet.id}`, {
      version: sheet.version,
      notes: both("XSS-NOTES"),
      sources: [hostile("XSS-SOURCES").slice(0, 300)],
    });
    const submitted = await admin.call("post", `/factsheets/${sheet.id}/transitions`, {
      version: edited.version,
      action: "submit",
    });
    await admin.call("post", `/factsheets/${sheet.id}/transitions`, { version: submitted.version, action: "publish" });

    // Notifications: an invitation names the meeting.
    await admin.call("post", `/meetings/${meeting.id}/invitations`, { userId: me.id });

    const publicPages: Check[] = [
      { path: "/partners/TJK", shows: ["XSS-PARTNER"] },
      { path: "/meetings", shows: ["XSS-MEETING"] },
      { path: `/meetings/${meeting.id}`, shows: ["XSS-MEETING", "XSS-MEETDOC"] },
      { path: "/recommendations", shows: ["XSS-REC"] },
      { path: `/recommendations/${rec.id}`, shows: ["XSS-REC"] },
      { path: "/news", shows: ["XSS-NEWS"] },
      { path: `/news/${news.id}`, shows: ["XSS-NEWS", "XSS-NEWSBODY"] },
      { path: "/facilities?country=TJK", shows: ["XSS-FACILITY"] },
      { path: `/facilities/${facility.id}`, shows: ["XSS-FACILITY"], plain: ["XSS-ADDRESS"] },
      { path: `/factsheets/${sheet.id}`, shows: ["XSS-NOTES"], plain: ["XSS-SOURCES"] },
      { path: "/trainings", shows: [], plain: ["XSS-TRAINING"] },
      { path: `/trainings/${training.id}`, shows: ["XSS-COURSE"], plain: ["XSS-TRAINING"] },
    ];
    const memberPages: Check[] = [
      { path: `/recommendations/${rec.id}`, shows: ["XSS-REC", "XSS-REPORT"], plain: ["XSS-EVIDENCE"] },
      { path: "/projects", shows: ["XSS-PROJECT"] },
      {
        path: `/projects/${project.id}`,
        shows: ["XSS-PROJECT", "XSS-PROJSUM"],
        plain: ["XSS-DONOR", "XSS-ORG"],
        text: ["XSS-FILE"],
      },
      { path: "/projects/gaps", shows: ["XSS-NEED"] },
      { path: "/seizures/records", shows: ["XSS-PARTNER"] },
      { path: `/seizures/records/${seizure.id}`, shows: [], plain: ["XSS-PLACE", "XSS-AGENCY", "XSS-CONCEAL"] },
      { path: `/trainings/${training.id}`, shows: [], plain: ["XSS-PERSON"] },
      { path: "/admin/users", shows: [], plain: ["XSS-USER"] },
      {
        path: "/admin/registrations",
        shows: [],
        plain: ["XSS-REGNAME", "XSS-REGAGENCY", "XSS-REGPOS", "XSS-REGREASON"],
      },
      { path: `/admin/users/${hostileUser.user?.id ?? hostileUser.id}`, shows: [], plain: ["XSS-USER"] },
      { path: "/notifications", shows: ["XSS-MEETING"] },
    ];

    const visitorContext = await newContext(browser);
    const visitorSeen = await watch(visitorContext);
    const visitorPage = await visitorContext.newPage();
    const adminPage = await adminContext.newPage();
    for (const lang of ["en", "ru"] as const) {
      for (const page of [visitorPage, adminPage]) {
        await page.goto(`${base}/`);
        await page.evaluate((l) => localStorage.setItem("pact.lang", l), lang);
      }
      for (const check of publicPages) await visit(visitorPage, base, check, lang, visitorSeen);
      for (const check of memberPages) await visit(adminPage, base, check, lang, seen);
      // Search shows the stored records and the query itself, as text.
      await visit(
        adminPage,
        base,
        { path: `/search?q=${encodeURIComponent("XSS-PROJECT")}`, shows: ["XSS-PROJECT"] },
        lang,
        seen,
      );
    }
  });

  it("reflects nothing: search query, unknown paths, sign-in redirect", { timeout: 300_000 }, async () => {
    const base = platform.url;
    const context = await newContext(browser, { locale: "ru-RU" });
    const seen = await watch(context);
    const page = await context.newPage();
    const reflected = [
      `/search?q=${encodeURIComponent(hostile("XSS-Q"))}`,
      `/no-such-page/${encodeURIComponent(hostile("XSS-PATH"))}`,
      // Without dots, so the web app (not the API's 404) answers.
      `/no-such-page/${encodeURIComponent(`"><img src=x onerror=alert(1)><svg onload=alert(1)>`)}`,
      `/projects/${encodeURIComponent(`"><img src=x onerror=window.__xss=1>`)}`,
      `/news/${encodeURIComponent("</script><script>window.__xss=1</script>")}`,
      `/sign-in?redirect=${encodeURIComponent(SCRIPT_URL)}`,
    ];
    for (const path of reflected) {
      const response = await page.goto(`${base}${path}`);
      const type = response?.headers()["content-type"] ?? "";
      if (!type.startsWith("text/html")) {
        // A path that looks like a file gets the API's problem document: JSON, never markup.
        expect(type, path).toMatch(/^application\/problem\+json/);
        await expectSafe(page, path, seen);
        continue;
      }
      await page.waitForLoadState("networkidle");
      await page
        .locator("h1")
        .first()
        .waitFor(WAIT)
        .catch(async (e) => {
          await screenshot(page, `xss-reflected-${reflected.indexOf(path)}`);
          throw new Error(`${path}: no heading (${e})`);
        });
      await expectSafe(page, path, seen);
    }
    // The search box keeps the query as its value, not as markup.
    await page.goto(`${base}/search?q=${encodeURIComponent(hostile("XSS-Q"))}`);
    await expect
      .poll(() => page.locator('input[type="search"], input[name="q"]').first().inputValue(), WAIT)
      .toContain(IMG);
    await expectSafe(page, "search box", seen);

    // The checks can fail: markup injected into the page, and a live script link, are both caught.
    await page.goto(`${base}/news`);
    await page.locator("h1").first().waitFor(WAIT);
    await page.evaluate(
      (html) => document.body.insertAdjacentHTML("beforeend", html),
      `${IMG}<a href="${SCRIPT_URL}">x</a>`,
    );
    await page.waitForTimeout(200);
    const caught = await expectSafe(page, "canary", seen).then(
      () => "nothing",
      (e: Error) => e.message,
    );
    expect(caught).toMatch(/inline handlers|injected elements|live script links|CSP/);

    // The sign-in redirect goes nowhere but this site (and never to a script URL).
    for (const redirect of ["//evil.example/x", "/\\evil.example/x", "https://evil.example/x", SCRIPT_URL]) {
      const ctx = await newContext(browser);
      const signInSeen = await watch(ctx);
      const p = await ctx.newPage();
      await p.goto(`${base}/sign-in?redirect=${encodeURIComponent(redirect)}`);
      await p.getByLabel("E-mail address").fill(redirectUser.email);
      await p.locator('input[type="password"]').fill(NEW_PASSWORD);
      await p.getByRole("button", { name: "Sign in", exact: true }).click();
      await p.waitForURL((u) => !u.pathname.startsWith("/sign-in"), WAIT);
      expect(new URL(p.url()).origin, `redirect=${redirect}`).toBe(base);
      await expectSafe(p, `sign-in redirect=${redirect}`, signInSeen);
      await ctx.close();
    }
  });
});
