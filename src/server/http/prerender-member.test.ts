import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import cookie from "@fastify/cookie";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Json, ok, publishedSeizure } from "../../../test/api-calls.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/app.js";
import { projectInput } from "../../../test/fixtures.js";
import { formatMass, formatNumber, formatSignificant } from "../../common/format.js";
import { installRequestContext } from "./request-context.js";
import { SESSION_COOKIE } from "./security.js";
import { registerWebApp } from "./web-app.js";

/**
 * The members' first screens (issue 18): the dashboard, the seizure map and ADAM's statistics rendered into the HTML
 * for a signed-in member show what the API answers that member, no more (another partner's member does not see a
 * partner-level record), are never stored (`private, no-store`), and nobody without a session (or with terms not
 * accepted) gets any of it.
 */
const TEMPLATE = `<!doctype html><html lang="en"><head><title>Paris Pact</title>
<script type="module" crossorigin src="/assets/index-AbCd1234.js"></script></head>
<body><div id="root"></div></body></html>`;

/** The cells of each row of the table under the heading `id`, as text. */
function rowsOf(html: string, id: string): string[][] {
  const section = new RegExp(`<section aria-labelledby="${id}">([\\s\\S]*?)</section>`).exec(html)?.[1];
  if (section === undefined) throw new Error(`no section ${id}`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...(m[1] ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => (c[1] ?? "").replace(/<[^>]+>/g, "")),
  );
}

describe("web app: members' pages prerendered as the API answers each member", () => {
  let t: TestApp;
  let web: FastifyInstance;
  let dist: string;
  let coordinator: TestClient;
  let tjk: TestClient;
  let unodc: TestClient;
  let partnerOnly: string;

  const page = (url: string, c?: TestClient, lang = "ru") =>
    web.inject({ url, cookies: c?.cookies ?? {}, headers: { "accept-language": lang } });
  const api = async (c: TestClient, url: string) => {
    const res = await c.request({ url: `/api/v1${url}`, headers: { "accept-language": "ru" } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Json;
  };

  beforeAll(async () => {
    t = await createTestApp();
    dist = fs.mkdtempSync(path.join(os.tmpdir(), "pact-web-member-"));
    fs.writeFileSync(path.join(dist, "index.html"), TEMPLATE);
    web = Fastify({ logger: false });
    await web.register(cookie);
    installRequestContext(web);
    // The pages' data come from the real API app, as each user.
    await registerWebApp(web, t.ctx, dist, (options) => t.app.inject(options));
    await web.ready();

    const liaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await t.ctx.database.db
      .insertInto("user_country_scopes")
      .values({ user_id: liaison.userId as string, country_code: "TJK" })
      .execute();
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    tjk = await t.signIn("member", { partnerCode: "TJK" });
    unodc = await t.signIn("member", { partnerCode: "UNODC" });
    for (const c of [liaison, coordinator, tjk, unodc]) await ok(c, "POST", "/seizures/terms/accept", {});
    await publishedSeizure(liaison, coordinator, "members", 12.5);
    partnerOnly = await publishedSeizure(liaison, coordinator, "partner", 777);

    const focal = await t.signIn("focal_point", { partnerCode: "TJK" });
    const project = await ok(focal, "POST", "/projects", projectInput("Border liaison offices"));
    await ok(focal, "POST", `/projects/${project.id}/transition`, { to: "submitted", version: 1 });
    await ok(coordinator, "POST", `/projects/${project.id}/transition`, { to: "published", version: 2 });
  });
  afterAll(async () => {
    await web?.close();
    await t?.close();
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  it("shows each member the dashboard's figures the API gives them, in Russian, never stored", async () => {
    const seen = new Map<TestClient, string>();
    for (const c of [tjk, unodc]) {
      const res = await page("/seizures", c);
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toBe("private, no-store");
      expect(res.headers.vary).toContain("cookie");
      expect(res.body).toContain('<html lang="ru"');
      expect(res.body).toContain("<h1>Изъятия наркотиков</h1>");
      expect(res.body).toContain("data-prerendered");
      const d = await api(c, "/seizures/dashboard");
      expect(res.body).toContain(`<b>${formatNumber(d.totals.cases, "ru", 0)}</b> Опубликованные изъятия`);
      expect(res.body).toContain(`<b>${formatMass(d.totals.massKg, "ru")}</b>`);
      // The largest seizures: the same records, linked, in the same order.
      const links = [...res.body.matchAll(/href="\/seizures\/records\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
      expect(links).toEqual(d.top.map((s: Json) => s.id));
      expect(rowsOf(res.body, "pre-country").map((r) => r[1])).toEqual(
        [...d.byCountry].sort((a, b) => b.massKg - a.massKg).map((r: Json) => formatSignificant(r.massKg, "ru")),
      );
      seen.set(c, res.body);
    }
    // Tajikistan's member reads its partner-level record; UNODC's member does not, on the page as in the API.
    expect(seen.get(tjk)).toContain(partnerOnly);
    expect(seen.get(unodc)).not.toContain(partnerOnly);
    expect(seen.get(unodc)).not.toContain(formatMass(777 + 12.5, "ru"));
    expect(seen.get(tjk)).toContain(formatMass(777 + 12.5, "ru"));

    const en = await page("/seizures", tjk, "en");
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain("<h1>Drug seizures</h1>");
  });

  it("shows the map page's country totals as its country layer answers", async () => {
    for (const c of [tjk, unodc]) {
      const res = await page("/seizures/map", c);
      expect(res.headers["cache-control"]).toBe("private, no-store");
      expect(res.body).toContain("<h1>Карта изъятий</h1>");
      const layer = await api(c, "/seizures/map/countries");
      expect(layer.items.length).toBeGreaterThan(0);
      expect(rowsOf(res.body, "pre-map-countries")).toEqual(
        layer.items.map((r: Json) => [
          "Таджикистан",
          formatSignificant(r.massKg, "ru"),
          formatNumber(r.cases, "ru", 0),
        ]),
      );
    }
  });

  it("shows ADAM's funding by donor, country, pillar, theme and year as the pivot answers", async () => {
    const res = await page("/projects/stats", unodc);
    expect(res.headers["cache-control"]).toBe("private, no-store");
    expect(res.body).toContain("<h1>Графики и таблицы</h1>");
    const usd = new Intl.NumberFormat("ru", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
    for (const dim of ["donor", "country", "pillar", "theme", "year"]) {
      const pivot = await api(unodc, `/projects/stats/pivot?rows=${dim}&measure=usd`);
      expect(pivot.rows.length, dim).toBeGreaterThan(0);
      expect(
        rowsOf(res.body, `pre-${dim}`).map((r) => r[1]),
        dim,
      ).toEqual(pivot.rowTotals.slice(0, 15).map((v: number) => usd.format(v)));
    }
    expect(rowsOf(res.body, "pre-country")[0]?.[0]).toBe("Таджикистан");
  });

  it("is never kept by the service worker: a navigation gets its cached shell, and it stores JSON answers only", () => {
    const worker = fs.readFileSync(path.resolve(import.meta.dirname, "../../web/sw/service-worker.ts"), "utf8");
    expect(worker).toMatch(/request\.mode === "navigate"\)[\s\S]{0,200}respondWith\(shell\(request\)\)/);
    const shell = /async function shell\([\s\S]*?\n}/.exec(worker)?.[0] ?? "";
    expect(shell).not.toMatch(/\.put\(/);
    // Every write to an API cache goes through `keep`, which stores only what `cacheable` accepts: JSON.
    expect(/function cacheable\([\s\S]*?\n}/.exec(worker)?.[0]).toMatch(/content-type[\s\S]*json/);
    expect(/async function keep\([\s\S]*?\n}/.exec(worker)?.[0]).toMatch(/if \(!cacheable\(response\)/);
  });

  it("gives no member data without a session, with an unknown one, with terms not accepted or a filtered view", async () => {
    const fresh = await t.signIn("member", { partnerCode: "TJK" });
    for (const [url, c] of [
      ["/seizures", undefined],
      ["/seizures/map", undefined],
      ["/projects/stats", undefined],
      ["/seizures", { cookies: { [SESSION_COOKIE]: "not-a-session" } } as unknown as TestClient],
      // DMP terms not accepted: the API answers 403, so the app shows its terms gate.
      ["/seizures", fresh],
      ["/seizures?countries=TJK", tjk],
    ] as const) {
      const res = await page(url, c);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(TEMPLATE);
      expect(res.body, url).not.toContain(partnerOnly);
    }
  });
});
