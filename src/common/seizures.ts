import { z } from "zod";
import { importResult } from "./imports.js";
import { abilitiesSchema } from "./platform.js";
import { type ImportFieldOf, importFieldsOf, inputShapeOf, outputShapeOf, seizureFields } from "./seizure-fields.js";
import { UNODC_DRUG_DEFINITIONS } from "./vocabularies/unodc-drugs.js";

/**
 * Contracts of the Drugs Monitoring Platform (DMP): individual drug seizures, their controlled vocabularies,
 * the conversion of reported quantities to kilograms, and the aggregates the dashboards, maps and fact sheets
 * read. The vocabularies follow UNODC's Individual Drug Seizures (IDS) reporting and the drug groups of the
 * Annual Report Questionnaire (ARQ) and World Drug Report; docs/seizures.md documents every rule.
 */

/** Drug groups as UNODC groups them in the ARQ / World Drug Report statistical annex. */
export const DRUG_GROUPS = [
  "opiates",
  "pharmaceutical_opioids",
  "cocaine",
  "cannabis",
  "ats",
  "nps",
  "sedatives",
  "hallucinogens",
  "precursors",
  "other",
] as const;
export const DrugGroupSchema = z.enum(DRUG_GROUPS);
/** UNODC's drug groups by name, in both languages (the web, the fact sheets and their PDFs name them alike). */
export const DRUG_GROUP_NAMES: Record<(typeof DRUG_GROUPS)[number], { en: string; ru: string }> = {
  opiates: { en: "Opiates", ru: "Опиаты" },
  pharmaceutical_opioids: { en: "Pharmaceutical opioids", ru: "Фармацевтические опиоиды" },
  cocaine: { en: "Cocaine-type", ru: "Кокаин" },
  cannabis: { en: "Cannabis", ru: "Каннабис" },
  ats: { en: "Amphetamine-type stimulants", ru: "Стимуляторы амфетаминового ряда" },
  nps: { en: "New psychoactive substances", ru: "Новые психоактивные вещества" },
  sedatives: { en: "Sedatives and tranquillizers", ru: "Седативные средства и транквилизаторы" },
  hallucinogens: { en: "Hallucinogens", ru: "Галлюциногены" },
  precursors: { en: "Precursor chemicals", ru: "Прекурсоры" },
  other: { en: "Other", ru: "Другое" },
};
export type DrugGroup = z.infer<typeof DrugGroupSchema>;

export const UNITS = ["g", "kg", "l", "tablet", "unit", "plant", "dose"] as const;
export const UnitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof UnitSchema>;

export interface DrugDefinition {
  code: string;
  group: DrugGroup;
  name: { en: string; ru: string };
  /** Other spellings met in files (IDS export names, Russian names, common abbreviations). */
  aliases: readonly string[];
  /** Kilograms per litre (liquids); absent: 1 kg/l. */
  kgPerLitre?: number;
  /** Kilograms per tablet, dose or unit; absent: such quantities are kept but not converted to mass. */
  kgPerTablet?: number;
  kgPerDose?: number;
  /** A seizure above this mass is unusual for the drug: the form and the import warn (the user may confirm). */
  warnAboveKg: number;
  /** Units expected for this drug when they differ from its group's (plants and seeds are counted). */
  units?: readonly Unit[];
}

/**
 * The controlled list. Conversion factors are the platform's documented conventions (docs/seizures.md,
 * "Conversion rules"): a tablet of "captagon" ≈ 0.17 g, an ecstasy-type tablet ≈ 0.3 g, a dose of heroin ≈ 0.03 g,
 * acetic anhydride 1.08 kg/l; counts of plants are never turned into mass.
 */
export const DRUGS: readonly DrugDefinition[] = [
  {
    code: "heroin",
    group: "opiates",
    name: { en: "Heroin", ru: "Героин" },
    aliases: ["heroin", "heroin base", "heroin hydrochloride", "героин"],
    kgPerDose: 0.00003,
    warnAboveKg: 3000,
  },
  {
    code: "opium",
    group: "opiates",
    name: { en: "Opium", ru: "Опий" },
    aliases: ["opium", "raw opium", "opium (raw and prepared)", "опий", "опиум"],
    warnAboveKg: 10000,
  },
  {
    code: "morphine",
    group: "opiates",
    name: { en: "Morphine", ru: "Морфин" },
    aliases: ["morphine", "морфин"],
    kgPerDose: 0.00003,
    warnAboveKg: 2000,
  },
  {
    code: "poppy_straw",
    group: "opiates",
    name: { en: "Poppy straw", ru: "Маковая солома" },
    aliases: ["poppy straw", "маковая солома"],
    warnAboveKg: 50000,
  },
  {
    code: "tramadol",
    group: "pharmaceutical_opioids",
    name: { en: "Tramadol", ru: "Трамадол" },
    aliases: ["tramadol", "трамадол"],
    kgPerTablet: 0.0003,
    warnAboveKg: 20000,
  },
  {
    code: "fentanyl",
    group: "pharmaceutical_opioids",
    name: { en: "Fentanyl", ru: "Фентанил" },
    aliases: ["fentanyl", "фентанил"],
    kgPerTablet: 0.0001,
    warnAboveKg: 100,
  },
  {
    code: "cocaine_hydrochloride",
    group: "cocaine",
    name: { en: "Cocaine hydrochloride", ru: "Гидрохлорид кокаина" },
    aliases: ["cocaine", "cocaine hydrochloride", "cocaine salt", "кокаин", "гидрохлорид кокаина"],
    warnAboveKg: 20000,
  },
  {
    code: "cocaine_base",
    group: "cocaine",
    name: { en: "Cocaine base and paste", ru: "Кокаиновое основание и паста" },
    aliases: ["cocaine base", "coca paste", "cocaine paste", "кокаиновая паста"],
    warnAboveKg: 10000,
  },
  {
    code: "coca_leaf",
    group: "cocaine",
    name: { en: "Coca leaf", ru: "Лист коки" },
    aliases: ["coca leaf", "лист коки"],
    warnAboveKg: 100000,
  },
  {
    code: "cannabis_herb",
    group: "cannabis",
    name: { en: "Cannabis herb", ru: "Каннабис (трава)" },
    aliases: ["cannabis herb", "marijuana", "cannabis", "марихуана", "каннабис", "cannabis herb (marijuana)"],
    warnAboveKg: 200000,
  },
  {
    code: "cannabis_resin",
    group: "cannabis",
    name: { en: "Cannabis resin", ru: "Смола каннабиса (гашиш)" },
    aliases: ["cannabis resin", "hashish", "гашиш", "смола каннабиса", "cannabis resin (hashish)"],
    warnAboveKg: 100000,
  },
  {
    code: "cannabis_plant",
    group: "cannabis",
    name: { en: "Cannabis plants", ru: "Растения каннабиса" },
    aliases: ["cannabis plant", "cannabis plants", "растения каннабиса"],
    warnAboveKg: 500000,
    units: ["plant", "unit", "g", "kg"],
  },
  {
    code: "cannabis_oil",
    group: "cannabis",
    name: { en: "Cannabis oil", ru: "Масло каннабиса" },
    aliases: ["cannabis oil", "hashish oil", "масло каннабиса"],
    kgPerLitre: 0.9,
    warnAboveKg: 5000,
  },
  {
    code: "methamphetamine",
    group: "ats",
    name: { en: "Methamphetamine", ru: "Метамфетамин" },
    aliases: ["methamphetamine", "crystal methamphetamine", "метамфетамин"],
    kgPerTablet: 0.0001,
    warnAboveKg: 5000,
  },
  {
    code: "amphetamine",
    group: "ats",
    name: { en: "Amphetamine", ru: "Амфетамин" },
    aliases: ["amphetamine", "амфетамин"],
    kgPerTablet: 0.0002,
    warnAboveKg: 5000,
  },
  {
    code: "captagon",
    group: "ats",
    name: { en: '"Captagon"', ru: "«Каптагон»" },
    aliases: ["captagon", '"captagon"', "каптагон", "«каптагон»", "captagon tablets"],
    kgPerTablet: 0.00017,
    warnAboveKg: 20000,
  },
  {
    code: "ecstasy",
    group: "ats",
    name: { en: "Ecstasy-type substances (MDMA)", ru: "Вещества типа экстази (МДМА)" },
    aliases: ["ecstasy", "mdma", "ecstasy-type substances", "экстази", "мдма"],
    kgPerTablet: 0.0003,
    warnAboveKg: 2000,
  },
  {
    code: "synthetic_cannabinoids",
    group: "nps",
    name: { en: "Synthetic cannabinoids", ru: "Синтетические каннабиноиды" },
    aliases: ["synthetic cannabinoids", "spice", "синтетические каннабиноиды"],
    warnAboveKg: 5000,
  },
  {
    code: "synthetic_cathinones",
    group: "nps",
    name: { en: "Synthetic cathinones", ru: "Синтетические катиноны" },
    aliases: ["synthetic cathinones", "alpha-pvp", "синтетические катиноны"],
    warnAboveKg: 5000,
  },
  {
    code: "nps_other",
    group: "nps",
    name: { en: "Other new psychoactive substances", ru: "Другие новые психоактивные вещества" },
    aliases: ["new psychoactive substances", "nps", "нпв"],
    warnAboveKg: 5000,
  },
  {
    code: "benzodiazepines",
    group: "sedatives",
    name: { en: "Benzodiazepines", ru: "Бензодиазепины" },
    aliases: ["benzodiazepines", "бензодиазепины"],
    kgPerTablet: 0.0002,
    warnAboveKg: 5000,
  },
  {
    code: "lsd",
    group: "hallucinogens",
    name: { en: "LSD", ru: "ЛСД" },
    aliases: ["lsd", "лсд"],
    kgPerDose: 0.00000005,
    warnAboveKg: 10,
  },
  {
    code: "acetic_anhydride",
    group: "precursors",
    name: { en: "Acetic anhydride", ru: "Ангидрид уксусной кислоты" },
    aliases: ["acetic anhydride", "ангидрид уксусной кислоты", "уксусный ангидрид"],
    kgPerLitre: 1.08,
    warnAboveKg: 200000,
  },
  {
    code: "ephedrine",
    group: "precursors",
    name: { en: "Ephedrine and pseudoephedrine", ru: "Эфедрин и псевдоэфедрин" },
    aliases: ["ephedrine", "pseudoephedrine", "эфедрин", "псевдоэфедрин"],
    warnAboveKg: 50000,
  },
  {
    code: "p2p",
    group: "precursors",
    name: { en: "Phenyl-2-propanone (P-2-P)", ru: "Фенил-2-пропанон (Ф-2-П)" },
    aliases: ["p-2-p", "p2p", "phenyl-2-propanone", "bmk", "фенил-2-пропанон"],
    kgPerLitre: 1.01,
    warnAboveKg: 50000,
  },
  {
    code: "potassium_permanganate",
    group: "precursors",
    name: { en: "Potassium permanganate", ru: "Перманганат калия" },
    aliases: ["potassium permanganate", "перманганат калия"],
    warnAboveKg: 200000,
  },
  // Substances UNODC's IDS names on their own (src/common/vocabularies/unodc-ids.ts gives each its IDS label). Where
  // UNODC publishes no conversion factor for a count (a tablet of clonazepam, a seed), the count is kept and not
  // turned into mass: massInKg gives null, as for plants.
  {
    code: "crack_cocaine",
    group: "cocaine",
    name: { en: "Crack cocaine", ru: "Крэк-кокаин" },
    aliases: ["crack", "крэк", "крэк-кокаин"],
    warnAboveKg: 10000,
  },
  {
    code: "cocaine_unspecified",
    group: "cocaine",
    name: { en: "Cocaine-type, not specified", ru: "Вещества группы кокаина, без уточнения" },
    aliases: [],
    warnAboveKg: 20000,
  },
  {
    code: "cannabis_seeds",
    group: "cannabis",
    name: { en: "Cannabis seeds", ru: "Семена каннабиса" },
    aliases: ["семена каннабиса"],
    warnAboveKg: 50000,
    units: ["unit", "g", "kg"],
  },
  {
    code: "cannabis_pollen",
    group: "cannabis",
    name: { en: "Cannabis pollen (dust)", ru: "Пыльца каннабиса" },
    aliases: ["пыльца каннабиса"],
    warnAboveKg: 50000,
  },
  {
    code: "cannabis_other",
    group: "cannabis",
    name: { en: "Other cannabis-type", ru: "Другие вещества группы каннабиса" },
    aliases: [],
    warnAboveKg: 100000,
  },
  {
    code: "cannabis_unspecified",
    group: "cannabis",
    name: { en: "Cannabis-type, not specified", ru: "Вещества группы каннабиса, без уточнения" },
    aliases: [],
    warnAboveKg: 200000,
  },
  {
    code: "poppy_plant",
    group: "opiates",
    name: { en: "Opium poppy plants", ru: "Растения опийного мака" },
    aliases: ["poppy plant", "растения мака"],
    warnAboveKg: 50000,
    units: ["plant", "unit", "g", "kg"],
  },
  {
    code: "methadone",
    group: "pharmaceutical_opioids",
    name: { en: "Methadone", ru: "Метадон" },
    aliases: ["метадон"],
    warnAboveKg: 1000,
  },
  {
    code: "buprenorphine",
    group: "pharmaceutical_opioids",
    name: { en: "Buprenorphine (Subutex)", ru: "Бупренорфин (субутекс)" },
    aliases: ["buprenorphine", "subutex", "бупренорфин", "субутекс"],
    warnAboveKg: 1000,
  },
  {
    code: "codeine",
    group: "pharmaceutical_opioids",
    name: { en: "Codeine", ru: "Кодеин" },
    aliases: ["кодеин"],
    warnAboveKg: 5000,
  },
  {
    code: "mda",
    group: "ats",
    name: { en: "MDA", ru: "МДА" },
    aliases: ["мда"],
    warnAboveKg: 2000,
  },
  {
    code: "mephedrone",
    group: "nps",
    name: { en: "Mephedrone (4-MMC)", ru: "Мефедрон (4-ММК)" },
    aliases: ["mephedrone", "4-mmc", "мефедрон"],
    warnAboveKg: 5000,
  },
  {
    code: "clephedrone",
    group: "nps",
    name: { en: "4-CMC (clephedrone)", ru: "4-ХМК (клефедрон)" },
    aliases: ["4-cmc", "clephedrone", "клефедрон"],
    warnAboveKg: 5000,
  },
  {
    code: "two_c_b",
    group: "hallucinogens",
    name: { en: "2C-B", ru: "2C-B" },
    aliases: ["2c-b", "2cb"],
    warnAboveKg: 100,
  },
  {
    code: "dmt",
    group: "hallucinogens",
    name: { en: "DMT (dimethyltryptamine)", ru: "ДМТ (диметилтриптамин)" },
    aliases: ["dmt", "dimethyltryptamine", "дмт", "диметилтриптамин"],
    warnAboveKg: 1000,
  },
  {
    code: "psilocybin",
    group: "hallucinogens",
    name: { en: "Psilocybin", ru: "Псилоцибин" },
    aliases: ["псилоцибин"],
    warnAboveKg: 1000,
  },
  {
    code: "hallucinogens_other",
    group: "hallucinogens",
    name: { en: "Other hallucinogens", ru: "Другие галлюциногены" },
    aliases: ["другие галлюциногены"],
    warnAboveKg: 1000,
  },
  {
    code: "hallucinogens_unspecified",
    group: "hallucinogens",
    name: { en: "Hallucinogens, not specified", ru: "Галлюциногены, без уточнения" },
    aliases: [],
    warnAboveKg: 1000,
  },
  {
    code: "diazepam",
    group: "sedatives",
    name: { en: "Diazepam", ru: "Диазепам" },
    aliases: ["диазепам"],
    warnAboveKg: 5000,
  },
  {
    code: "clonazepam",
    group: "sedatives",
    name: { en: "Clonazepam", ru: "Клоназепам" },
    aliases: ["клоназепам"],
    warnAboveKg: 5000,
  },
  {
    code: "alprazolam",
    group: "sedatives",
    name: { en: "Alprazolam", ru: "Алпразолам" },
    aliases: ["алпразолам"],
    warnAboveKg: 5000,
  },
  {
    code: "lorazepam",
    group: "sedatives",
    name: { en: "Lorazepam", ru: "Лоразепам" },
    aliases: ["лоразепам"],
    warnAboveKg: 5000,
  },
  {
    code: "ghb",
    group: "sedatives",
    name: { en: "GHB", ru: "ГОМК (GHB)" },
    aliases: ["гомк"],
    warnAboveKg: 5000,
  },
  {
    code: "khat",
    group: "other",
    name: { en: "Khat", ru: "Кат" },
    aliases: ["khat", "qat", "кат"],
    warnAboveKg: 50000,
  },
  // Substances UNODC's published seizure table names that had no code here (src/common/vocabularies/unodc-drugs.ts).
  ...UNODC_DRUG_DEFINITIONS,
  {
    code: "other",
    group: "other",
    name: { en: "Other substance", ru: "Другое вещество" },
    aliases: ["other", "другое"],
    warnAboveKg: 50000,
  },
];
export const DRUG_CODES = DRUGS.map((d) => d.code) as [string, ...string[]];
export const DrugCodeSchema = z.enum(DRUG_CODES);
const DRUG_BY_CODE = new Map(DRUGS.map((d) => [d.code, d]));
export function drugOf(code: string): DrugDefinition | undefined {
  return DRUG_BY_CODE.get(code);
}

/**
 * Normalized mass in kilograms by the documented conversion rules; null when the unit cannot be
 * converted for the drug (plants, units, tablets of a drug without a factor).
 */
export function massInKg(drugCode: string, quantity: number, unit: Unit): number | null {
  const drug = drugOf(drugCode);
  switch (unit) {
    case "kg":
      return quantity;
    case "g":
      return quantity / 1000;
    case "l":
      return quantity * (drug?.kgPerLitre ?? 1);
    case "tablet":
      return drug?.kgPerTablet !== undefined ? quantity * drug.kgPerTablet : null;
    case "dose":
      return drug?.kgPerDose !== undefined ? quantity * drug.kgPerDose : null;
    default:
      return null;
  }
}

/**
 * Where a seizure was made. The codes after "other" are the places UNODC's IDS names that our first list lacked
 * (src/common/vocabularies/unodc-ids.ts maps each IDS label to its code); the earlier codes stay valid.
 */
export const PLACE_TYPES = [
  "land_border",
  "airport",
  "seaport",
  "postal",
  "inland",
  "road",
  "rail",
  "other",
  "dwelling",
  "outdoor",
  "prison",
  "warehouse",
  "healthcare",
  "commercial",
  "station",
  "hotel",
  "education",
  "territorial_waters",
  "international_waters",
] as const;
export const PlaceTypeSchema = z.enum(PLACE_TYPES);

/** How the drugs travelled; "car", "truck" and "train_bus" are UNODC's IDS modes that our first list lacked. */
export const TRANSPORT_MODES = [
  "air",
  "sea",
  "road",
  "rail",
  "postal",
  "pedestrian",
  "other",
  "car",
  "truck",
  "train_bus",
] as const;
export const TransportModeSchema = z.enum(TRANSPORT_MODES);
export type TransportMode = z.infer<typeof TransportModeSchema>;

export const SEIZURE_ROUTES = ["balkan", "northern", "southern", "other"] as const;
export const SeizureRouteSchema = z.enum(SEIZURE_ROUTES);

export const SHARING_LEVELS = ["public", "members", "partner", "restricted"] as const;
export const SharingLevelSchema = z.enum(SHARING_LEVELS);

export const SEIZURE_STATUSES = ["entered", "validated", "published", "merged"] as const;
export const SeizureStatusSchema = z.enum(SEIZURE_STATUSES);

export const SOURCE_TYPES = ["official", "partner", "open_source"] as const;
export const SourceTypeSchema = z.enum(SOURCE_TYPES);

export const DATE_PRECISIONS = ["day", "month", "year"] as const;
export const DatePrecisionSchema = z.enum(DATE_PRECISIONS);

export const COORD_PRECISIONS = ["exact", "place", "region", "country"] as const;
export const CoordPrecisionSchema = z.enum(COORD_PRECISIONS);

export const SEXES = ["male", "female", "unknown"] as const;

export const Iso3 = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/)
  .transform((s) => s.toUpperCase());
export const Text = (max: number) => z.string().trim().max(max);
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ArrestSchema = z.object({
  nationality: Iso3,
  sex: z.enum(SEXES),
  count: z.number().int().min(1).max(10000),
});
export type Arrest = z.infer<typeof ArrestSchema>;

/** The field registry (src/common/seizure-fields.ts): each field of a seizure declared once. */
export const SEIZURE_FIELDS = seizureFields({
  ArrestSchema,
  COORD_PRECISIONS,
  CoordPrecisionSchema,
  DATE_PRECISIONS,
  DatePrecisionSchema,
  DrugCodeSchema,
  DrugGroupSchema,
  Iso3,
  IsoDate,
  PLACE_TYPES,
  PlaceTypeSchema,
  SEIZURE_ROUTES,
  SeizureRouteSchema,
  SeizureStatusSchema,
  SHARING_LEVELS,
  SharingLevelSchema,
  SOURCE_TYPES,
  SourceTypeSchema,
  Text,
  TRANSPORT_MODES,
  TransportModeSchema,
  UNITS,
  UnitSchema,
});

/** Fields of a seizure as entered (form, API, import). Warnings the user confirmed are listed by code. */
export const SeizureInputSchema = z.object(inputShapeOf(SEIZURE_FIELDS));
export type SeizureInput = z.input<typeof SeizureInputSchema>;
export type SeizureInputParsed = z.output<typeof SeizureInputSchema>;

export const SeizureUpdateSchema = SeizureInputSchema.extend({ version: z.number().int().min(1) });
export type SeizureUpdate = z.output<typeof SeizureUpdateSchema>;

/** A correction of a published record: a new revision with a reason; the record stays published. */
export const SeizureCorrectionSchema = SeizureUpdateSchema.extend({ reason: z.string().trim().min(3).max(1000) });
export type SeizureCorrection = z.output<typeof SeizureCorrectionSchema>;

/** What a reader may do with a seizure record (its `can`). */
export const SEIZURE_ACTIONS = ["edit", "validate", "publish", "correct"] as const;

export const SeizureSchema = z.object({
  ...outputShapeOf(SEIZURE_FIELDS),
  /** What the viewer may do with it now (seizures.policy.ts). */
  can: abilitiesSchema(SEIZURE_ACTIONS),
});
export type Seizure = z.infer<typeof SeizureSchema>;

/** Filters shared by the record list, dashboards, maps and exports. */
export const SeizureFilterSchema = z.object({
  countries: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => toList(v).map((s) => s.toUpperCase())),
  drugs: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform(toList),
  drugGroups: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform(toList),
  routes: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform(toList),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  // Fields outside the monthly aggregate (issue 20, part 5): answered from the records themselves.
  /** Modes of transport; "none": the record names none. */
  transportModes: codeList([...TRANSPORT_MODES, "none"]),
  /** Types of place; "none": the record names none. */
  placeTypes: codeList([...PLACE_TYPES, "none"]),
  /** Concealment methods as written on the records (exact, case-insensitive); "none": not given. */
  concealments: textList(),
  /** Seizing agencies as written on the records (exact, case-insensitive); "none": not given. */
  agencies: textList(),
  sources: codeList(SOURCE_TYPES),
  /** Records with an arrested person of one of these nationalities (ISO3); "none": records with no arrest. */
  nationalities: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => toList(v).map((s) => (s.toLowerCase() === "none" ? "none" : s.toUpperCase())))
    .refine((l) => l.every((s) => s === "none" || /^[A-Z]{3}$/.test(s)), { params: { code: "invalid_value" } }),
  /** Records with an arrested person of one of these sexes; "none": records with no arrest. */
  sexes: codeList([...SEXES, "none"]),
});
export type SeizureFilter = z.output<typeof SeizureFilterSchema>;

/** The filters on fields outside the monthly aggregate: any of them makes the analysis read the records. */
export const RECORD_FILTERS = [
  "transportModes",
  "placeTypes",
  "concealments",
  "agencies",
  "sources",
  "nationalities",
  "sexes",
] as const satisfies readonly (keyof SeizureFilter)[];

/** A list of codes (comma-separated or repeated); a value outside `allowed` is a validation error. */
function codeList<T extends string>(allowed: readonly T[]) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v, ctx) => {
      const list = toList(v);
      const bad = list.filter((s) => !(allowed as readonly string[]).includes(s));
      if (bad.length)
        ctx.addIssue({
          code: "custom",
          message: `Unknown value: ${bad.join(", ")}`,
          params: { code: "invalid_value", values: [...allowed] },
        });
      return list as T[];
    });
}

/** Free-text values of a field as written on the records (at most 200 characters each). */
function textList() {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => toList(v).map((s) => s.slice(0, 200)));
}

function toList(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : v.split(","))
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 100);
}

export const SeizureListQuerySchema = SeizureFilterSchema.extend({
  status: SeizureStatusSchema.optional(),
  batch: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type SeizureListQuery = z.output<typeof SeizureListQuerySchema>;

export const SeizureListSchema = z.object({
  items: z.array(SeizureSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const TransitionSchema = z
  .object({
    action: z.enum(["validate", "publish"]),
    /** Either the records (each with the version read) or a whole import batch. */
    records: z
      .array(z.object({ id: z.uuid(), version: z.number().int().min(1) }))
      .max(1000)
      .optional(),
    batchId: z.uuid().optional(),
    /**
     * A bulk step (a batch, or more than one record) names the number of records the user confirmed ("Validate
     * 124 records?"). Without it the API answers 422 `count_confirmation_required` with the count; when the
     * step would change another number, 409 `count_mismatch`; either way nothing changes.
     */
    expectedCount: z.number().int().min(0).optional(),
  })
  .refine((v) => (v.records?.length ?? 0) > 0 || v.batchId, { message: "records or batchId required" });
export type Transition = z.infer<typeof TransitionSchema>;
export const TransitionResultSchema = z.object({ changed: z.number().int(), skipped: z.number().int() });

/** The dimensions of the monthly aggregate (dashboards, public statistics, fact sheets). */
export const MONTHLY_GROUP_BY = ["country", "year", "month", "drug", "drugGroup", "route", "unit"] as const;
/**
 * Dimensions outside the monthly aggregate (issue 20, part 5): read from the records (PostgreSQL, or the columnar
 * copy in DuckDB). `nationality` and `sex` are those of the arrested persons: a record counts once in each
 * nationality (sex) among its arrests, with the persons of that group; a record without arrests is "none".
 */
export const RECORD_GROUP_BY = [
  "transportMode",
  "placeType",
  "concealment",
  "agency",
  "source",
  "nationality",
  "sex",
] as const;
/** What aggregates can be grouped by. */
export const GROUP_BY = [...MONTHLY_GROUP_BY, ...RECORD_GROUP_BY] as const;
export const GroupBySchema = z.enum(GROUP_BY);
export type GroupBy = z.infer<typeof GroupBySchema>;

const PUBLIC_GROUP_BY = ["country", "year", "drugGroup"] as const;

/** `groupBy` as a repeated parameter or one comma-separated value; unknown names are a validation error. */
function splitGroups<T extends string>(v: string | string[], allowed: readonly T[], ctx: z.RefinementCtx): T[] {
  const list = (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((g) => !(allowed as readonly string[]).includes(g));
  if (bad.length)
    ctx.addIssue({ code: "custom", message: `Unknown groupBy: ${bad.join(", ")}`, params: { code: "invalid_value" } });
  return [...new Set(list)] as T[];
}

export const AggregateQuerySchema = SeizureFilterSchema.extend({
  groupBy: z
    .union([z.string(), z.array(GroupBySchema)])
    .default(["year"])
    .transform((v, ctx) => splitGroups(v, GROUP_BY, ctx)),
});
export type AggregateQuery = z.output<typeof AggregateQuerySchema>;

/**
 * The dashboard's query: the filters, and optionally one or two dimensions (any of GROUP_BY) for its breakdown
 * table, which saved analyses and dashboard tiles show as their "breakdown" view.
 */
export const DashboardQuerySchema = SeizureFilterSchema.extend({
  groupBy: z
    .union([z.string(), z.array(GroupBySchema)])
    .optional()
    .transform((v, ctx) => (v === undefined ? [] : splitGroups(v, GROUP_BY, ctx)))
    .refine((l) => l.length <= 2, { params: { code: "too_big", maximum: 2 } }),
});
export type DashboardQuery = z.output<typeof DashboardQuerySchema>;

export const AggregateRowSchema = z.object({
  country: z.string().optional(),
  year: z.number().int().optional(),
  /** 1–12; 0 for records known only to the year. */
  month: z.number().int().optional(),
  drug: z.string().optional(),
  drugGroup: z.string().optional(),
  route: z.string().optional(),
  unit: z.string().optional(),
  /** Dimensions outside the monthly aggregate: the code or text, "none" when the record gives none. */
  transportMode: z.string().optional(),
  placeType: z.string().optional(),
  concealment: z.string().optional(),
  agency: z.string().optional(),
  source: z.string().optional(),
  nationality: z.string().optional(),
  sex: z.string().optional(),
  /**
   * Persons arrested (answers read from the records only: any filter or grouping outside the monthly aggregate).
   * Grouped or filtered by nationality or sex, only the arrested persons of that group.
   */
  persons: z.number().int().optional(),
  /** Null when suppressed: every cell of the public grid (country × year × drug group) the row covers is withheld. */
  cases: z.number().int().nullable(),
  massKg: z.number().nullable(),
  /** Reported quantity in the row's unit (only meaningful when grouped by unit). */
  quantity: z.number().nullable(),
  suppressed: z.boolean(),
  /**
   * Public views: grid cells left out of this row's figures by the disclosure control (fewer than 3 seizures, or
   * one seizure over 85% of the mass). The figures are then the sum of the published cells only: a lower bound.
   */
  withheld: z.number().int().optional(),
});
export type AggregateRow = z.infer<typeof AggregateRowSchema>;
export const AggregateResultSchema = z.object({
  rows: z.array(AggregateRowSchema),
  suppressionThreshold: z.number().int(),
  /** Public views: a grid cell whose largest seizure exceeds this share of its mass is withheld (null: members). */
  dominanceShare: z.number().nullable().optional(),
  /** Published records only; the date of the newest one. */
  asOf: z.string().nullable(),
});
export type AggregateResult = z.infer<typeof AggregateResultSchema>;

/** Public statistics: by country, year and drug group only, small counts suppressed. */
export const PublicStatsQuerySchema = z.object({
  groupBy: z
    .union([z.string(), z.array(z.enum(PUBLIC_GROUP_BY))])
    .default(["year", "drugGroup"])
    .transform((v, ctx) => splitGroups(v, PUBLIC_GROUP_BY, ctx)),
  countries: SeizureFilterSchema.shape.countries,
  drugGroups: SeizureFilterSchema.shape.drugGroups,
});
export const SUPPRESSION_THRESHOLD = 3;

export const TopSeizureSchema = z.object({
  id: z.uuid(),
  seizureDate: z.string(),
  country: z.string(),
  drug: z.string(),
  massKg: z.number(),
  place: z.string().nullable(),
});
export const DashboardSchema = z.object({
  totals: z.object({ cases: z.number().int(), massKg: z.number() }),
  byMonth: z.array(
    z.object({
      year: z.number().int(),
      month: z.number().int(),
      drugGroup: z.string(),
      cases: z.number().int(),
      massKg: z.number(),
    }),
  ),
  byCountry: z.array(z.object({ country: z.string(), cases: z.number().int(), massKg: z.number() })),
  byDrug: z.array(z.object({ drug: z.string(), cases: z.number().int(), massKg: z.number() })),
  byRoute: z.array(z.object({ route: z.string(), cases: z.number().int(), massKg: z.number() })),
  yearOnYear: z.array(
    z.object({
      drugGroup: z.string(),
      year: z.number().int(),
      massKg: z.number(),
      previousKg: z.number().nullable(),
      changePct: z.number().nullable(),
    }),
  ),
  top: z.array(TopSeizureSchema),
  alerts: z.array(z.lazy(() => AlertSchema)),
  /** The filtered records summed by the query's `groupBy` (absent without one). */
  breakdown: z.array(AggregateRowSchema).optional(),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const AlertSchema = z.object({
  id: z.uuid(),
  country: z.string(),
  drug: z.string(),
  year: z.number().int(),
  month: z.number().int(),
  massKg: z.number(),
  median: z.number(),
  score: z.number(),
  direction: z.enum(["up", "down"]),
  createdAt: z.string(),
});
export type Alert = z.infer<typeof AlertSchema>;

/** Map points as compact parallel arrays (100k points stay small): lon, lat, kg, drug index, id. */
export const MapPointsSchema = z.object({
  drugs: z.array(z.string()),
  lon: z.array(z.number()),
  lat: z.array(z.number()),
  kg: z.array(z.number()),
  drug: z.array(z.number().int()),
  id: z.array(z.string()),
  truncated: z.boolean(),
});
export type MapPoints = z.infer<typeof MapPointsSchema>;

export const FlowSchema = z.object({
  from: z.string(),
  to: z.string(),
  cases: z.number().int(),
  massKg: z.number(),
});
export const FlowsSchema = z.object({ items: z.array(FlowSchema) });
export type Flow = z.infer<typeof FlowSchema>;

/** Column mapping for an import: our field → the file's header. */
export const IMPORT_FIELDS = importFieldsOf(SEIZURE_FIELDS);
export type ImportField = ImportFieldOf<typeof SEIZURE_FIELDS>;
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = IMPORT_FIELDS.filter(
  (f) => (SEIZURE_FIELDS[f].import as { required?: boolean }).required,
);
export const ColumnMappingSchema = z.partialRecord(
  z.enum(IMPORT_FIELDS as [ImportField, ...ImportField[]]),
  z.string().max(200),
);
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** Fields whose values come from a vocabulary: a value the vocabulary does not know can be mapped to a known one. */
export const MAPPABLE_FIELDS = [
  "drug",
  "unit",
  "placeType",
  "transportMode",
  "country",
  "departureCountry",
  "originCountries",
  "transitCountries",
  "destinationCountries",
  "route",
  "sourceType",
  "sharing",
  "datePrecision",
  "coordPrecision",
] as const satisfies readonly ImportField[];
export type MappableField = (typeof MAPPABLE_FIELDS)[number];
export const MappableFieldSchema = z.enum(MAPPABLE_FIELDS);

/**
 * The seizure map's default layer (issue 18): published seizures summed per country for the reader's audience, the
 * same sums as the dashboard's (a member sums only the records they may open). Cacheable: its ETag names the
 * aggregate's version, the reader's access scope and the filter, so an unchanged answer costs a 304.
 */
export const MapCountriesSchema = z.object({
  items: z.array(z.object({ country: z.string(), cases: z.number().int(), massKg: z.number() })),
  /** The date of the newest published record (null: none). */
  asOf: z.string().nullable(),
});
export type MapCountries = z.infer<typeof MapCountriesSchema>;

/** The codes a value of each mappable field may be mapped to (countries: any ISO 3166-1 alpha-3 code). */
export function mappingTargets(field: MappableField): readonly string[] | "country" {
  switch (field) {
    case "drug":
      return DRUG_CODES;
    case "unit":
      return UNITS;
    case "placeType":
      return PLACE_TYPES;
    case "transportMode":
      return TRANSPORT_MODES;
    case "route":
      return SEIZURE_ROUTES;
    case "sourceType":
      return SOURCE_TYPES;
    case "sharing":
      return SHARING_LEVELS;
    case "datePrecision":
      return DATE_PRECISIONS;
    case "coordPrecision":
      return COORD_PRECISIONS;
    default:
      return "country";
  }
}

/** At most this many mapped values in one request (a file needing more has a column mapped wrongly). */
export const MAX_MAPPED_VALUES = 2000;

/**
 * The value-mapping step: field → the file's value as written → the known code it means, or null for "not
 * available" (the cell is then read as empty). Remembered per source (country and layout) for the next file.
 */
export const ValueMappingSchema = z
  .partialRecord(MappableFieldSchema, z.record(z.string().trim().min(1).max(200), z.string().max(100).nullable()))
  .superRefine((mapping, ctx) => {
    let n = 0;
    for (const [field, values] of Object.entries(mapping) as [MappableField, Record<string, string | null>][]) {
      const targets = mappingTargets(field);
      for (const [value, target] of Object.entries(values ?? {})) {
        n += 1;
        if (target === null) continue;
        const known = targets === "country" ? /^[A-Z]{3}$/.test(target) : targets.includes(target);
        if (!known)
          ctx.addIssue({
            code: "custom",
            path: [field, value],
            message: `Not a ${field} code: ${target}`,
            params: { code: "invalid_value" },
          });
      }
    }
    if (n > MAX_MAPPED_VALUES)
      ctx.addIssue({ code: "custom", message: `At most ${MAX_MAPPED_VALUES} values`, params: { code: "too_long" } });
  });
export type ValueMapping = z.infer<typeof ValueMappingSchema>;

/** A value of the file that no vocabulary knows: shown once, with its count and the first rows it is on. */
export const UnmappedValueSchema = z.object({
  field: MappableFieldSchema,
  /** The file's column header. */
  column: z.string().nullable(),
  value: z.string(),
  count: z.number().int(),
  /** The first rows (as numbered in the spreadsheet) that hold it. */
  rows: z.array(z.number().int()),
  /** The sheet of each of `rows`, when a workbook's sheets (one per year) were imported together. */
  sheets: z.array(z.string()).optional(),
});

/** A value read through a mapping remembered from an earlier file of the same source. */
export const RememberedValueSchema = z.object({
  field: MappableFieldSchema,
  value: z.string(),
  /** The code it was mapped to; null: "not available". */
  target: z.string().nullable(),
  count: z.number().int(),
});

export const ImportRequestSchema = z.object({
  fileId: z.uuid(),
  dryRun: z.boolean().default(true),
  mapping: ColumnMappingSchema.optional(),
  /** The value-mapping step's answers; they override what was remembered for the file's source. */
  valueMapping: ValueMappingSchema.optional(),
  /** Sharing level given to every imported record (the file may also carry a column). */
  sharing: SharingLevelSchema.default("members"),
  /** Plausibility warnings (unusual quantities) in the file are accepted as confirmed. */
  confirmWarnings: z.boolean().default(false),
});
export type ImportRequest = z.output<typeof ImportRequestSchema>;

/**
 * The seizure import's result: the platform pipeline's (report, sheets, headers, sample, mapping, the value-mapping
 * step's values), with the batch written and the possible duplicates it revealed against records stored before.
 */
export const SeizureImportResultSchema = importResult.extend({
  /** Values no vocabulary knows, to be mapped before the file can be imported (nothing is written meanwhile). */
  unmapped: z.array(UnmappedValueSchema),
  /** Values read through mappings remembered for this source, so the user sees (and may change) them. */
  remembered: z.array(RememberedValueSchema),
  batchId: z.uuid().nullable(),
  /** Pairs of a new record and a record stored before that may be the same seizure, queued for review. */
  possibleDuplicates: z.number().int(),
});
export type SeizureImportResult = z.infer<typeof SeizureImportResultSchema>;

export const DuplicateSchema = z.object({
  id: z.uuid(),
  status: z.enum(["open", "merged", "kept_apart"]),
  score: z.number(),
  a: SeizureSchema,
  b: SeizureSchema,
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type Duplicate = z.infer<typeof DuplicateSchema>;
export const DuplicateListSchema = z.object({ items: z.array(DuplicateSchema), total: z.number().int() });
export const DuplicateDecisionSchema = z.object({
  decision: z.enum(["merge", "keep_apart"]),
  /** For a merge: the record that stays; the other one is marked merged into it. */
  keep: z.uuid().optional(),
  note: z.string().trim().max(1000).optional(),
});
export type DuplicateDecision = z.infer<typeof DuplicateDecisionSchema>;

export const DMP_TERMS_VERSION = 1;
export const DmpTermsSchema = z.object({
  version: z.number().int(),
  accepted: z.boolean(),
  text: z.object({ en: z.string(), ru: z.string() }),
});
export type DmpTerms = z.infer<typeof DmpTermsSchema>;

/** A country's DMP settings; a country never set keeps the defaults (`version` 0). */
export const SeizureCountrySettingsSchema = z.object({
  country: z.string(),
  /** Whoever entered, edited or imported a record may not also validate it (on by default). */
  fourEyes: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type SeizureCountrySettings = z.infer<typeof SeizureCountrySettingsSchema>;
export const SeizureCountrySettingsListSchema = z.object({ items: z.array(SeizureCountrySettingsSchema) });
export const SeizureCountrySettingsParamsSchema = z.object({ country: Iso3 });
/**
 * The columnar copy the ad-hoc analyses read (issue 20): the published records' version, this instance's copy, and
 * the newest build job (its progress while it runs), for coordinators.
 */
export const ColumnarCopyStatusSchema = z.object({
  engine: z.enum(["duckdb", "postgres"]),
  /** The version of the published records now. */
  currentVersion: z.string(),
  /** The copy of the instance that answered (null: PostgreSQL answers every analysis). */
  instance: z
    .object({
      state: z.enum(["empty", "loading", "ready"]),
      version: z.string().nullable(),
      rows: z.number().int(),
      loadMs: z.number().nullable(),
    })
    .nullable(),
  /** The newest build job of any instance (a Job, as GET /jobs/:id gives it). */
  jobId: z.uuid().nullable(),
});
export type ColumnarCopyStatus = z.infer<typeof ColumnarCopyStatusSchema>;
export const SeizureCountrySettingsUpdateSchema = z.object({
  fourEyes: z.boolean(),
  /** The version read (0 for a country still on the defaults). */
  version: z.number().int().min(0),
});
export type SeizureCountrySettingsUpdate = z.infer<typeof SeizureCountrySettingsUpdateSchema>;
