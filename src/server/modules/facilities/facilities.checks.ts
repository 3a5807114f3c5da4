import type { FieldError } from "../../http/errors.js";
import { hasCountry, isInCountry } from "../../platform/geo.js";
import { MODALITY_CODES, POPULATION_CODES, SERVICE_CODES } from "./facilities.reference.js";
import type { FacilityValues } from "./facilities.repository.js";

/**
 * Domain checks shared by the form and the import: known codes, coordinates inside the country, a date
 * that is not in the future. Returns field errors with the API's paths.
 */
export function checkFacility(v: Partial<FacilityValues>, prefix = "body"): FieldError[] {
  const errors: FieldError[] = [];
  const unknown = (codes: string[] | undefined, known: Set<string>, field: string) => {
    (codes ?? []).forEach((c, i) => {
      if (!known.has(c)) errors.push({ path: `${prefix}.${field}.${i}`, code: "unknown_code" });
    });
  };
  unknown(v.modalities, MODALITY_CODES, "modalities");
  unknown(v.services, SERVICE_CODES, "services");
  unknown(v.populations, POPULATION_CODES, "populations");
  if (v.country !== undefined && !hasCountry(v.country))
    errors.push({ path: `${prefix}.country`, code: "unknown_country" });
  const hasLat = v.latitude !== undefined && v.latitude !== null;
  const hasLon = v.longitude !== undefined && v.longitude !== null;
  if (hasLat !== hasLon) errors.push({ path: `${prefix}.${hasLat ? "longitude" : "latitude"}`, code: "required" });
  if (hasLat && hasLon && v.country && hasCountry(v.country)) {
    if (!isInCountry(v.country, v.latitude as number, v.longitude as number)) {
      errors.push({ path: `${prefix}.latitude`, code: "outside_country" });
    }
  }
  if (v.last_verified && v.last_verified > new Date().toISOString().slice(0, 10)) {
    errors.push({ path: `${prefix}.lastVerified`, code: "future_date" });
  }
  return errors;
}
