import { drugOf, massInKg, type SeizureInputParsed } from "../../../common/seizures.js";
import type { SeizureInsert } from "./seizures.repository.js";

/** A JSON array; the empty one (most rows of most files) without serialising. */
const jsonList = (list: readonly unknown[]) => (list.length ? JSON.stringify(list) : "[]");

/** Columns of a seizure from validated input: the period fields, the drug group and the normalized mass. */
export function toColumns(input: SeizureInputParsed): Omit<SeizureInsert, "created_by" | "owner_partner" | "status"> {
  // Read without splitting into an array: an import calls this for every one of a million rows.
  const d = input.seizureDate;
  const dash = d.indexOf("-");
  const year = Number(d.slice(0, dash));
  const month = Number(d.slice(dash + 1, d.indexOf("-", dash + 1)));
  const precision = input.datePrecision;
  const date =
    precision === "year"
      ? `${year}-01-01`
      : precision === "month"
        ? `${input.seizureDate.slice(0, 7)}-01`
        : input.seizureDate;
  const drug = drugOf(input.drug);
  const kg = massInKg(input.drug, input.quantity, input.unit);
  return {
    seizure_date: date,
    date_precision: precision,
    year,
    month: precision === "year" ? 0 : month,
    country: input.country,
    admin_region: input.adminRegion ?? null,
    place: input.place ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    coord_precision: input.latitude !== null && input.latitude !== undefined ? (input.coordPrecision ?? "exact") : null,
    drug: input.drug,
    drug_group: drug?.group ?? "other",
    quantity: input.quantity,
    unit: input.unit,
    mass_kg: kg === null ? null : Math.round(kg * 1e6) / 1e6,
    purity: input.purity ?? null,
    agency: input.agency ?? null,
    place_type: input.placeType ?? null,
    transport_mode: input.transportMode ?? null,
    conveyance: input.conveyance ?? null,
    concealment: input.concealment ?? null,
    origin_countries: jsonList(input.originCountries),
    departure_country: input.departureCountry ?? null,
    transit_countries: jsonList(input.transitCountries),
    destination_countries: jsonList(input.destinationCountries),
    route: input.route ?? null,
    arrests: jsonList(input.arrests),
    persons_arrested: input.arrests.reduce((n, a) => n + a.count, 0),
    source_type: input.sourceType,
    source_reference: input.sourceReference ?? null,
    sharing: input.sharing,
    warnings_confirmed: jsonList(input.confirmWarnings),
  };
}
