/**
 * Precision, recall and F1 of ADAM's duplicate detection on the labelled evaluation set, against the peers'
 * baseline (identical identifiers, or titles similar by character trigrams — what AMP, d-portal and FTS do;
 * the baseline gets its best threshold on this very set, which flatters it).
 * Run: `npx tsx bench/projects-duplicates-quality.ts` (also part of `npm run bench`).
 */
import {
  baselineMatch,
  buildFeatures,
  DEFAULT_THRESHOLD,
  type DupFeatures,
  idfFrom,
  scorePair,
  tuneThreshold,
} from "../src/server/modules/projects/projects.similarity.js";
import { type EvalPair, evaluationPairs } from "./projects-eval-set.js";

export interface Quality {
  pairs: number;
  positives: number;
  precision: number;
  recall: number;
  f1: number;
}

function quality(labels: boolean[], predictions: boolean[]): Quality {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  labels.forEach((l, i) => {
    if (predictions[i] && l) tp++;
    else if (predictions[i] && !l) fp++;
    else if (!predictions[i] && l) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return {
    pairs: labels.length,
    positives: labels.filter(Boolean).length,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
}

export function evaluate(pairs: EvalPair[] = evaluationPairs(), threshold = DEFAULT_THRESHOLD) {
  const features = pairs.map((p) => [buildFeatures(p.a), buildFeatures(p.b)] as [DupFeatures, DupFeatures]);
  // IDF over every project of the set, as the platform computes it over the candidates of a check.
  const idf = idfFrom(features.flat());
  const scores = features.map(([a, b]) => scorePair(a, b, idf));
  const labels = pairs.map((p) => p.positive);
  const ours = quality(
    labels,
    scores.map((s) => s.gated && s.score >= threshold),
  );
  let baseline = {
    threshold: 0,
    q: quality(
      labels,
      labels.map(() => false),
    ),
  };
  for (let t = 0.1; t <= 0.9; t += 0.05) {
    const q = quality(
      labels,
      features.map(([a, b]) => baselineMatch(a, b, t)),
    );
    if (q.f1 > baseline.q.f1) baseline = { threshold: Math.round(t * 100) / 100, q };
  }
  const byKind: Record<string, { n: number; correct: number }> = {};
  pairs.forEach((p, i) => {
    const k = byKind[p.kind] ?? { n: 0, correct: 0 };
    byKind[p.kind] = k;
    k.n++;
    const predicted = (scores[i]?.gated ?? false) && (scores[i]?.score ?? 0) >= threshold;
    if (predicted === p.positive) k.correct++;
  });
  const mistakes = pairs
    .map((p, i) => ({ p, s: scores[i] }))
    .filter(({ p, s }) => ((s?.gated ?? false) && (s?.score ?? 0) >= threshold) !== p.positive)
    .map(({ p, s }) => `${p.kind} ${p.a.key}/${p.a.variant} – ${p.b.key}/${p.b.variant}: ${s?.score.toFixed(3)}`);
  // Thresholds as the platform tunes them from reviewers' labels, judged on pairs they did not see (5 folds).
  const folds = 5;
  const cvPredictions: boolean[] = [];
  const cvThresholds: number[] = [];
  for (let f = 0; f < folds; f++) {
    const train = scores
      .map((s, i) => ({ score: s.gated ? s.score : 0, positive: labels[i] as boolean, i }))
      .filter((x) => x.i % folds !== f);
    const tuned = tuneThreshold(train, threshold).threshold;
    cvThresholds.push(tuned);
    scores.forEach((s, i) => {
      if (i % folds === f) cvPredictions[i] = s.gated && s.score >= tuned;
    });
  }
  const tuned = { q: quality(labels, cvPredictions), thresholds: cvThresholds };
  const negatives = scores.filter((s, i) => !pairs[i]?.positive && s.gated).map((s) => s.score);
  const maxNegative = Math.max(0, ...negatives);
  return { ours, baseline, byKind, mistakes, threshold, maxNegative, tuned };
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = evaluate();
  console.log(`evaluation set: ${r.ours.pairs} pairs, ${r.ours.positives} positives`);
  console.log(
    `ADAM (threshold ${r.threshold}): precision ${pct(r.ours.precision)}, recall ${pct(r.ours.recall)}, F1 ${r.ours.f1.toFixed(3)}`,
  );
  console.log(
    `baseline (identifier or title trigram ≥ ${r.baseline.threshold}): precision ${pct(r.baseline.q.precision)}, recall ${pct(r.baseline.q.recall)}, F1 ${r.baseline.q.f1.toFixed(3)}`,
  );
  console.log(
    `ADAM, threshold tuned from labels (5-fold, thresholds ${r.tuned.thresholds.join(", ")}): precision ${pct(r.tuned.q.precision)}, recall ${pct(r.tuned.q.recall)}, F1 ${r.tuned.q.f1.toFixed(3)}`,
  );
  console.log(`highest score of a non-duplicate pair: ${r.maxNegative.toFixed(3)}`);
  for (const [kind, k] of Object.entries(r.byKind)) console.log(`  ${kind.padEnd(14)} ${k.correct}/${k.n} right`);
  for (const m of r.mistakes) console.log(`  miss: ${m}`);
}
