// Checks the reference data against the source documents in docs/sources (000–004 *.txt, especially 002 and 004).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { centroid } from "../../platform/geo.js";
import type { Provenance } from "../types.js";
import { partnerCountries, partnerOrganizations } from "./partners.js";
import { commitments, pillars } from "./pillars.js";
import { donors, liaisonPosts, programmeComponents } from "./programme.js";
import { routes } from "./routes.js";

const seedsDir = new URL("../../../../docs/sources/", import.meta.url);
const seedPath = (document: string): URL => new URL(document, seedsDir);
const readSeed = (document: string): string => readFileSync(seedPath(document), "utf8");

const BROCHURE = "002_75cee65931a42696.txt";
const DECLARATION = "004_47cadadb9c8ad2bf.txt";

/** Collapses whitespace and drops markdown list markers ("\n - (a)") so wrapped text compares equal. */
const normalise = (text: string): string =>
  text
    .replace(/\n[ \t]*-[ \t]+(?=\()/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/**
 * Country codes the documents place on routes or at liaison posts that are not partner countries.
 * TZA: the United Republic of Tanzania hosts the Dar es Salaam liaison officer post on the southern
 * route (document 000, para. 28) but is not among the brochure's 58 partner countries.
 */
const NON_PARTNER_CODES: Record<string, string> = {
  TZA: "Dar es Salaam liaison post, southern route (000, para. 28); not a partner country",
};

const countryCodes = new Set(partnerCountries.map((c) => c.code));

describe("partner countries and organizations", () => {
  it("has exactly 58 countries and 23 organizations", () => {
    expect(partnerCountries).toHaveLength(58);
    expect(partnerOrganizations).toHaveLength(23);
  });

  it("uses unique ISO 3166-1 alpha-3 codes", () => {
    for (const c of partnerCountries) expect(c.code).toMatch(/^[A-Z]{3}$/);
    expect(countryCodes.size).toBe(partnerCountries.length);
  });

  it("uses unique acronyms", () => {
    const acronyms = partnerOrganizations.map((o) => o.acronym);
    expect(new Set(acronyms).size).toBe(acronyms.length);
  });

  it("lists every country and organization exactly as the brochure does", () => {
    const brochure = readSeed(BROCHURE);
    const countryBlock = brochure.slice(
      brochure.indexOf("58 PARIS PACT PARTNER COUNTRIES"),
      brochure.indexOf("23 PARIS PACT PARTNER ORGANIZATIONS"),
    );
    const listedCountries = countryBlock
      .split("\n")
      .slice(1)
      .flatMap((line) => line.split("\t"))
      .map((cell) => cell.replace("*", "").trim())
      .filter((cell) => cell.length > 0);
    expect(listedCountries).toHaveLength(58);
    expect(partnerCountries.map((c) => c.listedAs).sort()).toEqual([...listedCountries].sort());

    const orgBlock = brochure.slice(
      brochure.indexOf("23 PARIS PACT PARTNER ORGANIZATIONS"),
      brochure.indexOf("* Paris Pact Partners since"),
    );
    const listedOrgs = orgBlock
      .split("\n")
      .filter((line) => line.startsWith("- "))
      .map((line) => line.slice(2).replace("*", "").trim());
    expect(listedOrgs).toHaveLength(23);
    expect(partnerOrganizations.map((o) => o.listedAs).sort()).toEqual([...listedOrgs].sort());
    for (const o of partnerOrganizations) expect(o.listedAs.endsWith(`(${o.acronym})`)).toBe(true);
  });

  it("marks exactly the brochure's asterisked partners as partners since the third ministerial conference", () => {
    const brochure = readSeed(BROCHURE);
    const asteriskedInText = [...brochure.matchAll(/([^\t\n]+?) \*(?=[\t\n])/g)]
      .map((m) => (m[1] ?? "").replace(/^- /, "").trim())
      .sort();
    const flagged = [
      ...partnerCountries.filter((c) => c.sinceThirdMinisterialConference).map((c) => c.listedAs),
      ...partnerOrganizations.filter((o) => o.sinceThirdMinisterialConference).map((o) => o.listedAs),
    ].sort();
    expect(flagged).toEqual(asteriskedInText);
    expect(
      partnerCountries
        .filter((c) => c.sinceThirdMinisterialConference)
        .map((c) => c.code)
        .sort(),
    ).toEqual(["ARE", "AUS", "CHN"]);
    expect(
      partnerOrganizations
        .filter((o) => o.sinceThirdMinisterialConference)
        .map((o) => o.acronym)
        .sort(),
    ).toEqual(["EAG", "GCC-CICCD"]);
  });

  it("gives English and Russian names to every partner", () => {
    for (const p of [...partnerCountries, ...partnerOrganizations]) {
      expect(p.name.en.trim()).not.toBe("");
      expect(p.name.ru).toMatch(/[А-Яа-яЁё]/);
    }
  });
});

describe("pillars and commitments", () => {
  it("has the four pillars I–IV", () => {
    expect(pillars.map((p) => [p.number, p.roman])).toEqual([
      [1, "I"],
      [2, "II"],
      [3, "III"],
      [4, "IV"],
    ]);
  });

  it("has 32 commitments: 9, 6, 10 and 7 per pillar, numbered contiguously", () => {
    expect(commitments).toHaveLength(32);
    const romans = ["I", "II", "III", "IV"] as const;
    const expected = { 1: 9, 2: 6, 3: 10, 4: 7 } as const;
    for (const pillar of [1, 2, 3, 4] as const) {
      const items = commitments.filter((c) => c.pillar === pillar);
      expect(items).toHaveLength(expected[pillar]);
      expect(items.map((c) => c.number)).toEqual(Array.from({ length: expected[pillar] }, (_, i) => i + 1));
      for (const c of items) expect(c.code).toBe(`${romans[pillar - 1]}.${c.number}`);
    }
    expect(new Set(commitments.map((c) => c.code)).size).toBe(32);
  });

  it("takes each commitment's English text verbatim from the Vienna Declaration", () => {
    const declaration = normalise(readSeed(DECLARATION));
    for (const c of commitments) {
      expect(c.provenance.document).toBe(DECLARATION);
      expect(c.text.en, c.code).toBeDefined();
      expect(declaration.includes(normalise(`${c.number}. ${c.text.en ?? ""}`)), c.code).toBe(true);
    }
  });

  it("spot-checks commitment texts", () => {
    const byCode = new Map(commitments.map((c) => [c.code, c.text.en ?? ""]));
    expect(byCode.get("I.3")).toMatch(/^Providing urgent and appropriate technical assistance/);
    expect(byCode.get("I.9")).toContain("(b) Enhancing counter-drug and related anti-crime cooperation");
    expect(byCode.get("II.6")).toMatch(/confiscated proceeds of crime might be further mobilized\.$/);
    expect(byCode.get("III.7")).toBe(
      "Encouraging Operation TARCET to set specific objectives to allow measurable outcomes in the light of latest findings on emerging trends;",
    );
    expect(byCode.get("III.10")).toMatch(/^Enhancing public\/private partnerships/);
    expect(byCode.get("IV.7")).toMatch(/particularly the Islamic Republic of Afghanistan\.$/);
  });

  it("uses the pillar titles of the Vienna Declaration", () => {
    const declaration = normalise(readSeed(DECLARATION));
    for (const p of pillars) {
      expect(declaration.includes(`${p.roman}. ${p.title.en ?? ""}`), p.roman).toBe(true);
    }
  });
});

describe("routes and programme", () => {
  it("has the Balkan, northern and southern routes", () => {
    expect(routes.map((r) => r.code).sort()).toEqual(["balkan", "northern", "southern"]);
    for (const r of routes) expect(r.provenance.length).toBeGreaterThan(0);
  });

  it("lists each route's countries in the direction the opiates travel, away from Afghanistan", () => {
    // The web draws the list as a chain of arrows under the caption "routes out of Afghanistan".
    const origin = centroid("AFG");
    const distance = (iso3: string) => {
      const c = centroid(iso3);
      if (!origin || !c) throw new Error(`no centroid for ${iso3}`);
      return Math.hypot(c[0] - origin[0], c[1] - origin[1]);
    };
    for (const r of routes) {
      const distances = r.countries.map(distance);
      expect(distances, r.code).toEqual([...distances].sort((a, b) => a - b));
    }
  });

  it("uses only partner ISO3 codes on routes and at liaison posts, or documented exceptions", () => {
    const used = [...routes.flatMap((r) => r.countries), ...liaisonPosts.map((p) => p.country)];
    for (const code of used) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect(countryCodes.has(code) || code in NON_PARTNER_CODES, code).toBe(true);
    }
    for (const code of Object.keys(NON_PARTNER_CODES)) {
      expect(countryCodes.has(code)).toBe(false);
      expect(used).toContain(code);
    }
  });

  it("links donors to partner countries", () => {
    expect(donors.length).toBeGreaterThan(0);
    for (const d of donors) {
      expect(d.partnerCode === null || countryCodes.has(d.partnerCode)).toBe(true);
    }
    const keys = donors.map((d) => `${d.year}:${d.partnerCode ?? d.name.en}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(
      donors
        .filter((d) => d.year === 2021)
        .map((d) => d.partnerCode)
        .sort(),
    ).toEqual(["RUS", "USA"]);
  });

  it("has unique liaison post codes and the three programme components", () => {
    const codes = liaisonPosts.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(programmeComponents.map((c) => c.code)).toEqual([
      "consultative_mechanism",
      "liaison_officer_network",
      "information_management",
    ]);
  });
});

describe("provenance", () => {
  const records: Array<{ label: string; provenance: Provenance }> = [
    ...partnerCountries.map((r) => ({ label: r.code, provenance: r.provenance })),
    ...partnerOrganizations.map((r) => ({ label: r.acronym, provenance: r.provenance })),
    ...pillars.map((r) => ({ label: `pillar ${r.roman}`, provenance: r.provenance })),
    ...commitments.map((r) => ({ label: r.code, provenance: r.provenance })),
    ...routes.flatMap((r) => r.provenance.map((p) => ({ label: `route ${r.code}`, provenance: p }))),
    ...donors.map((r) => ({ label: `donor ${r.year} ${r.partnerCode}`, provenance: r.provenance })),
    ...liaisonPosts.map((r) => ({ label: `post ${r.code}`, provenance: r.provenance })),
    ...programmeComponents.map((r) => ({ label: r.code, provenance: r.provenance })),
  ];

  it("points every record at an existing seed document with a locator", () => {
    expect(records.length).toBeGreaterThan(0);
    for (const { label, provenance } of records) {
      expect(provenance.document, label).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
      expect(existsSync(seedPath(provenance.document)), `${label}: ${provenance.document}`).toBe(true);
      expect(provenance.locator.trim(), label).not.toBe("");
    }
  });
});
