import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// A user's clone has nothing beside it: neither the product nor its tests may read the steering folder that
// stands next to the repository on our machines. The patterns are built so that this file does not name it.
const OUTSIDE = ["..", "shared"].join("/");
const SEEDS = ["shared", "seeds"].join("/");
const root = fileURLToPath(new URL("..", import.meta.url));

function git(args: string[]) {
  return spawnSync("git", args, { cwd: root, encoding: "utf8" });
}

describe("the repository holds everything the product and its tests read", () => {
  it("no tracked source, test, benchmark, script or config names the folder beside the repository", () => {
    const listed = git(["ls-files", "src", "test", "e2e", "bench", "scripts", "bin", "*.ts", "*.json", ".ci"]);
    const files = listed.stdout.split("\n").filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    const grep = git(["grep", "-l", "-F", "-e", OUTSIDE, "-e", SEEDS, "--", ...files]);
    // git grep: 0 = found, 1 = nothing found, anything else = it failed.
    expect(grep.status === 0 || grep.status === 1, grep.stderr).toBe(true);
    expect(grep.stdout.split("\n").filter(Boolean)).toEqual([]);
  });

  it("the source documents the reference data cites are in the repository", () => {
    const sources = git(["ls-files", "docs/sources"]).stdout.split("\n").filter(Boolean);
    expect(sources.filter((f) => f.endsWith(".txt"))).toHaveLength(5);
  });
});
