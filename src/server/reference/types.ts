/**
 * Shapes of the reference data taken from the source documents in docs/sources.
 * Every record carries its provenance so a reviewer can check it against the document.
 */

/** Where a reference record comes from: the seed file and a human-readable locator. */
export interface Provenance {
  /** File name in docs/sources, e.g. "002_75cee65931a42696.txt". */
  document: string;
  /** Section, paragraph number or list, e.g. "para. 21" or "list '58 Paris Pact partner countries'". */
  locator: string;
}

/** Localized text; at least one language is present. */
export interface LocalizedText {
  en?: string;
  ru?: string;
}

export type RegionCode =
  | "central_asia"
  | "south_asia"
  | "west_asia"
  | "caucasus"
  | "south_eastern_europe"
  | "eastern_europe"
  | "western_europe"
  | "northern_europe"
  | "southern_europe"
  | "central_europe"
  | "north_america"
  | "east_asia"
  | "oceania"
  | "east_africa"
  | "gulf";

export interface PartnerCountryRef {
  /** ISO 3166-1 alpha-3. */
  code: string;
  /** Short English and Russian names (UN style). */
  name: { en: string; ru: string };
  /** The name exactly as the brochure lists it, e.g. "Iran (Islamic Republic of)". */
  listedAs: string;
  /** Asterisked in the brochure: partner since the third ministerial conference (2012). */
  sinceThirdMinisterialConference: boolean;
  region: RegionCode;
  provenance: Provenance;
}

export interface PartnerOrganizationRef {
  /** Acronym as the brochure gives it, e.g. "CARICC"; used as the stable code. */
  acronym: string;
  name: { en: string; ru: string };
  listedAs: string;
  sinceThirdMinisterialConference: boolean;
  provenance: Provenance;
}

export interface PillarRef {
  number: 1 | 2 | 3 | 4;
  roman: "I" | "II" | "III" | "IV";
  title: LocalizedText;
  /** The pillar's aims as the documents state them (a few sentences). */
  aims: LocalizedText;
  provenance: Provenance;
}

export interface CommitmentRef {
  /** "I.1" … "IV.7". */
  code: string;
  pillar: 1 | 2 | 3 | 4;
  number: number;
  text: LocalizedText;
  provenance: Provenance;
}

export interface RouteRef {
  code: "balkan" | "northern" | "southern";
  name: LocalizedText;
  description: LocalizedText;
  /** ISO3 codes of the countries the documents place on the route, in the documents' order where given. */
  countries: string[];
  /** Regions named on the route that are not single countries (e.g. "East Africa"). */
  regions: LocalizedText[];
  provenance: Provenance[];
}

export interface DonorRef {
  year: number;
  /** Partner code (ISO3 for a country, acronym for an organization) when the donor is a partner, else null. */
  partnerCode: string | null;
  name: LocalizedText;
  provenance: Provenance;
}

export interface LiaisonPostRef {
  /** Stable code, e.g. "tashkent". */
  code: string;
  dutyStation: LocalizedText;
  /** ISO3 of the country of the duty station. */
  country: string;
  /** Countries or regions the post covers, as far as the documents say. */
  covers: string[];
  /** Year the documents say the post was established or first mentioned. */
  since: number | null;
  note: LocalizedText;
  provenance: Provenance;
}

export interface ProgrammeComponentRef {
  code: "consultative_mechanism" | "liaison_officer_network" | "information_management";
  name: LocalizedText;
  description: LocalizedText;
  provenance: Provenance;
}
