/**
 * Records the read statements a platform server sends (text and parameters), one JSON line each, into
 * `$DB_CPU_CAPTURE_DIR/capture-<pid>.jsonl` (default /tmp). Load it into the server under the mixed load:
 *
 *   BENCH_SERVER_NODE_ARGS="--import $PWD/bench/db-cpu/capture.mjs" DATABASE_URL=postgres://…/scratch \
 *     BENCH_MIXED_SECONDS=30 npm run bench -- mixed-load
 *
 * then replay the statements on two servers with `bench/db-cpu/replay.mjs` (see there). Writes, locks and
 * sequence calls are left out, so a replay changes nothing.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

// Written synchronously, so nothing is left in a buffer when the bench stops the server.
const out = fs.openSync(path.join(process.env.DB_CPU_CAPTURE_DIR ?? "/tmp", `capture-${process.pid}.jsonl`), "a");
const READ = /^\s*(select|with)\b/i;
const WRITES = /\b(insert|update|delete|for update|for share|nextval|pg_advisory\w*|set_config)\b/i;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, values, callback) {
  const text = typeof config === "string" ? config : config?.text;
  const params = typeof config === "string" ? values : (config?.values ?? values);
  if (typeof text === "string" && READ.test(text) && !WRITES.test(text)) {
    fs.writeSync(out, `${JSON.stringify({ t: text, v: Array.isArray(params) ? params : [] })}\n`);
  }
  return query.call(this, config, values, callback);
};
process.once(signal, () => out.end(() => process.kill(process.pid, signal)));
