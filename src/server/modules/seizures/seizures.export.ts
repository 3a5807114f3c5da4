import type { Language } from "../../../common/localized.js";
import { DRUG_GROUP_NAMES, drugOf } from "../../../common/seizures.js";
import seizuresEn from "../../../web/i18n/modules/seizures.en.json" with { type: "json" };
import seizuresRu from "../../../web/i18n/modules/seizures.ru.json" with { type: "json" };
import {
  countryNames,
  dateCell,
  type ExportColumn,
  labelsFrom,
  localizeColumns,
  numberCell,
} from "../../platform/export-labels.js";
import type { TableColumn } from "../../platform/tabular.js";

const label = labelsFrom(seizuresEn, seizuresRu);

/**
 * The export of individual seizures in the reader's language: names of countries, drugs, units and every list
 * value; dates and numbers as such. The record's id is the one code kept (to find the record again).
 */
const COLUMNS: readonly ExportColumn[] = [
  { key: "id", header: { en: "Record ID", ru: "Идентификатор записи" }, width: 38, kind: "code" },
  { key: "seizureDate", header: { en: "Seizure date", ru: "Дата изъятия" }, width: 12, kind: "date" },
  { key: "datePrecision", header: { en: "Date precision", ru: "Точность даты" }, width: 10 },
  { key: "country", header: { en: "Country", ru: "Страна" }, width: 20 },
  { key: "adminRegion", header: { en: "Administrative region", ru: "Административный регион" }, width: 20 },
  { key: "place", header: { en: "City or place", ru: "Город или место" }, width: 20 },
  { key: "latitude", header: { en: "Latitude", ru: "Широта" }, kind: "decimal" },
  { key: "longitude", header: { en: "Longitude", ru: "Долгота" }, kind: "decimal" },
  { key: "drug", header: { en: "Drug or substance", ru: "Наркотик или вещество" }, width: 24 },
  { key: "drugGroup", header: { en: "Drug group", ru: "Группа веществ" }, width: 20 },
  { key: "quantity", header: { en: "Quantity", ru: "Количество" }, kind: "decimal" },
  { key: "unit", header: { en: "Unit", ru: "Единица" } },
  { key: "massKg", header: { en: "Mass, kg", ru: "Масса, кг" }, kind: "mass" },
  { key: "purity", header: { en: "Purity, %", ru: "Чистота, %" }, kind: "decimal" },
  { key: "agency", header: { en: "Seizing agency", ru: "Изъявшее ведомство" }, width: 20 },
  { key: "placeType", header: { en: "Place type", ru: "Тип места" }, width: 20 },
  { key: "transportMode", header: { en: "Transport", ru: "Вид транспорта" }, width: 20 },
  { key: "route", header: { en: "Route", ru: "Маршрут" }, width: 18 },
  { key: "originCountries", header: { en: "Countries of origin", ru: "Страны происхождения" }, width: 24 },
  { key: "transitCountries", header: { en: "Transit countries", ru: "Страны транзита" }, width: 24 },
  { key: "destinationCountries", header: { en: "Destination countries", ru: "Страны назначения" }, width: 24 },
  { key: "personsArrested", header: { en: "Persons arrested", ru: "Задержано лиц" }, kind: "integer" },
  { key: "sourceType", header: { en: "Source", ru: "Источник" }, width: 20 },
  { key: "sourceReference", header: { en: "Source reference", ru: "Ссылка на источник" }, width: 24 },
  { key: "sharing", header: { en: "Sharing", ru: "Доступ" }, width: 16 },
];

export function seizureExportColumns(lang: Language): TableColumn[] {
  return localizeColumns(COLUMNS, lang);
}

/** One stored seizure (the repository's export row) as a row of the export. */
export function seizureExportRow(r: Record<string, unknown>, lang: Language): Record<string, unknown> {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const drug = text(r.drug);
  const group = text(r.drug_group) as keyof typeof DRUG_GROUP_NAMES | null;
  return {
    id: r.id,
    seizureDate: dateCell(text(r.date_text)),
    datePrecision: label("seizures.precision", text(r.date_precision), lang),
    country: countryNames(text(r.country), lang),
    adminRegion: r.admin_region,
    place: r.place,
    latitude: numberCell(r.latitude as string | number | null),
    longitude: numberCell(r.longitude as string | number | null),
    drug: drug ? (drugOf(drug)?.name[lang] ?? drug) : null,
    drugGroup: group ? (DRUG_GROUP_NAMES[group]?.[lang] ?? group) : null,
    quantity: numberCell(r.quantity as string | number | null),
    unit: label("seizures.units", text(r.unit), lang),
    massKg: numberCell(r.mass_kg as string | number | null),
    purity: numberCell(r.purity as string | number | null),
    agency: r.agency,
    placeType: label("seizures.placeTypes", text(r.place_type), lang),
    transportMode: label("seizures.transport", text(r.transport_mode), lang),
    route: label("seizures.routes", text(r.route), lang),
    originCountries: countryNames(r.origin_countries as string[] | null, lang),
    transitCountries: countryNames(r.transit_countries as string[] | null, lang),
    destinationCountries: countryNames(r.destination_countries as string[] | null, lang),
    personsArrested: numberCell(r.persons_arrested as number | null),
    sourceType: label("seizures.sources", text(r.source_type), lang),
    sourceReference: r.source_reference,
    sharing: label("seizures.sharing", text(r.sharing), lang),
  };
}

export const SEIZURE_EXPORT_NOTE = {
  en: "Individual seizure records: internal analysis only (DMP terms of use). Do not pass them on or publish them.",
  ru: "Отдельные записи об изъятиях: только для внутреннего анализа (условия использования ПМН). Не передавайте и не публикуйте их.",
};
