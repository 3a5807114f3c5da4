import { seededRandom } from "./linkage-model.js";

/**
 * Thresholds learned from reviewers' decisions.
 *
 * Each decision is a pair the model gave probability `p` and a reviewer called the same person or not. A
 * logistic calibration P(same | p) = σ(α + β·logit p) is fitted to the decisions (Newton–Raphson with a weak
 * ridge, so that decisions the model already separates perfectly still give a finite fit). Then:
 * - the upper threshold (automatic link) is the model probability at which the calibrated chance of the same
 *   person reaches `linkPrecision`: every pair linked automatically is at least that likely to be right, so
 *   the auto-links' precision is at least that;
 * - the lower threshold (into the review queue) is where the calibrated chance falls to `missRate`: a pair
 *   left out of the queue has less than that chance of being a missed match.
 * A seeded bootstrap over the decisions (resampled with replacement) gives a 90% interval for each.
 * With fewer than `minDecisions`, or fewer than `minPerClass` of either answer, or decisions that do not
 * follow the model (β ≤ 0), the defaults stay in use and the reason says why.
 */

export interface Decision {
  /** The model's probability for the pair. */
  probability: number;
  same: boolean;
}

export type ThresholdSource = "learned" | "default";
export type DefaultReason = "too_few_decisions" | "too_few_of_one_answer" | "decisions_do_not_follow_model";

export interface ThresholdEstimate {
  value: number;
  /** 90% bootstrap interval; null with the defaults. */
  low: number | null;
  high: number | null;
}

export interface LearnedThresholds {
  source: ThresholdSource;
  reason: DefaultReason | null;
  upper: ThresholdEstimate;
  lower: ThresholdEstimate;
  decisions: number;
  same: number;
  different: number;
  /** Bootstrap resamples that gave a usable fit (some may lack one answer). */
  resamples: number;
}

export interface ThresholdOptions {
  defaults: { upper: number; lower: number };
  linkPrecision: number;
  missRate: number;
  minDecisions: number;
  minPerClass: number;
  resamples: number;
  seed: number;
  /** Two-sided coverage of the interval. */
  coverage: number;
}

export const THRESHOLD_SETTINGS: Omit<ThresholdOptions, "defaults"> = {
  linkPrecision: 0.9,
  missRate: 0.05,
  minDecisions: 30,
  minPerClass: 5,
  resamples: 200,
  seed: 21,
  coverage: 0.9,
};

const CLAMP = 1e-6;
const clampP = (p: number) => Math.min(1 - CLAMP, Math.max(CLAMP, p));
export const logit = (p: number) => {
  const q = clampP(p);
  return Math.log(q / (1 - q));
};
export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Logistic regression of `same` on x with intercept; a small ridge on the slope keeps separable data finite. */
export function fitCalibration(xs: number[], ys: boolean[], ridge = 0.01): { alpha: number; beta: number } {
  let alpha = 0;
  let beta = 0;
  for (let it = 0; it < 100; it++) {
    let ga = 0;
    let gb = -ridge * beta;
    let haa = 1e-9;
    let hab = 0;
    let hbb = ridge;
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k] as number;
      const p = sigmoid(alpha + beta * x);
      const r = (ys[k] ? 1 : 0) - p;
      const w = p * (1 - p);
      ga += r;
      gb += r * x;
      haa += w;
      hab += w * x;
      hbb += w * x * x;
    }
    const det = haa * hbb - hab * hab;
    if (!Number.isFinite(det) || Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Damped steps: a near-separable sample must not jump to a huge slope in one step.
    const scale = Math.min(1, 5 / Math.max(Math.abs(da), Math.abs(db)));
    alpha += da * scale;
    beta += db * scale;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { alpha, beta };
}

/** The model probability at which the calibrated chance of the same person equals `target`. */
function thresholdAt(fit: { alpha: number; beta: number }, target: number): number {
  return sigmoid((logit(target) - fit.alpha) / fit.beta);
}

function pair(xs: number[], ys: boolean[], options: ThresholdOptions): { upper: number; lower: number } | null {
  const fit = fitCalibration(xs, ys);
  if (!(fit.beta > 0) || !Number.isFinite(fit.alpha)) return null;
  const upper = Math.min(0.999, Math.max(0.001, thresholdAt(fit, options.linkPrecision)));
  const lower = Math.min(upper, Math.max(0.001, thresholdAt(fit, options.missRate)));
  return { upper, lower };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/** The thresholds to use, learned from the decisions when there are enough of them. */
export function learnThresholds(
  decisions: Decision[],
  options: Partial<ThresholdOptions> & Pick<ThresholdOptions, "defaults">,
): LearnedThresholds {
  const o: ThresholdOptions = { ...THRESHOLD_SETTINGS, ...options };
  const same = decisions.filter((d) => d.same).length;
  const different = decisions.length - same;
  const fallback = (reason: DefaultReason): LearnedThresholds => ({
    source: "default",
    reason,
    upper: { value: o.defaults.upper, low: null, high: null },
    lower: { value: o.defaults.lower, low: null, high: null },
    decisions: decisions.length,
    same,
    different,
    resamples: 0,
  });
  if (decisions.length < o.minDecisions) return fallback("too_few_decisions");
  if (same < o.minPerClass || different < o.minPerClass) return fallback("too_few_of_one_answer");
  const xs = decisions.map((d) => logit(d.probability));
  const ys = decisions.map((d) => d.same);
  const point = pair(xs, ys, o);
  if (!point) return fallback("decisions_do_not_follow_model");
  const random = seededRandom(o.seed);
  const uppers: number[] = [];
  const lowers: number[] = [];
  const n = decisions.length;
  const bx = new Array<number>(n);
  const by = new Array<boolean>(n);
  for (let r = 0; r < o.resamples; r++) {
    let positives = 0;
    for (let k = 0; k < n; k++) {
      const i = Math.floor(random() * n);
      bx[k] = xs[i] as number;
      by[k] = ys[i] as boolean;
      if (by[k]) positives++;
    }
    if (positives === 0 || positives === n) continue;
    const t = pair(bx, by, o);
    if (!t) continue;
    uppers.push(t.upper);
    lowers.push(t.lower);
  }
  uppers.sort((a, b) => a - b);
  lowers.sort((a, b) => a - b);
  const tail = (1 - o.coverage) / 2;
  const interval = (values: number[], value: number): ThresholdEstimate => ({
    value,
    low: values.length ? Math.min(value, quantile(values, tail)) : null,
    high: values.length ? Math.max(value, quantile(values, 1 - tail)) : null,
  });
  return {
    source: "learned",
    reason: null,
    upper: interval(uppers, point.upper),
    lower: interval(lowers, point.lower),
    decisions: n,
    same,
    different,
    resamples: uppers.length,
  };
}
