/**
 * The labelled set of the cross-language search benchmark (bench/search-recall.ts): a small corpus of
 * realistic Paris Pact records (projects, meetings, recommendations, news), some in English only, some in
 * Russian only, some in both, and 72 queries (half Russian) typed as users would type them, each with every
 * record of the corpus that answers it.
 *
 * How it was built: the corpus and the queries with their answers were written first, before the search
 * thesaurus was extended, and were not changed afterwards. The records mirror the cases (English-only
 * precursor and laboratory projects, the Russian-only project on пункты пограничной связи, place names written
 * in one script only). A query is "cross-language" when none of its answers has text in the query's language.
 * Every third query (index % 3 === 2) is held out: the thesaurus additions for search were made looking only
 * at misses of the other queries, and the held-out part is reported separately.
 */

export interface EvalRecord {
  id: string;
  type: "project" | "meeting" | "recommendation" | "news";
  title: { en?: string; ru?: string };
  body: { en?: string; ru?: string };
}

export interface EvalQuery {
  q: string;
  lang: "en" | "ru";
  relevant: string[];
}

const en = (title: string, body: string) => ({ title: { en: title }, body: { en: body } });
const ru = (title: string, body: string) => ({ title: { ru: title }, body: { ru: body } });
const both = (titleEn: string, titleRu: string, bodyEn: string, bodyRu: string) => ({
  title: { en: titleEn, ru: titleRu },
  body: { en: bodyEn, ru: bodyRu },
});

export const EVAL_RECORDS: EvalRecord[] = [
  // --- projects
  {
    id: "P01",
    type: "project",
    ...ru(
      "Пункты пограничной связи на таджикско-афганской границе",
      "Создание и оснащение пунктов пограничной связи (ППС) в Ишкашиме, Хороге и Нижнем Пяндже для обмена оперативной информацией между пограничными службами Таджикистана и Афганистана.",
    ),
  },
  {
    id: "P02",
    type: "project",
    ...en(
      "Precursor control at Central Asian borders",
      "Training customs officers to identify acetic anhydride and other precursor chemicals diverted for heroin manufacture; field test kits for checkpoints in Uzbekistan and Turkmenistan.",
    ),
  },
  {
    id: "P03",
    type: "project",
    ...en(
      "Forensic drug laboratory in Bishkek",
      "Equipment and accreditation of the State Forensic Service laboratory of Kyrgyzstan: gas chromatography, reference standards and analyst training.",
    ),
  },
  {
    id: "P04",
    type: "project",
    ...en(
      "Clandestine laboratory dismantling course",
      "Investigators from Kazakhstan and Kyrgyzstan learn to dismantle clandestine laboratories producing mephedrone and other synthetic drugs safely.",
    ),
  },
  {
    id: "P05",
    type: "project",
    ...ru(
      "Кинологическая служба таможни Узбекистана",
      "Подготовка служебных собак и кинологов для досмотра грузов на пунктах пропуска Алат и Термез.",
    ),
  },
  {
    id: "P06",
    type: "project",
    ...en(
      "Container Control Programme: Port of Aktau",
      "A joint port control unit of customs and border guards profiles containers and ferry cargo on the Caspian Sea.",
    ),
  },
  {
    id: "P07",
    type: "project",
    ...ru(
      "Мобильные досмотровые группы в Хатлонской области",
      "Оснащение мобильных групп таможенной службы Таджикистана автомобилями и рентгеновскими сканерами.",
    ),
  },
  {
    id: "P08",
    type: "project",
    ...both(
      "Opioid agonist therapy in prisons",
      "Опиоидная заместительная терапия в местах лишения свободы",
      "Methadone programmes for prisoners in Kyrgyzstan and HIV prevention.",
      "Метадоновые программы для заключенных в Кыргызстане и профилактика ВИЧ.",
    ),
  },
  {
    id: "P09",
    type: "project",
    ...ru(
      "Профилактика наркомании среди школьников Душанбе",
      "Уроки жизненных навыков и обучение учителей в школах Душанбе.",
    ),
  },
  {
    id: "P10",
    type: "project",
    ...en(
      "Family skills programme for parents in Turkmenistan",
      "Strengthening Families sessions on drug use prevention for parents and children aged 10 to 14 in Ashgabat.",
    ),
  },
  {
    id: "P11",
    type: "project",
    ...en(
      "Alternative livelihoods: saffron for former poppy farmers in Herat",
      "Saffron corms, drip irrigation and market access for farmers who stopped opium poppy cultivation in Herat province.",
    ),
  },
  {
    id: "P12",
    type: "project",
    ...ru(
      "Подразделение финансовой разведки Кыргызстана",
      "Программное обеспечение для анализа подозрительных операций и обучение аналитиков по противодействию отмыванию денег.",
    ),
  },
  {
    id: "P13",
    type: "project",
    ...en(
      "Darknet and cryptocurrency investigations",
      "A course for cybercrime units of Kazakhstan on tracing cryptocurrency payments for drugs sold on darknet markets.",
    ),
  },
  {
    id: "P14",
    type: "project",
    ...ru(
      "Совместная оперативная группа на железнодорожном вокзале Термеза",
      "Межведомственная группа МВД и таможни досматривает пассажирские поезда и грузовые вагоны на станции Термез.",
    ),
  },
  {
    id: "P15",
    type: "project",
    ...en(
      "Interagency mobile team at Khorog",
      "Equipment for the interagency mobile team in Khorog, Gorno-Badakhshan, including radios and night vision devices.",
    ),
  },
  {
    id: "P16",
    type: "project",
    ...both(
      "CARICC information exchange",
      "Обмен информацией через ЦАРИКЦ",
      "A secure communication channel between national focal points and CARICC in Almaty for controlled deliveries.",
      "Защищенный канал связи между национальными контактными пунктами и ЦАРИКЦ в Алматы для контролируемых поставок.",
    ),
  },
  {
    id: "P17",
    type: "project",
    ...en(
      "Mephedrone trafficking via postal parcels",
      "Risk profiling of postal parcels at the Moscow and Almaty sorting centres.",
    ),
  },
  {
    id: "P18",
    type: "project",
    ...ru(
      "Лечение наркозависимости у женщин в Казахстане",
      "Реабилитационный центр для женщин с детьми в Караганде, консультации психологов.",
    ),
  },
  {
    id: "P19",
    type: "project",
    ...ru(
      "Укрепление пограничной заставы Ишкашим",
      "Ремонт здания заставы, солнечные панели и средства связи для пограничников на реке Пяндж.",
    ),
  },
  {
    id: "P20",
    type: "project",
    ...en("Termez river port cargo inspection", "Scanning equipment for the Termez cargo centre on the Amu Darya."),
  },
  // --- meetings
  {
    id: "M01",
    type: "meeting",
    ...en(
      "Expert Working Group on precursors, Vienna 2025",
      "Experts reviewed the diversion of acetic anhydride and new designer precursors for methamphetamine.",
    ),
  },
  {
    id: "M02",
    type: "meeting",
    ...ru(
      "Экспертная рабочая группа по финансовым потокам, Ташкент",
      "Обсуждались отмывание доходов от наркоторговли, криптовалюты и сотрудничество подразделений финансовой разведки.",
    ),
  },
  {
    id: "M03",
    type: "meeting",
    ...both(
      "Policy Consultative Group, 17th meeting",
      "Консультативная группа по вопросам политики, 17-е заседание",
      "Partners adopted the review of the Vienna Declaration.",
      "Партнеры одобрили обзор Венской декларации.",
    ),
  },
  {
    id: "M04",
    type: "meeting",
    ...en(
      "Workshop on drug treatment standards, Almaty",
      "The WHO/UNODC international standards for the treatment of drug use disorders, including opioid agonist therapy.",
    ),
  },
  {
    id: "M05",
    type: "meeting",
    ...ru(
      "Региональное совещание по пунктам пропуска на таджикско-афганской границе, Душанбе",
      "Пограничные ведомства обсудили работу пунктов пропуска Нижний Пяндж и Ишкашим.",
    ),
  },
  {
    id: "M06",
    type: "meeting",
    ...en(
      "Expert Working Group on cross-border cooperation, Istanbul",
      "Border liaison offices, joint patrols and information exchange along the Afghan borders.",
    ),
  },
  {
    id: "M07",
    type: "meeting",
    ...ru(
      "Семинар по подготовке кинологов, Алматы",
      "Инструкторы-кинологи из пяти стран обменялись опытом дрессировки собак для поиска наркотиков.",
    ),
  },
  {
    id: "M08",
    type: "meeting",
    ...en(
      "Working group on HIV among people who inject drugs",
      "Needle and syringe programmes, prisons and harm reduction services in Central Asia.",
    ),
  },
  // --- recommendations
  {
    id: "R01",
    type: "recommendation",
    ...en(
      "Recommendation 3 — Expert Working Group on precursors",
      "Partners should share pre-export notifications for acetic anhydride through PEN Online.",
    ),
  },
  {
    id: "R02",
    type: "recommendation",
    ...ru(
      "Рекомендация 5 — ЭРГ по финансовым потокам",
      "Партнерам рекомендуется создать межведомственные группы по расследованию финансовых потоков и конфискации активов.",
    ),
  },
  {
    id: "R03",
    type: "recommendation",
    ...ru(
      "Рекомендация 2 — ЭРГ по трансграничному сотрудничеству",
      "Создать пункты пограничной связи на всех официальных пунктах пропуска между Афганистаном и соседними странами.",
    ),
  },
  {
    id: "R04",
    type: "recommendation",
    ...both(
      "Recommendation 7 — treatment",
      "Рекомендация 7 — лечение",
      "Expand access to opioid agonist therapy, including in prisons.",
      "Расширить доступ к опиоидной заместительной терапии, в том числе в тюрьмах.",
    ),
  },
  {
    id: "R05",
    type: "recommendation",
    ...en(
      "Recommendation 4 — forensic science",
      "Forensic laboratories should exchange drug profiling data and reference samples.",
    ),
  },
  {
    id: "R06",
    type: "recommendation",
    ...ru(
      "Рекомендация 6 — ЭРГ по профилактике",
      "Внедрять программы развития семейных навыков и профилактику в школах.",
    ),
  },
  // --- news
  {
    id: "N01",
    type: "news",
    ...en(
      "Kyrgyz police dismantle mephedrone laboratory near Bishkek",
      "Police seized 120 kg of mephedrone and precursor chemicals in a clandestine lab.",
    ),
  },
  {
    id: "N02",
    type: "news",
    ...ru(
      "Таможенники Термеза изъяли 300 кг гашиша",
      "Наркотики были спрятаны в грузовике с дынями, следовавшем из Мазари-Шарифа.",
    ),
  },
  {
    id: "N03",
    type: "news",
    ...en(
      "Heroin seizure at Nizhny Panj crossing",
      "Tajik border guards found 45 kg of heroin in a truck from Kunduz.",
    ),
  },
  {
    id: "N04",
    type: "news",
    ...ru(
      "В Хороге открылся центр обучения пограничников",
      "Центр будет готовить пограничников и таможенников Горно-Бадахшанской области.",
    ),
  },
  {
    id: "N05",
    type: "news",
    ...en("New methadone sites open in Kazakhstan", "Opioid agonist therapy is now available in twelve cities."),
  },
  {
    id: "N06",
    type: "news",
    ...ru(
      "Казахстан: рост продаж синтетических наркотиков через интернет",
      "Полиция фиксирует продажу мефедрона через даркнет и мессенджеры с оплатой криптовалютой.",
    ),
  },
  {
    id: "N07",
    type: "news",
    ...both(
      "Saffron harvest in Herat",
      "Урожай шафрана в Герате",
      "Former poppy farmers harvested a record saffron crop.",
      "Бывшие фермеры, выращивавшие мак, собрали рекордный урожай шафрана.",
    ),
  },
  {
    id: "N08",
    type: "news",
    ...en(
      "Aktau port profiling unit finds cocaine in banana container",
      "The joint port control unit seized 20 kg of cocaine shipped from Ecuador.",
    ),
  },
  {
    id: "N09",
    type: "news",
    ...ru(
      "В Ташкенте прошел тренинг по расследованию отмывания денег",
      "Следователи и аналитики ПФР Узбекистана изучили методы отслеживания криптовалют.",
    ),
  },
  {
    id: "N10",
    type: "news",
    ...en(
      "School prevention programme reaches 10,000 pupils in Uzbekistan",
      "Teachers were trained to give life skills lessons.",
    ),
  },
];

export const EVAL_QUERIES: EvalQuery[] = [
  // --- Russian
  { q: "прекурсоры", lang: "ru", relevant: ["P02", "M01", "R01", "N01"] },
  { q: "лаборатория", lang: "ru", relevant: ["P03", "P04", "N01", "R05"] },
  { q: "уксусный ангидрид", lang: "ru", relevant: ["P02", "M01", "R01"] },
  { q: "криминалистическая лаборатория", lang: "ru", relevant: ["P03", "R05"] },
  { q: "подпольные лаборатории мефедрон", lang: "ru", relevant: ["P04", "N01"] },
  { q: "контейнерный контроль порт Актау", lang: "ru", relevant: ["P06", "N08"] },
  { q: "Актау", lang: "ru", relevant: ["P06", "N08"] },
  { q: "Бишкек", lang: "ru", relevant: ["P03", "N01"] },
  { q: "шафран фермеры Герат", lang: "ru", relevant: ["P11", "N07"] },
  { q: "альтернативное развитие мак", lang: "ru", relevant: ["P11", "N07"] },
  { q: "семейные навыки родители", lang: "ru", relevant: ["P10", "R06"] },
  { q: "даркнет криптовалюта", lang: "ru", relevant: ["P13", "N06", "N09", "M02"] },
  { q: "кокаин", lang: "ru", relevant: ["N08"] },
  { q: "героин Нижний Пяндж", lang: "ru", relevant: ["N03"] },
  { q: "почтовые отправления мефедрон", lang: "ru", relevant: ["P17"] },
  { q: "мобильная группа Хорог", lang: "ru", relevant: ["P15"] },
  { q: "ВИЧ среди потребителей инъекционных наркотиков", lang: "ru", relevant: ["M08"] },
  { q: "стандарты лечения наркозависимости", lang: "ru", relevant: ["M04", "P18"] },
  { q: "метадон", lang: "ru", relevant: ["P08", "N05", "R04", "M04"] },
  { q: "пункты пограничной связи", lang: "ru", relevant: ["P01", "R03", "M06"] },
  { q: "кинологи собаки", lang: "ru", relevant: ["P05", "M07"] },
  { q: "отмывание денег", lang: "ru", relevant: ["P12", "M02", "R02", "N09"] },
  { q: "Ишкашим", lang: "ru", relevant: ["P01", "P19", "M05"] },
  { q: "Термез", lang: "ru", relevant: ["P05", "P14", "N02", "P20"] },
  { q: "рентгеновские сканеры", lang: "ru", relevant: ["P07", "P20"] },
  { q: "обучение таможенников выявлению прекурсоров", lang: "ru", relevant: ["P02"] },
  { q: "совместное патрулирование границы", lang: "ru", relevant: ["M06"] },
  { q: "экспертная рабочая группа по прекурсорам", lang: "ru", relevant: ["M01", "R01"] },
  { q: "уведомления перед экспортом", lang: "ru", relevant: ["R01"] },
  { q: "профилирование рисков посылок", lang: "ru", relevant: ["P17"] },
  { q: "школьная профилактика Узбекистан", lang: "ru", relevant: ["N10"] },
  { q: "Ашхабад", lang: "ru", relevant: ["P10"] },
  { q: "Кундуз", lang: "ru", relevant: ["N03"] },
  { q: "изъятие кокаина в контейнере с бананами", lang: "ru", relevant: ["N08"] },
  { q: "паромные грузы Каспийское море", lang: "ru", relevant: ["P06"] },
  { q: "стандарты ВОЗ лечение", lang: "ru", relevant: ["M04"] },
  // --- English
  { q: "border liaison", lang: "en", relevant: ["P01", "R03", "M06"] },
  { q: "border liaison office Tajikistan Afghanistan", lang: "en", relevant: ["P01", "R03", "M06"] },
  { q: "canine", lang: "en", relevant: ["P05", "M07"] },
  { q: "sniffer dogs customs", lang: "en", relevant: ["P05", "M07"] },
  { q: "Termez", lang: "en", relevant: ["P05", "P14", "N02", "P20"] },
  { q: "Ishkashim", lang: "en", relevant: ["P01", "P19", "M05"] },
  { q: "Karaganda", lang: "en", relevant: ["P18"] },
  { q: "women drug treatment Kazakhstan", lang: "en", relevant: ["P18"] },
  { q: "financial intelligence unit Kyrgyzstan", lang: "en", relevant: ["P12"] },
  { q: "money laundering", lang: "en", relevant: ["P12", "M02", "R02", "N09"] },
  { q: "asset confiscation", lang: "en", relevant: ["R02"] },
  { q: "mobile teams x-ray scanners", lang: "en", relevant: ["P07", "P20"] },
  { q: "Khatlon", lang: "en", relevant: ["P07"] },
  { q: "railway station inspections", lang: "en", relevant: ["P14"] },
  { q: "hashish seizure melons", lang: "en", relevant: ["N02"] },
  { q: "Mazar-i-Sharif", lang: "en", relevant: ["N02"] },
  { q: "border guard training centre Khorog", lang: "en", relevant: ["N04"] },
  { q: "outpost renovation solar panels", lang: "en", relevant: ["P19"] },
  { q: "school prevention Dushanbe", lang: "en", relevant: ["P09"] },
  { q: "life skills lessons", lang: "en", relevant: ["P09", "N10"] },
  { q: "online sales synthetic drugs", lang: "en", relevant: ["N06", "P13"] },
  { q: "rehabilitation centre", lang: "en", relevant: ["P18"] },
  { q: "border checkpoints meeting Dushanbe", lang: "en", relevant: ["M05"] },
  { q: "dog handlers seminar Almaty", lang: "en", relevant: ["M07"] },
  { q: "family skills", lang: "en", relevant: ["P10", "R06"] },
  { q: "precursors", lang: "en", relevant: ["P02", "M01", "R01", "N01"] },
  { q: "forensic laboratory", lang: "en", relevant: ["P03", "R05"] },
  { q: "opioid agonist therapy prisons", lang: "en", relevant: ["P08", "R04", "M04"] },
  { q: "CARICC", lang: "en", relevant: ["P16"] },
  { q: "controlled delivery", lang: "en", relevant: ["P16"] },
  { q: "investigation of financial flows", lang: "en", relevant: ["R02", "M02"] },
  { q: "Policy Consultative Group", lang: "en", relevant: ["M03"] },
  { q: "mephedrone", lang: "en", relevant: ["P04", "P17", "N01", "N06"] },
  { q: "cryptocurrency tracing training Tashkent", lang: "en", relevant: ["N09"] },
  { q: "Nizhny Panj", lang: "en", relevant: ["N03", "M05", "P01"] },
  { q: "customs mobile groups vehicles", lang: "en", relevant: ["P07"] },
];

/** Whether none of the query's answers has text in the query's language. */
export function isCrossLanguage(query: EvalQuery, records: EvalRecord[] = EVAL_RECORDS): boolean {
  const byId = new Map(records.map((r) => [r.id, r]));
  return query.relevant.every((id) => {
    const r = byId.get(id);
    if (!r) throw new Error(`Unknown record ${id}`);
    return !r.title[query.lang] && !r.body[query.lang];
  });
}

/** Held out from tuning: every third query. */
export const isHeldOut = (index: number) => index % 3 === 2;
