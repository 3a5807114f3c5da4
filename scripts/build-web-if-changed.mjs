// Builds the web app (vite build → dist/web) only when something the build reads has changed since the last
// successful build, so `npm start` does not spend a minute rebuilding an unchanged app. `npm run build` still
// always builds; `--force` here does too. Prints one line.
//
// What the build reads: the root files below, every source file under src/web and src/common, the installed
// packages (package-lock.json and npm's record of node_modules), VITE_* variables, and any other file the last
// build actually loaded (recorded by a small plugin, so an import from elsewhere is not missed). Their hashes
// are written to dist/web/.build-inputs.json after a successful build; a failed build leaves no stamp.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const OUT_DIR = "dist/web"; // vite.config.ts build.outDir
const STAMP = ".build-inputs.json";
const STAMP_VERSION = 1;
const SOURCE_DIRS = ["src/web", "src/common"];
const ROOT_FILES =
  /^(index\.html|vite\.config\.[cm]?[jt]s|tsconfig(\..+)?\.json|package(-lock)?\.json|\.env(\..+)?|postcss\.config\.[cm]?[jt]s|\.postcssrc.*|\.browserslistrc)$/;
// Tests are never part of the bundle; editing one must not cost a rebuild.
const NOT_BUILT = /\.(test|spec)\.[cm]?[jt]sx?$/;

/** Relative paths (with "/") of the files the build reads, found on disk now. */
function listInputs(root) {
  const files = fs.readdirSync(root).filter((name) => ROOT_FILES.test(name));
  if (fs.existsSync(path.join(root, "node_modules/.package-lock.json"))) files.push("node_modules/.package-lock.json");
  for (const dir of SOURCE_DIRS) {
    if (!fs.existsSync(path.join(root, dir))) continue;
    for (const entry of fs.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || NOT_BUILT.test(entry.name)) continue;
      files.push(path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
    }
  }
  return files;
}

/** sha256 of each file; a file that is gone hashes to "missing" so its disappearance counts as a change. */
function hashFiles(root, files) {
  const hashes = {};
  for (const file of [...new Set(files)].sort()) {
    const full = path.join(root, file);
    hashes[file] = fs.existsSync(full) ? createHash("sha256").update(fs.readFileSync(full)).digest("hex") : "missing";
  }
  const env = Object.entries(process.env).filter(([key]) => key.startsWith("VITE_") || key === "NODE_ENV");
  hashes["(environment)"] = createHash("sha256").update(JSON.stringify(env.sort())).digest("hex");
  return hashes;
}

function readStamp(outDir) {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(outDir, STAMP), "utf8"));
    return stamp.version === STAMP_VERSION ? stamp : null;
  } catch {
    return null;
  }
}

/** Why a build is needed, or null when dist/web is the build of exactly these inputs. */
function whyBuild(root) {
  const outDir = path.join(root, OUT_DIR);
  const stamp = readStamp(outDir);
  if (!stamp) return fs.existsSync(outDir) ? "no record of the last build" : "not built yet";
  const missing = stamp.outputs.filter((file) => !fs.existsSync(path.join(outDir, file)));
  if (missing.length) return `${missing.length} built file(s) missing`;
  const now = hashFiles(root, [...listInputs(root), ...Object.keys(stamp.inputs).filter((f) => f !== "(environment)")]);
  const changed = Object.keys({ ...now, ...stamp.inputs }).filter((file) => now[file] !== stamp.inputs[file]);
  if (!changed.length) return null;
  const named = changed.slice(0, 3).join(", ");
  return `changed: ${named}${changed.length > 3 ? ` and ${changed.length - 3} more` : ""}`;
}

/** Records every file outside node_modules that the build loaded. */
function recordInputs(root, seen) {
  const note = (id) => {
    const file = id.split("?")[0];
    if (!file || file.startsWith("\0") || !path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`))
      return;
    const relative = path.relative(root, file);
    if (!relative.startsWith("..") && fs.existsSync(file)) seen.add(relative.split(path.sep).join("/"));
  };
  return {
    name: "pact-record-build-inputs",
    buildEnd() {
      for (const id of this.getModuleIds()) note(id);
    },
  };
}

function listOutputs(outDir) {
  return fs
    .readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== STAMP)
    .map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

/** Runs vite build quietly; on failure prints what Vite said and leaves no stamp. */
async function buildWeb(root) {
  const outDir = path.join(root, OUT_DIR);
  fs.rmSync(path.join(outDir, STAMP), { force: true });
  // Hashed before the build: a file edited while it runs then differs from the stamp and triggers the next build.
  const before = hashFiles(root, listInputs(root));
  const { build } = await import("vite");
  const messages = [];
  let warnings = 0;
  const keep = (msg) => messages.push(msg);
  const warn = (msg) => {
    warnings++;
    keep(msg);
  };
  const customLogger = {
    info: keep,
    warn,
    warnOnce: warn,
    error: keep,
    clearScreen() {},
    hasErrorLogged: () => false,
    hasWarned: false,
  };
  const seen = new Set();
  try {
    await build({ root, logLevel: "warn", customLogger, plugins: [recordInputs(root, seen)] });
  } catch (error) {
    process.stderr.write(`${messages.join("\n")}\n`);
    throw error;
  }
  const inputs = {
    ...hashFiles(
      root,
      [...seen].filter((f) => !(f in before)),
    ),
    ...before,
  };
  const stamp = { version: STAMP_VERSION, builtAt: new Date().toISOString(), inputs, outputs: listOutputs(outDir) };
  const file = path.join(outDir, STAMP);
  fs.writeFileSync(`${file}.part`, `${JSON.stringify(stamp, null, 1)}\n`);
  fs.renameSync(`${file}.part`, file);
  return { warnings };
}

async function main() {
  const root = process.cwd();
  const force = process.argv.includes("--force");
  const reason = force ? "forced" : whyBuild(root);
  if (!reason) {
    console.log(`Web app: up to date (${OUT_DIR})`);
    return;
  }
  process.stdout.write(`Web app: building (${reason}) … `);
  const started = performance.now();
  try {
    const { warnings } = await buildWeb(root);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const note = warnings ? `; ${warnings} warning(s), see \`npm run build\`` : "";
    console.log(`built in ${seconds} s${note}`);
  } catch (error) {
    console.log("failed");
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}

await main();
