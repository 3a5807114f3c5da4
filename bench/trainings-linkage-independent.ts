/**
 * Person linkage on an independent labelled set (issue 21): records written by a generator that shares no
 * code with the model (bench/linkage-independent), from published name-frequency lists, under GOST 7.79,
 * GOST 52535, ICAO 9303, the Soviet passport scheme, MVD 1997, BGN/PCGN, Library of Congress, German and
 * French transcriptions and the Uzbek, Kazakh (2017, 2021), Turkmen and Azerbaijani Latin alphabets.
 *
 * Split by person with a fixed seed into a dev half (used while improving the model) and a test half
 * (reported, never tuned on). Precision, recall and F1 of pairwise links, overall and by kind of variation.
 * Run: `npx tsx bench/trainings-linkage-independent.ts [dev|test|both] [persons]`; in the runner:
 * `npm run bench -- trainings-linkage-independent`.
 */
import { DEFAULT_THRESHOLDS, runLinkage } from "../src/server/modules/trainings/linkage.js";
import {
  generateIndependent,
  type IndependentRecord,
  KINDS,
  type Kind,
  pairKinds,
  splitByPerson,
} from "./linkage-independent/generate.js";
import type { BenchResult } from "./run.js";

export const INDEPENDENT_SEED = 2101;
export const SPLIT_SEED = 7;

interface Score {
  tp: number;
  fp: number;
  fn: number;
}
const f1Of = (s: Score) => {
  const precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
  const recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

export interface IndependentEvaluation {
  records: number;
  persons: number;
  overall: { precision: number; recall: number; f1: number; truePairs: number; predictedPairs: number };
  byKind: Record<Kind | "none", { precision: number; recall: number; f1: number; truePairs: number }>;
  cpuSeconds: number;
}

function clusterPairs(keys: ArrayLike<number | string>): Set<number> {
  // Pair ids as i * n + j (n < 2^26 keeps them exact).
  const n = keys.length;
  const groups = new Map<number | string, number[]>();
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number | string;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  const pairs = new Set<number>();
  for (const members of groups.values())
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) pairs.add((members[x] as number) * n + (members[y] as number));
  return pairs;
}

type Link = (records: IndependentRecord[]) => { clusterOf: ArrayLike<number> };
const linkWithModel: Link = (records) => runLinkage(records, DEFAULT_THRESHOLDS);

export function evaluateIndependent(records: IndependentRecord[], link: Link = linkWithModel): IndependentEvaluation {
  const cpu = process.cpuUsage();
  const result = link(records);
  const used = process.cpuUsage(cpu);
  const n = records.length;
  const truth = clusterPairs(records.map((r) => r.personId));
  const predicted = clusterPairs(result.clusterOf);
  const overall: Score = { tp: 0, fp: 0, fn: 0 };
  const byKind = new Map<string, Score>([...KINDS, "none"].map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  const count = (id: number, field: keyof Score) => {
    const [i, j] = [Math.floor(id / n), id % n];
    const kinds = pairKinds(records[i] as IndependentRecord, records[j] as IndependentRecord);
    for (const k of kinds.length ? kinds : ["none"]) (byKind.get(k) as Score)[field]++;
    overall[field]++;
  };
  for (const id of predicted) count(id, truth.has(id) ? "tp" : "fp");
  for (const id of truth) if (!predicted.has(id)) count(id, "fn");
  const kinds = Object.fromEntries(
    [...byKind].map(([k, s]) => [k, { ...f1Of(s), truePairs: s.tp + s.fn }]),
  ) as IndependentEvaluation["byKind"];
  return {
    records: n,
    persons: new Set(records.map((r) => r.personId)).size,
    overall: { ...f1Of(overall), truePairs: truth.size, predictedPairs: predicted.size },
    byKind: kinds,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

export function printEvaluation(label: string, e: IndependentEvaluation) {
  const o = e.overall;
  console.error(
    `  ${label}: ${e.records} records of ${e.persons} persons (${o.truePairs} true pairs), ${e.cpuSeconds.toFixed(1)} s CPU`,
  );
  console.error(
    `    overall              precision ${pct(o.precision)}  recall ${pct(o.recall)}  F1 ${o.f1.toFixed(3)}`,
  );
  for (const [kind, s] of Object.entries(e.byKind)) {
    if (!s.truePairs) continue;
    console.error(
      `    ${kind.padEnd(20)} precision ${pct(s.precision)}  recall ${pct(s.recall)}  F1 ${s.f1.toFixed(3)}  (${s.truePairs} true pairs)`,
    );
  }
}

export function independentHalves(persons = 8000) {
  return splitByPerson(generateIndependent({ persons, seed: INDEPENDENT_SEED }), SPLIT_SEED);
}

/** The figure the issue asks for: out of sample (test half) F1 and the weakest kind's recall. */
export async function trainingsLinkageIndependent(): Promise<BenchResult> {
  const { dev, test } = independentHalves();
  const devEval = evaluateIndependent(dev);
  printEvaluation("dev half (used while tuning)", devEval);
  const testEval = evaluateIndependent(test);
  printEvaluation("test half (out of sample)", testEval);
  const weakest = Object.entries(testEval.byKind)
    .filter(([, s]) => s.truePairs >= 20)
    .sort((a, b) => a[1].recall - b[1].recall)[0];
  console.error(`  weakest kind on test: ${weakest?.[0]} recall ${pct(weakest?.[1].recall ?? 0)}`);
  return {
    name: "trainings-linkage-independent",
    measure: `test-half pairwise F1 ×1000 (weakest kind ${weakest?.[0]} recall ${pct(weakest?.[1].recall ?? 0).trim()})`,
    platform: testEval.overall.f1 * 1000,
    reference: devEval.overall.f1 * 1000,
    referenceName: "dev half",
    ratio: testEval.overall.f1 / Math.max(devEval.overall.f1, 1e-9),
    target: "F1 ≥ 0.95, every kind recall ≥ 0.85",
    met: testEval.overall.f1 >= 0.95 && (weakest?.[1].recall ?? 0) >= 0.85,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[2] ?? "dev";
  const persons = Number(process.argv[3] ?? 8000);
  const { dev, test } = independentHalves(persons);
  if (which === "dev" || which === "both") printEvaluation("dev half", evaluateIndependent(dev));
  if (which === "test" || which === "both") printEvaluation("test half", evaluateIndependent(test));
}
