/**
 * Published fact-sheet PDFs (issue 18): a published edition's PDF is rendered once, at publication, and served from
 * the stored file. Measured here: GET /api/v1/factsheets/:id/pdf?edition=1&lang=en of the demo's published sheet
 * (whole stack: security hooks, visibility check, edition lookup, file stream), warm, against a bare Fastify
 * streaming a static file of the same size (the same bytes) from disk. Both over loopback HTTP, one request at a
 * time, the median of `FACTSHEET_PDF_RUNS` (default 30) after 3 warm-up requests each. Target: ≤ 1 s (warm).
 * For context it also times a draft rendered on demand from the warm shared browser and a render that launches
 * its own browser (what every request did before).
 *
 * `npm run bench -- factsheet-pdf` or `npx tsx bench/factsheet-pdf.ts`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Fastify from "fastify";
import { buildApp } from "../src/server/app.js";
import { openAndMigrate } from "../src/server/bootstrap.js";
import { loadConfig } from "../src/server/config.js";
import { seedDemo } from "../src/server/demo/index.js";
import { htmlToPdf } from "../src/server/modules/factsheets/factsheets.pdf.js";
import { factsheetFooter, renderFactsheetHtml } from "../src/server/modules/factsheets/factsheets.render.js";
import { loadReferenceData } from "../src/server/reference/load.js";
import type { BenchResult } from "./run.js";

const RUNS = Number(process.env.FACTSHEET_PDF_RUNS ?? 30);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Milliseconds until the whole body of `url` has arrived, median of RUNS after 3 warm-up requests. */
async function timeGet(url: string, expectBytes: number): Promise<number> {
  const once = async () => {
    const started = performance.now();
    const res = await fetch(url);
    const body = Buffer.from(await res.arrayBuffer());
    const ms = performance.now() - started;
    if (res.status !== 200 || body.length !== expectBytes)
      throw new Error(`${url}: ${res.status}, ${body.length} bytes instead of ${expectBytes}`);
    return ms;
  };
  for (let i = 0; i < 3; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await once());
  return median(times);
}

export async function factsheetPdf(): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-bench-"));
  fs.chmodSync(dataDir, 0o755); // the embedded PostgreSQL may run under another account
  const config = loadConfig({
    ...process.env,
    PACT_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    PORT: "0",
    RATE_LIMIT_PER_MINUTE: "100000000",
  });
  const { database } = await openAndMigrate(config);
  const { app, ctx } = await buildApp(config, database, { logger: false });
  const bare = Fastify();
  try {
    await loadReferenceData(ctx);
    await seedDemo(ctx);
    // The worker's part: the publication of the demo sheet enqueued the rendering of its edition.
    while (await ctx.jobs.runNext()) {}
    const sheet = await database.db
      .selectFrom("factsheets")
      .select(["id", "edition"])
      .where("status", "=", "published")
      .executeTakeFirstOrThrow();
    const stored = await database.db
      .selectFrom("factsheet_edition_pdfs")
      .select("file_id")
      .where("factsheet_id", "=", sheet.id)
      .where("edition", "=", sheet.edition)
      .where("lang", "=", "en")
      .executeTakeFirst();
    if (!stored) throw new Error("the publication job stored no PDF (is Chromium installed?)");
    const file = await ctx.files.open(stored.file_id);
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
    const bytes = Buffer.concat(chunks);

    await app.listen({ port: 0, host: "127.0.0.1" });
    const platformUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1/factsheets/${sheet.id}/pdf?edition=${sheet.edition}&lang=en`;
    const staticPath = path.join(dataDir, "same-size.pdf");
    fs.writeFileSync(staticPath, bytes);
    bare.get("/same-size.pdf", async (_req, reply) =>
      reply
        .type("application/pdf")
        .header("content-length", String(fs.statSync(staticPath).size))
        .send(fs.createReadStream(staticPath)),
    );
    await bare.listen({ port: 0, host: "127.0.0.1" });
    const staticUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/same-size.pdf`;

    const reference = await timeGet(staticUrl, bytes.length);
    const platform = await timeGet(platformUrl, bytes.length);

    // Context: a draft's PDF from the warm shared browser, and from a browser launched for it (the old way).
    const content = ((await ctx.factsheets.repository.findEdition(sheet.id, sheet.edition))?.content ??
      null) as Parameters<typeof renderFactsheetHtml>[0];
    const warm: number[] = [];
    await ctx.factsheets.pdfs.render(content, "en", null);
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await ctx.factsheets.pdfs.render(content, "en", null);
      warm.push(performance.now() - started);
    }
    const cold: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await htmlToPdf(renderFactsheetHtml(content, "en", { edition: null }), factsheetFooter(content, "en"));
      cold.push(performance.now() - started);
    }
    const ratio = platform / reference;
    return {
      name: "factsheet-pdf",
      measure:
        `GET stored edition PDF (${Math.round(bytes.length / 1024)} kB), warm, ms, median of ${RUNS} ` +
        `(draft on demand: warm browser ${Math.round(median(warm))} ms, browser per render ${Math.round(median(cold))} ms)`,
      platform,
      reference,
      referenceName: "bare Fastify, static file of the same size",
      ratio,
      target: "≤ 1000 ms",
      met: platform <= 1000,
    };
  } finally {
    await bare.close();
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await factsheetPdf();
  console.log(JSON.stringify(result, null, 2));
}
