import { compareRecords, FIELDS, LEVELS, type PreparedRecord } from "./linkage-compare.js";

/**
 * A Fellegi–Sunter model in the manner of Splink: u (how often non-matches agree at each level) from
 * random pairs; m (how often matches agree) by expectation–maximisation on blocked pairs, each field's m
 * learnt from pairs blocked on a *different* field so that blocking does not bias it; a prior from the
 * pairs sharing a full date of birth; term-frequency adjustment of the name weight for common names.
 */
export interface ModelParameters {
  /** Prior probability that two records taken at random are the same person. */
  lambda: number;
  m: number[][];
  u: number[][];
}

export const LEVEL_BASE = 8;

export function decodeVector(code: number): number[] {
  const levels: number[] = [];
  for (let f = 0; f < FIELDS.length; f++) {
    levels.push(code % LEVEL_BASE);
    code = Math.floor(code / LEVEL_BASE);
  }
  return levels;
}

/** A small deterministic generator, so a run gives the same model twice. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function normalise(counts: number[], smoothing: number): number[] {
  const present = counts.slice(1).reduce((a, b) => a + b, 0) + smoothing * (counts.length - 1);
  return counts.map((c, i) => (i === 0 ? 1 : (c + smoothing) / present));
}

/** u from random pairs: among pairs of different people, how often each level occurs. */
export function estimateU(records: PreparedRecord[], samples: number, random: () => number): number[][] {
  const counts = FIELDS.map((f) => new Array<number>(LEVELS[f].length).fill(0));
  const n = records.length;
  for (let s = 0; s < samples && n > 1; s++) {
    const i = Math.floor(random() * n);
    let j = Math.floor(random() * (n - 1));
    if (j >= i) j++;
    const levels = compareRecords(records[i] as PreparedRecord, records[j] as PreparedRecord);
    levels.forEach((l, f) => {
      (counts[f] as number[])[l] = ((counts[f] as number[])[l] as number) + 1;
    });
  }
  return counts.map((c) => normalise(c, 0.5));
}

function initialM(): number[][] {
  return FIELDS.map((f) => {
    const n = LEVELS[f].length;
    // Matches mostly agree at the top levels.
    const raw = LEVELS[f].map((_, i) => (i === 0 ? 0 : 2 ** (i - n + 1)));
    return normalise(raw, 0);
  });
}

/**
 * Expectation–maximisation over distinct comparison vectors (with counts). Fields not in `active`
 * (the ones the training pairs were blocked on) are left out of the likelihood and keep their m.
 */
export function expectationMaximisation(
  patterns: Map<number, number>,
  u: number[][],
  active: readonly number[],
  start: { m: number[][]; lambda: number },
  learn: readonly number[] = active,
  iterations = 40,
): { m: number[][]; lambda: number } {
  let m = start.m.map((row) => [...row]);
  let lambda = start.lambda;
  const decoded = [...patterns].map(([code, count]) => ({ levels: decodeVector(code), count }));
  const total = decoded.reduce((a, p) => a + p.count, 0);
  if (total === 0) return { m, lambda };
  for (let it = 0; it < iterations; it++) {
    const counts = FIELDS.map((f) => new Array<number>(LEVELS[f].length).fill(0));
    let matches = 0;
    for (const { levels, count } of decoded) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (const f of active) {
        const l = levels[f] as number;
        pm *= (m[f] as number[])[l] as number;
        pu *= (u[f] as number[])[l] as number;
      }
      const p = pm / (pm + pu || 1);
      matches += p * count;
      for (const f of active) {
        const row = counts[f] as number[];
        const l = levels[f] as number;
        row[l] = (row[l] as number) + p * count;
      }
    }
    lambda = Math.min(0.999, Math.max(1e-6, matches / total));
    // A floor keeps one clerical error (a wrong sex, a mistyped country) from vetoing a match outright.
    m = m.map((row, f) => (learn.includes(f) ? normalise(counts[f] as number[], 0.005 * total * lambda) : row));
  }
  return { m, lambda };
}

const NAME = 0;
const DOB = 1;
const ALL = FIELDS.map((_, i) => i);

/**
 * Trains the model on blocked pairs (their comparison codes) and random pairs.
 * `fullDobShare` is the share of records with a full date of birth, to turn the DOB-blocked prior into a global one.
 */
export function trainModel(records: PreparedRecord[], codes: Int32Array, random: () => number): ModelParameters {
  const n = records.length;
  const u = estimateU(records, Math.min(200_000, Math.max(20_000, n * 4)), random);
  const all = new Map<number, number>();
  for (const code of codes) all.set(code, (all.get(code) ?? 0) + 1);
  const byName = new Map<number, number>();
  const byDob = new Map<number, number>();
  for (const [code, count] of all) {
    const levels = decodeVector(code);
    if ((levels[NAME] as number) >= 3) byName.set(code, count);
    if (levels[DOB] === 5) byDob.set(code, count);
  }
  // Pairs sharing a full date of birth teach the name and the other fields; pairs with alike names then
  // teach the date of birth alone: with the other fields in the likelihood, namesakes of one country and
  // agency would pass for one class.
  const fromDob = expectationMaximisation(
    byDob,
    u,
    ALL.filter((f) => f !== DOB),
    { m: initialM(), lambda: 0.5 },
  );
  const fromNames = expectationMaximisation(byName, u, [DOB], { m: fromDob.m, lambda: 0.1 });
  const m = fromDob.m.map((row, f) => (f === DOB ? (fromNames.m[DOB] as number[]) : row));
  const fullDobShare = records.filter((r) => r.dob?.d !== null && r.dob !== null).length / Math.max(1, n);
  const dobPairs = [...byDob.values()].reduce((a, b) => a + b, 0);
  const exactGivenMatch = (m[DOB] as number[])[5] as number;
  const matchingPairs =
    dobPairs > 20 && fullDobShare > 0.05
      ? (fromDob.lambda * dobPairs) / (exactGivenMatch * fullDobShare * fullDobShare)
      : fromNames.lambda * [...byName.values()].reduce((a, b) => a + b, 0);
  const allPairs = (n * (n - 1)) / 2;
  const lambda = Math.min(0.5, Math.max(1 / Math.max(allPairs, 1), matchingPairs / Math.max(allPairs, 1)));
  return { lambda, m, u };
}

/** log2(m/u) for each field and level; level 0 (missing) weighs nothing. */
export function weightTable(params: ModelParameters): number[][] {
  return params.m.map((row, f) =>
    row.map((mv, l) => (l === 0 ? 0 : Math.log2(mv / ((params.u[f] as number[])[l] as number)))),
  );
}

export function priorWeight(params: ModelParameters): number {
  return Math.log2(params.lambda / (1 - params.lambda));
}

export const probabilityOf = (weight: number): number => 1 / (1 + 2 ** -weight);
