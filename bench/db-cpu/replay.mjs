/**
 * The database CPU the same read statements cost on two PostgreSQL servers on this machine:
 *
 *   node bench/db-cpu/replay.mjs capture.jsonl postgres://…/a postgres://…/b [passes=3]
 *
 * Both databases must hold the same data (restore one's pg_dump into the other, then VACUUM ANALYZE both). Each
 * pass sends every captured statement once, over one connection per server, alternating which server goes first;
 * the backend's CPU time is read from /proc/<pid>/schedstat (so run it on the servers' machine, as their owner or
 * root). CPU time, not wall time: other load on the machine does not count. Prints the median per pass, b / a, and
 * the statements that cost b the most more.
 */
import fs from "node:fs";
import pg from "pg";

const [file, urlA, urlB, passesArg] = process.argv.slice(2);
if (!file || !urlA || !urlB) {
  console.error("usage: node bench/db-cpu/replay.mjs capture.jsonl urlA urlB [passes]");
  process.exit(2);
}
const passes = Number(passesArg ?? 3);
const statements = fs
  .readFileSync(file, "utf8")
  .split("\n")
  .filter(Boolean)
  .flatMap((line) => {
    try {
      return [JSON.parse(line)];
    } catch {
      return []; // the last line of a capture cut off by the server's end
    }
  });
const servers = [
  { name: "a", url: urlA },
  { name: "b", url: urlB },
];
for (const s of servers) {
  s.client = new pg.Client({ connectionString: s.url });
  await s.client.connect();
  s.pid = (await s.client.query("select pg_backend_pid() as p")).rows[0].p;
  // A server built without LLVM has no JIT; the other's is turned off so both run the same executor.
  await s.client.query("set jit = off");
  s.passes = [];
  s.byStatement = new Map();
}
const cpuNs = (pid) => Number(fs.readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
const shape = (text) => text.replace(/\s+/g, " ").trim().slice(0, 100);
const failing = new Set();
for (const s of servers) {
  for (const [i, st] of statements.entries()) {
    try {
      await s.client.query(st.t, st.v); // warms plans' catalogs and buffers; finds statements either server refuses
    } catch {
      failing.add(i);
    }
  }
}
console.log(`${statements.length} statements, ${failing.size} left out (refused by either server)`);
for (let pass = 0; pass < passes; pass++) {
  for (const s of pass % 2 === 0 ? servers : [...servers].reverse()) {
    const start = cpuNs(s.pid);
    for (const [i, st] of statements.entries()) {
      if (failing.has(i)) continue;
      const before = cpuNs(s.pid);
      await s.client.query(st.t, st.v);
      const key = shape(st.t);
      s.byStatement.set(key, (s.byStatement.get(key) ?? 0) + cpuNs(s.pid) - before);
    }
    s.passes.push((cpuNs(s.pid) - start) / 1e6);
    console.log(`pass ${pass + 1}, ${s.name}: backend CPU ${s.passes.at(-1).toFixed(0)} ms`);
  }
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const [a, b] = servers;
console.log(
  `median backend CPU per pass: a ${median(a.passes).toFixed(0)} ms, b ${median(b.passes).toFixed(0)} ms, b / a ${(median(b.passes) / median(a.passes)).toFixed(2)}`,
);
const rows = [...a.byStatement.keys()].map((key) => ({
  key,
  a: a.byStatement.get(key) / 1e6 / passes,
  b: (b.byStatement.get(key) ?? 0) / 1e6 / passes,
}));
console.log("\nms per pass, a | b | statement (largest on a first)");
for (const r of rows.sort((x, y) => y.a - x.a).slice(0, 15))
  console.log(`${r.a.toFixed(0)} | ${r.b.toFixed(0)} | ${r.key}`);
for (const s of servers) await s.client.end();
