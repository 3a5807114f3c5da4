import type { ColumnType, Generated } from "kysely";

/** Tables of the factsheets module (Kysely row types); the migration 0011_factsheets creates them. */
type Json<T> = ColumnType<T, T | string, T | string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Localized = { en?: string; ru?: string };
/** numeric columns come back as strings from node-postgres. */
type Numeric = ColumnType<string, number | string, number | string>;

export interface FactsheetIndicatorsTable {
  id: Generated<string>;
  country: string;
  year: number;
  kind: string;
  drug: Generated<string>;
  market: Generated<string>;
  unit: Generated<string>;
  currency: Generated<string>;
  usd_rate: Numeric | null;
  value_typical: Numeric | null;
  value_min: Numeric | null;
  value_max: Numeric | null;
  source: Generated<string>;
  note: Generated<string>;
  demo: Generated<boolean>;
  archived_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface NationalTotalsTable {
  id: Generated<string>;
  country: string;
  year: number;
  drug: string;
  unit: string;
  quantity: Numeric;
  cases: number | null;
  source: Generated<string>;
  note: Generated<string>;
  demo: Generated<boolean>;
  archived_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FactsheetRegionsTable {
  id: Generated<string>;
  code: string;
  name: Json<Localized>;
  countries: Json<string[]>;
  demo: Generated<boolean>;
  archived_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FactsheetsTable {
  id: Generated<string>;
  scope: "country" | "region";
  subject: string;
  year: number;
  status: Generated<"draft" | "in_review" | "published">;
  notes: Json<Localized>;
  sources: Json<string[]>;
  review_comment: string | null;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  published_at: Timestamp | null;
  edition: Generated<number>;
  demo: Generated<boolean>;
  archived_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FactsheetEditionsTable {
  id: Generated<string>;
  factsheet_id: string;
  edition: number;
  content: Json<unknown>;
  published_by: string | null;
  published_by_name: string | null;
  published_at: Generated<Date>;
}

/** The PDFs of a published edition, rendered once by the job enqueued at publication. */
export interface FactsheetEditionPdfsTable {
  factsheet_id: string;
  edition: number;
  lang: "en" | "ru";
  file_id: string;
  rendered_at: Generated<Date>;
}

export type FactsheetsTables = {
  factsheet_indicators: FactsheetIndicatorsTable;
  national_totals: NationalTotalsTable;
  factsheet_regions: FactsheetRegionsTable;
  factsheets: FactsheetsTable;
  factsheet_editions: FactsheetEditionsTable;
  factsheet_edition_pdfs: FactsheetEditionPdfsTable;
};
