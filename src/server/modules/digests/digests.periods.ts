import type { SentFrequency } from "../../../common/digests.js";

/** A digest period: weeks are ISO 8601 weeks (Monday to Monday, UTC), months calendar months (UTC). */
export interface Period {
  /** Unique per frequency and period, e.g. `weekly:2026-W49` or `monthly:2026-12`. */
  key: string;
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, "0");

/** The ISO week-numbering year and week of a day (the week's Thursday decides its year). */
function isoWeek(day: Date): { year: number; week: number } {
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week };
}

/** The period of `frequency` that contains the instant `at`. */
export function periodOf(frequency: SentFrequency, at: Date): Period {
  if (frequency === "monthly") {
    const y = at.getUTCFullYear();
    const m = at.getUTCMonth();
    return {
      key: `monthly:${y}-${pad(m + 1)}`,
      start: new Date(Date.UTC(y, m, 1)),
      end: new Date(Date.UTC(y, m + 1, 1)),
    };
  }
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const start = new Date(midnight - ((at.getUTCDay() + 6) % 7) * DAY_MS);
  const { year, week } = isoWeek(start);
  return { key: `weekly:${year}-W${pad(week)}`, start, end: new Date(start.getTime() + 7 * DAY_MS) };
}

/** The last period that has ended by `now`: what the schedule sends. */
export function lastCompleted(frequency: SentFrequency, now: Date): Period {
  return periodOf(frequency, new Date(periodOf(frequency, now).start.getTime() - 1));
}
