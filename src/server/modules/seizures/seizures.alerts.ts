/**
 * Unusual changes in a country's monthly seizures of a drug, judged against its own history: a robust z-score
 * of the month against the median and the median absolute deviation (MAD) of the previous 24 months
 * (missing months count as zero once the series has begun; at least 6 of them must have seizures). A month is
 * unusual when |z| ≥ 3.5 (Iglewicz and Hoaglin's cut-off for the modified z-score) and it differs from the
 * median by at least 1 kg.
 */
export interface MonthValue {
  year: number;
  month: number;
  kg: number;
}

export interface Anomaly extends MonthValue {
  median: number;
  score: number;
  direction: "up" | "down";
}

export const WINDOW_MONTHS = 24;
export const MIN_HISTORY_MONTHS = 12;
export const Z_THRESHOLD = 3.5;
export const MIN_ACTIVE_MONTHS = 6;
const MIN_DIFFERENCE_KG = 1;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const index = (v: { year: number; month: number }) => v.year * 12 + (v.month - 1);

/** Anomalies among the last `recent` months of a series. */
export function detectAnomalies(series: readonly MonthValue[], recent = 12): Anomaly[] {
  if (!series.length) return [];
  const byIndex = new Map<number, number>();
  for (const v of series) byIndex.set(index(v), (byIndex.get(index(v)) ?? 0) + v.kg);
  const first = Math.min(...byIndex.keys());
  const last = Math.max(...byIndex.keys());
  const out: Anomaly[] = [];
  for (let t = Math.max(first + MIN_HISTORY_MONTHS, last - recent + 1); t <= last; t++) {
    const history: number[] = [];
    for (let h = Math.max(first, t - WINDOW_MONTHS); h < t; h++) history.push(byIndex.get(h) ?? 0);
    // A sparse series (a few seizures a year) has no "usual" month to depart from.
    if (history.length < MIN_HISTORY_MONTHS || history.filter((v) => v > 0).length < MIN_ACTIVE_MONTHS) continue;
    const x = byIndex.get(t) ?? 0;
    const m = median(history);
    const mad = median(history.map((v) => Math.abs(v - m)));
    const meanAbs = history.reduce((a, v) => a + Math.abs(v - m), 0) / history.length;
    // MAD is 0 when most months are equal (often zero); fall back to the mean absolute deviation.
    const scale = mad > 0 ? 1.4826 * mad : meanAbs > 0 ? 1.253314 * meanAbs : Math.max(m * 0.1, 1e-6);
    const score = (x - m) / scale;
    if (Math.abs(score) >= Z_THRESHOLD && Math.abs(x - m) >= MIN_DIFFERENCE_KG) {
      out.push({
        year: Math.floor(t / 12),
        month: (t % 12) + 1,
        kg: x,
        median: m,
        score: Math.round(score * 100) / 100,
        direction: x > m ? "up" : "down",
      });
    }
  }
  return out;
}
