import countries from "i18n-iso-countries";
import { drugOf, massInKg, type SeizureInputParsed, type Unit } from "../../../common/seizures.js";
import { isInCountry } from "../../platform/geo.js";
import { COMMON_IMPORT_MESSAGES, importMessage } from "../../platform/import-messages.js";

/**
 * The domain rules of a seizure record, shared by the form, the API and the import: what is an error (the record
 * is refused) and what is only unusual (a warning the user confirms). Messages are given in both languages.
 */
export interface RuleIssue {
  /** Field of SeizureInput the issue is about. */
  field: string;
  code: string;
  message: { en: string; ru: string };
}

export const RULE_MESSAGES: Record<string, { en: string; ru: string }> = {
  future_date: { en: "The seizure date is in the future.", ru: "Дата изъятия находится в будущем." },
  date_too_old: { en: "The seizure date is before 1990.", ru: "Дата изъятия ранее 1990 года." },
  invalid_date: { en: "Not a valid date (use YYYY-MM-DD).", ru: "Неверная дата (используйте ГГГГ-ММ-ДД)." },
  unknown_country: COMMON_IMPORT_MESSAGES.unknown_country as { en: string; ru: string },
  coordinates_incomplete: {
    en: "Give both latitude and longitude, or neither.",
    ru: "Укажите и широту, и долготу либо ни одну из них.",
  },
  coordinates_outside_country: {
    en: "The coordinates are not inside the country of seizure.",
    ru: "Координаты находятся за пределами страны изъятия.",
  },
  large_quantity: {
    en: "The quantity is unusually large for this drug. Check the quantity and unit, then confirm.",
    ru: "Количество необычно велико для этого вещества. Проверьте количество и единицу измерения и подтвердите.",
  },
  unusual_unit: {
    en: "This unit is unusual for this drug. Check it, then confirm.",
    ru: "Эта единица измерения необычна для данного вещества. Проверьте и подтвердите.",
  },
};

function issue(field: string, code: string): RuleIssue {
  return { field, code, message: importMessage(code, RULE_MESSAGES) };
}

/** Units expected per drug group; another unit is allowed after confirmation. */
const EXPECTED_UNITS: Record<string, readonly Unit[]> = {
  opiates: ["g", "kg", "dose", "l"],
  pharmaceutical_opioids: ["g", "kg", "tablet", "unit", "dose", "l"],
  cocaine: ["g", "kg", "l"],
  cannabis: ["g", "kg", "plant", "l"],
  ats: ["g", "kg", "tablet", "unit", "l"],
  nps: ["g", "kg", "tablet", "unit", "dose", "l"],
  sedatives: ["g", "kg", "tablet", "unit"],
  hallucinogens: ["g", "kg", "dose", "unit", "tablet"],
  precursors: ["g", "kg", "l"],
  other: ["g", "kg", "l", "tablet", "unit", "plant", "dose"],
};

const COUNTRY_CODES = new Set(Object.keys(countries.getAlpha3Codes()));

export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}

let today = { at: 0, date: "" };
/** Today's date in UTC, worked out at most once a second (an import checks it for every row). */
function todayUtc(): string {
  const now = Date.now();
  if (now - today.at > 1000) today = { at: now, date: new Date(now).toISOString().slice(0, 10) };
  return today.date;
}

/** Whether year, month and day name a day of the (proleptic Gregorian) calendar; years 1 to 9999. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
  const m = ISO_DAY.exec(value);
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

function allCountries(list: readonly string[]): boolean {
  for (const c of list) if (!isCountryCode(c)) return false;
  return true;
}

/** Errors (refuse) and warnings (confirm) of one seizure. */
export function checkSeizure(input: SeizureInputParsed): { errors: RuleIssue[]; warnings: RuleIssue[] } {
  const errors: RuleIssue[] = [];
  const warnings: RuleIssue[] = [];
  if (!isValidIsoDate(input.seizureDate)) errors.push(issue("seizureDate", "invalid_date"));
  else if (input.seizureDate > todayUtc()) errors.push(issue("seizureDate", "future_date"));
  else if (input.seizureDate < "1990-01-01") errors.push(issue("seizureDate", "date_too_old"));
  if (!isCountryCode(input.country)) errors.push(issue("country", "unknown_country"));
  // Checked in place, in this order, without a list of lists per record (an import checks a million of them).
  if (!allCountries(input.originCountries)) errors.push(issue("originCountries", "unknown_country"));
  if (!allCountries(input.transitCountries)) errors.push(issue("transitCountries", "unknown_country"));
  if (!allCountries(input.destinationCountries)) errors.push(issue("destinationCountries", "unknown_country"));
  if (input.departureCountry && !isCountryCode(input.departureCountry))
    errors.push(issue("departureCountry", "unknown_country"));
  for (const a of input.arrests)
    if (!isCountryCode(a.nationality)) {
      errors.push(issue("arrests", "unknown_country"));
      break;
    }
  const hasLat = input.latitude !== null && input.latitude !== undefined;
  const hasLon = input.longitude !== null && input.longitude !== undefined;
  if (hasLat !== hasLon) errors.push(issue(hasLat ? "longitude" : "latitude", "coordinates_incomplete"));
  else if (hasLat && hasLon && isCountryCode(input.country)) {
    if (!isInCountry(input.country, input.latitude as number, input.longitude as number)) {
      errors.push(issue("latitude", "coordinates_outside_country"));
    }
  }
  const drug = drugOf(input.drug);
  if (drug) {
    const kg = massInKg(drug.code, input.quantity, input.unit);
    if (kg !== null && kg > drug.warnAboveKg) warnings.push(issue("quantity", "large_quantity"));
    if (!(drug.units ?? EXPECTED_UNITS[drug.group] ?? []).includes(input.unit))
      warnings.push(issue("unit", "unusual_unit"));
    if (kg === null && input.unit === "tablet" && input.quantity > drug.warnAboveKg * 10000) {
      warnings.push(issue("quantity", "large_quantity"));
    }
  }
  return { errors, warnings };
}

/** Warnings the user has not confirmed yet. */
export function unconfirmed(warnings: RuleIssue[], confirmed: readonly string[]): RuleIssue[] {
  return warnings.filter((w) => !confirmed.includes(w.code));
}
