import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * The service worker (src/web/sw/service-worker.ts) is its own entry, written as `/sw.js` (a worker's scope is
 * its folder, so it lives at the root). Its first line tells it the shell to cache at install: index.html, the
 * entry chunk, every chunk it imports statically and their CSS. The list changes with every build that changes the
 * shell, so each such build is a new worker and a new cache.
 */
function serviceWorker(): Plugin {
  return {
    name: "pact-service-worker",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === "chunk");
      const entry = chunks.find((c) => c.isEntry && c.fileName !== "sw.js");
      const sw = chunks.find((c) => c.fileName === "sw.js");
      if (!entry || !sw) return;
      const files = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (chunk?.type !== "chunk" || files.has(fileName)) return;
        files.add(fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
        for (const imported of chunk.imports) visit(imported);
      };
      visit(entry.fileName);
      const precache = [...files].sort().map((f) => `/${f}`);
      const version = createHash("sha256").update(precache.join("\n")).update(sw.code).digest("hex").slice(0, 12);
      sw.code = `self.__PACT_BUILD__=${JSON.stringify({ precache, version })};\n${sw.code}`;
    },
  };
}

/**
 * A brotli copy (level 11, the smallest) of every text file the build writes, served as it is by the API process
 * (`preCompressed` in src/server/http/web-app.ts): about 10% fewer bytes than compressing on the fly at level 5,
 * and no CPU per request.
 */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "pact-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const files = (fs.readdirSync(outDir, { recursive: true }) as string[]).filter((f) =>
        /\.(js|css|html|json|svg|txt)$/.test(f),
      );
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(outDir, file);
          const data = await fs.promises.readFile(full);
          if (data.length < 1024) return;
          const br = await new Promise<Buffer>((resolve, reject) =>
            zlib.brotliCompress(
              data,
              {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                  [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
                },
              },
              (error, out) => (error ? reject(error) : resolve(out)),
            ),
          );
          await fs.promises.writeFile(`${full}.br`, br);
        }),
      );
    },
  };
}

/**
 * Web app build. Vite's root is the repository root, so index.html lives at the root and loads
 * src/web/main.tsx; the output goes to dist/web, which the API process serves as static files.
 * Keeping root at the repository root also keeps Vitest's test discovery unaffected if this file
 * is ever picked up by it.
 */
export default defineConfig({
  plugins: [react(), serviceWorker(), precompress()],
  publicDir: false,
  // zod probes `new Function` when its first object schema is built, which can be before src/web/zod-config.ts
  // runs (shared chunks are evaluated before the entry's body); our CSP then reports a script-src eval
  // violation on every page. zod reads its global config from here, so jitless holds from the start.
  define: { "globalThis.__zod_globalConfig": JSON.stringify({ jitless: true }) },
  build: {
    outDir: "dist/web",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    // Users are on slow links: keep the entry small and let each page load its own chunk.
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      input: { index: "index.html", sw: "src/web/sw/service-worker.ts" },
      output: {
        entryFileNames: (chunk) => (chunk.name === "sw" ? "sw.js" : "assets/[name]-[hash].js"),
        // At 400 ms a round trip, dozens of tiny shared chunks cost more than their bytes (issue 18): the libraries
        // every page runs on (React, Mantine, TanStack, i18next, zod) travel as one chunk, the rest of the shell as
        // another, and the messages of one language as a third (src/web/i18n/bundle.<lang>.ts, a chunk of its own
        // as the one dynamic import of its files). Charts, maps and spreadsheets stay in their own chunks, loaded
        // where drawn.
        codeSplitting: {
          groups: [
            // The rest of what the entry imports statically (our shell code, the API clients, the icons of the
            // navigation, the contracts it reads): one chunk instead of ~30 of 0.3-5 KB, each a round trip. Mantine's
            // stylesheets join it too (the platform group below leaves CSS out), so a page loads one stylesheet, not
            // two, in the same order (Mantine's first, then app.css).
            {
              name: "shell",
              tags: ["$initial"],
              // Not main.tsx: its top-level await waits for the first page's chunk, which imports this one.
              test: /src[\\/](web|common)[\\/](?!sw[\\/]|main\.tsx$)|node_modules[\\/](@tabler[\\/]|@mantine[\\/]core[\\/]styles[\\/])/,
              priority: 10,
            },
            // What two or more pages share beyond the shell (chart panel, atlas map and their models, filters, formats,
            // country names, the DMP terms gate, partner links, icons, the shared contracts): one chunk of ~25 KB
            // (brotli) instead of 10-18 chunks of 0.2-2.6 KB that a member page loaded one by one (6 connections, so
            // 3-4 waves of 400 ms). A page may load a few KB it does not use: at 400 ms a round trip and 50 KB/s,
            // 20 KB cost about one round trip. Left out: the chart and map libraries (loaded where drawn), the
            // language bundles, the offline outbox (only where a writer is signed in) and the larger modules of a
            // few pages (seizure form, report schedules, saved figures, ADAM statistics).
            {
              name: "common",
              test: /src[\\/](web|common)[\\/](?!sw[\\/]|i18n[\\/]bundle|main\.tsx$|offline[\\/]|components[\\/]viz[\\/](echarts-chart|maplibre-map|map-layers|map-legend)|pages[\\/](analyses[\\/](report-schedules|analysis-figure)|projects[\\/]stats-page|seizures[\\/]seizure-form))|node_modules[\\/]@tabler[\\/]/,
              minShareCount: 2,
              maxModuleSize: 16000,
              priority: 6,
            },
            {
              name: "platform",
              test: /node_modules[\\/](react|react-dom|scheduler|@mantine[\\/]core|@mantine[\\/]hooks|@tanstack|i18next|react-i18next|i18next-icu|intl-messageformat|@formatjs|zod|@floating-ui|clsx|react-remove-scroll|react-number-format|react-textarea-autosize|use-sidecar|use-callback-ref|tslib|get-nonce|react-style-singleton|detect-node-es|aria-hidden)[\\/](?!.*\.css$)/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: process.env.PACT_API_URL ?? "http://localhost:3000", changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: process.env.PACT_API_URL ?? "http://localhost:3000", changeOrigin: false },
    },
  },
});
