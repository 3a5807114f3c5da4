// Sources: 004_47cadadb9c8ad2bf.txt (Vienna Declaration, 16 February 2012) and 002_75cee65931a42696.txt (brochure, pillar sections).
import type { CommitmentRef, PillarRef } from "../types.js";

const DECLARATION = "004_47cadadb9c8ad2bf.txt";
const BROCHURE = "002_75cee65931a42696.txt";

/**
 * The four pillars. Titles as the brochure's list of pillars phrases them (identical to the
 * Declaration's headings, except that the Declaration's pillar I heading adds "to combat illicit
 * traffic in opiates originating in Afghanistan"). Aims summarise the brochure's per-pillar sections.
 */
export const pillars: PillarRef[] = [
  {
    number: 1,
    roman: "I",
    title: {
      en: "Strengthening and implementing regional initiatives",
      ru: "Укрепление и осуществление региональных инициатив",
    },
    aims: {
      en: "The first pillar, on regional initiatives, aims to strengthen the capacity of the Islamic Republic of Afghanistan and its institutions to combat opiates; to provide support to the most affected transit States; to facilitate cross-border operations between law enforcement agencies; to enhance border management coordination; to support the implementation of comprehensive regional programmes to counteract opiate challenges and threats; and to continue addressing the gap in evidence for action.",
      ru: "Первое направление, посвященное региональным инициативам, призвано укреплять потенциал Исламской Республики Афганистан и ее учреждений в борьбе с опиатами; оказывать поддержку наиболее пострадавшим государствам транзита; содействовать трансграничным операциям правоохранительных органов; совершенствовать координацию в сфере управления границами; поддерживать осуществление всеобъемлющих региональных программ противодействия вызовам и угрозам, связанным с опиатами; а также продолжать восполнять пробелы в фактических данных, необходимых для принятия мер.",
    },
    provenance: {
      document: BROCHURE,
      locator: "list of the four pillars; section 'Pillar I: Regional initiatives'",
    },
  },
  {
    number: 2,
    roman: "II",
    title: {
      en: "Detecting and blocking financial flows linked to illicit traffic in opiates",
      ru: "Выявление и пресечение финансовых потоков, связанных с незаконным оборотом опиатов",
    },
    aims: {
      en: "The second pillar, on detecting and blocking financial flows linked to illicit traffic in opiates, aims to undermine organized crime networks by enhancing the exchange of information; providing effective mutual legal assistance; encouraging the further study of means to detect and block illicit financial flows; exchanging best practices and enhancing cooperation with the private sector; and providing support to developing national legislation, expertise, enforcement and administrative procedures consistent with established international standards.",
      ru: "Второе направление, посвященное выявлению и пресечению финансовых потоков, связанных с незаконным оборотом опиатов, призвано подрывать деятельность организованных преступных сетей путем активизации обмена информацией; оказания эффективной взаимной правовой помощи; поощрения дальнейшего изучения способов выявления и пресечения незаконных финансовых потоков; обмена передовым опытом и расширения сотрудничества с частным сектором; а также содействия развитию национального законодательства, экспертного потенциала, правоприменительных и административных процедур в соответствии с установленными международными стандартами.",
    },
    provenance: {
      document: BROCHURE,
      locator: "list of the four pillars; section 'Pillar II: Illicit financial flows'",
    },
  },
  {
    number: 3,
    roman: "III",
    title: {
      en: "Preventing the diversion of precursor chemicals used in illicit opiates manufacturing in Afghanistan",
      ru: "Предотвращение утечки химических веществ-прекурсоров, используемых для незаконного изготовления опиатов в Афганистане",
    },
    aims: {
      en: "The third pillar aims to prevent the diversion of precursor chemicals used in opiates manufacturing through exchanging data on suspicious transactions; strengthening law enforcement and customs capacities for detection and engaging in special investigative techniques; providing forensic support to criminal justice entities; building investigative capacities to detect and dismantle organized crime networks involved in opiates; enhancing public/private partnerships to detect and prevent illicit export and diversions; reinvigorating and encouraging the development of international and regional operational initiatives; and strengthening the pre-export notification system of shipments.",
      ru: "Третье направление призвано предотвращать утечку химических веществ-прекурсоров, используемых для изготовления опиатов, посредством обмена данными о подозрительных сделках; укрепления потенциала правоохранительных и таможенных органов в области выявления и применения специальных методов расследования; оказания судебно-экспертной поддержки органам уголовного правосудия; наращивания следственного потенциала для выявления и ликвидации организованных преступных сетей, причастных к обороту опиатов; развития партнерских отношений между государственным и частным секторами для выявления и предотвращения незаконного экспорта и утечки; активизации и поощрения развития международных и региональных оперативных инициатив; а также укрепления системы предварительного уведомления об экспорте партий.",
    },
    provenance: {
      document: BROCHURE,
      locator: "list of the four pillars; section 'Pillar III: Precursors'",
    },
  },
  {
    number: 4,
    roman: "IV",
    title: {
      en: "Reducing drug abuse and dependence through a comprehensive approach",
      ru: "Сокращение масштабов злоупотребления наркотиками и наркозависимости на основе комплексного подхода",
    },
    aims: {
      en: "Dedicated to preventing drug use and treating drug use disorders through a comprehensive approach, the fourth pillar aims to ensure effective measures based on scientific evidence, including prevention; treatment; care and related support services; and rehabilitation and social integration, aimed at promoting health and social well-being among individuals, families and communities and essential to decrease the incidence of drug use disorders, including those resulting from the use of opiates.",
      ru: "Четвертое направление, посвященное профилактике употребления наркотиков и лечению расстройств, вызванных их употреблением, на основе комплексного подхода, призвано обеспечивать принятие эффективных мер, основанных на научных данных, включая профилактику; лечение; уход и сопутствующие вспомогательные услуги; а также реабилитацию и социальную интеграцию, направленных на укрепление здоровья и социального благополучия отдельных лиц, семей и общин и необходимых для снижения распространенности расстройств, вызванных употреблением наркотиков, в том числе опиатов.",
    },
    provenance: {
      document: BROCHURE,
      locator: "list of the four pillars; section 'Pillar IV: Drug prevention and health'",
    },
  },
];

/**
 * The Vienna Declaration's numbered commitments: I.1–I.9, II.1–II.6, III.1–III.10, IV.1–IV.7.
 * `text.en` is verbatim from document 004 (wrapped lines joined; the list markers of the
 * sub-items (a)–(c) of I.9 dropped). `text.ru` is an editorial translation, not the official
 * United Nations Russian text of the Declaration.
 */
export const commitments: CommitmentRef[] = [
  {
    code: "I.1",
    pillar: 1,
    number: 1,
    text: {
      en: "Strengthening the capacity of the Islamic Republic of Afghanistan in combating illicit opium poppy cultivation and illicit opiates production, including through law enforcement and socio-economic measures, such as alternative livelihoods, and in fighting trafficking as a contribution to international endeavours to improve stability in the region and beyond and tackle terrorism, organized crime and corruption;",
      ru: "Укрепление потенциала Исламской Республики Афганистан в борьбе с незаконным культивированием опийного мака и незаконным производством опиатов, в том числе с помощью правоохранительных и социально-экономических мер, таких как создание альтернативных источников средств к существованию, а также в борьбе с незаконным оборотом в качестве вклада в международные усилия по укреплению стабильности в регионе и за его пределами и по борьбе с терроризмом, организованной преступностью и коррупцией;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar I, item 1" },
  },
  {
    code: "I.2",
    pillar: 1,
    number: 2,
    text: {
      en: "Continuing to assist the Islamic Republic of Afghanistan as necessary in implementing its national Drug Control Strategy, aimed at eliminating, significantly and measurably, the illicit traffic in opiates, including through increased support for relevant Afghan institutions;",
      ru: "Дальнейшее оказание Исламской Республике Афганистан, по мере необходимости, помощи в осуществлении ее национальной стратегии контроля над наркотиками, направленной на ликвидацию — в значительной и поддающейся измерению степени — незаконного оборота опиатов, в том числе путем усиления поддержки соответствующих афганских учреждений;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar I, item 2" },
  },
  {
    code: "I.3",
    pillar: 1,
    number: 3,
    text: {
      en: "Providing urgent and appropriate technical assistance and support to the most affected transit States, based on the principle of common and shared responsibility, in order to promote the capacities of such States to counter the flow of illicit drugs;",
      ru: "Оказание срочной и надлежащей технической помощи и поддержки наиболее пострадавшим государствам транзита на основе принципа общей и совместной ответственности в целях укрепления потенциала таких государств в противодействии потоку незаконных наркотиков;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar I, item 3" },
  },
  {
    code: "I.4",
    pillar: 1,
    number: 4,
    text: {
      en: "Taking measures to stem the illicit traffic in opiates and to stop the diversion of precursor chemicals used for the illicit manufacturing of heroin and other opiates between Afghanistan, Paris Pact partners and other countries in the region and beyond, and to eliminate illicit heroin production facilities and their spread;",
      ru: "Принятие мер по пресечению незаконного оборота опиатов и прекращению утечки химических веществ-прекурсоров, используемых для незаконного изготовления героина и других опиатов, между Афганистаном, партнерами по Парижскому пакту и другими странами региона и за его пределами, а также по ликвидации незаконных объектов по производству героина и недопущению их распространения;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar I, item 4" },
  },
  {
    code: "I.5",
    pillar: 1,
    number: 5,
    text: {
      en: "Providing further training to assist the Islamic Republic of Afghanistan and other relevant Paris Pact partners to effectively implement the applicable international conventions including through relevant programmes and projects;",
      ru: "Дальнейшая подготовка кадров в целях оказания Исламской Республике Афганистан и другим соответствующим партнерам по Парижскому пакту помощи в эффективном осуществлении применимых международных конвенций, в том числе в рамках соответствующих программ и проектов;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar I, item 5" },
  },
  {
    code: "I.6",
    pillar: 1,
    number: 6,
    text: {
      en: "Facilitating cross-border operations between law enforcement agencies, including the planning of joint operations and in this respect appreciating joint operations by the members of the Triangular Initiative and supporting coordination of border management activities in the region, including the coordination of donor assistance to the region's border management programmes;",
      ru: "Содействие трансграничным операциям правоохранительных органов, включая планирование совместных операций, и в этой связи высокая оценка совместных операций, проводимых членами Трехсторонней инициативы, а также поддержка координации деятельности по управлению границами в регионе, включая координацию донорской помощи программам управления границами в регионе;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar I, item 6" },
  },
  {
    code: "I.7",
    pillar: 1,
    number: 7,
    text: {
      en: "Supporting the United Nations, in particular UNODC, in its efforts to coordinate effective and result-oriented assistance to the Islamic Republic of Afghanistan and neighbouring countries in countering illicit traffic in opiates, including through the UNODC Regional Programme for Afghanistan and Neighbouring Countries;",
      ru: "Поддержка усилий Организации Объединенных Наций, в частности УНП ООН, по координации эффективной и ориентированной на результат помощи Исламской Республике Афганистан и соседним странам в противодействии незаконному обороту опиатов, в том числе в рамках Региональной программы УНП ООН для Афганистана и соседних стран;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar I, item 7" },
  },
  {
    code: "I.8",
    pillar: 1,
    number: 8,
    text: {
      en: "Commending the work of UNODC to collect and analyse data on illicit traffic in opiates and trends regarding the global Afghan opiate trade, encouraging the utilization of such analyses, as appropriate, while formulating and implementing regional and country programmes to support and assist States affected by opiates originating in Afghanistan, and encouraging Paris Pact partners to collect and share relevant data with UNODC.",
      ru: "Высокая оценка работы УНП ООН по сбору и анализу данных о незаконном обороте опиатов и о тенденциях глобальной торговли афганскими опиатами, поощрение использования, в надлежащих случаях, результатов такого анализа при разработке и осуществлении региональных и страновых программ поддержки и помощи государствам, затронутым проблемой опиатов, происходящих из Афганистана, а также поощрение партнеров по Парижскому пакту к сбору соответствующих данных и обмену ими с УНП ООН.",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar I, item 8" },
  },
  {
    code: "I.9",
    pillar: 1,
    number: 9,
    text: {
      en: "Elaborating and implementing comprehensive regional programmes, to effectively counteract the challenges and threat of illicit traffic in opiates, in particular, the UNODC Regional Programme for Afghanistan and Neighbouring Countries, including: (a) Supporting trans-regional cooperation; (b) Enhancing counter-drug and related anti-crime cooperation and coordination efforts among regional and international organizations, including through controlled deliveries and joint operations, to interdict illegal shipments of opiates and precursors, such as the law enforcement operation Channel, the operations TARCET and TOPAZ and the operations conducted in the framework of the Triangular Initiative; (c) Encouraging and supporting Paris Pact partners to coordinate initiatives to promote health and welfare of human beings, social and economic development, including trade capacity-building and job creation, crop substitution and alternative development programmes in Afghanistan in collaboration with the international organizations concerned.",
      ru: "Разработка и осуществление всеобъемлющих региональных программ для эффективного противодействия вызовам и угрозе незаконного оборота опиатов, в частности Региональной программы УНП ООН для Афганистана и соседних стран, включая: a) поддержку трансрегионального сотрудничества; b) активизацию сотрудничества и координации усилий региональных и международных организаций в борьбе с наркотиками и связанной с ними преступностью, в том числе посредством контролируемых поставок и совместных операций, в целях перехвата незаконных партий опиатов и прекурсоров, таких как правоохранительная операция «Канал», операции TARCET и TOPAZ и операции, проводимые в рамках Трехсторонней инициативы; c) поощрение и поддержку партнеров по Парижскому пакту в координации инициатив, направленных на укрепление здоровья и повышение благосостояния людей, социально-экономическое развитие, включая наращивание торгового потенциала и создание рабочих мест, замещение культур и программы альтернативного развития в Афганистане, во взаимодействии с соответствующими международными организациями.",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar I, item 9, with sub-items (a)–(c)" },
  },
  {
    code: "II.1",
    pillar: 2,
    number: 1,
    text: {
      en: "Enhancing the exchange of information on financial flows, linked to illicit traffic in opiates, including bank deposits, investments and property, using the existing mechanisms to the fullest extent possible;",
      ru: "Активизация обмена информацией о финансовых потоках, связанных с незаконным оборотом опиатов, включая банковские вклады, инвестиции и имущество, с максимально полным использованием существующих механизмов;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar II, item 1" },
  },
  {
    code: "II.2",
    pillar: 2,
    number: 2,
    text: {
      en: "Providing effective mutual legal assistance in a timely manner to tackle illicit financial flows in compliance with the 1988 United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances, the 2000 United Nations Convention against Transnational Organized Crime, and the 2003 United Nations Convention against Corruption;",
      ru: "Своевременное оказание эффективной взаимной правовой помощи в целях противодействия незаконным финансовым потокам в соответствии с Конвенцией Организации Объединенных Наций о борьбе против незаконного оборота наркотических средств и психотропных веществ 1988 года, Конвенцией Организации Объединенных Наций против транснациональной организованной преступности 2000 года и Конвенцией Организации Объединенных Наций против коррупции 2003 года;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar II, item 2" },
  },
  {
    code: "II.3",
    pillar: 2,
    number: 3,
    text: {
      en: "Providing support in developing national legislation, expertise, enforcement and administrative procedures consistent with established international standards to combat money-laundering and to train personnel in relevant fields;",
      ru: "Оказание поддержки в разработке национального законодательства, развитии экспертного потенциала, правоприменительных и административных процедур, соответствующих установленным международным стандартам, в целях борьбы с отмыванием денег, а также в подготовке кадров в соответствующих областях;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar II, item 3" },
  },
  {
    code: "II.4",
    pillar: 2,
    number: 4,
    text: {
      en: "Exchanging best practices in detection and suppression of financial flows linked to illicit traffic in opiates, including by inviting Paris Pact partners to continue and enhance cooperation with the private sector as appropriate;",
      ru: "Обмен передовым опытом в области выявления и пресечения финансовых потоков, связанных с незаконным оборотом опиатов, в том числе путем предложения партнерам по Парижскому пакту продолжать и, в надлежащих случаях, расширять сотрудничество с частным сектором;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar II, item 4" },
  },
  {
    code: "II.5",
    pillar: 2,
    number: 5,
    text: {
      en: "Encouraging studies by relevant international and regional organizations and mechanisms in cooperation with UNODC, to determine the most effective ways and means to detect and block financial flows linked to the illicit traffic in opiates;",
      ru: "Поощрение проведения соответствующими международными и региональными организациями и механизмами в сотрудничестве с УНП ООН исследований для определения наиболее эффективных путей и средств выявления и пресечения финансовых потоков, связанных с незаконным оборотом опиатов;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar II, item 5" },
  },
  {
    code: "II.6",
    pillar: 2,
    number: 6,
    text: {
      en: "Encouraging UNODC, with due regard to its mandate, to consult with the Paris Pact partners, and while respecting national legislation, to explore with relevant international financial institutions the feasibility of new and innovative approaches to financing the prevention and the fight against illicit traffic in opiates, including consideration of whether and how confiscated proceeds of crime might be further mobilized.",
      ru: "Поощрение УНП ООН к тому, чтобы с должным учетом своего мандата консультироваться с партнерами по Парижскому пакту и при соблюдении национального законодательства изучить совместно с соответствующими международными финансовыми учреждениями возможность применения новых и инновационных подходов к финансированию деятельности по предупреждению незаконного оборота опиатов и борьбе с ним, включая рассмотрение вопроса о том, можно ли и каким образом шире задействовать конфискованные доходы от преступлений.",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar II, item 6" },
  },
  {
    code: "III.1",
    pillar: 3,
    number: 1,
    text: {
      en: "Exchanging data on suspicious transactions involving precursor chemicals among law enforcement and customs authorities, particularly through efforts to prevent diversion of legal dual-use chemicals, such as acetic anhydride, paying regard, as appropriate, to existing initiatives such as joint initiatives of UNODC, the World Customs Organization (WCO), the International Criminal Police Organization (INTERPOL), the Container Control Programme and Programme Global Shield;",
      ru: "Обмен данными о подозрительных сделках с химическими веществами-прекурсорами между правоохранительными и таможенными органами, в частности в рамках усилий по предотвращению утечки законных химических веществ двойного назначения, таких как ангидрид уксусной кислоты, с учетом, в надлежащих случаях, существующих инициатив, например совместных инициатив УНП ООН, Всемирной таможенной организации (ВТамО), Международной организации уголовной полиции (Интерпол), Программы контроля за контейнерными перевозками и программы «Глобальный щит»;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar III, item 1" },
  },
  {
    code: "III.2",
    pillar: 3,
    number: 2,
    text: {
      en: "Strengthening the capacity of law enforcement and customs authorities in Afghanistan and its neighbouring countries, including by training their specialists in special investigative techniques, such as controlled deliveries, related to the diversion of precursor chemicals;",
      ru: "Укрепление потенциала правоохранительных и таможенных органов Афганистана и соседних с ним стран, в том числе путем обучения их специалистов специальным методам расследования, таким как контролируемые поставки, применительно к утечке химических веществ-прекурсоров;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar III, item 2" },
  },
  {
    code: "III.3",
    pillar: 3,
    number: 3,
    text: {
      en: "Assisting concerned Paris Pact partners in preventing and detecting illicit operations involving precursor chemicals as requested;",
      ru: "Оказание заинтересованным партнерам по Парижскому пакту, по их просьбе, помощи в предотвращении и выявлении незаконных операций с химическими веществами-прекурсорами;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar III, item 3" },
  },
  {
    code: "III.4",
    pillar: 3,
    number: 4,
    text: {
      en: "Providing forensic support to criminal justice entities of the Islamic Republic of Afghanistan and Paris Pact partners concerned when investigating crimes linked to the diversion of and illicit traffic in precursor chemicals;",
      ru: "Оказание судебно-экспертной поддержки органам уголовного правосудия Исламской Республики Афганистан и соответствующих партнеров по Парижскому пакту при расследовании преступлений, связанных с утечкой химических веществ-прекурсоров и их незаконным оборотом;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar III, item 4" },
  },
  {
    code: "III.5",
    pillar: 3,
    number: 5,
    text: {
      en: "Building capacities and exchanging best practices on the methodology for investigating cases of illicit diversion and traffic in precursor chemicals in order to detect and dismantle organized crime networks involved in illicit traffic in opiates;",
      ru: "Наращивание потенциала и обмен передовым опытом в области методики расследования дел о незаконной утечке химических веществ-прекурсоров и их незаконном обороте в целях выявления и ликвидации организованных преступных сетей, причастных к незаконному обороту опиатов;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar III, item 5" },
  },
  {
    code: "III.6",
    pillar: 3,
    number: 6,
    text: {
      en: "Reinvigorating international and regional initiatives to combat the flow of precursor chemicals, including by cooperation with the International Narcotics Control Board (INCB);",
      ru: "Активизация международных и региональных инициатив по противодействию потоку химических веществ-прекурсоров, в том числе путем сотрудничества с Международным комитетом по контролю над наркотиками (МККН);",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar III, item 6" },
  },
  {
    code: "III.7",
    pillar: 3,
    number: 7,
    text: {
      en: "Encouraging Operation TARCET to set specific objectives to allow measurable outcomes in the light of latest findings on emerging trends;",
      ru: "Поощрение определения в рамках операции TARCET конкретных целей, позволяющих достигать поддающихся измерению результатов, с учетом последних данных о новых тенденциях;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar III, item 7" },
  },
  {
    code: "III.8",
    pillar: 3,
    number: 8,
    text: {
      en: "Involving countries in the above-mentioned activities, together with INCB and in accordance with the three drug control conventions and the principle of common and shared responsibility, including, as appropriate, countries which are not Paris Pact partners, in particular those where chemicals used in illicit production of heroin and other opiates are manufactured;",
      ru: "Вовлечение в вышеупомянутую деятельность, совместно с МККН и в соответствии с тремя конвенциями о контроле над наркотиками и принципом общей и совместной ответственности, стран, в том числе, в надлежащих случаях, стран, не являющихся партнерами по Парижскому пакту, в частности тех, в которых производятся химические вещества, используемые для незаконного производства героина и других опиатов;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar III, item 8" },
  },
  {
    code: "III.9",
    pillar: 3,
    number: 9,
    text: {
      en: "Urging Paris Pact partners that have not yet requested pre-export notification for shipments of precursor chemicals in accordance with article 12 of the 1988 United Nations Convention and relevant United Nations resolutions, to do so and report it to the INCB and encourages all countries where precursor chemicals are produced to cooperate closely with the Islamic Republic of Afghanistan and its neighbouring countries to continue the tracking of shipments of precursor chemicals and to prevent their diversion into illicit networks.",
      ru: "Настоятельный призыв к партнерам по Парижскому пакту, которые еще не запросили предварительное уведомление об экспорте партий химических веществ-прекурсоров в соответствии со статьей 12 Конвенции Организации Объединенных Наций 1988 года и соответствующими резолюциями Организации Объединенных Наций, сделать это и сообщить об этом МККН, а также призыв ко всем странам, в которых производятся химические вещества-прекурсоры, тесно сотрудничать с Исламской Республикой Афганистан и соседними с ней странами в целях дальнейшего отслеживания партий химических веществ-прекурсоров и предотвращения их утечки в незаконные сети.",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar III, item 9" },
  },
  {
    code: "III.10",
    pillar: 3,
    number: 10,
    text: {
      en: "Enhancing public/private partnerships to detect and prevent the illicit export and diversion of precursor chemicals used in manufacturing heroin and other illicit opiates to Afghanistan in line with the INCB Guidelines for a voluntary code of practice for the chemical industry.",
      ru: "Развитие партнерских отношений между государственным и частным секторами в целях выявления и предотвращения незаконного экспорта в Афганистан и утечки химических веществ-прекурсоров, используемых для изготовления героина и других незаконных опиатов, в соответствии с Руководящими принципами МККН для добровольного кодекса практики для химической промышленности.",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar III, item 10" },
  },
  {
    code: "IV.1",
    pillar: 4,
    number: 1,
    text: {
      en: "Ensuring that drug demand reduction policies are balanced and comprehensive and in full compliance with the three international drug control conventions, as well as fundamental human rights and freedoms, and based on scientific evidence;",
      ru: "Обеспечение того, чтобы политика в области сокращения спроса на наркотики была сбалансированной и всеобъемлющей, в полной мере соответствовала трем международным конвенциям о контроле над наркотиками, а также основным правам и свободам человека и основывалась на научных данных;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar IV, item 1" },
  },
  {
    code: "IV.2",
    pillar: 4,
    number: 2,
    text: {
      en: "Stressing an effective, balanced and comprehensive approach to reducing demand for and supply of illicit drugs;",
      ru: "Уделение особого внимания эффективному, сбалансированному и всеобъемлющему подходу к сокращению спроса на незаконные наркотики и их предложения;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar IV, item 2" },
  },
  {
    code: "IV.3",
    pillar: 4,
    number: 3,
    text: {
      en: "Promoting short-term, mid-term and long-term planning and implementation of drug demand reduction programmes and measures, including those aimed at reducing the spread of blood borne diseases in particular HIV/AIDS;",
      ru: "Содействие краткосрочному, среднесрочному и долгосрочному планированию и осуществлению программ и мер по сокращению спроса на наркотики, включая меры, направленные на сокращение распространения болезней, передаваемых через кровь, в частности ВИЧ/СПИДа;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar IV, item 3" },
  },
  {
    code: "IV.4",
    pillar: 4,
    number: 4,
    text: {
      en: "Promoting collaboration among governments and civil society including non-governmental organizations and the private sector on drug demand reduction measures;",
      ru: "Содействие сотрудничеству между правительствами и гражданским обществом, включая неправительственные организации, и частным сектором в осуществлении мер по сокращению спроса на наркотики;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar IV, item 4" },
  },
  {
    code: "IV.5",
    pillar: 4,
    number: 5,
    text: {
      en: "Engaging civil society and mass media, including to discourage the abuse of opiates;",
      ru: "Привлечение гражданского общества и средств массовой информации, в том числе к противодействию злоупотреблению опиатами;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar IV, item 5" },
  },
  {
    code: "IV.6",
    pillar: 4,
    number: 6,
    text: {
      en: "Elaborating targeted drug addiction prevention, treatment, care, rehabilitation and reintegration programmes on this basis in families and households, schools and other educational institutions, health and social service settings, workplaces, in prisons, including through the use of media, including for groups most at risk;",
      ru: "Разработка на этой основе целенаправленных программ профилактики наркомании, лечения, ухода, реабилитации и реинтеграции в семьях и домашних хозяйствах, школах и других учебных заведениях, учреждениях здравоохранения и социального обслуживания, на рабочих местах, в местах лишения свободы, в том числе с использованием средств массовой информации, включая программы для групп наибольшего риска;",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar IV, item 6" },
  },
  {
    code: "IV.7",
    pillar: 4,
    number: 7,
    text: {
      en: "Improving specialized training systems for drug treatment professionals with regard to the abuse of opiates in all Paris Pact partners, particularly the Islamic Republic of Afghanistan.",
      ru: "Совершенствование систем специализированной подготовки специалистов в области лечения наркозависимости по вопросам злоупотребления опиатами во всех государствах — партнерах по Парижскому пакту, в особенности в Исламской Республике Афганистан.",
    },
    provenance: { document: DECLARATION, locator: "Vienna Declaration, pillar IV, item 7" },
  },
];
