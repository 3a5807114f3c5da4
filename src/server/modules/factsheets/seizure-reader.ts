import type { LocalizedText } from "../../../common/localized.js";
import type { DisclosureRule } from "../../platform/disclosure.js";

export type {
  PublicBreakdownRow,
  PublicSeizureCell,
  RankDimension,
  SeizureAggregateRow,
  SeizureRecordLine,
} from "../seizures/seizures.figures.js";

import type {
  PublicBreakdownRow,
  PublicSeizureCell,
  RankDimension,
  SeizureAggregateRow,
  SeizureRecordLine,
} from "../seizures/seizures.figures.js";

/** A cell of the public statistics (country × year × drug group) and whether visitors get its figures. */
export interface PublicGroupCell {
  country: string;
  year: number;
  group: string;
  published: boolean;
}

/**
 * What the fact sheets need from the DMP seizure records. The seizure module owns those tables; this interface
 * is the one place the factsheets module reads them, so the figures can be tested without that module and a
 * platform without seizure data still builds fact sheets from indicators alone.
 */
export interface SeizureReader {
  readonly available: boolean;
  aggregate(countries: string[], years: number[]): Promise<SeizureAggregateRow[]>;
  ranked(
    countries: string[],
    year: number,
    dimension: RankDimension,
    limit: number,
  ): Promise<{ code: string; cases: number }[]>;
  personsArrested(countries: string[], year: number): Promise<number | null>;
  /** Months (1–12) of the year with at least one record. */
  monthsWithRecords(countries: string[], year: number): Promise<number[]>;
  records(country: string, year: number, drugs: string[], limit: number): Promise<SeizureRecordLine[]>;
  /**
   * What fact sheets, which anyone may read, are built from (issue 17): the public basis only, never the records
   * above (validated and published at every sharing level, for the ARQ pages of coordinators and liaison officers).
   */
  publicCells(countries: string[], years: number[]): Promise<PublicSeizureCell[]>;
  /** The public statistics' cells of these countries and years, as visitors get them. */
  publicGroups(countries: string[], years: number[]): Promise<PublicGroupCell[]>;
  publicBreakdown(
    countries: string[],
    year: number,
    dimension: "origin" | "transport" | "month",
  ): Promise<PublicBreakdownRow[]>;
  /** The rule visitors' seizure figures are published by (the public statistics' rule). */
  readonly publicRule: DisclosureRule;
  drugName(code: string): LocalizedText;
  drugGroup(code: string): string | null;
  /** Names of transport modes and other coded values (countries are named by ISO3 elsewhere). */
  codeName(dimension: RankDimension, code: string): LocalizedText;
  /** Documented conversion rules to kg per unit, for the ARQ export and the web. */
  conversions(): { unit: string; rule: LocalizedText }[];
  /** Canonical drug code for a name as reported (e.g. "Heroin HCl" → "heroin"), or null. */
  canonicalDrug(name: string): string | null;
}
