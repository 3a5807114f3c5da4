import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, reviewPairs, runLinkage } from "./linkage.js";
import { seededRandom } from "./linkage-model.js";
import { generateSyntheticRecords } from "./linkage-synthetic.js";
import { type Decision, learnThresholds, logit, sigmoid, THRESHOLD_SETTINGS } from "./linkage-thresholds.js";

const DEFAULTS = { upper: 0.5, lower: 0.1 };

/**
 * Reviewers' decisions drawn from a known calibration: the chance that a pair the model gave `p` is one person
 * is σ(alpha + beta·logit p). The true thresholds follow from it and the targets.
 */
function decisionsFrom(truth: { alpha: number; beta: number }, n: number, seed: number): Decision[] {
  // Seeds spread out: the xorshift generator starts poorly from small seeds.
  const random = seededRandom(seed * 7919 + 12345);
  const out: Decision[] = [];
  for (let k = 0; k < n; k++) {
    // Pairs the reviewers see: model log-odds spread around the review band.
    const x = -6 + 10 * random();
    const same = random() < sigmoid(truth.alpha + truth.beta * x);
    out.push({ probability: sigmoid(x), same });
  }
  return out;
}

const trueThreshold = (truth: { alpha: number; beta: number }, target: number) =>
  sigmoid((logit(target) - truth.alpha) / truth.beta);

describe("thresholds learned from reviewers' decisions", () => {
  const truth = { alpha: -1.2, beta: 1.4 };
  const upperTruth = trueThreshold(truth, THRESHOLD_SETTINGS.linkPrecision);
  const lowerTruth = trueThreshold(truth, THRESHOLD_SETTINGS.missRate);

  it("recovers thresholds generated from a known calibration, inside their 90% intervals", () => {
    const learned = learnThresholds(decisionsFrom(truth, 400, 7), { defaults: DEFAULTS });
    expect(learned.source).toBe("learned");
    expect(learned.decisions).toBe(400);
    expect(learned.resamples).toBeGreaterThan(190);
    const { upper, lower } = learned;
    expect(upper.low).not.toBeNull();
    expect(upperTruth).toBeGreaterThanOrEqual(upper.low as number);
    expect(upperTruth).toBeLessThanOrEqual(upper.high as number);
    expect(lowerTruth).toBeGreaterThanOrEqual(lower.low as number);
    expect(lowerTruth).toBeLessThanOrEqual(lower.high as number);
    // Not the defaults by accident: the truth here is far from 0.5 / 0.1.
    expect(Math.abs(upper.value - upperTruth)).toBeLessThan(0.08);
    expect(Math.abs(upper.value - DEFAULTS.upper)).toBeGreaterThan(0.2);
    expect(lower.value).toBeLessThan(upper.value);
  });

  it("covers the truth in most seeded samples (the intervals are not too narrow)", () => {
    let covered = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const { upper } = learnThresholds(decisionsFrom(truth, 200, seed * 31), { defaults: DEFAULTS, seed });
      if (upperTruth >= (upper.low as number) && upperTruth <= (upper.high as number)) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(7);
  });

  it("follows the reviewers: a stricter calibration gives a higher automatic-link threshold", () => {
    const strict = { alpha: -3, beta: 1 };
    const lenient = { alpha: 1, beta: 1 };
    const a = learnThresholds(decisionsFrom(strict, 300, 3), { defaults: DEFAULTS });
    const b = learnThresholds(decisionsFrom(lenient, 300, 3), { defaults: DEFAULTS });
    expect(a.upper.value).toBeGreaterThan(b.upper.value + 0.15);
    expect(a.upper.low as number).toBeGreaterThan(b.upper.high as number);
  });

  it("keeps the defaults with too few decisions, or too few of one answer, and says why", () => {
    const few = learnThresholds(decisionsFrom(truth, 29, 5), { defaults: DEFAULTS });
    expect(few).toMatchObject({
      source: "default",
      reason: "too_few_decisions",
      decisions: 29,
      upper: { value: 0.5, low: null, high: null },
      lower: { value: 0.1, low: null, high: null },
    });
    const oneSided: Decision[] = [
      ...Array.from({ length: 40 }, (_, k) => ({ probability: 0.2 + k / 100, same: true })),
      ...Array.from({ length: 4 }, () => ({ probability: 0.05, same: false })),
    ];
    expect(learnThresholds(oneSided, { defaults: DEFAULTS })).toMatchObject({
      source: "default",
      reason: "too_few_of_one_answer",
      same: 40,
      different: 4,
    });
    // Reviewers saying "same" for the pairs the model doubts most: no threshold follows from that.
    const backwards: Decision[] = Array.from({ length: 60 }, (_, k) => ({
      probability: (k + 1) / 62,
      same: k < 30,
    }));
    expect(learnThresholds(backwards, { defaults: DEFAULTS })).toMatchObject({
      source: "default",
      reason: "decisions_do_not_follow_model",
    });
  });

  it("narrows the interval as decisions accumulate", () => {
    const width = (n: number) => {
      const { upper, lower } = learnThresholds(decisionsFrom(truth, n, 11), { defaults: DEFAULTS });
      return {
        upper: (upper.high as number) - (upper.low as number),
        lower: (lower.high as number) - (lower.low as number),
      };
    };
    const small = width(60);
    const large = width(1500);
    expect(large.upper).toBeLessThan(small.upper / 2);
    expect(large.lower).toBeLessThan(small.lower / 2);
  });

  it("is reproducible: the bootstrap is seeded", () => {
    const decisions = decisionsFrom(truth, 120, 9);
    expect(learnThresholds(decisions, { defaults: DEFAULTS })).toEqual(
      learnThresholds(decisions, { defaults: DEFAULTS }),
    );
  });
});

describe("the linkage uses the learned thresholds", () => {
  it("links, queues and leaves out pairs by the thresholds learned from the decisions given", () => {
    const records = generateSyntheticRecords(400, 13);
    const person = new Map(records.map((r) => [r.id, r.personId]));
    const first = runLinkage(records, { ...DEFAULT_THRESHOLDS, lower: 0.01 });
    // A reviewer who knows the truth decides the pairs the model was least sure of, as the queue would offer them.
    const doubtful = first.pairs
      .filter((p) => p.probability > 0.02 && p.probability < 0.98)
      .sort((x, y) => Math.abs(x.probability - 0.5) - Math.abs(y.probability - 0.5))
      .slice(0, 120);
    const decisions = doubtful.map((p) => {
      const a = first.records[p.a]?.id as string;
      const b = first.records[p.b]?.id as string;
      return { a, b, same: person.get(a) === person.get(b) };
    });
    expect(decisions.filter((d) => d.same).length).toBeGreaterThanOrEqual(5);
    expect(decisions.filter((d) => !d.same).length).toBeGreaterThanOrEqual(5);
    const options = { ...DEFAULT_THRESHOLDS, decisions, learnThresholds: true };
    const result = runLinkage(records, options);
    expect(result.learned?.source).toBe("learned");
    expect(result.learned?.decisions).toBe(decisions.length);
    expect(result.thresholds).toEqual({ upper: result.learned?.upper.value, lower: result.learned?.lower.value });
    expect(result.thresholds).not.toEqual(DEFAULT_THRESHOLDS);
    // Pairs kept are at or above the learned lower threshold; the queue lies between the two.
    expect(result.pairs.every((p) => p.probability >= (result.thresholds.lower as number) - 1e-9)).toBe(true);
    const queue = reviewPairs(result, options);
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.every((p) => p.probability < result.thresholds.upper)).toBe(true);
    // Pairs at or above the learned upper threshold are linked (unless a date of birth or a decision forbids).
    const linkedAbove = result.pairs.filter(
      (p) => p.probability >= result.thresholds.upper && result.clusterOf[p.a] === result.clusterOf[p.b],
    ).length;
    expect(linkedAbove).toBeGreaterThan(0);
    // Without learning, the same run keeps the defaults.
    const plain = runLinkage(records, { ...DEFAULT_THRESHOLDS, decisions });
    expect(plain.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(plain.learned).toBeNull();
  });
});
