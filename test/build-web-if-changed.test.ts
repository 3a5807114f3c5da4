import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const SCRIPT = path.resolve(import.meta.dirname, "../scripts/build-web-if-changed.mjs");

/** A small Vite app laid out like ours: index.html at the root, src/web importing src/common. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-web-stamp-"));
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
};
write("index.html", '<!doctype html><html><body><script type="module" src="/src/web/main.js"></script></body></html>');
write("vite.config.mjs", 'export default { publicDir: false, build: { outDir: "dist/web", emptyOutDir: true } };');
write("src/web/main.js", 'import { greet } from "../common/greet.js";\ndocument.body.append(greet());\n');
write("src/common/greet.js", 'export const greet = () => "hello";\n');

function start() {
  const run = spawnSync(process.execPath, [SCRIPT], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}
const stamp = path.join(dir, "dist/web/.build-inputs.json");

describe("npm start builds the web app only when its sources changed", () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("builds when never built, then not again while nothing changed", () => {
    expect(start().out).toMatch(/building \(not built yet\) … built in/);
    expect(fs.existsSync(stamp)).toBe(true);
    expect(start()).toEqual({ code: 0, out: "Web app: up to date (dist/web)\n" });
  });

  it("rebuilds when a source changes, not when a test does", () => {
    write("src/common/greet.js", 'export const greet = () => "hello again";\n');
    expect(start().out).toMatch(/building \(changed: src\/common\/greet\.js\)/);
    write("src/web/main.test.js", "// a test is never in the bundle\n");
    expect(start().out).toMatch(/up to date/);
  });

  it("rebuilds when a built file is missing", () => {
    fs.rmSync(path.join(dir, "dist/web/index.html"));
    expect(start().out).toMatch(/building \(1 built file\(s\) missing\)/);
  });

  it("follows a file the build read from outside src/web and src/common", () => {
    write("lib/extra.js", "export const extra = 1;\n");
    write("src/web/main.js", 'import { extra } from "../../lib/extra.js";\ndocument.body.append(String(extra));\n');
    expect(start().out).toMatch(/built in/);
    write("lib/extra.js", "export const extra = 2;\n");
    expect(start().out).toMatch(/building \(changed: lib\/extra\.js\)/);
  });

  it("leaves no stamp when the build fails, so the next start builds again", () => {
    write("src/web/main.js", "import { nothing } from './missing.js';\n");
    const failed = start();
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/failed/);
    expect(fs.existsSync(stamp)).toBe(false);
    write("src/web/main.js", 'document.body.append("fixed");\n');
    expect(start().out).toMatch(/building \(no record of the last build\) … built in/);
  });
});
