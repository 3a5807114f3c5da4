// Sources: 003_7347bb6d65341056.txt (CND 2007), 001_76773985ed435ad4.txt (CND 2018), 000_178a339dba6a7557.txt (CND 2022), 002_75cee65931a42696.txt (brochure).
import type { DonorRef, LiaisonPostRef, ProgrammeComponentRef, Provenance } from "../types.js";
import { partnerCountries } from "./partners.js";

const REPORT_2022 = "000_178a339dba6a7557.txt";
const REPORT_2018 = "001_76773985ed435ad4.txt";
const BROCHURE = "002_75cee65931a42696.txt";
const REPORT_2007 = "003_7347bb6d65341056.txt";

/** A donor that is a partner country; its name is the partner record's name. */
function countryDonor(year: number, code: string, provenance: Provenance): DonorRef {
  const country = partnerCountries.find((c) => c.code === code);
  if (!country) {
    throw new Error(`Donor ${code} is not a partner country`);
  }
  return { year, partnerCode: code, name: { en: country.name.en, ru: country.name.ru }, provenance };
}

const donors2006: Provenance = {
  document: REPORT_2007,
  locator:
    "para. 14 (the Russian Federation provided the extrabudgetary funds to host the Second Ministerial Conference, Moscow, 26–28 June 2006)",
};

const donors2017: Provenance = {
  document: REPORT_2018,
  locator:
    "para. 64 (fourth phase 'financially supported by' these eight States, as reported for 2017; para. 65 names France, the Russian Federation and the United States as contributors since March 2017)",
};

const donors2021: Provenance = {
  document: REPORT_2022,
  locator:
    "para. 39 ('As at the end of 2021, the donors of the Paris Pact programme were …'); also the brochure of October 2021, 'Funding partners of Phase IV'",
};

/**
 * Every donor the documents name, one record per donor and year named. All are partner countries.
 * Years: the year the document reports on (2017 for the 2018 report, 2021 for the 2022 report).
 */
export const donors: DonorRef[] = [
  countryDonor(2006, "RUS", donors2006),
  countryDonor(2017, "AUT", donors2017),
  countryDonor(2017, "FRA", donors2017),
  countryDonor(2017, "IND", donors2017),
  countryDonor(2017, "NOR", donors2017),
  countryDonor(2017, "RUS", donors2017),
  countryDonor(2017, "TUR", donors2017),
  countryDonor(2017, "GBR", donors2017),
  countryDonor(2017, "USA", donors2017),
  countryDonor(2021, "RUS", donors2021),
  countryDonor(2021, "USA", donors2021),
];

/**
 * Liaison officer posts and duty stations the documents name. Where the documents name only the
 * country, `dutyStation` says so. `covers` is left empty where the documents do not say what a
 * post covers.
 */
export const liaisonPosts: LiaisonPostRef[] = [
  {
    code: "tashkent",
    dutyStation: {
      en: "Tashkent, Uzbekistan (Coordination and Analysis Unit, UNODC Regional Office for Central Asia)",
      ru: "Ташкент, Узбекистан (Группа по координации и анализу, Региональное представительство УНП ООН в Центральной Азии)",
    },
    country: "UZB",
    covers: ["Central Asia"],
    since: 2006,
    note: {
      en: "The coordination and analysis unit in the UNODC Regional Office for Central Asia in Tashkent was set up as part of the follow-up to the 2003 Paris Conference to provide partners with information, data and reports on counter-narcotics activities in Central Asia; the evaluation of May 2006 assessed its work positively (the documents do not state the year it was established; 2006 is the earliest year they attest it). The brochure places the capacity-building activities of the Paris Pact liaison officers of this unit here; the 2018 and 2022 reports refer to the research and liaison officer located in Central Asia, who delivered specialized training for law enforcement practitioners in West and Central Asia.",
      ru: "Группа по координации и анализу в Региональном представительстве УНП ООН в Центральной Азии (Ташкент) была создана в рамках мер по итогам Парижской конференции 2003 года для предоставления партнерам информации, данных и докладов о мерах по борьбе с наркотиками в Центральной Азии; оценка, проведенная в мае 2006 года, положительно оценила ее работу (год создания в документах не указан; 2006 год — самый ранний год, к которому документы относят ее деятельность). Согласно брошюре, здесь базируются сотрудники Парижского пакта по связям этой группы, ведущие работу по наращиванию потенциала; в докладах 2018 и 2022 годов упоминается сотрудник по исследованиям и связям, находящийся в Центральной Азии, который проводил специализированные учебные курсы для сотрудников правоохранительных органов Западной и Центральной Азии.",
    },
    provenance: {
      document: BROCHURE,
      locator:
        "'2nd component: Liaison Officers Network', 3) Capacity building; see also document 003, paras. 7 and 12, document 001, paras. 39 and 49, document 000, para. 24",
    },
  },
  {
    code: "serbia",
    dutyStation: {
      en: "Serbia (UNODC field office; the documents do not name the city)",
      ru: "Сербия (отделение УНП ООН на местах; город в документах не указан)",
    },
    country: "SRB",
    covers: [],
    since: 2017,
    note: {
      en: "Research and liaison officers located in Serbia and the former Yugoslav Republic of Macedonia provided data, liaison and research support to the UNODC project 'Measuring and assessing organized crime in the western Balkans' (reporting year 2017). Research and liaison officers were based in UNODC field offices along the northern and Balkan routes. Year of establishment not stated; 2017 is the year first mentioned.",
      ru: "Сотрудники по исследованиям и связям, находящиеся в Сербии и бывшей югославской Республике Македония, предоставляли данные и оказывали содействие в поддержании связей и проведении исследований в рамках проекта УНП ООН «Измерение и оценка организованной преступности на Западных Балканах» (отчетный 2017 год). Сотрудники по исследованиям и связям базировались в отделениях УНП ООН на местах вдоль северного и балканского маршрутов. Год создания не указан; 2017 год — год первого упоминания.",
    },
    provenance: { document: REPORT_2018, locator: "paras. 37 and 43" },
  },
  {
    code: "north_macedonia",
    dutyStation: {
      en: "North Macedonia (UNODC field office; the documents do not name the city)",
      ru: "Северная Македония (отделение УНП ООН на местах; город в документах не указан)",
    },
    country: "MKD",
    covers: [],
    since: 2017,
    note: {
      en: "The document refers to the country as the former Yugoslav Republic of Macedonia. Research and liaison officers located there and in Serbia provided data, liaison and research support to the UNODC project 'Measuring and assessing organized crime in the western Balkans' (reporting year 2017). Year of establishment not stated; 2017 is the year first mentioned.",
      ru: "В документе страна именуется бывшей югославской Республикой Македония. Находящиеся там и в Сербии сотрудники по исследованиям и связям предоставляли данные и оказывали содействие в поддержании связей и проведении исследований в рамках проекта УНП ООН «Измерение и оценка организованной преступности на Западных Балканах» (отчетный 2017 год). Год создания не указан; 2017 год — год первого упоминания.",
    },
    provenance: { document: REPORT_2018, locator: "paras. 37 and 43" },
  },
  {
    code: "ankara",
    dutyStation: { en: "Ankara", ru: "Анкара" },
    country: "TUR",
    covers: [],
    since: 2022,
    note: {
      en: "New national liaison officer position established in Ankara after a programme mission to Turkey in 2021, reflecting the strategic position of Turkey on the Balkan route; national counterparts welcomed the presence of the Paris Pact programme in Turkey as of January 2022.",
      ru: "Новая должность национального сотрудника по связям, учрежденная в Анкаре после миссии программы в Турцию в 2021 году с учетом стратегического положения Турции на балканском маршруте; национальные партнеры приветствовали присутствие программы Парижского пакта в Турции начиная с января 2022 года.",
    },
    provenance: { document: REPORT_2022, locator: "paras. 27–28" },
  },
  {
    code: "dar_es_salaam",
    dutyStation: { en: "Dar es Salaam", ru: "Дар-эс-Салам" },
    country: "TZA",
    covers: [],
    since: 2022,
    note: {
      en: "National liaison officer position operationalized in January 2022, responding to the growing importance of the southern route and the key role played by Eastern Africa. The United Republic of Tanzania is not one of the 58 partner countries.",
      ru: "Должность национального сотрудника по связям, начавшая действовать в январе 2022 года с учетом возрастающего значения южного маршрута и ключевой роли Восточной Африки. Объединенная Республика Танзания не входит в число 58 стран — партнеров.",
    },
    provenance: { document: REPORT_2022, locator: "paras. 27–28" },
  },
  {
    code: "pakistan",
    dutyStation: {
      en: "Pakistan (the documents do not name the city)",
      ru: "Пакистан (город в документах не указан)",
    },
    country: "PAK",
    covers: [],
    since: null,
    note: {
      en: "The previously vacant liaison officer position in Pakistan, which is situated on a key trajectory of the southern trafficking route, was filled in January 2022. The documents do not say when the post was established.",
      ru: "Ранее вакантная должность сотрудника по связям в Пакистане, расположенном на одном из ключевых направлений южного маршрута незаконного оборота, была заполнена в январе 2022 года. Когда была учреждена эта должность, в документах не указано.",
    },
    provenance: { document: REPORT_2022, locator: "para. 28" },
  },
];

/** The three components of the UNODC Paris Pact programme, described as in the brochure. */
export const programmeComponents: ProgrammeComponentRef[] = [
  {
    code: "consultative_mechanism",
    name: { en: "Consultative mechanism", ru: "Консультативный механизм" },
    description: {
      en: "The consultative mechanism is made up of two distinct structures: the Expert Working Groups (EWGs), which identify operational priorities for implementation according to the Vienna Declaration pillars; and the Policy Consultative Group Meeting (PCGM), responsible for providing strategic guidance to the Initiative, for reviewing and endorsing EWG outcomes and for setting priorities for the subsequent year's meetings.",
      ru: "Консультативный механизм состоит из двух отдельных структур: рабочих групп экспертов, которые определяют оперативные приоритеты для осуществления в соответствии с основными направлениями Венской декларации; и совещания Консультативной группы по вопросам политики, которое отвечает за стратегическое руководство инициативой, рассмотрение и одобрение итогов работы рабочих групп экспертов и определение приоритетов для совещаний следующего года.",
    },
    provenance: { document: BROCHURE, locator: "section '1st component: Consultative Mechanism'" },
  },
  {
    code: "liaison_officer_network",
    name: { en: "Liaison officer network", ru: "Сеть сотрудников по связям" },
    description: {
      en: "The field-based network of Paris Pact liaison officers is made up of national staff based in UNODC offices in the Paris Pact's priority countries in West and Central Asia and South Eastern Europe, positioned along the major trafficking routes. Their work follows a three-pronged approach: liaison with national counterparts, under the oversight of the Paris Pact Coordination Unit, as the primary point of contact in the field on the four priority areas of the Vienna Declaration and in support of all aspects of the consultative mechanism; drug-related information, assisting partner States in complying with reporting obligations such as the Annual Reporting Questionnaire, gathering first-hand data and identifying gaps in data; and capacity building, with activities led by the liaison officers of the Coordination and Analysis Unit in the UNODC Regional Office for Central Asia in Tashkent, Uzbekistan, including training to improve the analysis of drug-related data at the national and regional level.",
      ru: "Сеть сотрудников Парижского пакта по связям на местах состоит из национальных сотрудников, работающих в отделениях УНП ООН в «приоритетных странах» Парижского пакта в Западной и Центральной Азии, а также в Юго-Восточной Европе вдоль основных маршрутов незаконного оборота. Их работа строится на трех направлениях: связь с национальными партнерами под руководством Группы по координации Парижского пакта — в качестве основного контактного звена на местах по четырем приоритетным направлениям Венской декларации и в поддержку всех аспектов консультативного механизма; информация о наркотиках — помощь государствам-партнерам в выполнении обязательств по представлению отчетности, в частности по вопроснику к ежегодным докладам, сбор первичных данных и выявление пробелов в данных; наращивание потенциала — мероприятия, проводимые сотрудниками по связям Группы по координации и анализу в Региональном представительстве УНП ООН в Центральной Азии (Ташкент, Узбекистан), включая обучение, направленное на совершенствование анализа данных о наркотиках на национальном и региональном уровнях.",
    },
    provenance: { document: BROCHURE, locator: "section '2nd component: Liaison Officers Network'" },
  },
  {
    code: "information_management",
    name: { en: "Information management", ru: "Управление информацией" },
    description: {
      en: "The Paris Pact Information Portal (www.paris-pact.net) is the partnership's one-stop shop on everything concerning the Paris Pact Initiative: an event database with the objective of coordinating counter-narcotics technical assistance in countries along the main opiate trafficking routes out of Afghanistan, and a 'living hub of information' with a variety of additional functionalities on a wide array of issues related to the Paris Pact and, in particular, the implementation of the Vienna Declaration. Several sections are password-protected and open only to law enforcement authorities, government agencies and organizations working to combat drugs and crime.",
      ru: "Информационный портал Парижского пакта (www.paris-pact.net) — единый источник информации для партнерства по всем вопросам, касающимся инициативы Парижского пакта: база данных о мероприятиях, предназначенная для координации технической помощи в борьбе с наркотиками в странах, расположенных вдоль основных маршрутов незаконного оборота опиатов из Афганистана, и «живой информационный центр» с рядом дополнительных функций по широкому кругу вопросов, связанных с Парижским пактом и, в частности, с осуществлением Венской декларации. Ряд разделов защищен паролем и доступен только правоохранительным органам, государственным учреждениям и организациям, занимающимся борьбой с наркотиками и преступностью.",
    },
    provenance: { document: BROCHURE, locator: "section '3rd component: Information Management'; 'How to register?'" },
  },
];
