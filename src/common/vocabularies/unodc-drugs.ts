import type { DrugDefinition } from "../seizures.js";

/**
 * Substances UNODC's published seizure table names on their own (the World Drug Report 2025 statistical annex 7.1,
 * "Drug seizures 2019-2023": `UNODC_SEIZURE_TABLE_DRUGS` in unodc-ids.ts gives each its label as published) for which
 * the platform had no code. They join the controlled list (`DRUGS` in ../seizures.ts) after the earlier codes.
 *
 * - `name.en` is UNODC's label, shortened only where the label carries a form's instruction ("please specify") or a
 *   list of trade names; `name.ru` is the platform's translation (UNODC's Russian table was not found).
 * - `group` is the UNODC drug group the table files the substance under, as the platform's group code.
 * - Conversion: UNODC publishes no mass per tablet or unit for these, so counts are kept and not turned into mass;
 *   litres count as 1 kg/l (the platform's rule for a liquid without a documented density).
 * - `warnAboveKg` is the platform's plausibility threshold (a warning the person importing confirms), by group.
 */
const PRECURSOR = 200_000;
const OPIOID = 20_000;
const POTENT_OPIOID = 100;
const SEDATIVE = 5_000;
const NPS = 5_000;
const HALLUCINOGEN = 1_000;
const STIMULANT = 20_000;
const OTHER = 50_000;

type New = [code: string, group: DrugDefinition["group"], en: string, ru: string, warnAboveKg: number];

const NEW: New[] = [
  // Opioids
  ["pharmaceutical_opioids", "pharmaceutical_opioids", "Pharmaceutical opioids", "Фармацевтические опиоиды", OPIOID],
  ["opioids_other", "opiates", "Other illicit opioids", "Другие незаконные опиоиды", OPIOID],
  ["opiates_other", "opiates", "Other illicit opiates", "Другие незаконные опиаты", OPIOID],
  ["opioids_unspecified", "opiates", "Non-specified opioids", "Опиоиды, без уточнения", OPIOID],
  ["oxycodone", "pharmaceutical_opioids", "Oxycodone", "Оксикодон", OPIOID],
  ["hydrocodone", "pharmaceutical_opioids", "Hydrocodone", "Гидрокодон", OPIOID],
  ["carfentanil", "pharmaceutical_opioids", "Carfentanil", "Карфентанил", POTENT_OPIOID],
  [
    "methylfentanyl_3",
    "pharmaceutical_opioids",
    "3-Methylfentanyl (3-MF, mefentanyl)",
    "3-Метилфентанил",
    POTENT_OPIOID,
  ],
  ["u_47700", "pharmaceutical_opioids", "U-47700", "U-47700", POTENT_OPIOID],
  ["desomorphine", "opiates", "Desomorphine", "Дезоморфин", OPIOID],
  ["naloxone", "pharmaceutical_opioids", "Naloxone", "Налоксон", OPIOID],
  ["poppy_seed", "opiates", "Poppy seed", "Семена мака", 500_000],
  ["acetylated_opium", "opiates", "Acetylated opium", "Ацетилированный опий", OPIOID],
  // Cocaine-type
  ["cocaine_other", "cocaine", "Other coca/cocaine-type drugs", "Другие вещества группы коки и кокаина", OPIOID],
  [
    "cocaine_smokable_other",
    "cocaine",
    "Other smokable forms of cocaine (basuco, merla, paco, pasta base, etc.)",
    "Другие курительные формы кокаина (басуко, мерла, пако, паста басе и т. п.)",
    OPIOID,
  ],
  ["coca_bush", "cocaine", "Coca bush", "Куст коки", 1_000_000],
  // Amphetamine-type stimulants
  [
    "ats_unspecified",
    "ats",
    "Amphetamine-type stimulants, not specified",
    "Стимуляторы амфетаминового ряда, без уточнения",
    STIMULANT,
  ],
  ["cathinone", "ats", "Cathinone", "Катинон", STIMULANT],
  ["methcathinone", "ats", "Methcathinone", "Меткатинон", STIMULANT],
  ["stimulants_other", "ats", "Other stimulants", "Другие стимуляторы", STIMULANT],
  ["prescription_stimulants", "ats", "Prescription stimulants", "Рецептурные стимуляторы", STIMULANT],
  ["methylphenidate", "ats", "Methylphenidate (Ritalin, Concerta)", "Метилфенидат (риталин, концерта)", STIMULANT],
  ["pyrovalerone", "ats", "Pyrovalerone", "Пировалерон", STIMULANT],
  ["yaba", "ats", '"Yaba"', "«Яба»", STIMULANT],
  ["mdpv", "ats", "3,4-Methylenedioxypyrovalerone (MDPV)", "3,4-Метилендиоксипировалерон (МДПВ)", STIMULANT],
  ["phentermine", "ats", "Phentermine", "Фентермин", STIMULANT],
  ["phenmetrazine", "ats", "Phenmetrazine", "Фенметразин", STIMULANT],
  ["fea_3", "ats", "3-Fluoroethamphetamine (3-FEA)", "3-Фторэтамфетамин (3-FEA)", STIMULANT],
  ["mdea", "ats", "MDEA", "МДЭА", STIMULANT],
  // New psychoactive substances
  ["ketamine", "nps", "Ketamine and phencyclidine-type substances", "Кетамин и вещества типа фенциклидина", NPS],
  [
    "nps_plant_based",
    "nps",
    "Plant-based new psychoactive substances",
    "Растительные новые психоактивные вещества",
    NPS,
  ],
  ["phenethylamines", "nps", "Phenethylamines", "Фенэтиламины", NPS],
  ["piperazines", "nps", "Piperazines", "Пиперазины", NPS],
  ["tryptamines", "nps", "Tryptamines", "Триптамины", NPS],
  ["aminoindanes", "nps", "Aminoindanes", "Аминоинданы", NPS],
  ["salvia_divinorum", "nps", "Salvia divinorum", "Шалфей предсказателей (Salvia divinorum)", NPS],
  ["kratom", "nps", "Kratom (Mitragyna speciosa)", "Кратом (Mitragyna speciosa)", NPS],
  ["ayahuasca", "nps", "Ayahuasca", "Аяуаска", NPS],
  ["two_c_series", "nps", "2C (psychedelics)", "Вещества серии 2C (психоделики)", NPS],
  // Sedatives and tranquillizers
  [
    "sedatives_unspecified",
    "sedatives",
    "Sedatives and tranquillizers, not specified",
    "Седативные средства и транквилизаторы, без уточнения",
    SEDATIVE,
  ],
  [
    "sedatives_other",
    "sedatives",
    "Other sedatives and tranquillizers",
    "Другие седативные средства и транквилизаторы",
    SEDATIVE,
  ],
  ["methaqualone", "sedatives", "Methaqualone", "Метаквалон", SEDATIVE],
  ["barbiturates", "sedatives", "Barbiturates", "Барбитураты", SEDATIVE],
  ["bromazepam", "sedatives", "Bromazepam", "Бромазепам", SEDATIVE],
  ["flunitrazepam", "sedatives", "Flunitrazepam (Rohypnol)", "Флунитразепам (рогипнол)", SEDATIVE],
  ["gbl", "sedatives", "Gamma-Butyrolactone (GBL)", "Гамма-бутиролактон (ГБЛ)", SEDATIVE],
  ["nimetazepam", "sedatives", 'Nimetazepam (Erimin, "Happy Five")', "Ниметазепам (эримин)", SEDATIVE],
  ["oxazepam", "sedatives", "Oxazepam", "Оксазепам", SEDATIVE],
  ["midazolam", "sedatives", "Midazolam", "Мидазолам", SEDATIVE],
  ["phenazepam", "sedatives", "Phenazepam", "Феназепам", SEDATIVE],
  ["chlordiazepoxide", "sedatives", "Chlordiazepoxide", "Хлордиазепоксид", SEDATIVE],
  ["estazolam", "sedatives", "Estazolam", "Эстазолам", SEDATIVE],
  ["nitrazepam", "sedatives", "Nitrazepam", "Нитразепам", SEDATIVE],
  // Hallucinogens (zopiclone, a hypnotic, is filed here by UNODC's table, and kept where UNODC files it)
  ["hallucinogenic_mushrooms", "hallucinogens", "Mushrooms (hallucinogenic)", "Галлюциногенные грибы", HALLUCINOGEN],
  ["mescaline", "hallucinogens", "Mescaline", "Мескалин", HALLUCINOGEN],
  ["pcp", "hallucinogens", "Phencyclidine (PCP)", "Фенциклидин (PCP)", HALLUCINOGEN],
  [
    "dom",
    "hallucinogens",
    "STP (DOM, 2,5-dimethoxy-4-methylamphetamine)",
    "STP (DOM, 2,5-диметокси-4-метиламфетамин)",
    HALLUCINOGEN,
  ],
  ["dob", "hallucinogens", "Brolamfetamine (DOB)", "Броламфетамин (DOB)", HALLUCINOGEN],
  ["nbome_25b", "hallucinogens", "25B-NBOMe (2C-B-NBOMe)", "25B-NBOMe (2C-B-NBOMe)", HALLUCINOGEN],
  ["nbome_25c", "hallucinogens", "25C-NBOMe (2C-C-NBOMe)", "25C-NBOMe (2C-C-NBOMe)", HALLUCINOGEN],
  ["zopiclone", "hallucinogens", "Zopiclone", "Зопиклон", HALLUCINOGEN],
  // Precursors
  ["precursors_unspecified", "precursors", "Precursors, not specified", "Прекурсоры, без уточнения", PRECURSOR],
  ["precursors_other", "precursors", "Other precursors", "Другие прекурсоры", PRECURSOR],
  ["sulphuric_acid", "precursors", "Sulphuric acid", "Серная кислота", PRECURSOR],
  ["hydrochloric_acid", "precursors", "Hydrochloric acid", "Соляная кислота", PRECURSOR],
  ["acetone", "precursors", "Acetone", "Ацетон", PRECURSOR],
  [
    "pmk",
    "precursors",
    "3,4-Methylenedioxyphenyl-2-propanone (3,4-MDP-2-P, PMK)",
    "3,4-Метилендиоксифенил-2-пропанон (3,4-МДФ-2-П, ПМК)",
    PRECURSOR,
  ],
  ["methylamine", "precursors", "Methylamine", "Метиламин", PRECURSOR],
  // Any other drugs/substances
  ["anabolic_steroids", "other", "Anabolic steroids", "Анаболические стероиды", OTHER],
  [
    "not_internationally_controlled",
    "other",
    "Other substances not under international control",
    "Другие вещества, не находящиеся под международным контролем",
    OTHER,
  ],
  ["caffeine", "other", "Caffeine", "Кофеин", OTHER],
  ["alcohol", "other", "Alcohol", "Алкоголь", OTHER],
  ["solvents_inhalants", "other", "Solvents and inhalants", "Растворители и ингалянты", OTHER],
];

export const UNODC_DRUG_DEFINITIONS: readonly DrugDefinition[] = NEW.map(([code, group, en, ru, warnAboveKg]) => ({
  code,
  group,
  name: { en, ru },
  aliases: [en.toLowerCase(), ru.toLowerCase()],
  warnAboveKg,
}));
