import { blockPairs, DEFAULT_THRESHOLDS, prepareRecords, runLinkage } from "./linkage.js";
import { compareNames, type PreparedRecord } from "./linkage-compare.js";
import type { SyntheticRecord } from "./linkage-synthetic.js";

/**
 * Pairwise precision, recall and F1 of a clustering against the truth, and the two baselines the issue
 * names: exact matching of the written name, and name-only fuzzy matching.
 */
export interface PairwiseScore {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
}

function pairsWithin(groups: Map<string | number, number[]>): Set<string> {
  const pairs = new Set<string>();
  for (const members of groups.values()) {
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x] as number, members[y] as number];
        pairs.add(i < j ? `${i}:${j}` : `${j}:${i}`);
      }
  }
  return pairs;
}

function groupBy<K>(keys: ArrayLike<K>): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as K;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  return groups;
}

export function scoreClusters(records: SyntheticRecord[], clusterOf: ArrayLike<number | string>): PairwiseScore {
  const truth = pairsWithin(groupBy(records.map((r) => r.personId)) as Map<string, number[]>);
  const predicted = pairsWithin(groupBy(clusterOf) as Map<string | number, number[]>);
  let hits = 0;
  for (const p of predicted) if (truth.has(p)) hits++;
  const precision = predicted.size ? hits / predicted.size : 1;
  const recall = truth.size ? hits / truth.size : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, truePairs: truth.size, predictedPairs: predicted.size };
}

/** Connected components of a list of links. */
function components(n: number, links: [number, number][]): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  for (const [a, b] of links) parent[find(a)] = find(b);
  return Int32Array.from({ length: n }, (_, i) => find(i));
}

/** Baseline 1: records are one person when a written name (lower case, same words) is identical. */
export function exactMatching(records: SyntheticRecord[]): Int32Array {
  const byName = new Map<string, number>();
  const links: [number, number][] = [];
  records.forEach((r, i) => {
    for (const name of [r.fullName, r.fullNameNative]) {
      const key = name?.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
      if (!key) continue;
      const first = byName.get(key);
      if (first === undefined) byName.set(key, i);
      else links.push([first, i]);
    }
  });
  return components(records.length, links);
}

/** Baseline 2: names alike across scripts (Jaro–Winkler ≥ 0.92 after transliteration), nothing else looked at. */
export function nameOnlyMatching(records: SyntheticRecord[]): Int32Array {
  const prepared: PreparedRecord[] = prepareRecords(records);
  const { a, b } = blockPairs(prepared, 5000);
  const links: [number, number][] = [];
  for (let k = 0; k < a.length; k++) {
    const [i, j] = [a[k] as number, b[k] as number];
    if (compareNames(prepared[i] as PreparedRecord, prepared[j] as PreparedRecord) >= 3) links.push([i, j]);
  }
  return components(records.length, links);
}

export interface Evaluation {
  records: number;
  persons: number;
  exact: PairwiseScore;
  nameOnly: PairwiseScore;
  model: PairwiseScore;
  comparedPairs: number;
  seconds: number;
}

export function evaluateLinkage(records: SyntheticRecord[]): Evaluation {
  const started = performance.now();
  const result = runLinkage(records, DEFAULT_THRESHOLDS);
  const seconds = (performance.now() - started) / 1000;
  return {
    records: records.length,
    persons: new Set(records.map((r) => r.personId)).size,
    exact: scoreClusters(records, exactMatching(records)),
    nameOnly: scoreClusters(records, nameOnlyMatching(records)),
    model: scoreClusters(records, result.clusterOf),
    comparedPairs: result.comparedPairs,
    seconds,
  };
}
