import {
  DRUGS,
  IMPORT_FIELDS,
  PLACE_TYPES,
  SEIZURE_ROUTES,
  SHARING_LEVELS,
  SOURCE_TYPES,
  TRANSPORT_MODES,
  UNITS,
} from "../../../common/seizures.js";
import { type TableColumn, writeCsv, writeXlsx } from "../../platform/tabular.js";
import { TEMPLATE_HEADERS } from "./seizures.import-parse.js";

const COLUMNS: TableColumn[] = IMPORT_FIELDS.map((f) => ({ key: f, header: TEMPLATE_HEADERS[f], width: 16 }));

const EXAMPLE: Record<string, unknown> = {
  seizureDate: "2024-03-15",
  datePrecision: "day",
  country: "TJK",
  adminRegion: "Khatlon",
  place: "Panji Poyon",
  latitude: 37.24,
  longitude: 69.1,
  coordPrecision: "place",
  drug: "heroin",
  quantity: 12.5,
  unit: "kg",
  purity: 60,
  agency: "Drug Control Agency",
  placeType: "land_border",
  transportMode: "road",
  conveyance: "truck",
  concealment: "hidden in a fuel tank",
  originCountries: "AFG",
  departureCountry: "AFG",
  transitCountries: "UZB; KAZ",
  destinationCountries: "RUS",
  route: "northern",
  arrests: "TJK:M:2; AFG:M:1",
  sourceType: "official",
  sourceReference: "DCA report 2024/117",
  sharing: "members",
};

const NOTES = [
  "Required: seizure_date, country, drug, quantity, unit. Dates YYYY-MM-DD (or YYYY-MM, YYYY with date_precision month/year).",
  `drug: ${DRUGS.map((d) => d.code).join(", ")}`,
  `unit: ${UNITS.join(", ")}`,
  `place_type: ${PLACE_TYPES.join(", ")}; transport_mode: ${TRANSPORT_MODES.join(", ")}; route: ${SEIZURE_ROUTES.join(", ")}`,
  `source_type: ${SOURCE_TYPES.join(", ")}; sharing: ${SHARING_LEVELS.join(", ")}`,
  "Countries are ISO 3166-1 alpha-3 codes; lists separated by ';'. Arrests: NATIONALITY:SEX(M/F/U):COUNT; …",
];

/** Our import template with one example row; the XLSX lists the allowed values under the table. */
export async function seizureTemplate(format: "csv" | "xlsx"): Promise<Buffer> {
  if (format === "csv") return writeCsv(COLUMNS, [EXAMPLE]);
  return writeXlsx([{ name: "Seizures", columns: COLUMNS, rows: [EXAMPLE], notes: NOTES }], {
    title: "Seizure import template",
  });
}
