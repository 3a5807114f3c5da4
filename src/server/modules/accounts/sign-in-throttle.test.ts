import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/app.js";
import type { Role } from "../../../common/platform.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import { addressKey, delayAfter, THROTTLE_RULES } from "./sign-in-throttle.js";

const PASSWORD = "correct horse battery staple";

/**
 * Issue 17, hole 7: sign-in must not tell which accounts exist, and a stranger must not be able to lock a
 * user (an administrator above all) out. Every request comes from an address of its own choosing.
 */
describe("sign-in throttling by account and address", () => {
  let t: TestApp;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp({ reference: false });
  });
  afterAll(() => t.close());
  afterEach(() => vi.useRealTimers());

  async function newUser(role: Role = "member") {
    n += 1;
    const email = `throttle.${role}.${n}@example.org`;
    await t.ctx.accounts.createUser({ email, displayName: `Throttle ${n}`, role, password: PASSWORD }, SYSTEM_ACTOR);
    return email;
  }

  /** POST /auth/sign-in from `ip`, with the CSRF pair a browser would hold. */
  async function signIn(email: string, password: string, ip: string) {
    const me = await t.app.inject({ url: "/api/v1/auth/me", remoteAddress: ip });
    const csrf = me.cookies.find((c) => c.name === "pact_csrf")?.value ?? "";
    return t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email, password },
      remoteAddress: ip,
      cookies: { pact_csrf: csrf },
      headers: { "x-csrf-token": csrf },
    });
  }

  /** A wrong password that counts: when held back, the guesser waits (the clock is fake) and tries again. */
  async function guess(email: string, password: string, ip: string) {
    const res = await signIn(email, password, ip);
    if (res.statusCode !== 429) return expect(res.statusCode).toBe(401);
    vi.setSystemTime(Date.now() + (Number(res.headers["retry-after"]) + 1) * 1000);
    expect((await signIn(email, password, ip)).statusCode).toBe(401);
  }

  /** What a client can observe of an answer, less the request id that differs on every request. */
  function observed(res: Awaited<ReturnType<typeof signIn>>) {
    const { requestId: _, ...body } = res.json();
    return { status: res.statusCode, retryAfter: res.headers["retry-after"] ?? null, body };
  }

  it("answers an unknown account exactly as an existing one, attempt after attempt", async () => {
    // A frozen clock: both series see the same delays to the second.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2025-03-01T08:00:00Z") });
    const existing = await newUser();
    const series = async (email: string, ip: string) => {
      const out = [];
      for (let i = 0; i < 12; i++) out.push(observed(await signIn(email, "not the password", ip)));
      return out;
    };
    const known = await series(existing, "198.51.100.1");
    const unknown = await series("nobody.at.all@example.org", "198.51.100.2");
    expect(unknown).toEqual(known);
    // Throttling did engage: the later answers are 429 with Retry-After, never a lock of the account.
    expect(known.map((r) => r.status)).not.toContain(423);
    const last = known.at(-1);
    expect(last?.status).toBe(429);
    expect(last?.body.code).toBe("too_many_attempts");
    expect(Number(last?.retryAfter)).toBeGreaterThan(0);
  });

  it("keeps a stranger's failures from another address from stopping the real user", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2025-03-02T08:00:00Z") });
    const admin = await newUser("administrator");
    // The stranger keeps guessing for hours, waiting out every delay so that each guess counts.
    for (let i = 0; i < 40; i++) await guess(admin, `guess number ${i}`, "203.0.113.66");
    const stranger = await signIn(admin, PASSWORD, "203.0.113.66");
    expect(stranger.statusCode).toBe(429);
    expect(Number(stranger.headers["retry-after"])).toBeLessThanOrEqual(15 * 60);
    // The administrator, from an address that has not been failing, gets in.
    const real = await signIn(admin, PASSWORD, "192.0.2.10");
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json().user).toMatchObject({ email: admin, role: "administrator" });
  });

  it("holds a guess spread over many addresses to a bounded per-account delay that spares known addresses", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2025-03-03T08:00:00Z") });
    const email = await newUser();
    expect((await signIn(email, PASSWORD, "192.0.2.20")).statusCode).toBe(200);
    // Guesses from 80 addresses (a botnet), each waiting out the account's delay when it meets it, so all count.
    for (let i = 0; i < 80; i++) await guess(email, `guess ${i}`, `10.77.0.${i + 1}`);
    // A new address meets the per-account ceiling: refused for a bounded time, as for any account.
    const fresh = await signIn(email, PASSWORD, "192.0.2.21");
    expect(fresh.statusCode).toBe(429);
    const wait = Number(fresh.headers["retry-after"]);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    const unknown = await signIn("nobody.else@example.org", PASSWORD, "192.0.2.21");
    expect(unknown.statusCode).toBe(401);
    // The address the user signs in from is not held back by what others did.
    expect((await signIn(email, PASSWORD, "192.0.2.20")).statusCode).toBe(200);
    // And the delay ends.
    vi.setSystemTime(Date.now() + (wait + 1) * 1000);
    expect((await signIn(email, PASSWORD, "192.0.2.21")).statusCode).toBe(200);
  });

  it("never holds back an office of 30 people behind one address at its morning sign-in", async () => {
    const office = "203.0.113.30";
    const people = [];
    for (let i = 0; i < 30; i++) people.push(await newUser());
    const statuses: number[] = [];
    for (const email of people) {
      // Everyone mistypes once, some twice, then gets it right.
      statuses.push((await signIn(email, "caps lock was on", office)).statusCode);
      if (people.indexOf(email) % 3 === 0) statuses.push((await signIn(email, "still wrong", office)).statusCode);
      const ok = await signIn(email, PASSWORD, office);
      expect(ok.statusCode, `${email}: ${ok.body}`).toBe(200);
    }
    expect(new Set(statuses)).toEqual(new Set([401]));
  });

  it("delays an (account, address) pair after five failures, even for the right password, and only for a while", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2025-03-04T08:00:00Z") });
    const email = await newUser();
    for (let i = 0; i < 5; i++) await signIn(email, "wrong", "198.51.100.40");
    const sixth = await signIn(email, "wrong", "198.51.100.40");
    expect(sixth.statusCode).toBe(401);
    const right = await signIn(email, PASSWORD, "198.51.100.40");
    expect(right.statusCode).toBe(429);
    expect(right.json()).toMatchObject({ code: "too_many_attempts", details: { retryAfterSeconds: 2 } });
    expect(right.headers["retry-after"]).toBe("2");
    vi.setSystemTime(Date.now() + 2000);
    expect((await signIn(email, PASSWORD, "198.51.100.40")).statusCode).toBe(200);
  });

  it("counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4; delays double up to the cap", () => {
    expect(addressKey("2001:db8:1:2::9")).toBe(addressKey("2001:0db8:0001:0002:ffff:1:2:3"));
    expect(addressKey("2001:db8:1:2::9")).not.toBe(addressKey("2001:db8:1:3::9"));
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressKey("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(addressKey(null)).toBe("local");
    const pair = THROTTLE_RULES.pair;
    expect([5, 6, 7, 8].map((level) => delayAfter(level, pair))).toEqual([0, 2000, 4000, 8000]);
    expect(delayAfter(1000, pair)).toBe(pair.capMs);
  });
});
