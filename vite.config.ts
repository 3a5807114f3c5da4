import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * Web app build. Vite's root is the repository root, so index.html lives at the root and loads
 * src/web/main.tsx; the output goes to dist/web, which the API process serves as static files.
 * Keeping root at the repository root also keeps Vitest's test discovery unaffected if this file
 * is ever picked up by it.
 */
export default defineConfig({
  plugins: [react()],
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
      output: {
        // At 400 ms a round trip, dozens of tiny shared chunks cost more than their bytes (issue 18): the messages
        // of one language travel as one chunk, and the libraries every page runs on (React, Mantine, TanStack,
        // i18next, zod) as one. Charts, maps and spreadsheets stay in their own chunks, loaded where drawn.
        codeSplitting: {
          groups: [
            { name: "messages-en", test: /src[\\/]web[\\/]i18n[\\/](modules[\\/][^\\/]+\.)?en\.json$/, priority: 30 },
            { name: "messages-ru", test: /src[\\/]web[\\/]i18n[\\/](modules[\\/][^\\/]+\.)?ru\.json$/, priority: 30 },
            {
              name: "platform",
              test: /node_modules[\\/](react|react-dom|scheduler|@mantine[\\/]core|@mantine[\\/]hooks|@tanstack|i18next|react-i18next|i18next-icu|intl-messageformat|@formatjs|zod|@floating-ui|clsx|react-remove-scroll|react-number-format|react-textarea-autosize|use-sidecar|use-callback-ref|tslib|get-nonce|react-style-singleton|detect-node-es|aria-hidden)[\\/]/,
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
