import { defineConfig } from "vitest/config";

// CI asks for a JSON report too (VITEST_JSON) so it can print one closing line over all runs.
const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: each file opens its own database; more parallel files only contend.
    maxWorkers: 2,
    reporters: json ? ["default", "json"] : ["default"],
    ...(json ? { outputFile: { json } } : {}),
    projects: [
      {
        extends: true,
        test: {
          name: "server",
          include: ["src/server/**/*.test.ts", "src/common/**/*.test.ts", "src/cli/**/*.test.ts", "test/**/*.test.ts"],
          // One PostgreSQL for the run (embedded, or TEST_DATABASE_URL) and a migrated template each file clones.
          globalSetup: ["test/global-setup.ts"],
          // The files share their worker's modules instead of importing the whole server again for each file
          // (about 3.5 s of CPU a file): half the suite's CPU time. Each file still has its own database and app;
          // a test that changes the environment, the clock or a global puts it back.
          isolate: false,
        },
      },
      {
        extends: true,
        // The web's unit tests replace modules (vi.mock) and globals: each file keeps its own modules.
        test: { name: "web", include: ["src/web/**/*.test.ts"] },
      },
    ],
  },
});
