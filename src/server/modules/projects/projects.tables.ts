import type { ColumnType, Generated } from "kysely";

/** Tables of the projects module (Kysely row types); the migrations 0010_projects, 0017_adam_figures and 0030_project_transactions create them. */
type Json<T> = ColumnType<T, T | string, T | string>;
type Localized = { en?: string; ru?: string };
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;
type Numeric = ColumnType<string, string | number, string | number>;

export interface ExchangeRatesTable {
  currency: string;
  rate_date: ColumnType<string, string, string>;
  usd_per_unit: Numeric;
  source: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ProjectsTable {
  id: Generated<string>;
  code: string;
  partner_code: string;
  title: Json<Localized>;
  summary: Json<Localized>;
  donor_ref: string | null;
  iati_identifier: string | null;
  workflow: Generated<"draft" | "submitted" | "published" | "archived">;
  stage: string;
  planned_start: DateCol | null;
  planned_end: DateCol | null;
  actual_start: DateCol | null;
  actual_end: DateCol | null;
  dac_codes: string[];
  themes: string[];
  contacts: Json<{ name: string; email?: string; phone?: string; role?: string }[]>;
  external_documents: Json<{ url: string; title: string; format: string | null }[]>;
  countries: string[];
  donors: string[];
  period: string | null;
  total_usd: Numeric | null;
  fingerprint: string[];
  features: Json<Record<string, unknown>>;
  tsv: unknown;
  demo: Generated<boolean>;
  created_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

/** Commitments, disbursements and expenditures (migration 0030 turned the fundings into commitments). */
export interface ProjectTransactionsTable {
  project_id: string;
  position: number;
  transaction_type: "commitment" | "disbursement" | "expenditure";
  donor_code: string | null;
  donor_name: string;
  amount: Numeric;
  currency: string;
  transaction_date: DateCol | null;
  usd: Numeric | null;
  rate: Numeric | null;
  rate_date: DateCol | null;
}

export interface ProjectLocationsTable {
  project_id: string;
  code: string;
  kind: "country" | "region";
  share: Numeric | null;
}

export interface ProjectOrganizationsTable {
  project_id: string;
  position: number;
  role: "implementing" | "beneficiary";
  name: string;
  /** The controlled list's entry (a partner's code or a `project_parties` code); null while unmapped. */
  party_code: string | null;
}

/** Donors and organizations that are not partners, with their English and Russian names (migration 0017). */
export interface ProjectPartiesTable {
  code: string;
  name: Json<{ en: string; ru: string }>;
  created_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

/** Free-text spellings a coordinator mapped to an entry of the controlled list (normalised key → code). */
export interface ProjectPartyAliasesTable {
  alias: string;
  code: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ProjectPillarsTable {
  project_id: string;
  pillar: number;
}

export interface ProjectCommitmentsTable {
  project_id: string;
  commitment_code: string;
}

export interface ProjectLinksTable {
  project_id: string;
  entity_type: "recommendation" | "meeting" | "training";
  entity_id: string;
  title: Json<Localized>;
}

export interface ProjectDocumentsTable {
  id: Generated<string>;
  project_id: string;
  kind: "document" | "picture";
  title: Json<Localized>;
  current_version: Generated<number>;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface ProjectDocumentVersionsTable {
  document_id: string;
  version: number;
  file_id: string;
  thumbnail_file_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DuplicateAlertsTable {
  id: Generated<string>;
  project_a: string;
  project_b: string;
  score: Numeric;
  components: Json<unknown[]>;
  label: "duplicate" | "cofinancing" | "unrelated" | null;
  labelled_by: string | null;
  labelled_at: Timestamp | null;
  dismissed: Generated<boolean>;
  detected_at: Generated<Date>;
  version: Generated<number>;
}

export interface DuplicateModelTable {
  id: number;
  threshold: Numeric;
  labelled: Generated<number>;
  precision: Numeric | null;
  recall: Numeric | null;
  updated_at: Generated<Date>;
}

export interface ProjectNeedsTable {
  id: Generated<string>;
  partner_code: string;
  country: string;
  pillar: number;
  theme: string;
  description: Json<Localized>;
  priority: "high" | "medium" | "low";
  period_start: DateCol;
  period_end: DateCol;
  demo: Generated<boolean>;
  archived_at: Timestamp | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ProjectSavedSearchesTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  query: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface ProjectsTables {
  exchange_rates: ExchangeRatesTable;
  projects: ProjectsTable;
  project_transactions: ProjectTransactionsTable;
  project_locations: ProjectLocationsTable;
  project_organizations: ProjectOrganizationsTable;
  project_pillars: ProjectPillarsTable;
  project_commitments: ProjectCommitmentsTable;
  project_links: ProjectLinksTable;
  project_documents: ProjectDocumentsTable;
  project_document_versions: ProjectDocumentVersionsTable;
  duplicate_alerts: DuplicateAlertsTable;
  duplicate_model: DuplicateModelTable;
  project_needs: ProjectNeedsTable;
  project_saved_searches: ProjectSavedSearchesTable;
  project_parties: ProjectPartiesTable;
  project_party_aliases: ProjectPartyAliasesTable;
}
