/**
 * The platform's service worker (issue 18: repeat visits and bad links). Built by Vite as `/sw.js` (its own entry,
 * no imports, see vite.config.ts), registered by main.tsx after the first page has loaded.
 *
 * - App shell and hashed assets, cache first: index.html and the entry's chunks and CSS are cached at install (the
 *   build writes their list into this file, so a new build is a new worker); every `/assets/*` file is kept the
 *   first time it passes (its name changes with its content). A navigation is answered with the cached shell.
 * - Reference data (partners, pillars, programme, routes, geography, vocabularies): stale-while-revalidate.
 * - Every other GET of the API that answers JSON: network first, the last answer kept as a fallback. A fallback
 *   carries `x-pact-offline: <its Date header>`, from which the app shows "You are offline — showing data from …".
 * - The first screen after a page load (the app marks its reads `x-pact-first-screen: 1`, src/web/api/client.ts):
 *   the last answer kept is shown at once (`x-pact-cached: <its Date>`) while the network is asked again, so a
 *   repeat visit does not wait a round trip per step (session, then terms, then figures). When the network's answer
 *   differs, the page is told ("refreshed") and reads again; when the network cannot be had, the page is told
 *   ("stale-offline") and says it is offline and how old its data are. Only what may be kept at all is kept.
 * - A page's own code is preloaded on a repeat visit: the app reports which chunks a page needed before it was first
 *   drawn (src/web/page-chunks.ts), kept under its path with record ids as `:id` (no record is named on the device);
 *   the cached shell answering a navigation to that path then carries `<link rel="modulepreload">` for those of them
 *   the worker holds, so the page chunk, `common` and the messages are read and compiled alongside the libraries.
 * - Never cached: anything but GET, files, exports, PDFs, uploads, anything that is not JSON, and record- or
 *   person-level data (`PERSONAL`: seizure records, training participants, users, directory, audit).
 * - API answers belong to one session: they are kept in a cache named after a hash of the user and the session's
 *   CSRF token (rotated at each sign-in), read from `/auth/me` as it passes. Signing in or out (or a new session
 *   seen on `/auth/me`) deletes every other session's cache, and an answer that started under another session is
 *   not stored. The server names each session's answers (`x-pact-cache-key`, a hash of the session token, also a
 *   cookie the page sends with its reads, src/server/http/security.ts): a read is answered from the cache only when
 *   it names the session `/auth/me` gave, so a browser whose session ended, or that never had it, never sees another
 *   session's answers, first screen or offline. (What is kept is not checked against that name: see `keep`.)
 */

interface SwExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SwFetchEvent extends SwExtendableEvent {
  readonly request: Request;
  /** The page that asked (empty for a navigation). */
  readonly clientId: string;
  respondWith(response: Response | Promise<Response>): void;
}
interface SwMessageEvent extends SwExtendableEvent {
  readonly data: unknown;
}
interface SwClient {
  postMessage(message: unknown): void;
}
interface SwScope {
  addEventListener(type: "install" | "activate", listener: (event: SwExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: SwFetchEvent) => void): void;
  addEventListener(type: "message", listener: (event: SwMessageEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void>; get(id: string): Promise<SwClient | undefined> };
  readonly location: Location;
  readonly navigator: { readonly onLine: boolean };
}
declare const self: SwScope;

/** The shell's files and the build's version, set by the first line of the built file (vite.config.ts). */
const build = (self as unknown as { __PACT_BUILD__?: { precache: string[]; version: string } }).__PACT_BUILD__;
const PRECACHE = build?.precache ?? [];
const VERSION = build?.version ?? "dev";

const SHELL_CACHE = `pact-shell-${VERSION}`;
const ASSET_CACHE = "pact-assets";
const META_CACHE = "pact-meta";
const API_PREFIX = "pact-api-";
const SESSION_ENTRY = "/__pact/session";
/** The server's name for the session the kept answers belong to (`x-pact-cache-key`, src/server/http/security.ts). */
const PROOF_ENTRY = "/__pact/cache-key";
const CACHE_KEY = "x-pact-cache-key";
const SHELL_URL = "/index.html";
/** The chunks each page needed (its path → `/assets/*` addresses), for the shell's modulepreload links. */
const HINTS_CACHE = "pact-page-chunks";
const MAX_HINTS = 60;
/** What a page may ask the worker to preload: the build's own code and styles, nothing else. */
const PRELOADABLE = /^\/assets\/[\w.-]+\.(?:js|css)$/;
/** A path segment that names a record (a UUID or a number): kept as `:id`, so that no record is named on the device. */
const RECORD_SEGMENT = /\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)(?=\/|$)/gi;
const MAX_ASSETS = 300;
const MAX_API_ENTRIES = 200;

const REFERENCE =
  /^\/api\/v1\/(partners|pillars(\/\d)?|commitments|routes|programme|geo\/.*|facilities\/reference|seizures\/terms|terms\/current)$/;
const NEVER =
  /^\/api\/v1\/(files|system|auth\/(?!me$))|\/(export|pdf|file|template|feed\.(rss|atom)|calendar|upload)(\/|$|\.)|\.(ics|csv|xlsx|pdf|zip)$/;
/**
 * Record- and person-level answers are never written to the device: seizure records, their points, history and
 * duplicates, training participants and persons, users, the directory, registrations and the audit log. Cache
 * Storage is not encrypted and outlives the tab, and these are what partners share only under the access policy
 * (seizures entered offline are kept encrypted by the outbox instead). Aggregates (dashboards, statistics, the
 * map's country layer and flows, reports under disclosure control) and reference data stay available offline.
 */
const PERSONAL =
  /^\/api\/v1\/(?:seizures(?:$|\/(?!(?:dashboard|stats|public-stats|terms|map\/countries|map\/flows|settings\/countries)$))|trainings\/(?!(?:courses|reports)$)|(?:users|directory|audit|registrations)(?:\/|$))/;
const ME = "/api/v1/auth/me";
/** Set by the app on the reads of the page's first screen: the last answer kept may be shown while it is re-read. */
const FIRST_SCREEN = "x-pact-first-screen";
const SESSION_CHANGES = /^\/api\/v1\/auth\/(sign-in|sign-out|2fa\/verify|sessions\/sign-out-everywhere)/;

let sessionKey: string | null = null;
let sessionProof: string | null = null;
/** Bumped whenever the session changes: an answer that started before does not land in the new session's cache. */
let generation = 0;

async function currentSession(): Promise<string> {
  if (sessionKey) return sessionKey;
  const stored = await (await caches.open(META_CACHE)).match(SESSION_ENTRY);
  sessionKey = stored ? await stored.text() : "visitor";
  return sessionKey;
}

/** The server's name of the session whose answers are kept ("" for a visitor's). */
async function currentProof(): Promise<string> {
  if (sessionProof !== null) return sessionProof;
  const stored = await (await caches.open(META_CACHE)).match(PROOF_ENTRY);
  sessionProof = stored ? await stored.text() : "";
  return sessionProof;
}

async function setProof(proof: string): Promise<void> {
  if (proof === (await currentProof())) return;
  sessionProof = proof;
  await (await caches.open(META_CACHE)).put(PROOF_ENTRY, new Response(proof));
}

/**
 * Whether a read may be answered from what was kept: it must name (`x-pact-cache-key`, from the page's cookie) the
 * session the answers were kept for. A browser whose session ended (the server cleared the cookie with it), or that
 * never had it, asks the network, whatever the worker still holds; the answers of a visitor need no name.
 */
async function mayAnswerFromCache(request: Request): Promise<boolean> {
  return (request.headers.get(CACHE_KEY) ?? "") === (await currentProof());
}

async function setSession(key: string, proof: string): Promise<void> {
  if (key === (await currentSession())) {
    await setProof(proof);
    return;
  }
  sessionKey = key;
  generation += 1;
  await (await caches.open(META_CACHE)).put(SESSION_ENTRY, new Response(key));
  await setProof(proof);
  await dropApiCaches(key);
}

async function forgetSession(): Promise<void> {
  sessionKey = "visitor";
  sessionProof = "";
  const meta = await caches.open(META_CACHE);
  await meta.put(SESSION_ENTRY, new Response("visitor"));
  await meta.put(PROOF_ENTRY, new Response(""));
  await dropApiCaches();
  pageChunks.clear();
  await caches.delete(HINTS_CACHE);
}

async function dropApiCaches(except?: string): Promise<void> {
  for (const name of await caches.keys()) {
    if (name.startsWith(API_PREFIX) && name !== `${API_PREFIX}${except}`) await caches.delete(name);
  }
}

async function sessionKeyOf(me: { user?: { id?: string } | null; csrfToken?: string }): Promise<string> {
  if (!me.user?.id) return "visitor";
  const bytes = new TextEncoder().encode(`${me.user.id}:${me.csrfToken ?? ""}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function trim(cacheName: string, max: number): Promise<void> {
  const cache = await caches.open(cacheName);
  const keys = await cache.keys();
  for (const request of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(request);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll([SHELL_URL, ...PRECACHE]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("pact-shell-") && name !== SHELL_CACHE) await caches.delete(name);
      }
      await trim(ASSET_CACHE, MAX_ASSETS);
      await self.clients.claim();
    })(),
  );
});

/**
 * Messages from the app: "sign-out" (forget every API answer; the worker also sees the sign-out request itself) and
 * "warm" (the API addresses the first visit read before the worker was there, or while it was changing sessions:
 * the session first, then the reference data and the views among them that may be kept, are fetched once more into
 * the cache, so the next visit starts from them). Record- and person-level addresses are never fetched.
 */
self.addEventListener("message", (event) => {
  const data = event.data as { type?: string; urls?: unknown } | null;
  if (data?.type === "warm" && Array.isArray(data.urls)) {
    const urls = data.urls
      .filter((u): u is string => typeof u === "string")
      .map((u) => new URL(u, self.location.origin))
      .filter((u) => u.origin === self.location.origin && mayKeep(u));
    const unique = [...new Map(urls.map((u) => [u.href, u])).values()].slice(0, 20);
    event.waitUntil(
      (async () => {
        // Asked of the network again (a trial reading the page's answers from the HTTP cache, `force-cache`, lost
        // the member's reference data on the next visit; see performance.md): a few KB after the page is usable.
        const read = (url: URL) =>
          api(
            new Request(url.href, { credentials: "same-origin", headers: { Accept: "application/json" } }),
            url,
            (p) => event.waitUntil(p),
          ).catch(() => undefined);
        // The session first: the others are kept in its cache. Then the others side by side (one round trip each).
        for (const url of unique.filter((u) => u.pathname === ME)) await read(url);
        await Promise.all(unique.filter((u) => u.pathname !== ME).map(read));
      })(),
    );
  }
  if (data?.type === "page-chunks") event.waitUntil(keepPageChunks(data as { path?: unknown; chunks?: unknown }));
  if (data?.type === "sign-out") {
    generation += 1;
    event.waitUntil(forgetSession());
  }
});

/**
 * The lists kept since the worker started, chunks it holds only: a navigation then needs no Cache Storage call
 * beyond the shell's (each one a round trip to the browser, 0.1-0.4 s in all on a loaded machine, while the
 * navigation waits). A worker started afresh reads them from `HINTS_CACHE`.
 */
const pageChunks = new Map<string, string[]>();

/** The hints' key for a page's path: record ids as `:id`, no query. */
function hintKey(pathname: string): string {
  return `/__pact/page-chunks${pathname.replace(RECORD_SEGMENT, "/:id")}`;
}

/** Keeps the chunks a page reported (see `page-chunks` above), the shell's own left out (index.html has them). */
async function keepPageChunks(data: { path?: unknown; chunks?: unknown }): Promise<void> {
  if (typeof data.path !== "string" || !data.path.startsWith("/") || data.path.length > 300) return;
  if (data.path.startsWith("/api/") || !Array.isArray(data.chunks)) return;
  const shellFiles = new Set(PRECACHE);
  const chunks = [...new Set(data.chunks.filter((c): c is string => typeof c === "string" && PRELOADABLE.test(c)))]
    .filter((c) => !shellFiles.has(c))
    .slice(0, 24);
  const cache = await caches.open(HINTS_CACHE);
  await cache.put(hintKey(data.path), new Response(JSON.stringify(chunks)));
  await trim(HINTS_CACHE, MAX_HINTS);
  // A first visit read them before the worker was there: keep them now (from the browser's HTTP cache, where they
  // are immutable for a year, so usually without a byte on the link), for the next visit's preload and offline.
  const held = await Promise.all(
    chunks.map((c) =>
      asset(new Request(new URL(c, self.location.origin).href)).then(
        (response) => (response.ok ? c : null),
        () => null,
      ),
    ),
  );
  pageChunks.set(
    hintKey(data.path),
    held.filter((c): c is string => c !== null),
  );
  for (const stale of [...pageChunks.keys()].slice(0, Math.max(0, pageChunks.size - MAX_HINTS))) {
    pageChunks.delete(stale);
  }
}

/**
 * The cached shell for a navigation to `pathname`, with a modulepreload (a stylesheet: a preload) for each chunk
 * that page needed last time and that the worker still holds (a chunk of an older build is left out).
 */
async function withPageChunks(page: Response, pathname: string): Promise<Response> {
  try {
    const key = hintKey(pathname);
    const known = pageChunks.get(key);
    const kept = known ? undefined : await (await caches.open(HINTS_CACHE)).match(key);
    if (!known && !kept) return page;
    const listed = known ?? ((await kept?.json()) as unknown);
    if (!Array.isArray(listed)) return page;
    const wanted = listed.filter((c): c is string => typeof c === "string" && PRELOADABLE.test(c));
    // Only the assets cache is asked (the chunks were put there when the list was kept): a `caches.match` looks
    // through every cache, the session's API answers among them, while the navigation waits.
    const assets = known ? undefined : await caches.open(ASSET_CACHE);
    const held = await Promise.all(
      wanted.map(async (c) => (!assets || (await assets.match(new URL(c, self.location.origin).href)) ? c : null)),
    );
    if (!known)
      pageChunks.set(
        key,
        held.filter((c): c is string => c !== null),
      );
    const links = held
      .filter((c): c is string => c !== null)
      .map((c) =>
        c.endsWith(".css")
          ? `<link rel="preload" as="style" crossorigin href="${c}">`
          : `<link rel="modulepreload" crossorigin href="${c}">`,
      );
    if (links.length === 0) return page;
    const html = await page.clone().text();
    if (!html.includes("</head>")) return page;
    const headers = new Headers(page.headers);
    headers.delete("content-length");
    headers.delete("content-encoding");
    return new Response(html.replace("</head>", `${links.join("\n")}\n</head>`), {
      status: page.status,
      statusText: page.statusText,
      headers,
    });
  } catch {
    return page;
  }
}

async function shell(request: Request): Promise<Response> {
  const cached = await caches.match(SHELL_URL, { cacheName: SHELL_CACHE });
  if (cached) return withPageChunks(cached, new URL(request.url).pathname);
  return fetch(request);
}

async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(ASSET_CACHE);
  const cached = (await cache.match(request)) ?? (await caches.match(request, { cacheName: SHELL_CACHE }));
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

/** An API read the worker may keep on the device: not a file, an export or a change, and not record- or person-level. */
function mayKeep(url: URL): boolean {
  return url.pathname.startsWith("/api/v1/") && !NEVER.test(url.pathname) && !PERSONAL.test(url.pathname);
}

function cacheable(response: Response): boolean {
  return response.ok && response.status === 200 && (response.headers.get("content-type") ?? "").includes("json");
}

/**
 * Stores the answer in the session's cache unless the session changed while it was on its way. (Refusing answers
 * whose `x-pact-cache-key` differed from the one `/auth/me` gave kept a labelled duplicate alert stale in the
 * projects journey: the list's fresh answer was not kept, so the page's re-read got the old one again. What keeps
 * sessions apart is the generation here and the name a read must carry to be answered from the cache.)
 */
async function keep(request: Request, response: Response, startedIn: number): Promise<void> {
  if (!cacheable(response) || startedIn !== generation) return;
  const name = `${API_PREFIX}${await currentSession()}`;
  await (await caches.open(name)).put(request, response);
  await trim(name, MAX_API_ENTRIES);
}

/**
 * A copy of a cached answer marked with the time it was fetched (its Date header): `x-pact-offline` when served
 * because the network failed, `x-pact-cached` when shown while the network is asked again.
 */
function marked(cached: Response, header: "x-pact-offline" | "x-pact-cached"): Response {
  const headers = new Headers(cached.headers);
  headers.set(header, cached.headers.get("date") ?? "");
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
}

const offline = (cached: Response) => marked(cached, "x-pact-offline");

type Notify = (message: { type: "refreshed" | "stale-offline"; url: string; date?: string }) => Promise<void>;

/**
 * After a kept answer was shown: tells the page when the network's answer is another (a different body, or a refusal
 * such as a session that ended), so that it reads again, or when the network could not be had, so that it says it
 * is offline and how old the answer is. A server error keeps what is shown.
 */
async function revalidate(shown: Response, fromNetwork: Promise<Response>, url: URL, notify: Notify): Promise<void> {
  const address = url.pathname + url.search;
  try {
    const fresh = await fromNetwork;
    if (fresh.status >= 500) return;
    if (!fresh.ok || (await fresh.clone().text()) !== (await shown.text())) {
      await notify({ type: "refreshed", url: address });
    }
  } catch {
    await notify({ type: "stale-offline", url: address, date: shown.headers.get("date") ?? "" });
  }
}

/**
 * Whether a kept answer is still fresh by the server's own word (`max-age` in its Cache-Control, counted from its
 * Date): the country shapes (a week), for instance, are then shown without asking the network at all.
 */
function stillFresh(cached: Response): boolean {
  const control = cached.headers.get("cache-control") ?? "";
  const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(control)?.[1];
  if (!maxAge || /no-cache|no-store/.test(control)) return false;
  const date = Date.parse(cached.headers.get("date") ?? "");
  return !Number.isNaN(date) && Date.now() < date + Number(maxAge) * 1000;
}

/**
 * Asks the network for `request`. With a kept answer that has an ETag the question is conditional (If-None-Match),
 * so that an unchanged answer costs a 304 instead of its body (the country shapes are 140 KB on the link); the kept
 * body is then answered again, dated by the 304. The browser's HTTP cache is not relied on for this: it is not
 * always there (a private window, a cleared cache) and may hold a copy under another session.
 */
async function fromNetwork(request: Request, cached: Response | undefined): Promise<Response> {
  const etag = cached?.headers.get("etag");
  if (!cached || !etag) return fetch(request);
  const headers = new Headers(request.headers);
  headers.set("if-none-match", etag);
  const response = await fetch(new Request(request, { headers }));
  if (response.status !== 304) return response;
  const kept = new Headers(cached.headers);
  const date = response.headers.get("date");
  if (date) kept.set("date", date);
  return new Response(await cached.arrayBuffer(), { status: 200, statusText: "OK", headers: kept });
}

async function api(
  request: Request,
  url: URL,
  waitUntil: (p: Promise<unknown>) => void,
  notify: Notify = async () => {},
): Promise<Response> {
  const startedIn = generation;
  const cache = await caches.open(`${API_PREFIX}${await currentSession()}`);
  const cached = (await mayAnswerFromCache(request)) ? await cache.match(request) : undefined;
  const showKept = REFERENCE.test(url.pathname) || request.headers.get(FIRST_SCREEN) === "1";
  // Fresh by the server's own word: no question on the link at all.
  if (showKept && cached && stillFresh(cached)) return marked(cached, "x-pact-cached");
  const network = fromNetwork(request, cached?.clone()).then(async (response) => {
    if (url.pathname === ME && cacheable(response)) {
      await setSession(await sessionKeyOf(await response.clone().json()), response.headers.get(CACHE_KEY) ?? "");
      await keep(request, response.clone(), generation);
    } else await keep(request, response.clone(), startedIn);
    return response;
  });
  if (showKept && cached) {
    waitUntil(revalidate(cached.clone(), network, url, notify));
    return self.navigator.onLine ? marked(cached, "x-pact-cached") : offline(cached);
  }
  try {
    return await network;
  } catch (error) {
    if (cached) return offline(cached);
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // A new session (or none): the previous one's answers go, whoever uses the device next.
    if (SESSION_CHANGES.test(url.pathname)) {
      generation += 1;
      event.waitUntil(forgetSession());
    }
    return;
  }
  if (request.mode === "navigate") {
    if (url.pathname.startsWith("/api/") || url.pathname === "/sw.js") return;
    event.respondWith(shell(request));
    return;
  }
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(asset(request));
    return;
  }
  if (mayKeep(url) && !request.headers.has("range")) {
    const notify: Notify = async (message) => (await self.clients.get(event.clientId))?.postMessage(message);
    event.respondWith(api(request, url, (p) => event.waitUntil(p), notify));
  }
});

// A module, so that `self` above is this worker's scope rather than the page's window.
export {};
