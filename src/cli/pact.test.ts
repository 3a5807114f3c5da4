import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/pact.js");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-cli-"));
// Run as root, each command's embedded PostgreSQL runs under an unprivileged account that must enter it.
fs.chmodSync(dataDir, 0o755);

async function pact(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, PACT_DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("pact CLI", { timeout: 120_000 }, () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("migrates, then says the database is up to date", async () => {
    const first = await pact("migrate");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("0001_platform");
    const second = await pact("migrate");
    expect(second.stdout).toContain("up to date");
  });

  it("loads reference data idempotently and prints the counts", async () => {
    const first = await pact("seed", "reference");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/partners\s+inserted 81, updated 0, unchanged 0/);
    const second = await pact("seed", "reference");
    expect(second.stdout).toMatch(/partners\s+inserted 0, updated 0, unchanged 81/);
    expect(second.stdout).toMatch(/commitments\s+inserted 0, updated 0, unchanged 32/);
  });

  it("creates a user with a one-time password and refuses bad input with a non-zero exit", async () => {
    const ok = await pact("users", "create", "--email", "fp@example.org", "--role", "focal_point", "--partner", "tjk");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Created focal_point fp@example.org/);
    expect(ok.stdout).toMatch(/One-time password: \S{20}/);
    const dup = await pact("users", "create", "--email", "FP@example.org", "--role", "member");
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain("email_taken");
    const badRole = await pact("users", "create", "--email", "x@example.org", "--role", "king");
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/one of member/);
    const badPartner = await pact(
      "users",
      "create",
      "--email",
      "y@example.org",
      "--role",
      "member",
      "--partner",
      "XXX",
    );
    expect(badPartner.code).not.toBe(0);
    expect(badPartner.stderr).toContain('Unknown partner "XXX"');
  });

  it("seeds demo data and removes it", async () => {
    const seeded = await pact("seed", "demo");
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain("[Demo]");
    const removed = await pact("seed", "demo", "--remove");
    expect(removed.stdout).toContain("removed 4 demo accounts");
  });
});
