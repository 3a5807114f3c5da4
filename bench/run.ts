/**
 * Benchmark runner: `npm run bench [name…]`. Each benchmark measures the platform against a reference run
 * in the same process run and reports a ratio, so the figures mean something on any machine. Prints a table
 * and rewrites the results section of docs/performance.md.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { backupScale } from "./backup.js";
import { digestsWeekly } from "./digests.js";
import { facilitiesImport } from "./facilities-import.js";
import { factsheetPdf } from "./factsheet-pdf.js";
import { mixedLoad, mixedLoadLevels } from "./mixed-load.js";
import { partnersThroughput } from "./partners-throughput.js";
import { projectsDuplicateQuality, projectsDuplicateSpeed } from "./projects-duplicates.js";
import { searchRecallCross, searchRecallSame } from "./search-recall.js";
import { seizuresAdhoc } from "./seizures-adhoc.js";
import { seizuresImportIds, seizuresImportXlsxMemory } from "./seizures-import-ids.js";
import { seizuresDashboardEmbedded, seizuresDashboardPg, seizuresImportPg } from "./seizures-scale.js";
import { slowLinkDashboard, slowLinkHome } from "./slow-link.js";
import { startupFirst, startupSecond } from "./startup.js";
import { trainingsLinkageQuality, trainingsLinkageScale } from "./trainings-linkage.js";
import { trainingsLinkageIndependent } from "./trainings-linkage-independent.js";
import { vizPoints } from "./viz-points.js";

export interface BenchResult {
  name: string;
  measure: string;
  platform: number;
  reference: number;
  referenceName: string;
  /** platform / reference (higher is better for throughput). */
  ratio: number;
  target: string;
  met: boolean;
}

/** A benchmark gives one result, or several measured on one prepared data set (seizures-adhoc: five analyses). */
const BENCHMARKS: Record<string, () => Promise<BenchResult | BenchResult[]>> = {
  "mixed-load": mixedLoad,
  "mixed-load-levels": mixedLoadLevels,
  "facilities-import": facilitiesImport,
  "partners-throughput": partnersThroughput,
  "projects-duplicates-f1": projectsDuplicateQuality,
  "projects-duplicate-check": projectsDuplicateSpeed,
  "trainings-linkage-quality": trainingsLinkageQuality,
  "trainings-linkage-scale": () => trainingsLinkageScale(),
  "trainings-linkage-independent": trainingsLinkageIndependent,
  "viz-points": vizPoints,
  "seizures-dashboard-pg": seizuresDashboardPg,
  "seizures-dashboard-embedded": seizuresDashboardEmbedded,
  "seizures-import-pg": seizuresImportPg,
  "seizures-adhoc": seizuresAdhoc,
  "seizures-import-ids": seizuresImportIds,
  "seizures-import-xlsx-memory": seizuresImportXlsxMemory,
  "startup-first": startupFirst,
  "startup-second": startupSecond,
  "backup-restore": backupScale,
  "slow-link-home": slowLinkHome,
  "slow-link-dashboard": slowLinkDashboard,
  "digests-weekly": digestsWeekly,
  "search-recall-cross": searchRecallCross,
  "search-recall-same": searchRecallSame,
  "factsheet-pdf": factsheetPdf,
};

function table(results: BenchResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.measure} | ${r.platform.toFixed(0)} | ${r.referenceName}: ${r.reference.toFixed(0)} | ${r.ratio.toFixed(2)} | ${r.target} | ${r.met ? "yes" : "no"} |`,
  );
  return [
    "| benchmark | measure | platform | reference | ratio | target | met |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

async function main() {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(BENCHMARKS);
  const results: BenchResult[] = [];
  for (const name of names) {
    const bench = BENCHMARKS[name];
    if (!bench) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(BENCHMARKS).join(", ")}`);
    console.error(`running ${name} …`);
    const result = await bench();
    results.push(...(Array.isArray(result) ? result : [result]));
  }
  const doc = path.resolve(import.meta.dirname, "../docs/performance.md");
  const out = table(results);
  console.log(out);
  // Rows of benchmarks not run this time are kept, so running one benchmark never erases the others' figures.
  const kept = (fs.existsSync(doc) ? fs.readFileSync(doc, "utf8") : "")
    .match(/<!-- results -->[\s\S]*<!-- \/results -->/)?.[0]
    ?.split("\n")
    .filter((line) => /^\| [a-z0-9-]+ \|/.test(line) && !line.startsWith("| benchmark |"))
    .filter((line) => !results.some((r) => line.startsWith(`| ${r.name} |`)));
  const merged = kept?.length ? `${out}\n${kept.join("\n")}` : out;
  const when = new Date().toISOString().slice(0, 10);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const section = `<!-- results -->\nLatest run: ${when} on ${machine}.\n\n${merged}\n<!-- /results -->`;
  const current = fs.existsSync(doc) ? fs.readFileSync(doc, "utf8") : "";
  const next = current.includes("<!-- results -->")
    ? current.replace(/<!-- results -->[\s\S]*<!-- \/results -->/, section)
    : `${current}\n${section}\n`;
  fs.writeFileSync(doc, next);
  if (results.some((r) => !r.met)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
