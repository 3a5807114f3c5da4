import {
  compareRecords,
  comparisonCode,
  datesConflict,
  FIELDS,
  type LinkRecord,
  NAME_LEVEL,
  type PreparedRecord,
  prepareRecord,
} from "./linkage-compare.js";
import {
  decodeVector,
  type ModelParameters,
  priorWeight,
  probabilityOf,
  seededRandom,
  trainModel,
  weightTable,
} from "./linkage-model.js";
import { generateSyntheticRecords } from "./linkage-synthetic.js";
import { type LearnedThresholds, learnThresholds } from "./linkage-thresholds.js";

/**
 * Person linkage of participant records: blocking → comparison vectors → a trained Fellegi–Sunter model →
 * match probabilities with term-frequency adjustment → links above the upper threshold, a review queue
 * between the thresholds → persons as connected components that respect reviewers' decisions.
 */

export interface LinkageOptions {
  upper: number;
  lower: number;
  /** Reviewers' decisions by record ids: `same` links, `different` forbids the two being one person. */
  decisions?: { a: string; b: string; same: boolean }[];
  /** Blocks up to this size are compared exhaustively, larger ones by sorted neighbourhood (none is skipped). */
  exhaustiveBlock?: number;
  seed?: number;
  /** Two persons are not joined when any two of their records weigh less than this (bits). */
  apartWeight?: number;
  /** A trained model to reuse instead of training on this batch. */
  parameters?: ModelParameters;
  /**
   * Learn the thresholds from the decisions (linkage-thresholds.ts), `upper` and `lower` being the defaults
   * kept when there are too few of them.
   */
  learnThresholds?: boolean;
}

/** Where a run is: `done` of `total` units of its current phase (records while blocking, pairs after). */
export interface LinkageTick {
  phase: "blocking" | "comparing" | "scoring" | "clustering";
  done: number;
  total: number;
}

/** A tick every this many records or pairs: often enough for a progress bar, rare enough to cost nothing. */
const TICK = 16_384;

/** Chosen on the synthetic evaluation (bench/trainings-linkage.ts): the model is conservative, best F1 near 0.5. */
export const DEFAULT_THRESHOLDS = { upper: 0.5, lower: 0.1 };

/** Chosen on the dev half of the independent set (bench/trainings-linkage-independent.ts). */
export const DEFAULT_APART_WEIGHT = -10;

export interface ScoredPair {
  a: number;
  b: number;
  probability: number;
  weight: number;
  levels: number[];
  /** Per-field weights (bits), the name's including its term-frequency adjustment. */
  weights: number[];
}

export interface LinkageResult {
  records: PreparedRecord[];
  parameters: ModelParameters;
  /** Pairs at or above the lower threshold. */
  pairs: ScoredPair[];
  /** Cluster index of each record (same index = same person). */
  clusterOf: Int32Array;
  comparedPairs: number;
  blocking: BlockingStats;
  /** The thresholds the run used: the options' own, or learned from the decisions. */
  thresholds: { upper: number; lower: number };
  /** How the thresholds were learned (null when the run was not asked to learn them). */
  learned: LearnedThresholds | null;
}

/** Blocks up to this size are compared exhaustively; larger ones by sorted neighbourhood (never skipped). */
export const EXHAUSTIVE_BLOCK = 40;
/** Neighbours on each side, in each of the two orders, a record meets in a large block. */
export const NEIGHBOURHOOD = 5;

/** How a run formed its candidate pairs: no block is skipped, large ones are searched by sorted neighbourhood. */
export interface BlockingStats {
  blocks: number;
  largeBlocks: number;
  largestBlock: number;
}

/** A large block, sorted twice: by name and by date of birth then name (two passes of sorted neighbourhood). */
class LargeBlock {
  readonly byName: Int32Array;
  readonly byDob: Int32Array;

  /** `nameRank` and `dobRank`: each record's place in the whole batch sorted by that key (ties broken by index). */
  constructor(
    members: number[],
    private readonly nameRank: Int32Array,
    private readonly dobRank: Int32Array,
  ) {
    this.byName = Int32Array.from(members, (i) => nameRank[i] as number).sort();
    this.byDob = Int32Array.from(members, (i) => dobRank[i] as number).sort();
  }

  /** The records near `i` in either order (i itself need not be a member: a full name among brief ones). */
  neighbours(i: number, visit: (j: number) => void, nameOrder: Int32Array, dobOrder: Int32Array) {
    LargeBlock.near(this.byName, this.nameRank[i] as number, nameOrder, visit);
    LargeBlock.near(this.byDob, this.dobRank[i] as number, dobOrder, visit);
  }

  /** `sorted` holds ranks; `order[rank]` is the record at that rank. */
  private static near(sorted: Int32Array, rank: number, order: Int32Array, visit: (j: number) => void) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) < rank) lo = mid + 1;
      else hi = mid;
    }
    const from = Math.max(0, lo - NEIGHBOURHOOD);
    const to = Math.min(sorted.length, lo + NEIGHBOURHOOD + 1);
    for (let p = from; p < to; p++) visit(order[sorted[p] as number] as number);
  }
}

/** Each record's rank in the batch sorted by a key, and the record at each rank. */
function ranks(keys: string[]): { rank: Int32Array; order: Int32Array } {
  const order = Int32Array.from(keys, (_, i) => i).sort((x, y) =>
    (keys[x] as string) < (keys[y] as string) ? -1 : (keys[x] as string) > (keys[y] as string) ? 1 : x - y,
  );
  const rank = new Int32Array(keys.length);
  for (let r = 0; r < order.length; r++) rank[order[r] as number] = r;
  return { rank, order };
}

/**
 * Candidate pairs: every pair sharing a blocking key (name parts' phonetic keys, surname + initial, full date of
 * birth, one name part + month of birth). Blocks up to `exhaustive` records give all their pairs; a larger block
 * (a common name, a common birthday) is not skipped but searched by sorted neighbourhood: each record meets its
 * nearest records by name and by date of birth.
 */
export function blockPairs(
  records: PreparedRecord[],
  exhaustive = EXHAUSTIVE_BLOCK,
): { a: Int32Array; b: Int32Array; stats: BlockingStats } {
  return drain(blockingSteps(records, exhaustive));
}

function* blockingSteps(
  records: PreparedRecord[],
  exhaustive: number,
): Generator<LinkageTick, { a: Int32Array; b: Int32Array; stats: BlockingStats }> {
  const blocks = new Map<string, number[]>();
  const briefs = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, index: number) => {
    const list = map.get(key);
    if (list) list.push(index);
    else map.set(key, [index]);
  };
  for (const r of records) {
    for (const key of r.blockingKeys) add(blocks, key, r.index);
    for (const key of r.initialKeys) {
      add(blocks, key, r.index);
      if (r.brief) add(briefs, key, r.index);
    }
  }
  const nameKey = records.map((r) => r.names.map((n) => n.key).sort()[0] ?? "");
  const dobKey = records.map((r, i) => `${r.dob ? `${r.dob.y}-${r.dob.m ?? 0}-${r.dob.d ?? 0}` : "~"}|${nameKey[i]}`);
  const byName = ranks(nameKey);
  const byDob = ranks(dobKey);
  const large = new Map<number[], LargeBlock>();
  const stats: BlockingStats = { blocks: blocks.size, largeBlocks: 0, largestBlock: 0 };
  for (const list of blocks.values()) {
    stats.largestBlock = Math.max(stats.largestBlock, list.length);
    if (list.length > exhaustive) stats.largeBlocks++;
  }
  const seen = new Int32Array(records.length).fill(-1);
  const pairs = new PairBuffer();
  // The loop's body is a plain function: the generator around it only hands out slices (hot code stays optimised).
  const blockRange = (from: number, to: number) => {
    for (let index = from; index < to; index++) {
      const r = records[index] as PreparedRecord;
      const i = r.index;
      const meet = (j: number) => {
        if (j <= i || seen[j] === i) return;
        seen[j] = i;
        pairs.push(i, j);
      };
      const visit = (list: number[] | undefined) => {
        if (!list) return;
        if (list.length <= exhaustive) {
          for (const j of list) meet(j);
          return;
        }
        let block = large.get(list);
        if (!block) {
          block = new LargeBlock(list, byName.rank, byDob.rank);
          large.set(list, block);
        }
        block.neighbours(i, meet, byName.order, byDob.order);
      };
      for (const key of r.blockingKeys) visit(blocks.get(key));
      // Surname + initial pairs a brief name with everyone, but two full names only through the keys above.
      for (const key of r.initialKeys) visit(r.brief ? blocks.get(key) : briefs.get(key));
    }
  };
  for (let from = 0; from < records.length; from += TICK) {
    yield { phase: "blocking", done: from, total: records.length };
    blockRange(from, Math.min(records.length, from + TICK));
  }
  return { ...pairs.result(), stats };
}

class PairBuffer {
  private a = new Int32Array(1024);
  private b = new Int32Array(1024);
  private count = 0;

  push(i: number, j: number) {
    if (this.count === this.a.length) {
      const na = new Int32Array(this.count * 2);
      na.set(this.a);
      this.a = na;
      const nb = new Int32Array(this.count * 2);
      nb.set(this.b);
      this.b = nb;
    }
    this.a[this.count] = i;
    this.b[this.count] = j;
    this.count++;
  }

  result() {
    return { a: this.a.subarray(0, this.count), b: this.b.subarray(0, this.count) };
  }
}

/** Share of records carrying each name key (term frequencies). */
function termFrequencies(records: PreparedRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) for (const k of r.nameKeys) counts.set(k, (counts.get(k) ?? 0) + 1);
  // A small batch says little about how common a name is: frequencies are taken over at least the size the
  // reference model was trained on.
  const n = Math.max(records.length, MIN_TRAINING_RECORDS);
  // The pair's own two records are not evidence that others share the name: count the rest (at least one).
  for (const [k, c] of counts) counts.set(k, Math.max(1, c - 1) / n);
  return counts;
}

/** Term frequency of the name two records share: the full core name, or surname with initial. */
function sharedNameFrequency(a: PreparedRecord, b: PreparedRecord, level: number, tf: Map<string, number>): number {
  const exactOrEquivalent = level >= (NAME_LEVEL.equivalent as number);
  let best = 0;
  for (const key of a.nameKeys) {
    if (exactOrEquivalent === key.includes("|")) continue;
    if (!b.nameKeys.includes(key)) continue;
    best = Math.max(best, tf.get(key) ?? 0);
  }
  return best;
}

export class LinkageScorer {
  private readonly weights: number[][];
  private readonly prior: number;

  constructor(
    readonly parameters: ModelParameters,
    private readonly tf: Map<string, number>,
  ) {
    this.weights = weightTable(parameters);
    this.prior = priorWeight(parameters);
  }

  /** The match weight (bits) of a pair; `into` receives each field's weight when given. */
  weigh(a: PreparedRecord, b: PreparedRecord, levels: number[], into?: number[]): number {
    let total = this.prior;
    for (let f = 0; f < levels.length; f++) {
      let w = (this.weights[f] as number[])[levels[f] as number] as number;
      if (f === 0 && (levels[0] as number) >= (NAME_LEVEL.initials as number))
        w += this.termAdjustment(a, b, levels[0] as number);
      if (into) into[f] = w;
      total += w;
    }
    return total;
  }

  /** Splink's adjustment: agreeing on this value weighs log2(m / tf) instead of log2(m / u). */
  private termAdjustment(a: PreparedRecord, b: PreparedRecord, level: number): number {
    const frequency = sharedNameFrequency(a, b, level, this.tf);
    if (frequency <= 0) return 0;
    const u = (this.parameters.u[0] as number[])[level] as number;
    return Math.max(-12, Math.min(6, Math.log2(u / frequency)));
  }

  score(a: PreparedRecord, b: PreparedRecord, levels = compareRecords(a, b)): ScoredPair {
    const weights = new Array<number>(levels.length);
    const weight = this.weigh(a, b, levels, weights);
    return { a: a.index, b: b.index, probability: probabilityOf(weight), weight, levels, weights };
  }
}

class Clusters {
  private readonly parent: Int32Array;
  private readonly cannot = new Map<number, Set<number>>();
  private readonly dobs: Map<number, PreparedRecord["dob"][]>;
  private readonly members = new Map<number, number[]>();

  /**
   * `against(i, j)` says whether two records are clearly two people (their match weight far below zero): two
   * persons are not joined through a third record when any of their records are clearly apart (no chaining
   * of namesakes through a record without a date of birth).
   */
  constructor(
    private readonly records: PreparedRecord[],
    private readonly against: (i: number, j: number) => boolean = () => false,
  ) {
    this.parent = Int32Array.from(records, (_, i) => i);
    this.dobs = new Map(records.filter((r) => r.dob?.d).map((r) => [r.index, [r.dob]]));
  }

  private membersOf(root: number): number[] {
    return this.members.get(root) ?? [root];
  }

  private apart(ri: number, rj: number): boolean {
    const a = this.membersOf(ri);
    const b = this.membersOf(rj);
    if (a.length * b.length > 400) return false;
    for (const i of a) for (const j of b) if (this.against(i, j)) return true;
    return false;
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    while (this.parent[i] !== root) {
      const next = this.parent[i] as number;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  forbid(i: number, j: number) {
    const [ri, rj] = [this.find(i), this.find(j)];
    if (!this.cannot.has(ri)) this.cannot.set(ri, new Set());
    if (!this.cannot.has(rj)) this.cannot.set(rj, new Set());
    this.cannot.get(ri)?.add(rj);
    this.cannot.get(rj)?.add(ri);
  }

  /** Joins two persons unless a reviewer said they differ or their full dates of birth conflict. */
  union(i: number, j: number, force = false): boolean {
    const [ri, rj] = [this.find(i), this.find(j)];
    if (ri === rj) return true;
    const ci = this.cannot.get(ri);
    if (ci) for (const x of ci) if (this.find(x) === rj) return false;
    const di = this.dobs.get(ri) ?? [];
    const dj = this.dobs.get(rj) ?? [];
    if (!force && di.some((x) => dj.some((y) => datesConflict(x, y)))) return false;
    if (!force && this.apart(ri, rj)) return false;
    this.parent[rj] = ri;
    this.members.set(ri, [...this.membersOf(ri), ...this.membersOf(rj)]);
    this.members.delete(rj);
    if (dj.length) this.dobs.set(ri, [...di, ...dj]);
    const cj = this.cannot.get(rj);
    if (cj) {
      const merged = ci ?? new Set<number>();
      for (const x of cj) merged.add(x);
      this.cannot.set(ri, merged);
    }
    return true;
  }

  assignments(): Int32Array {
    return Int32Array.from(this.records, (_, i) => this.find(i));
  }
}

export function prepareRecords(records: LinkRecord[]): PreparedRecord[] {
  return records.map((r, i) => prepareRecord(r, i));
}

/** Below this many records the batch is too small to train on: the reference model is used instead. */
export const MIN_TRAINING_RECORDS = 1000;

let reference: { parameters: ModelParameters; records: number } | null = null;

/**
 * A model trained once on the synthetic evaluation set (see linkage-synthetic.ts), for batches too small to
 * learn from; its prior is rescaled to the batch, as the chance that two records are one person falls with size.
 */
export function referenceParameters(records: number): ModelParameters {
  if (!reference) {
    const synthetic = generateSyntheticRecords(1200, 3);
    const result = runLinkage(synthetic, { ...DEFAULT_THRESHOLDS, lower: 1 });
    reference = { parameters: result.parameters, records: synthetic.length };
  }
  const { parameters } = reference;
  const scaled = (parameters.lambda * (reference.records - 1)) / Math.max(1, records - 1);
  return { ...parameters, lambda: Math.min(0.05, scaled) };
}

/** Runs a step generator to its end (the synchronous linkage: benchmarks, the CLI, tests). */
function drain<T>(steps: Generator<LinkageTick, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Links a batch of records into persons. */
export function runLinkage(input: LinkRecord[], options: LinkageOptions): LinkageResult {
  return drain(linkageSteps(input, options));
}

/**
 * The same linkage for a server process: it reports where it is (`report`, at most every TICK records or pairs)
 * and gives the event loop a turn every `sliceMs`, so that progress writes, heartbeats and requests go on while
 * it runs; `signal` stops it between two slices.
 */
export async function runLinkageAsync(
  input: LinkRecord[],
  options: LinkageOptions,
  report: (tick: LinkageTick) => void,
  signal?: AbortSignal,
  sliceMs = 50,
): Promise<LinkageResult> {
  const steps = linkageSteps(input, options);
  let slice = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    report(next.value);
    if (performance.now() - slice >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      slice = performance.now();
    }
  }
}

function compareRange(
  records: PreparedRecord[],
  a: Int32Array,
  b: Int32Array,
  codes: Int32Array,
  from: number,
  to: number,
) {
  for (let k = from; k < to; k++) {
    codes[k] = comparisonCode(records[a[k] as number] as PreparedRecord, records[b[k] as number] as PreparedRecord);
  }
}

function scoreRange(
  records: PreparedRecord[],
  a: Int32Array,
  b: Int32Array,
  codes: Int32Array,
  scorer: LinkageScorer,
  lowerWeight: number,
  decoded: Map<number, number[]>,
  pairs: ScoredPair[],
  from: number,
  to: number,
) {
  for (let k = from; k < to; k++) {
    const ra = records[a[k] as number] as PreparedRecord;
    const rb = records[b[k] as number] as PreparedRecord;
    const code = codes[k] as number;
    let levels = decoded.get(code);
    if (!levels) {
      levels = decodeVector(code);
      decoded.set(code, levels);
    }
    if (scorer.weigh(ra, rb, levels) >= lowerWeight) pairs.push(scorer.score(ra, rb, [...levels]));
  }
}

function* linkageSteps(input: LinkRecord[], options: LinkageOptions): Generator<LinkageTick, LinkageResult> {
  const records = prepareRecords(input);
  const { a, b, stats } = yield* blockingSteps(records, options.exhaustiveBlock ?? EXHAUSTIVE_BLOCK);
  const pairCount = a.length;
  const codes = new Int32Array(pairCount);
  for (let from = 0; from < pairCount; from += TICK) {
    yield { phase: "comparing", done: from, total: pairCount };
    compareRange(records, a, b, codes, from, Math.min(pairCount, from + TICK));
  }
  // Nothing to link: no model is needed (and the reference model is not trained for nothing).
  const parameters =
    options.parameters ??
    (records.length < 2 ? { lambda: 0.5, m: [], u: [] } : undefined) ??
    (records.length < MIN_TRAINING_RECORDS
      ? referenceParameters(records.length)
      : trainModel(records, codes, seededRandom(options.seed ?? 42)));
  const scorer = new LinkageScorer(parameters, termFrequencies(records));
  const indexOf = new Map(records.map((r) => [r.id, r.index]));
  const decided = (options.decisions ?? []).flatMap((d) => {
    const [i, j] = [indexOf.get(d.a), indexOf.get(d.b)];
    return i === undefined || j === undefined ? [] : [{ i, j, same: d.same }];
  });
  let learned: LearnedThresholds | null = null;
  let thresholds = { upper: options.upper, lower: options.lower };
  if (options.learnThresholds) {
    // What this model says of each decided pair: the thresholds are learned on the model in use.
    learned = learnThresholds(
      records.length < 2
        ? []
        : decided.map((d) => ({
            probability: scorer.score(records[d.i] as PreparedRecord, records[d.j] as PreparedRecord).probability,
            same: d.same,
          })),
      { defaults: { upper: options.upper, lower: options.lower } },
    );
    thresholds = { upper: learned.upper.value, lower: learned.lower.value };
  }
  const pairs: ScoredPair[] = [];
  const lowerWeight = Math.log2(thresholds.lower / (1 - thresholds.lower));
  // Comparison vectors repeat (a few thousand distinct ones among millions of pairs): decoded once each.
  const decoded = new Map<number, number[]>();
  for (let from = 0; from < pairCount; from += TICK) {
    yield { phase: "scoring", done: from, total: pairCount };
    scoreRange(records, a, b, codes, scorer, lowerWeight, decoded, pairs, from, Math.min(pairCount, from + TICK));
  }
  pairs.sort((x, y) => y.weight - x.weight);
  const againstWeight = options.apartWeight ?? DEFAULT_APART_WEIGHT;
  const clusters = new Clusters(
    records,
    (i, j) =>
      scorer.weigh(
        records[i] as PreparedRecord,
        records[j] as PreparedRecord,
        compareRecords(records[i] as PreparedRecord, records[j] as PreparedRecord),
      ) < againstWeight,
  );
  for (const d of decided) if (!d.same) clusters.forbid(d.i, d.j);
  for (const d of decided) if (d.same) clusters.union(d.i, d.j, true);
  for (let k = 0; k < pairs.length; k++) {
    const pair = pairs[k] as ScoredPair;
    if (pair.probability < thresholds.upper) break;
    if ((k & (TICK - 1)) === 0) yield { phase: "clustering", done: k, total: pairs.length };
    clusters.union(pair.a, pair.b);
  }
  return {
    records,
    parameters,
    pairs,
    clusterOf: clusters.assignments(),
    comparedPairs: pairCount,
    blocking: stats,
    thresholds,
    learned,
  };
}

/** Pairs for the review queue: between the thresholds, not undone by a decision, not already one person. */
export function reviewPairs(result: LinkageResult, options: Pick<LinkageOptions, "decisions">): ScoredPair[] {
  const decided = new Set((options.decisions ?? []).map((d) => [d.a, d.b].sort().join("|")));
  return result.pairs.filter((p) => {
    if (p.probability >= result.thresholds.upper) return false;
    if (result.clusterOf[p.a] === result.clusterOf[p.b]) return false;
    const key = [result.records[p.a]?.id, result.records[p.b]?.id].sort().join("|");
    return !decided.has(key);
  });
}

export { FIELDS };
