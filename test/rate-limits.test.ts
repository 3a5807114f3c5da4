import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "./app.js";

/**
 * Rate limits that protect without blocking offices (issue 18): a ministry or a UNODC field office puts 30 people
 * or more behind one address. Every request here comes from the same address (light-my-request's 127.0.0.1).
 */
const PUBLIC_PAGES = [
  "/api/v1/auth/me",
  "/api/v1/partners",
  "/api/v1/pillars",
  "/api/v1/news",
  "/api/v1/meetings",
  "/api/v1/recommendations",
  "/api/v1/factsheets",
  "/api/v1/seizures/public-stats",
];

async function statuses(client: TestClient, urls: string[]) {
  const out: number[] = [];
  for (const url of urls) out.push((await client.request({ url })).statusCode);
  return out;
}

describe("rate limits with the defaults", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it("let 30 visitors behind one address browse the public pages for a minute", async () => {
    // A page view every 10 s for a minute, each asking what the public pages ask of the API.
    const visitors = await Promise.all(Array.from({ length: 30 }, () => t.visitor()));
    const minute = Array.from({ length: 6 }, () => PUBLIC_PAGES).flat();
    const answers = (await Promise.all(visitors.map((v) => statuses(v, minute)))).flat();
    expect(answers.length).toBe(30 * 48);
    expect(answers.filter((s) => s === 429)).toEqual([]);
  }, 120_000);
});

describe("rate limits count signed-in users per session, visitors per address", () => {
  // Each case on its own app: the limits are counted in the app's memory.
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "50", RATE_LIMIT_ANONYMOUS_PER_MINUTE: "100" } });
  });
  afterEach(() => t?.close());

  it("counts a made-up session cookie as a visitor of its address, and never limits the web app's files", async () => {
    const visitor = await t.visitor();
    visitor.cookies.pact_session = "made-up";
    const answers = await statuses(
      visitor,
      Array.from({ length: 110 }, () => "/api/v1/partners"),
    );
    expect(answers.slice(0, 90).filter((s) => s === 429)).toEqual([]);
    expect(answers.slice(100)).toContain(429);
    const page = await statuses(
      visitor,
      Array.from({ length: 150 }, () => "/"),
    );
    expect(page.filter((s) => s === 429)).toEqual([]);
  }, 120_000);

  it("gives each signed-in user behind one address an allowance of their own", async () => {
    const users = [];
    for (let i = 0; i < 30; i++) users.push(await t.signIn("member", { partnerCode: "TJK" }));
    const answers = (
      await Promise.all(
        users.map((u) =>
          statuses(
            u,
            Array.from({ length: 40 }, () => "/api/v1/partners"),
          ),
        ),
      )
    ).flat();
    expect(answers.length).toBe(1200);
    expect(answers.filter((s) => s === 429)).toEqual([]);
    // One user alone still meets their limit.
    const more = await statuses(
      users[0] as TestClient,
      Array.from({ length: 20 }, () => "/api/v1/partners"),
    );
    expect(more.filter((s) => s === 429).length).toBeGreaterThan(0);
  }, 120_000);
});
