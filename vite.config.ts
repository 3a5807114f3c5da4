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
