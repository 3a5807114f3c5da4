import type { ColumnType, Generated } from "kysely";

type Json<T> = ColumnType<T, T | string, T | string>;
type Localized = { en?: string; ru?: string };
type Provenance = { document: string; locator: string };

export interface PartnersTable {
  id: Generated<string>;
  code: string;
  kind: "country" | "organization";
  name: Json<Localized>;
  listed_as: string;
  region: string | null;
  since_third_mc: boolean;
  provenance: Json<Provenance> | null;
  archived_at: ColumnType<Date, Date | string | undefined, Date | string> | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PillarsTable {
  number: number;
  roman: string;
  title: Json<Localized>;
  aims: Json<Localized>;
  provenance: Json<Provenance> | null;
}

export interface CommitmentsTable {
  code: string;
  pillar: number;
  number: number;
  text: Json<Localized>;
  provenance: Json<Provenance> | null;
}

export interface RoutesTable {
  code: string;
  name: Json<Localized>;
  description: Json<Localized>;
  regions: Json<Localized[]>;
  provenance: Json<Provenance[]>;
}

export interface RouteCountriesTable {
  route_code: string;
  country_code: string;
  position: number;
}

export interface DonorsTable {
  key: string;
  year: number;
  partner_code: string | null;
  name: Json<Localized>;
  provenance: Json<Provenance> | null;
}

export interface LiaisonPostsTable {
  code: string;
  duty_station: Json<Localized>;
  country: string;
  covers: Json<string[]>;
  since: number | null;
  note: Json<Localized>;
  provenance: Json<Provenance> | null;
}

export interface ProgrammeComponentsTable {
  code: string;
  name: Json<Localized>;
  description: Json<Localized>;
  provenance: Json<Provenance> | null;
}

export interface PartnersTables {
  partners: PartnersTable;
  pillars: PillarsTable;
  commitments: CommitmentsTable;
  routes: RoutesTable;
  route_countries: RouteCountriesTable;
  donors: DonorsTable;
  liaison_posts: LiaisonPostsTable;
  programme_components: ProgrammeComponentsTable;
}
