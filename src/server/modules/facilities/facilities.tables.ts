import type { ColumnType, Generated } from "kysely";

type Json<T> = ColumnType<T, T | string, T | string>;
type Localized = { en?: string; ru?: string };
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns: node-postgres hands back a Date; we write ISO strings. */
type DateColumn = ColumnType<Date | string, string, string>;

export interface FacilitiesTable {
  id: Generated<string>;
  name: Json<Localized>;
  name_original: string | null;
  org_type: "public" | "ngo" | "private" | null;
  country: string;
  region: string | null;
  city: string | null;
  address: string | null;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  contact_person: string | null;
  modalities: Json<string[]>;
  services: Json<string[]>;
  populations: Json<string[]>;
  languages: Json<string[]>;
  capacity: number | null;
  patients_per_year: number | null;
  accreditation: string | null;
  last_verified: DateColumn | null;
  sharing: "public" | "restricted";
  source: string | null;
  demo: Generated<boolean>;
  created_by: string | null;
  archived_at: Timestamp | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FacilityAssessmentsTable {
  id: Generated<string>;
  facility_id: string;
  modality: string;
  assessed_on: DateColumn;
  answers: Json<Record<string, "met" | "not_met" | "not_applicable">>;
  met: number;
  applicable: number;
  score: number | null;
  notes: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** Tables of the facilities module (Kysely row types); the migration 0009_facilities creates them. */
export interface FacilitiesTables {
  facilities: FacilitiesTable;
  facility_assessments: FacilityAssessmentsTable;
}
