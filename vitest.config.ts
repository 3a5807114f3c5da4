import { defineConfig } from "vitest/config";

// CI asks for a JSON report too (VITEST_JSON) so it can print one closing line over all runs.
const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // One PostgreSQL for the run (embedded, or TEST_DATABASE_URL) and a migrated template each file clones.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: each file opens its own database; more parallel files only contend.
    maxWorkers: 2,
    reporters: json ? ["default", "json"] : ["default"],
    ...(json ? { outputFile: { json } } : {}),
  },
});
