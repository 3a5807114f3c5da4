import { z } from "zod";
import type * as Seizures from "./seizures.js";

/**
 * The field registry of seizures: each field of the `seizures` table declared once — its column, its zod types as
 * entered and as sent, how the import reads it (template header, UNODC IDS header, example), how the export writes
 * it (header in both languages), which form control edits it and with which vocabulary — and everything else
 * derived from it: `SeizureInputSchema`, `SeizureSchema`, `IMPORT_FIELDS`, the import's row reader and COPY
 * columns, the export's columns, the template, the record's presentation and the form's simple fields.
 * docs/architecture.md ("Field registries") shows what adding a field takes.
 *
 * `seizureFields` is called once by common/seizures.ts after its vocabularies, which it is given: the registry needs
 * those vocabularies and the schemas there need the registry, so this module imports from there only types.
 */

/** How the column is written by the import's COPY (and whether `toColumns` copies it from the input as it is). */
export type StoreKind = "text" | "code" | "number" | "json";
/** How the import reads a cell: generically by kind, or `custom` (read by name in the row reader). */
export type ReadKind = "text" | "number" | "vocab" | "country" | "countries" | "custom";
/** How an export cell is written from the stored row. */
export type CellKind = "text" | "number" | "date" | "country" | "countries" | "label" | "drug" | "drugGroup";
/** The form's control: simple ones render from the registry, `custom` ones are laid out by the form itself. */
export type ControlKind = "text" | "textarea" | "decimal" | "date" | "select" | "country" | "countries" | "custom";
export type FormSection = "when" | "what" | "how" | "source";

export interface SeizureField {
  /** The column of the `seizures` table. */
  column: string;
  /** The row's property the value is read from when it is not the column (the date is read as text). */
  row?: string;
  /** Part of the input (form, API, import), with this type; `inputKey` when the input names it otherwise. */
  input?: z.ZodType;
  inputKey?: string;
  /** Part of the record sent (`Seizure`), with this type. */
  output?: z.ZodType;
  /** Sent as an ISO timestamp. */
  timestamp?: boolean;
  /**
   * Written on insert from the input, by COPY as this kind. `computed`: `toColumns` works it out (the period,
   * the drug group, the mass…) instead of copying the input's value.
   */
  store?: StoreKind;
  computed?: boolean;
  /** i18n prefix of the field's vocabulary labels (`seizures.units` → `seizures.units.kg`). */
  labels?: string;
  /** The field's vocabulary, for the form's select. */
  options?: readonly string[];
  /** The import: how the cell is read; the template header is the column, `ids` UNODC's IDS export header. */
  import?: {
    read: ReadKind;
    ids?: string;
    required?: boolean;
    /** Numbers: the allowed range (outside: "out_of_range"). */
    range?: readonly [number, number];
    /** The template's example row. */
    example: string | number;
  };
  /** The export of records: header in both languages, column width and cell kind. */
  export?: {
    header: { en: string; ru: string };
    width?: number;
    kind?: "code" | "date" | "decimal" | "mass" | "integer";
    cell: CellKind;
  };
  /** The form: section and control; the label is the i18n key `seizures.fields.<key>`. */
  form?: {
    section: FormSection;
    control: ControlKind;
    required?: boolean;
    /** A select with a default cannot be cleared; the default is the new record's value. */
    default?: string;
    /** i18n key of a description under the control. */
    description?: string;
  };
  /** The record page: `false` when another field's line shows it (the precision beside the date). */
  detail?: false;
}

/** Bookkeeping columns of the table that are no field of the record (who validated, idempotency of a create…). */
export const SEIZURE_BOOKKEEPING_COLUMNS = [
  "edited_by",
  "validated_by",
  "published_by",
  "demo",
  "updated_at",
  "idempotency_key",
  "idempotency_hash",
] as const;

/** The vocabularies and value types of common/seizures.ts the registry is made of. */
export type FieldVocabularies = Pick<
  typeof Seizures,
  | "ArrestSchema"
  | "COORD_PRECISIONS"
  | "CoordPrecisionSchema"
  | "DATE_PRECISIONS"
  | "DatePrecisionSchema"
  | "DrugCodeSchema"
  | "DrugGroupSchema"
  | "Iso3"
  | "IsoDate"
  | "PLACE_TYPES"
  | "PlaceTypeSchema"
  | "SEIZURE_ROUTES"
  | "SeizureRouteSchema"
  | "SeizureStatusSchema"
  | "SHARING_LEVELS"
  | "SharingLevelSchema"
  | "SOURCE_TYPES"
  | "SourceTypeSchema"
  | "Text"
  | "TRANSPORT_MODES"
  | "TransportModeSchema"
  | "UNITS"
  | "UnitSchema"
>;

export function seizureFields(v: FieldVocabularies) {
  return {
    id: {
      column: "id",
      output: z.uuid(),
      export: { header: { en: "Record ID", ru: "Идентификатор записи" }, width: 38, kind: "code", cell: "text" },
    },
    seizureDate: {
      column: "seizure_date",
      row: "date_text",
      input: v.IsoDate,
      output: z.string(),
      store: "code",
      computed: true,
      import: { read: "custom", ids: "Seizure Date", required: true, example: "2024-03-15" },
      export: { header: { en: "Seizure date", ru: "Дата изъятия" }, width: 12, kind: "date", cell: "date" },
      form: { section: "when", control: "date", required: true },
    },
    datePrecision: {
      column: "date_precision",
      input: v.DatePrecisionSchema.default("day"),
      output: v.DatePrecisionSchema,
      store: "code",
      labels: "seizures.precision",
      options: v.DATE_PRECISIONS,
      import: { read: "custom", example: "day" },
      export: { header: { en: "Date precision", ru: "Точность даты" }, width: 10, cell: "label" },
      form: { section: "when", control: "select", default: "day" },
      detail: false,
    },
    year: { column: "year", store: "number", computed: true },
    month: { column: "month", store: "number", computed: true },
    country: {
      column: "country",
      input: v.Iso3,
      output: z.string(),
      store: "code",
      import: { read: "custom", ids: "ISO3 Code", required: true, example: "TJK" },
      export: { header: { en: "Country", ru: "Страна" }, width: 20, cell: "country" },
      form: { section: "when", control: "country", required: true },
    },
    adminRegion: {
      column: "admin_region",
      input: v.Text(200).nullable().optional(),
      output: z.string().nullable(),
      store: "text",
      import: { read: "text", ids: "Administrative Region", example: "Khatlon" },
      export: { header: { en: "Administrative region", ru: "Административный регион" }, width: 20, cell: "text" },
      form: { section: "when", control: "text" },
    },
    place: {
      column: "place",
      input: v.Text(200).nullable().optional(),
      output: z.string().nullable(),
      store: "text",
      import: { read: "text", ids: "City", example: "Panji Poyon" },
      export: { header: { en: "City or place", ru: "Город или место" }, width: 20, cell: "text" },
      form: { section: "when", control: "text" },
    },
    latitude: {
      column: "latitude",
      input: z.number().min(-90).max(90).nullable().optional(),
      output: z.number().nullable(),
      store: "number",
      import: { read: "number", range: [-90, 90], example: 37.24 },
      export: { header: { en: "Latitude", ru: "Широта" }, kind: "decimal", cell: "number" },
      form: { section: "when", control: "decimal" },
    },
    longitude: {
      column: "longitude",
      input: z.number().min(-180).max(180).nullable().optional(),
      output: z.number().nullable(),
      store: "number",
      import: { read: "number", range: [-180, 180], example: 69.1 },
      export: { header: { en: "Longitude", ru: "Долгота" }, kind: "decimal", cell: "number" },
      form: { section: "when", control: "decimal" },
      detail: false,
    },
    coordPrecision: {
      column: "coord_precision",
      input: v.CoordPrecisionSchema.nullable().optional(),
      output: v.CoordPrecisionSchema.nullable(),
      store: "code",
      computed: true,
      labels: "seizures.coordPrecisions",
      options: v.COORD_PRECISIONS,
      import: { read: "vocab", example: "place" },
      form: { section: "when", control: "custom" },
      detail: false,
    },
    drug: {
      column: "drug",
      input: v.DrugCodeSchema,
      output: z.string(),
      store: "code",
      import: { read: "custom", ids: "Drug/Substance", required: true, example: "heroin" },
      export: { header: { en: "Drug or substance", ru: "Наркотик или вещество" }, width: 24, cell: "drug" },
      form: { section: "what", control: "custom", required: true },
    },
    drugGroup: {
      column: "drug_group",
      output: v.DrugGroupSchema,
      store: "code",
      computed: true,
      export: { header: { en: "Drug group", ru: "Группа веществ" }, width: 20, cell: "drugGroup" },
    },
    quantity: {
      column: "quantity",
      input: z.number().positive().max(1e12),
      output: z.number(),
      store: "number",
      import: { read: "custom", ids: "Quantity Seized", required: true, example: 12.5 },
      export: { header: { en: "Quantity", ru: "Количество" }, kind: "decimal", cell: "number" },
      form: { section: "what", control: "decimal", required: true },
    },
    unit: {
      column: "unit",
      input: v.UnitSchema,
      output: v.UnitSchema,
      store: "code",
      labels: "seizures.units",
      options: v.UNITS,
      import: { read: "custom", ids: "Measurement Unit", required: true, example: "kg" },
      export: { header: { en: "Unit", ru: "Единица" }, cell: "label" },
      form: { section: "what", control: "select", required: true, default: "kg" },
      detail: false,
    },
    massKg: {
      column: "mass_kg",
      output: z.number().nullable(),
      store: "number",
      computed: true,
      export: { header: { en: "Mass, kg", ru: "Масса, кг" }, kind: "mass", cell: "number" },
    },
    purity: {
      column: "purity",
      input: z.number().min(0).max(100).nullable().optional(),
      output: z.number().nullable(),
      store: "number",
      import: { read: "number", range: [0, 100], example: 60 },
      export: { header: { en: "Purity, %", ru: "Чистота, %" }, kind: "decimal", cell: "number" },
      form: { section: "what", control: "decimal" },
    },
    agency: {
      column: "agency",
      input: v.Text(200).nullable().optional(),
      output: z.string().nullable(),
      store: "text",
      import: { read: "text", example: "Drug Control Agency" },
      export: { header: { en: "Seizing agency", ru: "Изъявшее ведомство" }, width: 20, cell: "text" },
      form: { section: "what", control: "text" },
    },
    placeType: {
      column: "place_type",
      input: v.PlaceTypeSchema.nullable().optional(),
      output: v.PlaceTypeSchema.nullable(),
      store: "code",
      labels: "seizures.placeTypes",
      options: v.PLACE_TYPES,
      import: { read: "vocab", ids: "Physical Seizure Location", example: "land_border" },
      export: { header: { en: "Place type", ru: "Тип места" }, width: 20, cell: "label" },
      form: { section: "when", control: "select" },
    },
    transportMode: {
      column: "transport_mode",
      input: v.TransportModeSchema.nullable().optional(),
      output: v.TransportModeSchema.nullable(),
      store: "code",
      labels: "seizures.transport",
      options: v.TRANSPORT_MODES,
      import: { read: "vocab", ids: "Trafficking Mode of Transportation", example: "road" },
      export: { header: { en: "Transport", ru: "Вид транспорта" }, width: 20, cell: "label" },
      form: { section: "how", control: "select" },
    },
    conveyance: {
      column: "conveyance",
      input: v.Text(200).nullable().optional(),
      output: z.string().nullable(),
      store: "text",
      import: { read: "text", example: "truck" },
      form: { section: "how", control: "text" },
    },
    concealment: {
      column: "concealment",
      input: v.Text(500).nullable().optional(),
      output: z.string().nullable(),
      store: "text",
      import: { read: "text", example: "hidden in a fuel tank" },
      form: { section: "how", control: "textarea" },
    },
    route: {
      column: "route",
      input: v.SeizureRouteSchema.nullable().optional(),
      output: v.SeizureRouteSchema.nullable(),
      store: "code",
      labels: "seizures.routes",
      options: v.SEIZURE_ROUTES,
      import: { read: "vocab", example: "northern" },
      export: { header: { en: "Route", ru: "Маршрут" }, width: 18, cell: "label" },
      form: { section: "how", control: "select" },
    },
    originCountries: {
      column: "origin_countries",
      input: z.array(v.Iso3).max(10).default([]),
      output: z.array(z.string()),
      store: "json",
      import: { read: "countries", example: "AFG" },
      export: { header: { en: "Countries of origin", ru: "Страны происхождения" }, width: 24, cell: "countries" },
      form: { section: "how", control: "countries" },
    },
    departureCountry: {
      column: "departure_country",
      input: v.Iso3.nullable().optional(),
      output: z.string().nullable(),
      store: "code",
      import: { read: "country", example: "AFG" },
      form: { section: "how", control: "country" },
    },
    transitCountries: {
      column: "transit_countries",
      input: z.array(v.Iso3).max(20).default([]),
      output: z.array(z.string()),
      store: "json",
      import: { read: "countries", example: "UZB; KAZ" },
      export: { header: { en: "Transit countries", ru: "Страны транзита" }, width: 24, cell: "countries" },
      form: { section: "how", control: "countries", description: "seizures.form.transitOrder" },
    },
    destinationCountries: {
      column: "destination_countries",
      input: z.array(v.Iso3).max(10).default([]),
      output: z.array(z.string()),
      store: "json",
      import: { read: "countries", example: "RUS" },
      export: { header: { en: "Destination countries", ru: "Страны назначения" }, width: 24, cell: "countries" },
      form: { section: "how", control: "countries" },
    },
    arrests: {
      column: "arrests",
      input: z.array(v.ArrestSchema).max(100).default([]),
      output: z.array(v.ArrestSchema),
      store: "json",
      import: { read: "custom", example: "TJK:M:2; AFG:M:1" },
      form: { section: "how", control: "custom" },
    },
    personsArrested: {
      column: "persons_arrested",
      output: z.number().int(),
      store: "number",
      computed: true,
      export: { header: { en: "Persons arrested", ru: "Задержано лиц" }, kind: "integer", cell: "number" },
    },
    sourceType: {
      column: "source_type",
      input: v.SourceTypeSchema.default("official"),
      output: v.SourceTypeSchema,
      store: "code",
      labels: "seizures.sources",
      options: v.SOURCE_TYPES,
      import: { read: "custom", example: "official" },
      export: { header: { en: "Source", ru: "Источник" }, width: 20, cell: "label" },
      form: { section: "source", control: "select", default: "official" },
    },
    sourceReference: {
      column: "source_reference",
      input: v.Text(500).nullable().optional(),
      output: z.string().nullable(),
      store: "text",
      import: { read: "custom", example: "DCA report 2024/117" },
      export: { header: { en: "Source reference", ru: "Ссылка на источник" }, width: 24, cell: "text" },
      form: { section: "source", control: "text" },
    },
    sharing: {
      column: "sharing",
      input: v.SharingLevelSchema.default("members"),
      output: v.SharingLevelSchema,
      store: "code",
      labels: "seizures.sharing",
      options: v.SHARING_LEVELS,
      import: { read: "custom", example: "members" },
      export: { header: { en: "Sharing", ru: "Доступ" }, width: 16, cell: "label" },
      form: { section: "source", control: "select", default: "members" },
    },
    ownerPartner: { column: "owner_partner", output: z.string().nullable() },
    status: { column: "status", output: v.SeizureStatusSchema },
    warningsConfirmed: {
      column: "warnings_confirmed",
      inputKey: "confirmWarnings",
      input: z.array(z.string().max(50)).max(20).default([]),
      output: z.array(z.string()),
      store: "json",
    },
    mergedInto: { column: "merged_into", output: z.uuid().nullable() },
    importBatchId: { column: "import_batch_id", output: z.uuid().nullable() },
    createdBy: { column: "created_by", output: z.uuid().nullable() },
    createdAt: { column: "created_at", output: z.string(), timestamp: true },
    validatedAt: { column: "validated_at", output: z.string().nullable(), timestamp: true },
    publishedAt: { column: "published_at", output: z.string().nullable(), timestamp: true },
    version: { column: "version", output: z.number().int() },
  } as const satisfies Record<string, SeizureField>;
}

export type SeizureFields = ReturnType<typeof seizureFields>;
type Fields = Record<string, SeizureField>;

/** The input's zod shape: each field with an input type, under its input key. */
export type InputShape<F extends Fields> = {
  [K in keyof F as F[K] extends { input: z.ZodType }
    ? F[K] extends { inputKey: infer N extends string }
      ? N
      : K
    : never]: F[K] extends { input: infer T } ? T : never;
};
/** The record's zod shape: each field with an output type. */
export type OutputShape<F extends Fields> = {
  [K in keyof F as F[K] extends { output: z.ZodType } ? K : never]: F[K] extends { output: infer T } ? T : never;
};

/** The key a field has in the input. */
export const inputKeyOf = (key: string, field: SeizureField) => field.inputKey ?? key;

export function inputShapeOf<F extends Fields>(fields: F): InputShape<F> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, f] of Object.entries(fields)) if (f.input) shape[inputKeyOf(key, f)] = f.input;
  return shape as InputShape<F>;
}

export function outputShapeOf<F extends Fields>(fields: F): OutputShape<F> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, f] of Object.entries(fields)) if (f.output) shape[key] = f.output;
  return shape as OutputShape<F>;
}

/** The import's fields, in the registry's order (the template's columns). */
export type ImportFieldOf<F extends Fields> = {
  [K in keyof F]: F[K] extends { import: object } ? K : never;
}[keyof F] &
  string;
export function importFieldsOf<F extends Fields>(fields: F): ImportFieldOf<F>[] {
  return Object.keys(fields).filter((k) => fields[k]?.import) as ImportFieldOf<F>[];
}

/** Columns written on insert, in order: the stored fields, then the five a whole import shares. */
export const INSERT_TAIL = ["status", "created_by", "owner_partner", "import_batch_id", "demo"] as const;
export function insertColumnsOf(fields: Fields): string[] {
  return [...Object.values(fields).flatMap((f) => (f.store ? [f.column] : [])), ...INSERT_TAIL];
}

/** Every column the registry knows, with the bookkeeping ones: what the table must have, no more, no less. */
export function columnsOf(fields: Fields): string[] {
  return [...Object.values(fields).map((f) => f.column), ...SEIZURE_BOOKKEEPING_COLUMNS];
}
