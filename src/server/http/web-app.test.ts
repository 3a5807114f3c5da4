import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import cookie from "@fastify/cookie";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.js";
import { SYSTEM_ACTOR } from "../platform/audit.js";
import { escapeHtml } from "./prerender.js";
import { installRequestContext } from "./request-context.js";
import { SESSION_COOKIE } from "./security.js";
import { registerWebApp } from "./web-app.js";

/**
 * The web app as the API process serves it (issue 18): the public pages' first screen rendered into the HTML for
 * visitors, escaped; hashed assets cached for a year and sent as the build's brotli copy.
 */
const TEMPLATE = `<!doctype html><html lang="en"><head><title>Paris Pact</title>
<script type="module" crossorigin src="/assets/index-AbCd1234.js"></script></head>
<body><div id="root"></div></body></html>`;
const ASSET = `export const x = ${JSON.stringify("paris pact ".repeat(400))};\n`;

describe("web app: prerendered first screen and static assets", () => {
  let t: TestApp;
  let web: FastifyInstance;
  let dist: string;

  beforeAll(async () => {
    t = await createTestApp();
    dist = fs.mkdtempSync(path.join(os.tmpdir(), "pact-web-"));
    fs.mkdirSync(path.join(dist, "assets"));
    fs.writeFileSync(path.join(dist, "index.html"), TEMPLATE);
    fs.writeFileSync(path.join(dist, "sw.js"), "self.addEventListener('fetch', () => {});");
    fs.writeFileSync(path.join(dist, "assets/index-AbCd1234.js"), ASSET);
    fs.writeFileSync(path.join(dist, "assets/index-AbCd1234.js.br"), zlib.brotliCompressSync(ASSET));
    web = Fastify({ logger: false });
    await web.register(cookie);
    installRequestContext(web);
    await registerWebApp(web, t.ctx, dist);
    await web.ready();
  });
  afterAll(async () => {
    await web?.close();
    await t?.close();
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  it("renders the home page's heading and content from the reference data, in the visitor's language", async () => {
    const en = await web.inject({ url: "/", headers: { "accept-language": "en-GB" } });
    expect(en.statusCode).toBe(200);
    expect(en.headers["content-type"]).toMatch(/text\/html/);
    expect(en.headers["cache-control"]).toBe("no-cache");
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain("data-prerendered");
    expect(en.body).toContain("<h1>The Paris Pact partnership</h1>");
    const { counts } = await t.ctx.partners.list({});
    expect(counts.country).toBeGreaterThan(0);
    expect(en.body).toContain(`<b>${counts.country}</b> partner countries`);
    expect(en.body).toMatch(/<a href="\/pillars\/1">Pillar I: /);
    // The app's own script is still there to take over.
    expect(en.body).toContain('src="/assets/index-AbCd1234.js"');

    const ru = await web.inject({ url: "/", cookies: { pact_lang: "ru" } });
    expect(ru.body).toContain('<html lang="ru"');
    expect(ru.body).toContain("<h1>Партнерство «Парижский пакт»</h1>");
    expect(ru.body).toContain("<title>Партнерство «Парижский пакт» — Парижский пакт</title>");
  });

  it("escapes what the data holds", async () => {
    const before = (await t.ctx.partners.list({})).items.find((p) => p.code === "TJK");
    expect(before).toBeDefined();
    const evil = `<img src=x onerror="alert(1)">Tajik & 'co'`;
    await t.ctx.partners.update("TJK", { version: before?.version ?? 1, name: { en: evil, ru: evil } }, SYSTEM_ACTOR);
    t.ctx.partners.invalidateCache();
    const res = await web.inject({ url: "/partners", headers: { "accept-language": "en" } });
    expect(res.body).toContain("<h1>Partners</h1>");
    expect(res.body).not.toContain("<img src=x");
    expect(res.body).toContain(`<a href="/partners/TJK">${escapeHtml(evil)}</a>`);
    expect(escapeHtml(evil)).toBe("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Tajik &amp; &#39;co&#39;");
  });

  it("serves the plain shell to signed-in users, for other pages and for what a visitor may not see", async () => {
    for (const [url, cookies] of [
      ["/", { [SESSION_COOKIE]: "some-session" }],
      ["/seizures", {}],
      ["/meetings/not-an-id", {}],
      ["/meetings/00000000-0000-4000-8000-000000000000", {}],
      ["/factsheets/00000000-0000-4000-8000-000000000000", {}],
    ] as const) {
      const res = await web.inject({ url, cookies });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(TEMPLATE);
      expect(res.headers["cache-control"], url).toBe("no-cache");
    }
  });

  it("caches hashed assets for a year and sends the build's brotli copy", async () => {
    const br = await web.inject({ url: "/assets/index-AbCd1234.js", headers: { "accept-encoding": "br, gzip" } });
    expect(br.statusCode).toBe(200);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.rawPayload.equals(fs.readFileSync(path.join(dist, "assets/index-AbCd1234.js.br")))).toBe(true);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(ASSET);

    const plain = await web.inject({ url: "/assets/index-AbCd1234.js", headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(ASSET);

    const sw = await web.inject({ url: "/sw.js" });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers["cache-control"]).toBe("no-cache");
    expect((await web.inject({ url: "/assets/missing-1234.js" })).statusCode).toBe(404);
  });
});
