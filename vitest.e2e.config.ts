import { defineConfig } from "vitest/config";

const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    environment: "node",
    // One platform started and stopped for the run, which fresh journeys' platforms copy (e2e/harness.ts).
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // One browser and one server at a time on a two-core machine.
    fileParallelism: false,
    reporters: json ? ["default", "json"] : ["default"],
    ...(json ? { outputFile: { json } } : {}),
  },
});
