/**
 * A field's match weight (bits, log2 of the likelihood ratio m/u) in words a reviewer reads without knowing
 * the model: how many times more likely this agreement is for one person than for two, and how strong
 * that is. The bands follow the usual reading of likelihood ratios (Kass and Raftery 1995, in bits:
 * under 1 barely worth mentioning, 1–3 weak, 3–6 strong, above 6 very strong).
 */
export type Strength = "none" | "weak" | "strong" | "veryStrong";

export interface WeightInWords {
  /** Which way the field points. */
  direction: "for" | "against" | "neutral";
  strength: Strength;
  /** 2^|weight|, rounded for reading (1 when neutral). */
  times: number;
}

export function weightInWords(weight: number): WeightInWords {
  const size = Math.abs(weight);
  const strength: Strength = size < 1 ? "none" : size < 3 ? "weak" : size < 6 ? "strong" : "veryStrong";
  if (strength === "none") return { direction: "neutral", strength, times: 1 };
  const ratio = 2 ** size;
  const times = ratio >= 100 ? Math.round(ratio / 10) * 10 : Math.round(ratio);
  return { direction: weight > 0 ? "for" : "against", strength, times: Math.min(times, 1_000_000) };
}
