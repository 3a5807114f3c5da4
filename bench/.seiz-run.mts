import * as b from "./seizures-scale.ts";
for (const name of process.argv.slice(2)) {
  const t = performance.now();
  const r = await (b as any)[name]();
  console.log(JSON.stringify(r), `${((performance.now() - t) / 1000).toFixed(0)}s`);
}
