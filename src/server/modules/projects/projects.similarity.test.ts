import { describe, expect, it } from "vitest";
import { evaluate } from "../../../../bench/projects-duplicates-quality.js";
import { evaluationPairs } from "../../../../bench/projects-eval-set.js";
import { addMoney, convertToUsd, normaliseAmount } from "./projects.money.js";
import {
  baselineMatch,
  buildFeatures,
  explain,
  idfFrom,
  periodOverlap,
  scorePair,
  stem,
  tokenize,
  tuneThreshold,
} from "./projects.similarity.js";
import { pivot, split } from "./projects.stats.js";

const base = {
  countries: ["TJK"],
  start: "2026-01-01",
  end: "2026-12-31",
  themes: ["border_control"],
  dacCodes: ["16063"],
  organizations: [],
  usd: 1_000_000,
  ids: [],
};

describe("duplicate detection", () => {
  it("meets across scripts: concepts for words, a phonetic key for names", () => {
    expect(tokenize("Пограничные заставы")[0]).toBe(tokenize("border outposts")[0]);
    expect(tokenize("пограничной таможни")).toEqual(["c:border", "c:customs"]);
    expect(stem("Пяндж")).toBe(stem("Panj"));
    expect(stem("Худжанде")).toBe(stem("Khujand"));
    expect(stem("Герат")).toBe(stem("Herat"));
  });

  it("gates on place and time, and explains each component", () => {
    const a = buildFeatures({ ...base, title: { en: "Canine units for the Border Troops" } });
    const b = buildFeatures({
      ...base,
      title: { ru: "Кинологические подразделения Пограничных войск" },
      start: "2026-04-01",
    });
    const idf = idfFrom([a, b]);
    const s = scorePair(a, b, idf);
    expect(s.gated).toBe(true);
    expect(s.score).toBeGreaterThan(0.5);
    expect(explain(s.components).en).toMatch(
      /same country Tajikistan, dates overlap 100%, text similarity [01](\.\d+)?, same theme: Border control/,
    );
    // Russian reasons name the country and the theme and use the Russian decimal comma (issue 19).
    expect(explain(s.components).ru).toMatch(
      /та же страна Таджикистан, сроки совпадают на 100\s?%, сходство текста [01](,\d+)?, та же тема: Пограничный контроль/,
    );
    expect(explain(s.components).ru).not.toMatch(/\bTJK\b|\b[a-z]+_[a-z]+\b/);
    const elsewhere = buildFeatures({
      ...base,
      countries: ["UZB"],
      title: { en: "Canine units for the Border Troops" },
    });
    expect(scorePair(a, elsewhere, idf)).toMatchObject({ gated: false, score: 0 });
    const later = buildFeatures({
      ...base,
      start: "2028-01-01",
      end: "2028-12-31",
      title: { en: "Canine units for the Border Troops" },
    });
    expect(scorePair(a, later, idf).gated).toBe(false);
    expect(periodOverlap(a, { ...a, start: "2026-07-01", end: "2027-06-30" })).toBeCloseTo(0.5, 1);
  });

  it("treats a shared IATI identifier as a duplicate, as the peers do", () => {
    const a = buildFeatures({ ...base, title: { en: "x" }, ids: ["XM-1"] });
    const b = buildFeatures({ ...base, title: { ru: "y" }, ids: ["xm-1"] });
    expect(scorePair(a, b, idfFrom([a, b])).score).toBe(1);
    expect(baselineMatch(a, b)).toBe(true);
  });

  it("tunes the threshold from labels", () => {
    const labelled = [0.32, 0.35, 0.38, 0.6, 0.7].map((score) => ({ score, positive: true }));
    labelled.push(...[0.2, 0.25, 0.31].map((score) => ({ score, positive: false })));
    expect(tuneThreshold(labelled, 0.45).threshold).toBe(0.32);
    expect(tuneThreshold(labelled.slice(0, 2), 0.45)).toMatchObject({ threshold: 0.45, precision: null });
  });

  it("does far better than identifiers and similar titles on the labelled set (≥ 200 pairs, F1 ≥ 0.9)", () => {
    const pairs = evaluationPairs();
    expect(pairs.length).toBeGreaterThanOrEqual(200);
    expect(new Set(pairs.map((p) => p.kind))).toEqual(
      new Set(["en-ru", "en-reworded", "ru-reworded", "hard-negative", "gate-negative"]),
    );
    const r = evaluate(pairs);
    expect(r.ours.f1).toBeGreaterThanOrEqual(0.9);
    expect(r.ours.f1).toBeGreaterThan(r.baseline.q.f1 + 0.3);
    expect(r.ours.precision).toBeGreaterThan(r.baseline.q.precision);
    expect(r.ours.recall).toBeGreaterThan(r.baseline.q.recall);
  });
});

describe("money and statistics", () => {
  it("converts to USD in integer arithmetic, rounding half up to the cent", () => {
    expect(convertToUsd("1200000.50", "1.085")).toBe("1302000.54");
    expect(convertToUsd("0.01", "0.5")).toBe("0.01");
    expect(convertToUsd("99999999999.99", "1")).toBe("99999999999.99");
    expect(addMoney(["0.10", "0.20", null])).toBe("0.30");
    expect(addMoney([null])).toBeNull();
    expect(normaliseAmount("1200")).toBe("1200.00");
  });

  it("divides a project's money over donors, countries and years without counting it twice", () => {
    const fact = {
      id: "p",
      code: "P",
      title: { en: "x" },
      partner_code: "UNODC",
      stage: "implementation",
      themes: ["training", "forensics"],
      total_usd: "1000.00",
      workflow: "published" as const,
      start_year: 2025,
      end_year: 2026,
      period_start: "2025-01-01",
      period_end: "2026-12-31",
      pillars: [1],
      locations: [
        { code: "TJK", kind: "country", share: 75 },
        { code: "UZB", kind: "country", share: 25 },
      ],
      transactions: [
        {
          type: "commitment" as const,
          donor: "JPN",
          name: "Japan",
          amount: "600.00",
          currency: "USD",
          usd: "600.00",
          date: "2025-01-01",
        },
        {
          type: "commitment" as const,
          donor: "EU",
          name: "EU",
          amount: "400.00",
          currency: "USD",
          usd: "400.00",
          date: "2025-01-01",
        },
        // Disbursed: JPN 100 in 2025 and 300 in 2026, EU 200 in 2026 (and 50 GBP no rate converts).
        {
          type: "disbursement" as const,
          donor: "JPN",
          name: "Japan",
          amount: "100.00",
          currency: "USD",
          usd: "100.00",
          date: "2025-06-30",
        },
        {
          type: "disbursement" as const,
          donor: "JPN",
          name: "Japan",
          amount: "300.00",
          currency: "USD",
          usd: "300.00",
          date: "2026-02-01",
        },
        {
          type: "disbursement" as const,
          donor: "EU",
          name: "EU",
          amount: "200.00",
          currency: "USD",
          usd: "200.00",
          date: "2026-03-01",
        },
        {
          type: "disbursement" as const,
          donor: "EU",
          name: "EU",
          amount: "50.00",
          currency: "GBP",
          usd: null,
          date: "2026-03-01",
        },
      ],
    };
    expect(split(fact, "country")).toEqual([
      ["TJK", 0.75],
      ["UZB", 0.25],
    ]);
    const p = pivot([fact], "donor", "year", "usd");
    expect(p.rows).toEqual(["JPN", "EU"]);
    expect(p.columns).toEqual(["2025", "2026"]);
    expect(p.cells).toEqual([
      [300, 300],
      [200, 200],
    ]);
    expect(p.total).toBe(1000);
    expect(pivot([fact], "theme", undefined, "count").rowTotals).toEqual([1, 1]);
    // Disbursed: each disbursement in the year of its own date, by its donor; the GBP without a rate is listed.
    const paid = pivot([fact], "donor", "year", "disbursed_usd");
    expect(paid.rows).toEqual(["JPN", "EU"]);
    expect(paid.columns).toEqual(["2025", "2026"]);
    expect(paid.cells).toEqual([
      [100, 300],
      [0, 200],
    ]);
    expect(paid.total).toBe(600);
    expect(paid.unconverted).toEqual([{ currency: "GBP", amount: "50.00", projects: 1 }]);
    expect(pivot([fact], "donor", undefined, "spent_usd").total).toBe(0);
  });
});
