// A process that opens the embedded PostgreSQL of PACT_DATA_DIR (argv[2]) the way the platform does, prints how
// it got it, writes a row when asked, and holds it until it is signalled: the other side of the lifecycle tests.
import pg from "pg";
import { startEmbeddedPostgres } from "../src/server/db/embedded-postgres.js";

const dataDir = process.argv[2] as string;
const cluster = await startEmbeddedPostgres({ dataDir, durable: process.argv[3] === "durable" });
const client = new pg.Client(cluster.connection());
await client.connect();
await client.query("create table if not exists held (note text)");
await client.query("insert into held values ($1)", [`written by ${process.pid}`]);
const postmaster = (await client.query("select pg_postmaster_start_time() as t")).rows[0].t;
await client.end();
const stop = async () => {
  await cluster.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
console.log(JSON.stringify({ origin: cluster.origin, pid: process.pid, postmaster }));
setInterval(() => {}, 60_000);
