// Sources: 002_75cee65931a42696.txt (brochure), 003_7347bb6d65341056.txt (CND 2007), 001_76773985ed435ad4.txt (CND 2018), 000_178a339dba6a7557.txt (CND 2022).
import type { RouteRef } from "../types.js";

const REPORT_2022 = "000_178a339dba6a7557.txt";
const REPORT_2018 = "001_76773985ed435ad4.txt";
const BROCHURE = "002_75cee65931a42696.txt";
const REPORT_2007 = "003_7347bb6d65341056.txt";

/**
 * The three major opiate trafficking routes out of Afghanistan. Only countries the documents place
 * on a route, or clearly imply are on it, are listed; the documents give no ordering along a route,
 * so countries appear in the order the documents first mention them. The documents do not list
 * complete routes: absence of a country here means only that the documents do not place it.
 */
export const routes: RouteRef[] = [
  {
    code: "balkan",
    name: { en: "Balkan route", ru: "Балканский маршрут" },
    description: {
      en: "One of the major routes for opiates trafficked out of Afghanistan; the Paris Pact concept centres on how countries along the northern and Balkan routes are affected. The first Paris Pact expert round table (Brussels, September 2003) focused on it. Research and liaison officers located in Serbia and North Macedonia (then referred to as the former Yugoslav Republic of Macedonia) worked along it in 2017, and a new national liaison officer position was established in Ankara, reflecting the strategic position of Turkey on the Balkan route, with the Paris Pact programme present in Turkey as of January 2022.",
      ru: "Один из основных маршрутов незаконного оборота опиатов из Афганистана; концепция Парижского пакта ориентирована на то, как угроза опиатов затрагивает страны, расположенные вдоль северного и балканского маршрутов. Этому маршруту был посвящен первый экспертный круглый стол Парижского пакта (Брюссель, сентябрь 2003 года). В 2017 году на этом маршруте работали сотрудники по исследованиям и связям, находящиеся в Сербии и Северной Македонии (тогда именовавшейся бывшей югославской Республикой Македония); с учетом стратегического положения Турции на балканском маршруте была учреждена новая должность национального сотрудника по связям в Анкаре, а с января 2022 года программа Парижского пакта представлена в Турции.",
    },
    // In the direction the opiates travel, out of Afghanistan (as every route here is listed): Turkey first.
    countries: ["TUR", "MKD", "SRB"],
    regions: [],
    provenance: [
      {
        document: BROCHURE,
        locator: "section 'The Paris Pact Initiative – what is it?', map legend and paragraph on the routes",
      },
      {
        document: REPORT_2007,
        locator: "para. 8 (first round table, on the 'Balkan route', Brussels, September 2003)",
      },
      {
        document: REPORT_2018,
        locator:
          "paras. 12, 37 and 43 (research and liaison officers based along the northern and Balkan routes; those located in Serbia and the former Yugoslav Republic of Macedonia): SRB, MKD implied",
      },
      {
        document: REPORT_2022,
        locator: "paras. 28 and 35 (Ankara post, 'the strategic position of Turkey on the Balkan route'): TUR",
      },
    ],
  },
  {
    code: "northern",
    name: { en: "Northern route", ru: "Северный маршрут" },
    description: {
      en: "One of the major routes for opiates trafficked out of Afghanistan; the Paris Pact concept centres on how countries along the northern and Balkan routes are affected. Research and liaison officers were based along it, including the officer located in Central Asia (Coordination and Analysis Unit, UNODC Regional Office for Central Asia, Tashkent), and the network collected data for a UNODC study on trafficking in opiates along the northern route.",
      ru: "Один из основных маршрутов незаконного оборота опиатов из Афганистана; концепция Парижского пакта ориентирована на то, как угроза опиатов затрагивает страны, расположенные вдоль северного и балканского маршрутов. Вдоль этого маршрута работали сотрудники по исследованиям и связям, в том числе сотрудник, находящийся в Центральной Азии (Группа по координации и анализу, Региональное представительство УНП ООН в Центральной Азии, Ташкент); сеть собирала данные для исследования УНП ООН, посвященного незаконному обороту опиатов по северному маршруту.",
    },
    countries: ["UZB"],
    regions: [{ en: "Central Asia", ru: "Центральная Азия" }],
    provenance: [
      {
        document: BROCHURE,
        locator:
          "section 'The Paris Pact Initiative – what is it?' (routes); '2nd component: Liaison Officers Network' (LOs of the Coordination and Analysis Unit in Tashkent, Uzbekistan)",
      },
      {
        document: REPORT_2018,
        locator:
          "paras. 37, 39 and 41 (officers based along the northern and Balkan routes; the officer located in Central Asia; study of the northern route): Central Asia and UZB implied",
      },
      {
        document: REPORT_2022,
        locator: "para. 35 ('continued work along the northern route')",
      },
    ],
  },
  {
    code: "southern",
    name: { en: "Southern route", ru: "Южный маршрут" },
    description: {
      en: "A route of growing importance; in response to shifts in opiate trafficking the Paris Pact more recently also focuses on certain trajectories of the southern route, in particular those traversing East Africa. In January 2022 a national liaison officer position was operationalized in Dar es Salaam, United Republic of Tanzania, and the previously vacant liaison officer position in Pakistan, which is situated on a key trajectory of the route, was filled.",
      ru: "Маршрут, значение которого возрастает; с учетом изменений в незаконном обороте опиатов Парижский пакт в последнее время уделяет внимание также отдельным направлениям южного маршрута, в частности проходящим через Восточную Африку. В январе 2022 года начала действовать должность национального сотрудника по связям в Дар-эс-Саламе (Объединенная Республика Танзания) и была заполнена ранее вакантная должность сотрудника по связям в Пакистане, расположенном на одном из ключевых направлений этого маршрута.",
    },
    countries: ["PAK", "TZA"],
    regions: [{ en: "East Africa", ru: "Восточная Африка" }],
    provenance: [
      {
        document: BROCHURE,
        locator:
          "section 'The Paris Pact Initiative – what is it?' ('certain trajectories of the southern route, in particular traversing East Africa')",
      },
      {
        document: REPORT_2022,
        locator:
          "paras. 28 and 35 (Dar es Salaam post and the key role of Eastern Africa; Pakistan 'situated on a key trajectory of the southern trafficking route')",
      },
      {
        document: REPORT_2018,
        locator: "para. 12 (Balkan, northern and southern routes)",
      },
    ],
  },
];
