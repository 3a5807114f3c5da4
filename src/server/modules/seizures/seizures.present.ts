import type { Arrest, Seizure } from "../../../common/seizures.js";
import type { SeizureRow } from "./seizures.repository.js";

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export interface Abilities {
  edit: boolean;
  validate: boolean;
  publish: boolean;
  correct: boolean;
}

export function presentSeizure(row: SeizureRow, can: Abilities): Seizure {
  return {
    id: row.id,
    seizureDate: row.date_text,
    datePrecision: row.date_precision,
    country: row.country,
    adminRegion: row.admin_region,
    place: row.place,
    latitude: row.latitude,
    longitude: row.longitude,
    coordPrecision: row.coord_precision as Seizure["coordPrecision"],
    drug: row.drug,
    drugGroup: row.drug_group as Seizure["drugGroup"],
    quantity: row.quantity,
    unit: row.unit as Seizure["unit"],
    massKg: row.mass_kg,
    purity: row.purity,
    agency: row.agency,
    placeType: row.place_type as Seizure["placeType"],
    transportMode: row.transport_mode as Seizure["transportMode"],
    conveyance: row.conveyance,
    concealment: row.concealment,
    originCountries: row.origin_countries,
    departureCountry: row.departure_country,
    transitCountries: row.transit_countries,
    destinationCountries: row.destination_countries,
    route: row.route as Seizure["route"],
    arrests: row.arrests as Arrest[],
    personsArrested: row.persons_arrested,
    sourceType: row.source_type as Seizure["sourceType"],
    sourceReference: row.source_reference,
    sharing: row.sharing,
    ownerPartner: row.owner_partner,
    status: row.status,
    warningsConfirmed: row.warnings_confirmed,
    mergedInto: row.merged_into,
    importBatchId: row.import_batch_id,
    createdBy: row.created_by,
    createdAt: iso(row.created_at) as string,
    validatedAt: iso(row.validated_at),
    publishedAt: iso(row.published_at),
    version: row.version,
    can,
  };
}

/** The record's columns as a snapshot for the revision history (no bookkeeping). */
export function snapshotOf(row: SeizureRow): Record<string, unknown> {
  // Who last edited is the revision's own actor; kept out so the history shows only changes of the data.
  // The idempotency key and hash are the client's bookkeeping of a create, not data.
  const { date_text, created_at, updated_at, version, edited_by, idempotency_key, idempotency_hash, ...rest } = row;
  return { ...rest, seizure_date: date_text };
}
