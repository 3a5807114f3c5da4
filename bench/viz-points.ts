import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import react from "@vitejs/plugin-react";
import type { Page } from "playwright-core";
import { build } from "vite";
import { launchBrowser } from "../e2e/harness.js";
import { basemap } from "../src/server/platform/geo-basemap.js";
import type { BenchResult } from "./run.js";

const POINTS = Number(process.env.BENCH_POINTS ?? 100_000);
const STEPS = 12;

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
};

/** Builds the benchmark page (the real AtlasMap) and serves it with the basemap route. */
export async function serveHarness(): Promise<{ url: string; close: () => Promise<void> }> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-viz-bench-"));
  await build({
    root: path.resolve(import.meta.dirname, "viz"),
    configFile: false,
    logLevel: "warn",
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: "es2022", rollupOptions: { input: "points.html" } },
  });
  const geo = basemap().body;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/api/v1/geo/countries") {
      res.writeHead(200, { "content-type": "application/json" }).end(geo);
      return;
    }
    const file = path.join(outDir, url.pathname === "/" ? "points.html" : path.normalize(url.pathname));
    if (!file.startsWith(outDir) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await new Promise((r) => server.close(r));
      fs.rmSync(outDir, { recursive: true, force: true });
    },
  };
}

interface Timing {
  loadMs: number;
  interactionMs: number;
  hoverMs: number;
}

/** Load to first settled frame, then pans and zooms (each until the map settles), then hover look-ups. */
async function measure(page: Page, url: string): Promise<Timing> {
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __map?: unknown }).__map !== undefined, null, {
    timeout: 120_000,
  });
  const settle = () =>
    page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: the MapLibre map exposed by the benchmark page
      const map = (window as any).__map;
      await new Promise((r) => setTimeout(r, 50));
      await new Promise<void>((resolve) => {
        const check = () => (map.loaded() && !map.isMoving() ? resolve() : setTimeout(check, 20));
        check();
      });
    });
  await settle();
  const loadMs = Date.now() - started;
  const interactionMs = await page.evaluate(async (steps) => {
    // biome-ignore lint/suspicious/noExplicitAny: the MapLibre map exposed by the benchmark page
    const map = (window as any).__map;
    const settled = () =>
      new Promise<void>((resolve) => {
        const check = () => (map.loaded() && !map.isMoving() ? resolve() : requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) {
      if (i % 3 === 2) map.zoomTo(map.getZoom() + (i % 2 ? -1 : 1), { duration: 0 });
      else map.panBy([i % 2 ? -150 : 150, 60], { duration: 0 });
      await settled();
    }
    return (performance.now() - t0) / steps;
  }, STEPS);
  const hoverMs = await page.evaluate(() => {
    // biome-ignore lint/suspicious/noExplicitAny: the MapLibre map exposed by the benchmark page
    const map = (window as any).__map;
    const canvas = map.getCanvas();
    const t0 = performance.now();
    const layers = ["clusters", "points", "flows", "countries-fill"].filter((l) => map.getLayer(l));
    for (let i = 0; i < 100; i++)
      map.queryRenderedFeatures([(i * 37) % canvas.clientWidth, (i * 53) % canvas.clientHeight], { layers });
    return (performance.now() - t0) / 100;
  });
  return { loadMs, interactionMs, hoverMs };
}

/**
 * The routes/seizures map with 100 000 clustered points against the same map without points, in the same
 * Chromium (software rendering, as on CI). Target: pan/zoom steps with 100 000 points take at most 3× as long
 * as without, and a hover look-up stays under a frame. Load time is reported in the measure column.
 */
export async function vizPoints(): Promise<BenchResult> {
  const harness = await serveHarness();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    // tsx keeps function names with a `__name` helper that does not exist in the page.
    await context.addInitScript("window.__name = (f) => f");
    const page = await context.newPage();
    await measure(page, `${harness.url}?n=0`); // warm-up: caches, JIT
    const reference = await measure(page, `${harness.url}?n=0`);
    const platform = await measure(page, `${harness.url}?n=${POINTS}`);
    const ratio = platform.interactionMs / reference.interactionMs;
    return {
      name: "viz-points",
      measure: `AtlasMap pan/zoom step, ms (${POINTS} clustered points; load ${platform.loadMs} vs ${reference.loadMs} ms; hover ${platform.hoverMs.toFixed(1)} ms)`,
      platform: platform.interactionMs,
      reference: reference.interactionMs,
      referenceName: "same map, no points",
      ratio,
      target: "≤ 3× and hover < 16 ms",
      met: ratio <= 3 && platform.hoverMs < 16,
    };
  } finally {
    await browser.close();
    await harness.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  vizPoints().then(
    (r) => console.log(r),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
