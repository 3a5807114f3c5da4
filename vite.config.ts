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
