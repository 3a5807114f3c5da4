import {
  DRUGS,
  IMPORT_FIELDS,
  PLACE_TYPES,
  REQUIRED_IMPORT_FIELDS,
  SEIZURE_FIELDS,
  SEIZURE_ROUTES,
  SHARING_LEVELS,
  SOURCE_TYPES,
  TRANSPORT_MODES,
  UNITS,
} from "../../../common/seizures.js";
import { type TableColumn, writeCsv, writeXlsx } from "../../platform/tabular.js";
import { TEMPLATE_HEADERS } from "./seizures.import-parse.js";

const COLUMNS: TableColumn[] = IMPORT_FIELDS.map((f) => ({ key: f, header: TEMPLATE_HEADERS[f], width: 16 }));

/** The registry's example value of each field. */
const EXAMPLE: Record<string, unknown> = Object.fromEntries(
  IMPORT_FIELDS.map((f) => [f, (SEIZURE_FIELDS[f].import as { example: unknown }).example]),
);

const NOTES = [
  `Required: ${REQUIRED_IMPORT_FIELDS.map((f) => TEMPLATE_HEADERS[f]).join(", ")}. Dates YYYY-MM-DD (or YYYY-MM, YYYY with date_precision month/year).`,
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
