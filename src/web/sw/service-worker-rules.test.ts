import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * The worker is its own build entry with no imports, so its rules are read from its source: what it would write
 * to the device's Cache Storage (unencrypted, outliving the tab) must exclude record- and person-level data.
 */
const source = fs.readFileSync(path.join(import.meta.dirname, "service-worker.ts"), "utf8");
function rule(name: string): RegExp {
  const m = source.match(new RegExp(`const ${name} =\\s*(\\/.*\\/);`));
  if (!m?.[1]) throw new Error(`${name} not found in service-worker.ts`);
  return new Function(`return ${m[1]};`)() as RegExp;
}
const PERSONAL = rule("PERSONAL");
const NEVER = rule("NEVER");
const kept = (p: string) => !PERSONAL.test(p) && !NEVER.test(p);

describe("what the service worker may keep on the device", () => {
  it("never keeps seizure records, training participants, people or the audit log", () => {
    for (const p of [
      "/api/v1/seizures",
      "/api/v1/seizures/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
      "/api/v1/seizures/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c/history",
      "/api/v1/seizures/map/points",
      "/api/v1/seizures/map/countries/TJK",
      "/api/v1/seizures/duplicates",
      "/api/v1/seizures/imports",
      "/api/v1/trainings/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
      "/api/v1/trainings/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c/participants",
      "/api/v1/trainings/persons/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
      "/api/v1/trainings/linkage/review",
      "/api/v1/trainings/alerts",
      "/api/v1/users",
      "/api/v1/users/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
      "/api/v1/directory",
      "/api/v1/registrations",
      "/api/v1/audit",
      "/api/v1/auth/offline-key",
      "/api/v1/files/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
    ])
      expect(kept(p), p).toBe(false);
  });

  it("keeps aggregates and the pages people read offline", () => {
    for (const p of [
      "/api/v1/seizures/dashboard",
      "/api/v1/seizures/stats",
      "/api/v1/seizures/public-stats",
      "/api/v1/seizures/map/flows",
      "/api/v1/seizures/map/countries",
      "/api/v1/trainings",
      "/api/v1/trainings/reports",
      "/api/v1/partners",
      "/api/v1/meetings",
      "/api/v1/projects/stats/pivot",
      "/api/v1/auth/me",
    ])
      expect(kept(p), p).toBe(true);
  });
});

/** A stand-in for the worker's global scope: Cache Storage, the network, the pages it may message. */
function fakeScope(network: (url: string, ifNoneMatch: string | null) => Response | Promise<Response>) {
  const stores = new Map<string, Map<string, Response>>();
  const open = async (name: string) => {
    const s = stores.get(name) ?? new Map<string, Response>();
    stores.set(name, s);
    const key = (r: Request | string) => (typeof r === "string" ? new URL(r, "https://pact.test").href : r.url);
    return {
      match: async (r: Request | string) => s.get(key(r))?.clone(),
      put: async (r: Request | string, res: Response) => void s.set(key(r), res),
      keys: async () => [...s.keys()].map((u) => new Request(u)),
      delete: async (r: Request | string) => s.delete(key(r)),
      addAll: async () => {},
    };
  };
  const fetched: string[] = [];
  const messages: unknown[] = [];
  const listeners = new Map<string, (event: unknown) => void>();
  const scope = {
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    skipWaiting: async () => {},
    clients: { claim: async () => {}, get: async () => ({ postMessage: (m: unknown) => messages.push(m) }) },
    location: new URL("https://pact.test/"),
    navigator: { onLine: true },
  };
  const cachesApi = {
    open,
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
    match: async (r: Request | string, o?: { cacheName?: string }) => {
      if (o?.cacheName) return (await open(o.cacheName)).match(r);
      for (const name of stores.keys()) {
        const found = await (await open(name)).match(r);
        if (found) return found;
      }
      return undefined;
    },
  };
  const conditions: (string | null)[] = [];
  const fetchFake = async (input: Request | string) => {
    const url = typeof input === "string" ? input : input.url;
    fetched.push(new URL(url).pathname);
    const ifNoneMatch = typeof input === "string" ? null : input.headers.get("if-none-match");
    conditions.push(ifNoneMatch);
    return network(url, ifNoneMatch);
  };
  /** Dispatches an event and waits for what it answered and everything it kept working on. */
  async function dispatch(type: string, init: Record<string, unknown>) {
    const pending: Promise<unknown>[] = [];
    let answer: Promise<Response> | undefined;
    const event = {
      ...init,
      clientId: "page-1",
      waitUntil: (p: Promise<unknown>) => void pending.push(p),
      respondWith: (p: Promise<Response>) => {
        answer = p;
      },
    };
    listeners.get(type)?.(event);
    const response = answer ? await answer : undefined;
    for (let i = 0; i < pending.length; i++) await pending[i];
    return response;
  }
  return { scope, cachesApi, fetchFake, fetched, conditions, messages, stores, dispatch };
}

const json = (body: unknown, date = "Sun, 06 Dec 2026 10:00:00 GMT") =>
  new Response(JSON.stringify(body), { headers: { "content-type": "application/json", date } });

async function startWorker(network: (url: string, ifNoneMatch: string | null) => Response | Promise<Response>) {
  const fake = fakeScope(network);
  vi.resetModules();
  vi.stubGlobal("self", fake.scope);
  vi.stubGlobal("caches", fake.cachesApi);
  vi.stubGlobal("fetch", fake.fetchFake);
  await import("./service-worker.js");
  return fake;
}

const firstScreen = (path: string) =>
  new Request(`https://pact.test${path}`, { headers: { "x-pact-first-screen": "1" } });

describe("the first screen from the worker's cache (repeat visits)", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows a kept aggregate at once, reads the network again and tells the page when it changed", async () => {
    const w = await startWorker(() => json({ cases: 2 }));
    const kept = await w.cachesApi.open("pact-api-visitor");
    await kept.put(new Request("https://pact.test/api/v1/seizures/dashboard"), json({ cases: 1 }));
    const shown = await w.dispatch("fetch", { request: firstScreen("/api/v1/seizures/dashboard") });
    expect(await shown?.json()).toEqual({ cases: 1 });
    expect(shown?.headers.get("x-pact-cached")).toBe("Sun, 06 Dec 2026 10:00:00 GMT");
    expect(w.fetched).toEqual(["/api/v1/seizures/dashboard"]);
    expect(w.messages).toEqual([{ type: "refreshed", url: "/api/v1/seizures/dashboard" }]);
    // The next read finds the network's answer.
    expect(await (await kept.match("https://pact.test/api/v1/seizures/dashboard"))?.json()).toEqual({ cases: 2 });
  });

  it("says nothing when the network's answer is the same, and says offline with the kept date when it fails", async () => {
    let up = true;
    const w = await startWorker(() => (up ? json({ cases: 1 }) : Promise.reject(new TypeError("offline"))));
    const kept = await w.cachesApi.open("pact-api-visitor");
    await kept.put(new Request("https://pact.test/api/v1/projects/stats/pivot?rows=year"), json({ cases: 1 }));
    await w.dispatch("fetch", { request: firstScreen("/api/v1/projects/stats/pivot?rows=year") });
    expect(w.messages).toEqual([]);
    up = false;
    const shown = await w.dispatch("fetch", { request: firstScreen("/api/v1/projects/stats/pivot?rows=year") });
    expect(await shown?.json()).toEqual({ cases: 1 });
    expect(w.messages).toEqual([
      { type: "stale-offline", url: "/api/v1/projects/stats/pivot?rows=year", date: "Sun, 06 Dec 2026 10:00:00 GMT" },
    ]);
  });

  it("never answers record- or person-level reads from the device, first screen or not", async () => {
    const w = await startWorker(() => json({ lon: [1], lat: [2], id: ["x"] }));
    for (const p of [
      "/api/v1/seizures/map/points",
      "/api/v1/seizures/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
      "/api/v1/users",
    ]) {
      expect(await w.dispatch("fetch", { request: firstScreen(p) }), p).toBeUndefined();
    }
    expect([...w.stores.values()].every((s) => s.size === 0)).toBe(true);
  });

  it("keeps the map's country layer per session: the next user on the device never gets it, sign-out drops it", async () => {
    let who = "a";
    const w = await startWorker((url) =>
      url.endsWith("/auth/me") ? json({ user: { id: who }, csrfToken: `t-${who}` }) : json({ for: who }),
    );
    const me = () => w.dispatch("fetch", { request: new Request("https://pact.test/api/v1/auth/me") });
    const layer = () => w.dispatch("fetch", { request: firstScreen("/api/v1/seizures/map/countries") });
    await me();
    expect(await (await layer())?.json()).toEqual({ for: "a" });
    const repeat = await layer();
    expect(repeat?.headers.get("x-pact-cached")).toBe("Sun, 06 Dec 2026 10:00:00 GMT");
    expect(await repeat?.json()).toEqual({ for: "a" });
    // Someone else signs in on the same device: a's answers are gone before b's first screen is read.
    await w.dispatch("fetch", {
      request: new Request("https://pact.test/api/v1/auth/sign-in", { method: "POST", body: "{}" }),
    });
    who = "b";
    await me();
    const b = await layer();
    expect(b?.headers.get("x-pact-cached")).toBeNull();
    expect(await b?.json()).toEqual({ for: "b" });
    const caches = [...w.stores.entries()].filter(([name]) => name.startsWith("pact-api-"));
    expect(caches).toHaveLength(1);
    await w.dispatch("message", { data: { type: "sign-out" } });
    expect([...w.stores.keys()].filter((name) => name.startsWith("pact-api-"))).toEqual([]);
  });

  it("warms the session first, then the views that may be kept, never record-level ones", async () => {
    const w = await startWorker((url) =>
      url.endsWith("/auth/me") ? json({ authenticated: false, csrfToken: "t", user: null }) : json({ ok: true }),
    );
    await w.dispatch("message", {
      data: {
        type: "warm",
        urls: [
          "https://pact.test/api/v1/seizures/dashboard",
          "https://pact.test/api/v1/seizures/map/points",
          "https://pact.test/api/v1/auth/me",
          "https://pact.test/api/v1/partners",
          "https://pact.test/api/v1/files/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
        ],
      },
    });
    expect(w.fetched[0]).toBe("/api/v1/auth/me");
    expect(w.fetched.slice(1).sort()).toEqual(["/api/v1/partners", "/api/v1/seizures/dashboard"]);
    const kept = await (await w.cachesApi.open("pact-api-visitor")).keys();
    expect(kept.map((r) => new URL(r.url).pathname).sort()).toEqual([
      "/api/v1/auth/me",
      "/api/v1/partners",
      "/api/v1/seizures/dashboard",
    ]);
  });

  it("asks again with the kept ETag: a 304 costs no body, shows the kept answer and dates it anew", async () => {
    const shapes = { type: "FeatureCollection", features: [{ id: "TJK" }] };
    const w = await startWorker((_url, ifNoneMatch) =>
      ifNoneMatch === '"geo-1"'
        ? new Response(null, { status: 304, headers: { etag: '"geo-1"', date: "Mon, 07 Dec 2026 09:00:00 GMT" } })
        : json({ changed: true }),
    );
    const kept = await w.cachesApi.open("pact-api-visitor");
    const stored = json(shapes);
    stored.headers.set("etag", '"geo-1"');
    await kept.put(new Request("https://pact.test/api/v1/geo/countries"), stored);
    const shown = await w.dispatch("fetch", { request: new Request("https://pact.test/api/v1/geo/countries") });
    expect(await shown?.json()).toEqual(shapes);
    expect(w.conditions).toEqual(['"geo-1"']);
    expect(w.messages).toEqual([]);
    const again = await kept.match("https://pact.test/api/v1/geo/countries");
    expect(await again?.json()).toEqual(shapes);
    expect(again?.headers.get("date")).toBe("Mon, 07 Dec 2026 09:00:00 GMT");
  });

  it("does not ask the network for a kept answer still fresh by its max-age, and asks for a stale one", async () => {
    const w = await startWorker(() => json({ fresh: true }));
    const kept = await w.cachesApi.open("pact-api-visitor");
    const week = (date: Date) =>
      new Response(JSON.stringify({ kept: true }), {
        headers: {
          "content-type": "application/json",
          "cache-control": "public, max-age=604800",
          date: date.toUTCString(),
        },
      });
    await kept.put(new Request("https://pact.test/api/v1/geo/countries"), week(new Date(Date.now() - 60_000)));
    const shown = await w.dispatch("fetch", { request: new Request("https://pact.test/api/v1/geo/countries") });
    expect(await shown?.json()).toEqual({ kept: true });
    expect(w.fetched).toEqual([]);
    await kept.put(new Request("https://pact.test/api/v1/geo/countries"), week(new Date(Date.now() - 8 * 86_400_000)));
    await w.dispatch("fetch", { request: new Request("https://pact.test/api/v1/geo/countries") });
    expect(w.fetched).toEqual(["/api/v1/geo/countries"]);
  });

  it("answers from the cache only a read that names the session the answers were kept for", async () => {
    let signedIn = true;
    const answer = (body: unknown) => {
      const res = json(body);
      if (signedIn) res.headers.set("x-pact-cache-key", "key-a");
      return res;
    };
    const w = await startWorker((url) =>
      url.endsWith("/auth/me")
        ? answer(signedIn ? { user: { id: "a" }, csrfToken: "t-a" } : { user: null, csrfToken: "t" })
        : answer(signedIn ? { for: "a" } : { status: 401 }),
    );
    const read = (key?: string) =>
      w.dispatch("fetch", {
        request: new Request("https://pact.test/api/v1/seizures/dashboard", {
          headers: { "x-pact-first-screen": "1", ...(key ? { "x-pact-cache-key": key } : {}) },
        }),
      });
    await w.dispatch("fetch", {
      request: new Request("https://pact.test/api/v1/auth/me", { headers: { "x-pact-cache-key": "key-a" } }),
    });
    await read("key-a");
    // a's next visit: at once from the cache.
    expect((await read("key-a"))?.headers.get("x-pact-cached")).not.toBeNull();
    // The browser's session ended (its cookie gone) while the worker still holds a's answers: asked of the network.
    signedIn = false;
    const after = await read();
    expect(after?.headers.get("x-pact-cached")).toBeNull();
    expect(await after?.json()).toEqual({ status: 401 });
    // A stranger's key does not open them either.
    signedIn = true;
    expect((await read("key-b"))?.headers.get("x-pact-cached")).toBeNull();
  });
});

describe("a page's own code preloaded on a repeat visit", () => {
  afterEach(() => vi.unstubAllGlobals());

  const navigation = (path: string) =>
    ({ url: `https://pact.test${path}`, method: "GET", mode: "navigate", headers: new Headers() }) as Request;

  it("keeps the chunks a page reported under its path without record ids, and preloads them in the shell", async () => {
    // A same-origin answer, as the browser types it (the worker keeps only those).
    const script = () =>
      Object.defineProperty(new Response("export {}", { headers: { "content-type": "text/javascript" } }), "type", {
        value: "basic",
      });
    const w = await startWorker(script);
    const shell = await w.cachesApi.open("pact-shell-dev");
    await shell.put(
      "https://pact.test/index.html",
      new Response("<html><head><title>P</title></head><body></body></html>", {
        headers: { "content-type": "text/html", "content-length": "55" },
      }),
    );
    await w.dispatch("message", {
      data: {
        type: "page-chunks",
        path: "/meetings/6f1c2a9e-1b1d-4c55-9a33-0d4f8d1a2b3c",
        chunks: [
          "/assets/meeting-page-Ab1.js",
          "/assets/common-Cd2.js",
          "/assets/common-Cd2.js",
          "/assets/page-Ef3.css",
          "https://elsewhere.test/assets/x.js",
          "/api/v1/users",
          "/assets/../sw.js",
          '/assets/x.js"><script>',
        ],
      },
    });
    // Fetched into the worker's cache once (a first visit read them before the worker was there).
    expect(w.fetched.sort()).toEqual(["/assets/common-Cd2.js", "/assets/meeting-page-Ab1.js", "/assets/page-Ef3.css"]);
    const hints = await w.cachesApi.open("pact-page-chunks");
    expect((await hints.keys()).map((r) => new URL(r.url).pathname)).toEqual(["/__pact/page-chunks/meetings/:id"]);

    // Another meeting: the same route, the same code.
    const page = await w.dispatch("fetch", { request: navigation("/meetings/0a1b2c3d-1b1d-4c55-9a33-0d4f8d1a2b3c") });
    const html = (await page?.text()) ?? "";
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/meeting-page-Ab1.js">');
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/common-Cd2.js">');
    expect(html).toContain('<link rel="preload" as="style" crossorigin href="/assets/page-Ef3.css">');
    expect(html).not.toContain("elsewhere");
    expect(html).not.toContain("<script>");
    expect(page?.headers.get("content-length")).toBeNull();

    // A page with nothing reported gets the shell as it is; signing out forgets every page's list.
    expect(await (await w.dispatch("fetch", { request: navigation("/partners") }))?.text()).not.toContain("preload");
    await w.dispatch("message", { data: { type: "sign-out" } });
    expect(await (await w.dispatch("fetch", { request: navigation("/meetings/1") }))?.text()).not.toContain("preload");
  });

  it("a worker started afresh reads the lists it kept, and leaves out what it no longer holds", async () => {
    const w = await startWorker(() => Promise.reject(new TypeError("offline")));
    await (await w.cachesApi.open("pact-shell-dev")).put(
      "https://pact.test/index.html",
      new Response("<html><head></head></html>"),
    );
    await (await w.cachesApi.open("pact-page-chunks")).put(
      "https://pact.test/__pact/page-chunks/projects/stats",
      new Response(JSON.stringify(["/assets/stats-page-A.js", "/assets/older-build-B.js"])),
    );
    await (await w.cachesApi.open("pact-assets")).put("https://pact.test/assets/stats-page-A.js", new Response("x"));
    const html = await (await w.dispatch("fetch", { request: navigation("/projects/stats") }))?.text();
    expect(html).toBe(
      '<html><head><link rel="modulepreload" crossorigin href="/assets/stats-page-A.js">\n</head></html>',
    );
  });

  it("leaves out a chunk the worker no longer holds (an older build's)", async () => {
    const w = await startWorker(() => Promise.reject(new TypeError("offline")));
    const shell = await w.cachesApi.open("pact-shell-dev");
    await shell.put("https://pact.test/index.html", new Response("<html><head></head></html>"));
    await w.dispatch("message", { data: { type: "page-chunks", path: "/partners", chunks: ["/assets/gone-X.js"] } });
    const html = await (await w.dispatch("fetch", { request: navigation("/partners") }))?.text();
    expect(html).toBe("<html><head></head></html>");
  });
});
