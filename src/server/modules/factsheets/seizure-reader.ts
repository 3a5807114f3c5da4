import type { LocalizedText } from "../../../common/localized.js";

/** One aggregate row of seizure records: a country's year of one drug in one unit as recorded. */
export interface SeizureAggregateRow {
  country: string;
  year: number;
  drug: string;
  unit: string;
  quantity: number;
  /** Normalised mass in kg by the seizure module's documented conversion; null when the unit has none. */
  kg: number | null;
  cases: number;
}

export interface SeizureRecordLine {
  id: string;
  date: string;
  drug: string;
  quantity: number;
  unit: string;
  /** Original drug name as written in the source (before mapping), when the seizure module keeps it. */
  originalDrug: string | null;
}

export type RankDimension = "origin" | "transit" | "destination" | "transport";

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
  drugName(code: string): LocalizedText;
  drugGroup(code: string): string | null;
  /** Names of transport modes and other coded values (countries are named by ISO3 elsewhere). */
  codeName(dimension: RankDimension, code: string): LocalizedText;
  /** Documented conversion rules to kg per unit, for the ARQ export and the web. */
  conversions(): { unit: string; rule: LocalizedText }[];
  /** Canonical drug code for a name as reported (e.g. "Heroin HCl" → "heroin"), or null. */
  canonicalDrug(name: string): string | null;
}

/** Used while the seizure module is absent: no figures, every section flags the missing data. */
export const NO_SEIZURES: SeizureReader = {
  available: false,
  aggregate: async () => [],
  ranked: async () => [],
  personsArrested: async () => null,
  monthsWithRecords: async () => [],
  records: async () => [],
  drugName: (code) => ({ en: code }),
  drugGroup: () => null,
  codeName: (_d, code) => ({ en: code }),
  conversions: () => [],
  canonicalDrug: () => null,
};
