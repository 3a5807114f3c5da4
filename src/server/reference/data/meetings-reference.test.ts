// Checks the historic meetings against the source documents in docs/sources: each sample figure is quoted
// from its document, and the quotation must be found there (whitespace collapsed).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type MeetingRef, referenceMeetings } from "./meetings.js";

const seedsDir = new URL("../../../../docs/sources/", import.meta.url);
const collapse = (text: string) =>
  text
    .replace(/\s+/g, " ")
    .replace(/ ([,.;])/g, "$1")
    .trim();
const seed = (document: string) => collapse(readFileSync(new URL(document, seedsDir), "utf8"));

const REPORT_2022 = "000_178a339dba6a7557.txt";
const REPORT_2018 = "001_76773985ed435ad4.txt";
const BROCHURE = "002_75cee65931a42696.txt";
const REPORT_2007 = "003_7347bb6d65341056.txt";
const DECLARATION = "004_47cadadb9c8ad2bf.txt";

const byKey = (key: string): MeetingRef => {
  const found = referenceMeetings.find((m) => m.key === key);
  if (!found) throw new Error(`no reference meeting ${key}`);
  return found;
};

/** A sentence of a document, and what the reference data must say because of it. */
const SAMPLES: { document: string; quote: string; key: string; expected: Partial<MeetingRef> }[] = [
  {
    document: REPORT_2018,
    quote:
      "The meeting was held in Tehran on 11 and 12 December 2017 and brought together 52 participants representing 14 countries and 6 international organizations.",
    key: "ewg-19",
    expected: {
      startDate: "2017-12-11",
      endDate: "2017-12-12",
      participants: 52,
      countries: 14,
      organizations: 6,
      country: "IRN",
    },
  },
  {
    document: REPORT_2018,
    quote:
      "was hosted in Bucharest on 23 and 24 October 2017 by the Southeast European Law Enforcement Centre. The meeting brought together 61 participants representing 21 countries and 8 international organizations.",
    key: "ewg-17",
    expected: {
      startDate: "2017-10-23",
      endDate: "2017-10-24",
      participants: 61,
      countries: 21,
      organizations: 8,
      hostPartnerCode: "SELEC",
    },
  },
  {
    document: REPORT_2018,
    quote:
      "The meeting was held in Belgrade on 21 and 22 November 2017 and was attended by 60 participants representing 19 countries and 5 organizations.",
    key: "ewg-18",
    expected: { startDate: "2017-11-21", participants: 60, countries: 19, organizations: 5 },
  },
  {
    document: REPORT_2022,
    quote:
      "The event was attended by over 150 participants, representing 34 countries and 11 international and regional organizations.",
    key: "pcgm-15",
    expected: { participants: 150, participantsQualifier: "over", countries: 34, organizations: 11, format: "hybrid" },
  },
  {
    document: REPORT_2022,
    quote: "the fifteenth Policy Consultative Group meeting was held on 15 and 16 November 2021.",
    key: "pcgm-15",
    expected: { number: 15, startDate: "2021-11-15", endDate: "2021-11-16" },
  },
  {
    document: REPORT_2022,
    quote:
      "representing 36 States and 12 international and regional organizations. The participants reviewed existing gaps",
    key: "ewg-25",
    expected: {
      countries: 36,
      organizations: 12,
      participants: 150,
      participantsQualifier: "over",
      startDate: "2021-10-07",
    },
  },
  {
    document: REPORT_2022,
    quote: "agreed on four specific priority recommendations emanating from the discussions.",
    key: "ewg-25",
    expected: { priorityRecommendationCount: 4 },
  },
  {
    document: REPORT_2022,
    quote: "and agreed on nine priority recommendations emanating from the discussions.",
    key: "ewg-26",
    expected: { priorityRecommendationCount: 9, countries: 34, organizations: 11, startDate: "2021-10-28" },
  },
  {
    document: REPORT_2022,
    quote:
      "It brought together more than 150 participants from 31 countries and 14 international and regional organizations, with more than 50 participants attending in person.",
    key: "ewg-2021-moscow",
    expected: {
      participants: 150,
      countries: 31,
      organizations: 14,
      inPersonParticipants: 50,
      inPersonQualifier: "over",
      startDate: "2021-12-15",
    },
  },
  {
    document: REPORT_2022,
    quote:
      "The meeting resulted in eight priority recommendations identified for implementation by Paris Pact partners.",
    key: "ewg-2021-moscow",
    expected: { priorityRecommendationCount: 8 },
  },
  {
    document: REPORT_2007,
    quote:
      "The fourth Paris Pact policy consultative group meeting took place in Vienna on 27 November 2006, bringing together more than 100 participants from 32 countries and 8 international organizations.",
    key: "pcgm-4",
    expected: {
      startDate: "2006-11-27",
      participants: 100,
      participantsQualifier: "over",
      countries: 32,
      organizations: 8,
    },
  },
  {
    document: REPORT_2007,
    quote: "the fifth on Pakistan (held in Islamabad in March 2005)",
    key: "ert-5",
    expected: { startDate: "2005-03-01", datePrecision: "month", country: "PAK" },
  },
  {
    document: REPORT_2007,
    quote: "the ninth on States members of the Gulf Cooperation Council (held in Doha in May 2006).",
    key: "ert-9",
    expected: { startDate: "2006-05-22", endDate: "2006-05-23", country: "QAT" },
  },
  {
    document: REPORT_2018,
    quote: "at the thirteenth Policy Consultative Group meeting, held in February 2017.",
    key: "pcgm-13",
    expected: { startDate: "2017-02-01", datePrecision: "month" },
  },
  {
    document: DECLARATION,
    quote: "first (Paris, 21-22 May 2003) and second (Moscow, 26-28 June 2006) Conferences",
    key: "mc-2",
    expected: { startDate: "2006-06-26", endDate: "2006-06-28", country: "RUS" },
  },
  {
    document: DECLARATION,
    quote: "(Vienna, 16 February 2012)",
    key: "mc-3",
    expected: { startDate: "2012-02-16", country: "AUT" },
  },
  {
    document: BROCHURE,
    quote:
      "- 14 Law Enforcement Training in Support to Cross-border Cooperation – Interpol/Lyon, France, November 2016",
    key: "ewg-14",
    expected: { startDate: "2016-11-01", hostPartnerCode: "INTERPOL", country: "FRA", pillars: [1] },
  },
  {
    document: BROCHURE,
    quote: "- 22 Illicit Financial Flows – New Delhi, India, June 2019",
    key: "ewg-22",
    expected: { startDate: "2019-06-01", country: "IND", pillars: [2] },
  },
];

describe("historic meetings match the source documents", () => {
  it.each(SAMPLES)("$key: “$quote”", ({ document, quote, key, expected }) => {
    expect(seed(document)).toContain(collapse(quote));
    expect(byKey(key)).toMatchObject(expected);
  });

  it("lists every meeting named: 3 ministerial conferences, 9 round tables, PCGMs 4, 13, 14, 15, EWGs 1–26 and Moscow 2021", () => {
    const keys = referenceMeetings.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    const of = (kind: string) => referenceMeetings.filter((m) => m.kind === kind).map((m) => m.number);
    expect(of("ministerial_conference")).toEqual([1, 2, 3]);
    expect(of("expert_round_table")).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(of("pcgm")).toEqual([4, 13, 14, 15]);
    expect(of("ewg")).toEqual([...Array.from({ length: 26 }, (_, i) => i + 1), null]);
  });

  it("has each brochure EWG's place and month as listed", () => {
    const lines = readFileSync(new URL(BROCHURE, seedsDir), "utf8").split("\n");
    const months = [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ];
    for (const m of referenceMeetings.filter((x) => x.kind === "ewg" && x.number !== null)) {
      const item = lines.find((l) => l.startsWith(`- ${m.number} `)) ?? "";
      const line = item.slice(item.lastIndexOf("– ") + 2);
      const month = months[Number(m.startDate.slice(5, 7)) - 1] as string;
      expect(line, `EWG ${m.number}`).toContain(month);
      expect(line, `EWG ${m.number}`).toContain(m.startDate.slice(0, 4));
      expect(line, `EWG ${m.number}`).toContain(m.city?.en ?? "?");
    }
  });

  it("gives every meeting provenance in an existing document, and valid coordinates where a place is named", () => {
    for (const m of referenceMeetings) {
      expect(m.provenance.length, m.key).toBeGreaterThan(0);
      for (const p of m.provenance) expect(() => seed(p.document)).not.toThrow();
      if (m.city) {
        expect(m.country, m.key).toMatch(/^[A-Z]{3}$/);
        expect(Math.abs(m.lat ?? 999), m.key).toBeLessThanOrEqual(90);
        expect(Math.abs(m.lon ?? 999), m.key).toBeLessThanOrEqual(180);
      }
    }
  });
});
