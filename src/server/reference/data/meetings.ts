// Sources: 003_7347bb6d65341056.txt (CND 2007), 004_47cadadb9c8ad2bf.txt (Vienna Declaration 2012),
// 001_76773985ed435ad4.txt (CND 2018), 000_178a339dba6a7557.txt (CND 2022), 002_75cee65931a42696.txt (brochure 2021).
import type { LocalizedText, Provenance } from "../types.js";

const REPORT_2022 = "000_178a339dba6a7557.txt";
const REPORT_2018 = "001_76773985ed435ad4.txt";
const BROCHURE = "002_75cee65931a42696.txt";
const REPORT_2007 = "003_7347bb6d65341056.txt";
const DECLARATION = "004_47cadadb9c8ad2bf.txt";

export type ReferenceMeetingKind = "ministerial_conference" | "pcgm" | "ewg" | "expert_round_table";

/** A meeting the source documents name, with only what they say about it (plus city coordinates). */
export interface MeetingRef {
  /** Stable key, e.g. "ewg-19", "pcgm-15", "ert-3", "mc-2". */
  key: string;
  kind: ReferenceMeetingKind;
  /** Number within its kind (null where the documents give none). */
  number: number | null;
  title: LocalizedText;
  theme?: LocalizedText;
  pillars: number[];
  host?: LocalizedText;
  hostPartnerCode?: string;
  /** Absent where the documents name no place. */
  city?: LocalizedText;
  country?: string;
  lat?: number;
  lon?: number;
  startDate: string;
  endDate?: string;
  /** "month" when the documents give only month and year (the date is then the 1st). */
  datePrecision: "day" | "month" | "year";
  format?: "in_person" | "hybrid" | "virtual";
  participants?: number;
  participantsQualifier?: "exact" | "over" | "nearly";
  inPersonParticipants?: number;
  inPersonQualifier?: "exact" | "over" | "nearly";
  countries?: number;
  organizations?: number;
  /** Number of priority recommendations the meeting agreed, where the documents give it. */
  priorityRecommendationCount?: number;
  /** The meeting took stock of previously adopted recommendations. */
  stocktaking?: boolean;
  outcome?: LocalizedText;
  provenance: Provenance[];
}

type City = { city: LocalizedText; country: string; lat: number; lon: number };
const C = {
  paris: { city: { en: "Paris", ru: "Париж" }, country: "FRA", lat: 48.8566, lon: 2.3522 },
  moscow: { city: { en: "Moscow", ru: "Москва" }, country: "RUS", lat: 55.7558, lon: 37.6173 },
  vienna: { city: { en: "Vienna", ru: "Вена" }, country: "AUT", lat: 48.2082, lon: 16.3738 },
  brussels: { city: { en: "Brussels", ru: "Брюссель" }, country: "BEL", lat: 50.8503, lon: 4.3517 },
  tashkent: { city: { en: "Tashkent", ru: "Ташкент" }, country: "UZB", lat: 41.2995, lon: 69.2401 },
  islamabad: { city: { en: "Islamabad", ru: "Исламабад" }, country: "PAK", lat: 33.6844, lon: 73.0479 },
  tehran: { city: { en: "Tehran", ru: "Тегеран" }, country: "IRN", lat: 35.6892, lon: 51.389 },
  istanbul: { city: { en: "Istanbul", ru: "Стамбул" }, country: "TUR", lat: 41.0082, lon: 28.9784 },
  dushanbe: { city: { en: "Dushanbe", ru: "Душанбе" }, country: "TJK", lat: 38.5598, lon: 68.787 },
  doha: { city: { en: "Doha", ru: "Доха" }, country: "QAT", lat: 25.2854, lon: 51.531 },
  hague: { city: { en: "The Hague", ru: "Гаага" }, country: "NLD", lat: 52.0705, lon: 4.3007 },
  antalya: { city: { en: "Antalya", ru: "Анталья" }, country: "TUR", lat: 36.8969, lon: 30.7133 },
  almaty: { city: { en: "Almaty", ru: "Алматы" }, country: "KAZ", lat: 43.222, lon: 76.8512 },
  bishkek: { city: { en: "Bishkek", ru: "Бишкек" }, country: "KGZ", lat: 42.8746, lon: 74.5698 },
  belgrade: { city: { en: "Belgrade", ru: "Белград" }, country: "SRB", lat: 44.7866, lon: 20.4489 },
  lyon: { city: { en: "Lyon", ru: "Лион" }, country: "FRA", lat: 45.764, lon: 4.8357 },
  bucharest: { city: { en: "Bucharest", ru: "Бухарест" }, country: "ROU", lat: 44.4268, lon: 26.1025 },
  beijing: { city: { en: "Beijing", ru: "Пекин" }, country: "CHN", lat: 39.9042, lon: 116.4074 },
  newDelhi: { city: { en: "New Delhi", ru: "Нью-Дели" }, country: "IND", lat: 28.6139, lon: 77.209 },
  shanghai: { city: { en: "Shanghai", ru: "Шанхай" }, country: "CHN", lat: 31.2304, lon: 121.4737 },
} satisfies Record<string, City>;

const HOSTS = {
  UNODC: { host: { en: "UNODC", ru: "УНП ООН" }, hostPartnerCode: "UNODC" },
  EUROPOL: { host: { en: "Europol", ru: "Европол" }, hostPartnerCode: "EUROPOL" },
  CARICC: { host: { en: "CARICC", ru: "ЦАРИКЦ" }, hostPartnerCode: "CARICC" },
  OSCE: { host: { en: "OSCE", ru: "ОБСЕ" }, hostPartnerCode: "OSCE" },
  INTERPOL: { host: { en: "Interpol", ru: "Интерпол" }, hostPartnerCode: "INTERPOL" },
  SELEC: { host: { en: "SELEC", ru: "SELEC" }, hostPartnerCode: "SELEC" },
  SCO: { host: { en: "SCO", ru: "ШОС" }, hostPartnerCode: "SCO" },
} as const;

// ── Ministerial conferences ──────────────────────────────────────────────────────────────────────
const ministerial: MeetingRef[] = [
  {
    key: "mc-1",
    kind: "ministerial_conference",
    number: 1,
    title: {
      en: "Conference on Drug Routes from Central Asia to Europe (first ministerial conference)",
      ru: "Конференция по маршрутам наркотиков из Центральной Азии в Европу (первая конференция на уровне министров)",
    },
    pillars: [],
    ...C.paris,
    startDate: "2003-05-21",
    endDate: "2003-05-22",
    datePrecision: "day",
    outcome: {
      en: "The Paris Statement (S/2003/641, annex): more than 55 countries and organizations sealed a pact on concerted measures against the trafficking of Afghan opiates.",
      ru: "Парижское заявление (S/2003/641, приложение): более 55 стран и организаций заключили пакт о согласованных мерах против контрабанды афганских опиатов.",
    },
    provenance: [
      { document: REPORT_2007, locator: "paras. 1 and 6 (Paris, 21 and 22 May 2003)" },
      { document: DECLARATION, locator: "para. 5 ('first (Paris, 21-22 May 2003)')" },
    ],
  },
  {
    key: "mc-2",
    kind: "ministerial_conference",
    number: 2,
    title: {
      en: "Second Ministerial Conference on Drug Trafficking Routes from Afghanistan",
      ru: "Вторая конференция на уровне министров по маршрутам незаконного оборота наркотиков из Афганистана",
    },
    pillars: [],
    host: { en: "Russian Federation", ru: "Российская Федерация" },
    hostPartnerCode: "RUS",
    ...C.moscow,
    startDate: "2006-06-26",
    endDate: "2006-06-28",
    datePrecision: "day",
    stocktaking: true,
    outcome: {
      en: "The Moscow Declaration (A/61/208-S/2006/598, annex). Three working groups reviewed border control and the trafficking of drugs and precursors; regional and international cooperation; and health and social issues.",
      ru: "Московская декларация (A/61/208-S/2006/598, приложение). Три рабочие группы рассмотрели пограничный контроль и оборот наркотиков и прекурсоров; региональное и международное сотрудничество; вопросы здравоохранения и социальные вопросы.",
    },
    provenance: [
      { document: REPORT_2007, locator: "paras. 4, 14–17 (Moscow, 26 to 28 June 2006)" },
      { document: DECLARATION, locator: "para. 5 ('second (Moscow, 26-28 June 2006)')" },
    ],
  },
  {
    key: "mc-3",
    kind: "ministerial_conference",
    number: 3,
    title: {
      en: "Third Ministerial Conference of the Paris Pact Partners on Combating Illicit Traffic in Opiates Originating in Afghanistan",
      ru: "Третья конференция министров партнёров Парижского пакта по борьбе с незаконным оборотом опиатов афганского происхождения",
    },
    pillars: [1, 2, 3, 4],
    ...C.vienna,
    startDate: "2012-02-16",
    datePrecision: "day",
    outcome: {
      en: "The Vienna Declaration: four pillars for enhanced cooperation and 32 numbered commitments. Attended by the United Nations Secretary-General.",
      ru: "Венская декларация: четыре направления расширенного сотрудничества и 32 пронумерованных обязательства. В работе участвовал Генеральный секретарь ООН.",
    },
    provenance: [
      { document: DECLARATION, locator: "heading ('Vienna, 16 February 2012') and para. 8" },
      { document: BROCHURE, locator: "section 'The Vienna Declaration'" },
    ],
  },
];

// ── Expert round tables 2003–2006 (document 003, para. 8) ────────────────────────────────────────
const ertPara8: Provenance = {
  document: REPORT_2007,
  locator: "para. 8 (nine round-table meetings of senior experts)",
};
type Ert = [number, string, string, LocalizedText, City];
const ertList: Ert[] = [
  [1, "2003-09-01", "", { en: "The Balkan route", ru: "Балканский маршрут" }, C.brussels],
  [2, "2003-10-01", "", { en: "The Islamic Republic of Iran", ru: "Исламская Республика Иран" }, C.brussels],
  [3, "2004-04-01", "", { en: "Central Asian countries", ru: "Страны Центральной Азии" }, C.tashkent],
  [4, "2004-06-01", "", { en: "The Russian Federation", ru: "Российская Федерация" }, C.moscow],
  [5, "2005-03-01", "", { en: "Pakistan", ru: "Пакистан" }, C.islamabad],
  [
    6,
    "2005-09-01",
    "",
    { en: "The Islamic Republic of Iran (again)", ru: "Исламская Республика Иран (повторно)" },
    C.tehran,
  ],
  [7, "2005-10-01", "", { en: "South-Eastern Europe", ru: "Юго-Восточная Европа" }, C.istanbul],
  [
    8,
    "2006-04-10",
    "2006-04-11",
    {
      en: "Cross-border cooperation and the exchange of information and intelligence between Afghanistan and neighbouring countries",
      ru: "Трансграничное сотрудничество и обмен информацией и оперативными данными между Афганистаном и соседними странами",
    },
    C.dushanbe,
  ],
  [
    9,
    "2006-05-22",
    "2006-05-23",
    {
      en: "States members of the Gulf Cooperation Council",
      ru: "Государства — члены Совета сотрудничества стран Залива",
    },
    C.doha,
  ],
];
const ordinalEn = ["", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth"];
const ordinalRu = ["", "Первый", "Второй", "Третий", "Четвёртый", "Пятый", "Шестой", "Седьмой", "Восьмой", "Девятый"];
const roundTables: MeetingRef[] = ertList.map(([n, start, end, theme, city]) => ({
  key: `ert-${n}`,
  kind: "expert_round_table",
  number: n,
  title: {
    en: `${ordinalEn[n]} expert round table: ${theme.en}`,
    ru: `${ordinalRu[n]} экспертный круглый стол: ${theme.ru}`,
  },
  theme,
  pillars: [],
  ...city,
  startDate: start,
  ...(end ? { endDate: end } : {}),
  datePrecision: end ? "day" : "month",
  provenance:
    n === 8
      ? [ertPara8, { document: REPORT_2007, locator: "para. 9 (held on 10 and 11 April 2006)" }]
      : n === 9
        ? [ertPara8, { document: REPORT_2007, locator: "para. 10 (Doha, 22 and 23 May 2006)" }]
        : [ertPara8],
}));

// ── Policy Consultative Group meetings ───────────────────────────────────────────────────────────
const pcgms: MeetingRef[] = [
  {
    key: "pcgm-4",
    kind: "pcgm",
    number: 4,
    title: {
      en: "Fourth Policy Consultative Group meeting",
      ru: "Четвёртое совещание Группы по консультациям по вопросам политики",
    },
    pillars: [],
    ...C.vienna,
    startDate: "2006-11-27",
    datePrecision: "day",
    participants: 100,
    participantsQualifier: "over",
    countries: 32,
    organizations: 8,
    outcome: {
      en: "Reviewed the conclusions of the two expert round tables of 2006 and agreed six objectives for the second phase (2007–2009).",
      ru: "Рассмотрены выводы двух экспертных круглых столов 2006 года; согласованы шесть целей второго этапа (2007–2009 годы).",
    },
    provenance: [{ document: REPORT_2007, locator: "para. 13" }],
  },
  {
    key: "pcgm-13",
    kind: "pcgm",
    number: 13,
    title: {
      en: "Thirteenth Policy Consultative Group meeting",
      ru: "Тринадцатое совещание Группы по консультациям по вопросам политики",
    },
    pillars: [],
    // The report names no place, so none is recorded.
    startDate: "2017-02-01",
    datePrecision: "month",
    provenance: [{ document: REPORT_2018, locator: "paras. 13 and 29 (held in February 2017)" }],
  },
  {
    key: "pcgm-14",
    kind: "pcgm",
    number: 14,
    title: {
      en: "Fourteenth Policy Consultative Group meeting",
      ru: "Четырнадцатое совещание Группы по консультациям по вопросам политики",
    },
    pillars: [],
    startDate: "2018-01-01",
    datePrecision: "year",
    outcome: {
      en: "To consider for endorsement the recommendations of the three expert working groups of 2017; its decisions led to the bilingual web portal.",
      ru: "Рассмотрение для одобрения рекомендаций трёх экспертных рабочих групп 2017 года; по его решениям создан двуязычный веб-портал.",
    },
    provenance: [
      { document: REPORT_2018, locator: "paras. 13 (to be held in the second quarter of 2018) and 18" },
      { document: REPORT_2022, locator: "para. 29" },
    ],
  },
  {
    key: "pcgm-15",
    kind: "pcgm",
    number: 15,
    title: {
      en: "Fifteenth Policy Consultative Group meeting",
      ru: "Пятнадцатое совещание Группы по консультациям по вопросам политики",
    },
    pillars: [1, 2, 3, 4],
    ...HOSTS.UNODC,
    ...C.vienna,
    startDate: "2021-11-15",
    endDate: "2021-11-16",
    datePrecision: "day",
    format: "hybrid",
    participants: 150,
    participantsQualifier: "over",
    countries: 34,
    organizations: 11,
    outcome: {
      en: "Endorsed the recommendations and key points of the most recent expert meetings under the four pillars; discussed the workplan for 2022 and new modalities (expert advisory networks).",
      ru: "Одобрены рекомендации и ключевые положения последних экспертных совещаний по четырём направлениям; обсуждены план работы на 2022 год и новые формы работы (экспертные консультативные сети).",
    },
    provenance: [{ document: REPORT_2022, locator: "paras. 16, 19, 21, 22 (15 and 16 November 2021)" }],
  },
];

// ── Expert working groups 1–26 (brochure list) with the reports' details ────────────────────────
const brochureList = (n: number): Provenance => ({
  document: BROCHURE,
  locator: `list 'Paris Pact Expert Working Groups since 2012', item ${n}`,
});
type Ewg = Omit<MeetingRef, "key" | "kind" | "provenance" | "datePrecision" | "title"> & {
  number: number;
  topic: LocalizedText;
  datePrecision?: MeetingRef["datePrecision"];
  more?: Provenance[];
};
const IFF = { en: "Illicit Financial Flows", ru: "Незаконные финансовые потоки" };
const PRECURSORS = { en: "Precursors", ru: "Прекурсоры" };
const CROSS_BORDER = { en: "Cross-border Cooperation", ru: "Трансграничное сотрудничество" };
const TRIFOLD = { en: " (Tri-fold EWGs)", ru: " (трёхсторонние ЭРГ)" };
const tri = (t: LocalizedText): LocalizedText => ({ en: `${t.en}${TRIFOLD.en}`, ru: `${t.ru}${TRIFOLD.ru}` });

const ewgList: Ewg[] = [
  {
    number: 1,
    topic: { en: "Afghan Opiate Abuse Prevention", ru: "Профилактика злоупотребления афганскими опиатами" },
    pillars: [4],
    ...HOSTS.UNODC,
    ...C.vienna,
    startDate: "2012-10-01",
  },
  { number: 2, topic: tri(PRECURSORS), pillars: [3], ...HOSTS.EUROPOL, ...C.hague, startDate: "2013-02-01" },
  {
    number: 3,
    topic: tri({
      en: "Cross-border Cooperation and Legal Frameworks",
      ru: "Трансграничное сотрудничество и правовая база",
    }),
    pillars: [1],
    ...HOSTS.EUROPOL,
    ...C.hague,
    startDate: "2013-02-01",
  },
  { number: 4, topic: tri(IFF), pillars: [2], ...HOSTS.EUROPOL, ...C.hague, startDate: "2013-02-01" },
  {
    number: 5,
    topic: {
      en: "Effective Drug Demand Reduction Interventions for Children, Adolescents and Families",
      ru: "Эффективные меры по снижению спроса на наркотики для детей, подростков и семей",
    },
    pillars: [4],
    ...HOSTS.UNODC,
    ...C.vienna,
    startDate: "2013-10-01",
  },
  { number: 6, topic: PRECURSORS, pillars: [3], ...HOSTS.EUROPOL, ...C.hague, startDate: "2013-11-01" },
  {
    number: 7,
    topic: {
      en: "Improving Bilateral and Multilateral Information Sharing and Coordination of Investigations",
      ru: "Улучшение двустороннего и многостороннего обмена информацией и координации расследований",
    },
    pillars: [1],
    ...C.antalya,
    startDate: "2014-02-01",
  },
  {
    number: 8,
    topic: {
      en: "Illicit Financial Flows Deriving from the Trafficking of Opiates Originating in Afghanistan",
      ru: "Незаконные финансовые потоки, связанные с оборотом опиатов афганского происхождения",
    },
    pillars: [2],
    ...HOSTS.UNODC,
    ...C.vienna,
    startDate: "2014-04-01",
  },
  { number: 9, topic: tri(IFF), pillars: [2], ...HOSTS.CARICC, ...C.almaty, startDate: "2015-06-01" },
  { number: 10, topic: tri(PRECURSORS), pillars: [3], ...HOSTS.CARICC, ...C.almaty, startDate: "2015-06-01" },
  { number: 11, topic: tri(CROSS_BORDER), pillars: [1], ...HOSTS.CARICC, ...C.almaty, startDate: "2015-06-01" },
  {
    number: 12,
    topic: { en: "Community-based and Outpatient Treatment", ru: "Лечение на уровне общин и амбулаторное лечение" },
    pillars: [4],
    ...C.bishkek,
    startDate: "2015-06-01",
  },
  {
    number: 13,
    topic: {
      en: "Integrating Drug Dependence Treatment and Care in Public Health",
      ru: "Интеграция лечения наркозависимости и ухода в систему общественного здравоохранения",
    },
    pillars: [4],
    ...HOSTS.OSCE,
    ...C.belgrade,
    startDate: "2016-10-01",
  },
  {
    number: 14,
    topic: {
      en: "Law Enforcement Training in Support to Cross-border Cooperation",
      ru: "Подготовка сотрудников правоохранительных органов в поддержку трансграничного сотрудничества",
    },
    pillars: [1],
    ...HOSTS.INTERPOL,
    ...C.lyon,
    startDate: "2016-11-01",
  },
  { number: 15, topic: PRECURSORS, pillars: [3], ...HOSTS.EUROPOL, ...C.hague, startDate: "2016-12-01" },
  { number: 16, topic: IFF, pillars: [2], ...HOSTS.UNODC, ...C.vienna, startDate: "2017-01-01" },
  {
    number: 17,
    topic: PRECURSORS,
    pillars: [3],
    ...HOSTS.SELEC,
    ...C.bucharest,
    startDate: "2017-10-23",
    endDate: "2017-10-24",
    datePrecision: "day",
    participants: 61,
    countries: 21,
    organizations: 8,
    more: [{ document: REPORT_2018, locator: "paras. 14, 15 (Bucharest, 23 and 24 October 2017) and 20" }],
  },
  {
    number: 18,
    topic: IFF,
    pillars: [2],
    host: {
      en: "Government of Serbia and the OSCE Mission to Serbia",
      ru: "Правительство Сербии и Миссия ОБСЕ в Сербии",
    },
    hostPartnerCode: "SRB",
    ...C.belgrade,
    startDate: "2017-11-21",
    endDate: "2017-11-22",
    datePrecision: "day",
    participants: 60,
    countries: 19,
    organizations: 5,
    more: [{ document: REPORT_2018, locator: "paras. 16 (Belgrade, 21 and 22 November 2017), 21 and 24" }],
  },
  {
    number: 19,
    topic: CROSS_BORDER,
    pillars: [1],
    host: { en: "Government of the Islamic Republic of Iran", ru: "Правительство Исламской Республики Иран" },
    hostPartnerCode: "IRN",
    ...C.tehran,
    startDate: "2017-12-11",
    endDate: "2017-12-12",
    datePrecision: "day",
    participants: 52,
    countries: 14,
    organizations: 6,
    more: [{ document: REPORT_2018, locator: "paras. 17 (Tehran, 11 and 12 December 2017) and 22" }],
  },
  {
    number: 20,
    topic: {
      en: "International Standards and Quality Assurance Systems",
      ru: "Международные стандарты и системы обеспечения качества",
    },
    pillars: [4],
    host: { en: "EU-ACT / CADAP", ru: "EU-ACT / CADAP" },
    ...C.bishkek,
    startDate: "2018-04-01",
    more: [{ document: REPORT_2018, locator: "para. 13 (the fourth-pillar meeting, second quarter of 2018)" }],
  },
  { number: 21, topic: CROSS_BORDER, pillars: [1], ...HOSTS.SCO, ...C.beijing, startDate: "2018-12-01" },
  { number: 22, topic: IFF, pillars: [2], ...C.newDelhi, startDate: "2019-06-01" },
  {
    number: 23,
    topic: PRECURSORS,
    pillars: [3],
    ...HOSTS.SCO,
    ...C.shanghai,
    startDate: "2019-11-01",
    more: [{ document: REPORT_2022, locator: "para. 18 ('held in Shanghai, China, in November 2019')" }],
  },
  {
    number: 24,
    topic: {
      en: "Investing in families for effective drug prevention and treatment",
      ru: "Инвестиции в семьи для эффективной профилактики и лечения наркозависимости",
    },
    pillars: [4],
    ...C.vienna,
    startDate: "2020-12-01",
  },
  {
    number: 25,
    topic: IFF,
    pillars: [2],
    ...C.vienna,
    startDate: "2021-10-07",
    endDate: "2021-10-08",
    datePrecision: "day",
    format: "hybrid",
    participants: 150,
    participantsQualifier: "over",
    countries: 36,
    organizations: 12,
    priorityRecommendationCount: 4,
    stocktaking: true,
    more: [
      {
        document: REPORT_2022,
        locator: "paras. 17 (Vienna, 7 and 8 October 2021; four specific priority recommendations) and 19",
      },
    ],
  },
  {
    number: 26,
    topic: PRECURSORS,
    pillars: [3],
    ...C.vienna,
    startDate: "2021-10-28",
    endDate: "2021-10-29",
    datePrecision: "day",
    format: "hybrid",
    participants: 100,
    participantsQualifier: "over",
    countries: 34,
    organizations: 11,
    priorityRecommendationCount: 9,
    stocktaking: true,
    more: [
      {
        document: REPORT_2022,
        locator: "paras. 18 (Vienna, 28 and 29 October 2021; nine priority recommendations) and 19",
      },
    ],
  },
];

const ewgs: MeetingRef[] = ewgList.map(({ number, topic, more, datePrecision, ...rest }) => ({
  key: `ewg-${number}`,
  kind: "ewg",
  number,
  title: { en: `Expert working group ${number}: ${topic.en}`, ru: `Экспертная рабочая группа ${number}: ${topic.ru}` },
  theme: topic,
  ...rest,
  datePrecision: datePrecision ?? "month",
  provenance: [brochureList(number), ...(more ?? [])],
}));

/** The Moscow meeting of December 2021 comes after the brochure (October 2021), so it has no list number. */
const ewgMoscow2021: MeetingRef = {
  key: "ewg-2021-moscow",
  kind: "ewg",
  number: null,
  title: {
    en: "Expert working group on cross-border cooperation (Moscow, 2021)",
    ru: "Экспертная рабочая группа по трансграничному сотрудничеству (Москва, 2021 год)",
  },
  theme: CROSS_BORDER,
  pillars: [1],
  host: { en: "Government of the Russian Federation", ru: "Правительство Российской Федерации" },
  hostPartnerCode: "RUS",
  ...C.moscow,
  startDate: "2021-12-15",
  endDate: "2021-12-16",
  datePrecision: "day",
  format: "hybrid",
  participants: 150,
  participantsQualifier: "over",
  inPersonParticipants: 50,
  inPersonQualifier: "over",
  countries: 31,
  organizations: 14,
  priorityRecommendationCount: 8,
  stocktaking: true,
  provenance: [
    { document: REPORT_2022, locator: "para. 20 (Moscow, 15 and 16 December 2021; eight priority recommendations)" },
  ],
};

/** Every meeting the source documents name. */
export const referenceMeetings: MeetingRef[] = [...ministerial, ...roundTables, ...pcgms, ...ewgs, ewgMoscow2021];
