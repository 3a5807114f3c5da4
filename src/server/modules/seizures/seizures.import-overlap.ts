import type { Kysely } from "kysely";
import type { SeizureInputParsed } from "../../../common/seizures.js";
import type { DB } from "../../db/schema.js";
import type { SeizuresRepository } from "./seizures.repository.js";

/** Countries, drugs and dates an import covers: whether it can meet stored records at all. */
export interface Span {
  countries: Set<string>;
  drugs: Set<string>;
  from: string | null;
  to: string | null;
}

const DAY = 86_400_000;
/** Days either side of a record within which another of the same country and drug may be its duplicate. */
const NEAR = 3;
/** The least a checked date range grows by: a file sorted by date does not probe again for every chunk. */
const MIN_GROWTH = 31;

/** Days since 1970 of an ISO date, remembered: a file's seizures fall on a few thousand days at most. */
const DAYS = new Map<string, number>();
const dayOf = (date: string) => {
  let day = DAYS.get(date);
  if (day === undefined) {
    day = Math.floor(Date.parse(date) / DAY);
    if (DAYS.size > 100_000) DAYS.clear();
    DAYS.set(date, day);
  }
  return day;
};
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** The date a record is stored under (a month's or a year's first day), as `toColumns` writes it. */
const storedDate = (input: SeizureInputParsed) =>
  input.datePrecision === "year"
    ? `${input.seizureDate.slice(0, 4)}-01-01`
    : input.datePrecision === "month"
      ? `${input.seizureDate.slice(0, 7)}-01`
      : input.seizureDate;

/**
 * Whether an import can meet any record stored before it (same country and drug, dates within 3 days): only then is
 * the candidate search over the batch worth running. Asked once at the end inside the import's transaction, the
 * question waded through the batch's own new rows (3 s per million, all in the index range); asked here, chunk by
 * chunk before a chunk is written, on another connection, about the date ranges per country and drug that no
 * written row of the batch lies in, it reads only the records stored before. The ranges grow by at least a month,
 * so after the first chunks it is rarely asked again; once an overlap is found it is not asked at all.
 *
 * The probes see what was committed when they ran: at the end, batches other imports committed meanwhile are
 * checked too (through the batch index, their rows only). If a probe cannot run (no free connection), the end
 * falls back to the full check in the transaction.
 */
export class StoredOverlap {
  /** Per country and drug, the days [lo, hi] already probed. */
  private readonly probed = new Map<string, { lo: number; hi: number }>();
  private chain: Promise<void> = Promise.resolve();
  private found = false;
  private failed = false;
  private readonly seenBatches: Promise<string[] | null>;
  readonly span: Span = { countries: new Set(), drugs: new Set(), from: null, to: null };

  constructor(
    private readonly repo: SeizuresRepository,
    private readonly db: Kysely<DB>,
    private readonly batchId: string,
  ) {
    this.seenBatches = repo.recentBatchIds(db).catch(() => null);
  }

  /** Called with each chunk of checked rows before it is written. */
  cover(inputs: readonly SeizureInputParsed[]) {
    // Per country, per drug: the chunk's first and last day (maps of maps: no key string made per row).
    const chunk = new Map<string, Map<string, { lo: number; hi: number }>>();
    const span = this.span;
    const probing = !(this.found || this.failed);
    for (const input of inputs) {
      const date = storedDate(input);
      span.countries.add(input.country);
      span.drugs.add(input.drug);
      if (span.from === null || date < span.from) span.from = date;
      if (span.to === null || date > span.to) span.to = date;
      if (!probing) continue;
      const day = dayOf(date);
      let byDrug = chunk.get(input.country);
      if (!byDrug) {
        byDrug = new Map();
        chunk.set(input.country, byDrug);
      }
      const c = byDrug.get(input.drug);
      if (!c) byDrug.set(input.drug, { lo: day, hi: day });
      else if (day < c.lo) c.lo = day;
      else if (day > c.hi) c.hi = day;
    }
    const ranges: { country: string; drug: string; from: string; to: string }[] = [];
    for (const [country, byDrug] of chunk)
      for (const [drug, c] of byDrug) this.extend(`${country}\u0000${drug}`, country, drug, c, ranges);
    if (!ranges.length) return;
    this.chain = this.chain.then(async () => {
      if (this.found || this.failed) return;
      try {
        if (await this.repo.storedInRanges(this.db, this.batchId, ranges)) this.found = true;
      } catch {
        this.failed = true;
      }
    });
  }

  /** Adds to `ranges` what a chunk's days [c.lo, c.hi] of one country and drug need probed, and marks it probed. */
  private extend(
    key: string,
    country: string,
    drug: string,
    c: { lo: number; hi: number },
    ranges: { country: string; drug: string; from: string; to: string }[],
  ) {
    const lo = c.lo - NEAR;
    const hi = c.hi + NEAR;
    const p = this.probed.get(key);
    if (!p) {
      const grown = { lo: lo - MIN_GROWTH, hi: hi + MIN_GROWTH };
      this.probed.set(key, grown);
      ranges.push({ country, drug, from: dateOf(grown.lo), to: dateOf(grown.hi) });
      return;
    }
    // Rows already written lie inside [p.lo, p.hi]; only what lies outside is asked about, grown ahead.
    const growth = Math.max(MIN_GROWTH, p.hi - p.lo);
    if (lo < p.lo) {
      const from = Math.min(lo, p.lo - growth);
      ranges.push({ country, drug, from: dateOf(from), to: dateOf(p.lo - 1) });
      p.lo = from;
    }
    if (hi > p.hi) {
      const to = Math.max(hi, p.hi + growth);
      ranges.push({ country, drug, from: dateOf(p.hi + 1), to: dateOf(to) });
      p.hi = to;
    }
  }

  /** Once every row is written, inside the import's transaction: may the batch meet a record stored before it? */
  async overlaps(trx: Kysely<DB>): Promise<boolean> {
    await this.chain;
    if (this.found) return true;
    const seen = await this.seenBatches;
    if (this.failed || seen === null) return this.repo.overlapsStored(trx, this.batchId, this.span);
    return this.repo.overlapsBatchesSince(trx, this.batchId, seen, this.span);
  }
}
