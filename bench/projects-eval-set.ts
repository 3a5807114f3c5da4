/**
 * A labelled evaluation set for ADAM's duplicate detection. Thirty counter-narcotics activities, six per
 * country, each written three times the way different publishers write the same activity: in English, in
 * Russian (not a word-for-word translation), and reworded in English by another donor. Pairs:
 *  - positives: the same activity written twice (EN–RU, EN–reworded, RU–reworded), with other donors,
 *    shifted dates, other budgets and agencies named differently — what co-financing or duplicate effort
 *    looks like in practice;
 *  - hard negatives: different activities in the same country and period, often with the same theme;
 *  - gate negatives: the same kind of activity in another country, or in a period that does not overlap.
 * Labels are by construction. The texts were written for this set (not taken from the lexicon's stems).
 */
import type { FeatureInput } from "../src/server/modules/projects/projects.similarity.js";

interface Text {
  title: string;
  summary: string;
}
interface Archetype {
  key: string;
  country: string;
  themes: string[];
  dac: string[];
  en: Text;
  ru: Text;
  alt: Text;
  agencies: { en: string; ru: string };
}

const A: Archetype[] = [
  // Tajikistan
  {
    key: "tjk-outposts",
    country: "TJK",
    themes: ["border_control"],
    dac: ["16063"],
    en: {
      title: "Construction of border outposts on the Tajik-Afghan border",
      summary:
        "Building and equipping three outposts of the Border Troops in Khatlon along the Panj river, with solar power and communications.",
    },
    ru: {
      title: "Строительство пограничных застав на таджикско-афганской границе",
      summary:
        "Возведение и оснащение трех застав Пограничных войск в Хатлонской области вдоль реки Пяндж, солнечные панели и связь.",
    },
    alt: {
      title: "New frontier posts for the Border Troops along the Panj",
      summary: "Three frontier posts in Khatlon province will be constructed and fitted with radios and solar panels.",
    },
    agencies: { en: "Border Troops of Tajikistan", ru: "Пограничные войска Таджикистана" },
  },
  {
    key: "tjk-airport-customs",
    country: "TJK",
    themes: ["border_control"],
    dac: ["16063", "33120"],
    en: {
      title: "Passenger and cargo profiling at Dushanbe International Airport",
      summary:
        "Risk profiling of passengers and air cargo, joint airport interdiction task force of customs and police.",
    },
    ru: {
      title: "Профилирование пассажиров и грузов в международном аэропорту Душанбе",
      summary: "Анализ рисков пассажиров и авиагрузов, совместная группа таможни и милиции по пресечению в аэропорту.",
    },
    alt: {
      title: "Airport interdiction task force in Dushanbe",
      summary:
        "A joint customs-police unit at the Dushanbe airport will screen air cargo and travellers using risk indicators.",
    },
    agencies: { en: "Customs Service of Tajikistan", ru: "Таможенная служба Таджикистана" },
  },
  {
    key: "tjk-precursor-lab",
    country: "TJK",
    themes: ["precursors", "forensics"],
    dac: ["16063"],
    en: {
      title: "Precursor identification laboratory of the Drug Control Agency",
      summary:
        "Field test kits and a reference laboratory to identify acetic anhydride and other precursor chemicals seized in Tajikistan.",
    },
    ru: {
      title: "Лаборатория идентификации прекурсоров Агентства по контролю за наркотиками",
      summary:
        "Полевые наборы экспресс-тестов и эталонная лаборатория для идентификации уксусного ангидрида и других изъятых прекурсоров.",
    },
    alt: {
      title: "Chemical reference lab for seized precursors",
      summary: "The Drug Control Agency gets a lab and field kits to recognise acetic anhydride and related chemicals.",
    },
    agencies: { en: "Drug Control Agency of Tajikistan", ru: "Агентство по контролю за наркотиками Таджикистана" },
  },
  {
    key: "tjk-fiu",
    country: "TJK",
    themes: ["financial_investigation"],
    dac: ["16063", "15130"],
    en: {
      title: "Financial investigations of drug trafficking proceeds",
      summary:
        "Training investigators and the financial intelligence unit of the National Bank to trace and confiscate criminal assets.",
    },
    ru: {
      title: "Финансовые расследования доходов от наркоторговли",
      summary:
        "Обучение следователей и подразделения финансовой разведки Национального банка отслеживанию и конфискации преступных активов.",
    },
    alt: {
      title: "Tracing and confiscating drug money in Tajikistan",
      summary:
        "Courses in parallel financial investigation for the FIU at the National Bank and for drug investigators.",
    },
    agencies: {
      en: "Financial Monitoring Department, National Bank of Tajikistan",
      ru: "Департамент финансового мониторинга Национального банка Таджикистана",
    },
  },
  {
    key: "tjk-schools",
    country: "TJK",
    themes: ["prevention"],
    dac: ["12263"],
    en: {
      title: "Family skills and school-based drug prevention in Dushanbe and Khujand",
      summary:
        "Strengthening Families programme and life-skills lessons for pupils aged 10 to 14, trainers from the Ministry of Education.",
    },
    ru: {
      title: "Семейные навыки и профилактика наркомании в школах Душанбе и Худжанда",
      summary:
        "Программа укрепления семьи и уроки жизненных навыков для учащихся 10–14 лет, тренеры Министерства образования.",
    },
    alt: {
      title: "Preventing drug use among schoolchildren in Dushanbe and Khujand",
      summary:
        "Life-skills lessons for pupils and parenting sessions for their families, delivered by education ministry trainers.",
    },
    agencies: { en: "Ministry of Education and Science", ru: "Министерство образования и науки" },
  },
  {
    key: "tjk-treatment",
    country: "TJK",
    themes: ["treatment"],
    dac: ["12263"],
    en: {
      title: "Opioid agonist therapy sites in Khatlon and Sughd",
      summary:
        "Opening four treatment sites for people who use opioids, with HIV testing and training of narcologists.",
    },
    ru: {
      title: "Пункты опиоидной заместительной терапии в Хатлоне и Согде",
      summary: "Открытие четырех пунктов лечения для потребителей опиоидов, тестирование на ВИЧ и обучение наркологов.",
    },
    alt: {
      title: "Scaling up substitution treatment in two regions of Tajikistan",
      summary: "Four new substitution therapy points and HIV testing; narcologists receive clinical training.",
    },
    agencies: { en: "Republican Clinical Centre of Narcology", ru: "Республиканский клинический центр наркологии" },
  },
  // Uzbekistan
  {
    key: "uzb-termez",
    country: "UZB",
    themes: ["border_control"],
    dac: ["16063"],
    en: {
      title: "Container and rail cargo control at the Termez border crossing",
      summary:
        "X-ray scanners and a port control unit at Termez for containers and rail wagons arriving from Hairatan.",
    },
    ru: {
      title: "Контроль контейнеров и железнодорожных грузов на пункте пропуска Термез",
      summary: "Рентгеновские сканеры и группа портового контроля в Термезе для контейнеров и вагонов из Хайратона.",
    },
    alt: {
      title: "Termez rail crossing: scanning containers from Hairatan",
      summary: "A joint control unit and x-ray scanning for railway wagons and containers entering through Termez.",
    },
    agencies: { en: "State Customs Committee of Uzbekistan", ru: "Государственный таможенный комитет Узбекистана" },
  },
  {
    key: "uzb-canine",
    country: "UZB",
    themes: ["border_control", "training"],
    dac: ["16063"],
    en: {
      title: "Canine training centre for drug detection dogs in Tashkent",
      summary: "Breeding and training detection dogs and their handlers for customs and border posts.",
    },
    ru: {
      title: "Кинологический учебный центр в Ташкенте",
      summary:
        "Разведение и дрессировка собак для обнаружения наркотиков и подготовка кинологов для таможни и погранпостов.",
    },
    alt: {
      title: "Detection dog programme for Uzbek customs",
      summary: "A Tashkent centre will train sniffer dogs and dog handlers to work at border checkpoints.",
    },
    agencies: { en: "State Customs Committee of Uzbekistan", ru: "Государственный таможенный комитет Узбекистана" },
  },
  {
    key: "uzb-darknet",
    country: "UZB",
    themes: ["intelligence", "training"],
    dac: ["16063"],
    en: {
      title: "Investigating drug sales on the darknet and in messengers",
      summary:
        "Cybercrime training on cryptocurrency tracing and online drug markets for the Ministry of Internal Affairs.",
    },
    ru: {
      title: "Расследование продажи наркотиков в даркнете и мессенджерах",
      summary: "Обучение по киберпреступности: отслеживание криптовалют и онлайн-рынков наркотиков для МВД.",
    },
    alt: {
      title: "Online drug markets: cyber investigation skills",
      summary:
        "Police investigators learn to follow cryptocurrency payments and shops selling drugs through messengers.",
    },
    agencies: { en: "Ministry of Internal Affairs of Uzbekistan", ru: "Министерство внутренних дел Узбекистана" },
  },
  {
    key: "uzb-hiv-prisons",
    country: "UZB",
    themes: ["treatment"],
    dac: ["12263", "13040"],
    en: {
      title: "HIV prevention and drug treatment in prisons",
      summary:
        "Health services for prisoners who use drugs in five penitentiary institutions, peer educators and testing.",
    },
    ru: {
      title: "Профилактика ВИЧ и лечение наркозависимости в тюрьмах",
      summary:
        "Медицинские услуги для заключенных, употребляющих наркотики, в пяти пенитенциарных учреждениях; равные консультанты и тестирование.",
    },
    alt: {
      title: "Prison health: HIV and drug dependence services",
      summary: "Peer educators and HIV tests for inmates who use drugs across five penitentiary facilities.",
    },
    agencies: { en: "Main Directorate for Execution of Punishments", ru: "Главное управление исполнения наказаний" },
  },
  {
    key: "uzb-forensic",
    country: "UZB",
    themes: ["forensics"],
    dac: ["16063"],
    en: {
      title: "Forensic drug profiling at the Republican Forensic Centre",
      summary: "Gas chromatography equipment and methods to profile heroin and synthetic drugs for intelligence.",
    },
    ru: {
      title: "Криминалистическое профилирование наркотиков в Республиканском центре судебной экспертизы",
      summary:
        "Газовые хроматографы и методики профилирования героина и синтетических наркотиков для оперативной работы.",
    },
    alt: {
      title: "Chemical profiling of heroin and synthetics",
      summary:
        "The national forensic centre acquires chromatography and learns to profile seized heroin and synthetic drugs.",
    },
    agencies: { en: "Republican Forensic Expertise Centre", ru: "Республиканский центр судебной экспертизы" },
  },
  {
    key: "uzb-mla",
    country: "UZB",
    themes: ["legal_assistance"],
    dac: ["15130"],
    en: {
      title: "Mutual legal assistance and extradition in drug cases",
      summary:
        "Prosecutors and judges practise requests for mutual legal assistance and extradition with neighbouring states.",
    },
    ru: {
      title: "Взаимная правовая помощь и выдача по делам о наркотиках",
      summary:
        "Прокуроры и судьи отрабатывают запросы о взаимной правовой помощи и экстрадиции с соседними государствами.",
    },
    alt: {
      title: "Cross-border judicial cooperation in narcotics cases",
      summary: "Workshops for prosecutors and judges on drafting extradition and legal assistance requests.",
    },
    agencies: { en: "General Prosecutor's Office of Uzbekistan", ru: "Генеральная прокуратура Узбекистана" },
  },
  // Kyrgyzstan
  {
    key: "kgz-osh-mobile",
    country: "KGZ",
    themes: ["border_control"],
    dac: ["16063"],
    en: {
      title: "Mobile interagency teams on the Osh–Khorog road",
      summary:
        "Vehicles, radios and joint patrols of police, customs and border service on the Pamir highway near Osh.",
    },
    ru: {
      title: "Мобильные межведомственные группы на трассе Ош – Хорог",
      summary:
        "Автомобили, рации и совместное патрулирование милиции, таможни и пограничной службы на Памирском тракте у Оша.",
    },
    alt: {
      title: "Joint patrols on the Pamir highway",
      summary:
        "Police, customs and border guards form mobile teams with new cars and radios on the road from Khorog to Osh.",
    },
    agencies: { en: "Border Service of the Kyrgyz Republic", ru: "Пограничная служба Кыргызской Республики" },
  },
  {
    key: "kgz-cannabis",
    country: "KGZ",
    themes: ["alternative_development"],
    dac: ["43071"],
    en: {
      title: "Alternatives to wild cannabis harvesting in Issyk-Kul",
      summary:
        "Farmers in the Issyk-Kul region receive seeds, greenhouses and micro-credit to replace income from cannabis collection.",
    },
    ru: {
      title: "Альтернативы сбору дикорастущей конопли на Иссык-Куле",
      summary:
        "Фермеры Иссык-Кульской области получают семена, теплицы и микрокредиты взамен доходов от сбора конопли.",
    },
    alt: {
      title: "Livelihoods instead of cannabis collection around Issyk-Kul",
      summary: "Greenhouses, seeds and small loans for rural households that gather wild cannabis.",
    },
    agencies: {
      en: "Ministry of Agriculture of the Kyrgyz Republic",
      ru: "Министерство сельского хозяйства Кыргызской Республики",
    },
  },
  {
    key: "kgz-academy",
    country: "KGZ",
    themes: ["training"],
    dac: ["16063"],
    en: {
      title: "Drug investigation curriculum at the Police Academy in Bishkek",
      summary: "A permanent course on drug investigations and controlled deliveries for cadets of the Police Academy.",
    },
    ru: {
      title: "Учебный курс по расследованию наркопреступлений в Академии милиции в Бишкеке",
      summary: "Постоянный курс по расследованию наркопреступлений и контролируемым поставкам для курсантов академии.",
    },
    alt: {
      title: "Bishkek Police Academy: narcotics investigation course",
      summary: "Cadets will learn drug case investigation and controlled delivery in a new permanent module.",
    },
    agencies: { en: "Academy of the Ministry of Internal Affairs", ru: "Академия МВД Кыргызской Республики" },
  },
  {
    key: "kgz-survey",
    country: "KGZ",
    themes: ["research"],
    dac: ["12263"],
    en: {
      title: "National survey on drug use among the general population",
      summary:
        "A household survey and estimation of the number of people who inject drugs, with the National Statistical Committee.",
    },
    ru: {
      title: "Национальное обследование потребления наркотиков среди населения",
      summary:
        "Обследование домохозяйств и оценка численности людей, употребляющих инъекционные наркотики, совместно с Нацстаткомом.",
    },
    alt: {
      title: "How many people use drugs in Kyrgyzstan? A household study",
      summary: "Statisticians will run a population survey and size estimation of injecting drug use.",
    },
    agencies: { en: "National Statistical Committee", ru: "Национальный статистический комитет" },
  },
  {
    key: "kgz-fiu",
    country: "KGZ",
    themes: ["financial_investigation"],
    dac: ["15130"],
    en: {
      title: "Anti-money laundering supervision of exchange offices",
      summary:
        "The financial intelligence service and the central bank improve supervision of currency exchange offices and reporting of suspicious transactions.",
    },
    ru: {
      title: "Надзор за обменными бюро в сфере противодействия отмыванию денег",
      summary:
        "Служба финансовой разведки и Нацбанк совершенствуют надзор за обменными пунктами и сообщения о подозрительных операциях.",
    },
    alt: {
      title: "Exchange offices and suspicious transaction reporting",
      summary:
        "Supervisors from the central bank and the FIU will check money changers and their reports of suspicious transfers.",
    },
    agencies: { en: "State Financial Intelligence Service", ru: "Государственная служба финансовой разведки" },
  },
  {
    key: "kgz-rehab",
    country: "KGZ",
    themes: ["treatment"],
    dac: ["12263"],
    en: {
      title: "Community rehabilitation centre for women who use drugs",
      summary: "A residential rehabilitation programme and social reintegration for women, run with an NGO in Bishkek.",
    },
    ru: {
      title: "Реабилитационный центр для женщин, употребляющих наркотики",
      summary: "Стационарная программа реабилитации и социальной реинтеграции женщин совместно с НКО в Бишкеке.",
    },
    alt: {
      title: "Women's recovery house in Bishkek",
      summary: "An NGO will run residential recovery and reintegration services for women with drug dependence.",
    },
    agencies: {
      en: "Republican Centre of Psychiatry and Narcology",
      ru: "Республиканский центр психиатрии и наркологии",
    },
  },
  // Kazakhstan
  {
    key: "kaz-caspian-port",
    country: "KAZ",
    themes: ["border_control"],
    dac: ["16063"],
    en: {
      title: "Container control at the Aktau seaport",
      summary:
        "A port control unit at Aktau on the Caspian Sea to target containers and ferries, with profiling training.",
    },
    ru: {
      title: "Контроль контейнеров в морском порту Актау",
      summary: "Группа портового контроля в Актау на Каспии для отбора контейнеров и паромов, обучение профилированию.",
    },
    alt: {
      title: "Aktau port control unit on the Caspian",
      summary: "Customs and police officers will profile ferries and shipping containers at Aktau port.",
    },
    agencies: { en: "State Revenue Committee", ru: "Комитет государственных доходов" },
  },
  {
    key: "kaz-synthetics",
    country: "KAZ",
    themes: ["precursors", "intelligence"],
    dac: ["16063"],
    en: {
      title: "Dismantling clandestine synthetic drug laboratories",
      summary:
        "Training police to detect and safely dismantle clandestine laboratories producing mephedrone and other synthetic drugs.",
    },
    ru: {
      title: "Ликвидация подпольных лабораторий синтетических наркотиков",
      summary:
        "Обучение полиции выявлению и безопасной ликвидации подпольных лабораторий по производству мефедрона и других синтетических наркотиков.",
    },
    alt: {
      title: "Clandestine mephedrone labs: detection and safe dismantling",
      summary: "Police officers learn how to find and take apart illegal synthetic drug labs safely.",
    },
    agencies: { en: "Ministry of Internal Affairs of Kazakhstan", ru: "МВД Республики Казахстан" },
  },
  {
    key: "kaz-caricc",
    country: "KAZ",
    themes: ["intelligence"],
    dac: ["16063"],
    en: {
      title: "Support to CARICC information exchange in Almaty",
      summary:
        "Secure communication system and analysts for the Central Asian Regional Information and Coordination Centre.",
    },
    ru: {
      title: "Поддержка обмена информацией ЦАРИКЦ в Алматы",
      summary:
        "Защищенная система связи и аналитики для Центральноазиатского регионального информационного координационного центра.",
    },
    alt: {
      title: "CARICC secure network and analytical staff",
      summary: "Almaty-based CARICC receives a secure data exchange system and support for its analysts.",
    },
    agencies: { en: "CARICC", ru: "ЦАРИКЦ" },
  },
  {
    key: "kaz-youth",
    country: "KAZ",
    themes: ["prevention"],
    dac: ["12263"],
    en: {
      title: "Youth peer-to-peer prevention of synthetic drug use in Almaty",
      summary: "University volunteers and social media campaigns warn young people about synthetic drugs sold online.",
    },
    ru: {
      title: "Профилактика употребления синтетических наркотиков среди молодежи Алматы по принципу «равный — равному»",
      summary:
        "Студенты-волонтеры и кампании в социальных сетях предупреждают молодежь о синтетических наркотиках, продаваемых онлайн.",
    },
    alt: {
      title: "Students warn their peers about online synthetic drugs",
      summary:
        "Volunteer students in Almaty run social media campaigns on the risks of synthetic drugs bought on the internet.",
    },
    agencies: { en: "Youth Resource Centre of Almaty", ru: "Молодежный ресурсный центр Алматы" },
  },
  {
    key: "kaz-judges",
    country: "KAZ",
    themes: ["legal_assistance"],
    dac: ["15130"],
    en: {
      title: "Alternatives to imprisonment for drug offences",
      summary: "Judges and probation officers introduce treatment instead of punishment for minor drug offences.",
    },
    ru: {
      title: "Альтернативы лишению свободы за преступления, связанные с наркотиками",
      summary:
        "Судьи и сотрудники пробации внедряют лечение вместо наказания за незначительные правонарушения, связанные с наркотиками.",
    },
    alt: {
      title: "Treatment instead of prison for minor drug crimes",
      summary: "Courts and probation services pilot sending minor drug offenders to treatment rather than to prison.",
    },
    agencies: { en: "Supreme Court of Kazakhstan", ru: "Верховный суд Республики Казахстан" },
  },
  {
    key: "kaz-heroin-route",
    country: "KAZ",
    themes: ["intelligence", "border_control"],
    dac: ["16063"],
    en: {
      title: "Controlled deliveries along the northern route",
      summary:
        "Joint operations with Russian and Kyrgyz counterparts to follow heroin consignments crossing Kazakhstan.",
    },
    ru: {
      title: "Контролируемые поставки на северном маршруте",
      summary:
        "Совместные операции с российскими и кыргызскими коллегами по отслеживанию партий героина, пересекающих Казахстан.",
    },
    alt: {
      title: "Following heroin shipments through Kazakhstan",
      summary: "Operational cooperation with Russia and Kyrgyzstan on heroin consignments moving north.",
    },
    agencies: { en: "Ministry of Internal Affairs of Kazakhstan", ru: "МВД Республики Казахстан" },
  },
  // Afghanistan (regional cooperation, before 2021 style)
  {
    key: "afg-cnpa",
    country: "AFG",
    themes: ["training", "intelligence"],
    dac: ["16063"],
    en: {
      title: "Intelligence analysis training for the Counter Narcotics Police",
      summary:
        "Analysts of the Counter Narcotics Police of Afghanistan learn link analysis and intelligence-led policing.",
    },
    ru: {
      title: "Обучение аналитиков Полиции по борьбе с наркотиками Афганистана",
      summary:
        "Аналитики полиции по борьбе с наркотиками обучаются анализу связей и оперативно-розыскной работе на основе разведданных.",
    },
    alt: {
      title: "Building analytical capacity of Afghanistan's drug police",
      summary: "Link analysis and intelligence-led policing courses for counter narcotics analysts.",
    },
    agencies: { en: "Counter Narcotics Police of Afghanistan", ru: "Полиция по борьбе с наркотиками Афганистана" },
  },
  {
    key: "afg-opium-survey",
    country: "AFG",
    themes: ["research"],
    dac: ["16063"],
    en: {
      title: "Opium cultivation survey with satellite imagery",
      summary:
        "Annual estimation of the area under opium poppy and of yields, using satellite images and village surveys.",
    },
    ru: {
      title: "Обследование посевов опийного мака по спутниковым снимкам",
      summary:
        "Ежегодная оценка площади посевов опийного мака и урожайности с помощью спутниковых снимков и опросов в деревнях.",
    },
    alt: {
      title: "Measuring poppy fields from space",
      summary: "Satellite imagery and village interviews estimate how much opium poppy is grown each year.",
    },
    agencies: { en: "Ministry of Counter Narcotics", ru: "Министерство по борьбе с наркотиками" },
  },
  {
    key: "afg-farmers",
    country: "AFG",
    themes: ["alternative_development"],
    dac: ["43071"],
    en: {
      title: "Saffron and orchards for former poppy farmers in Herat",
      summary: "Farmers who stop growing poppy receive saffron bulbs, fruit trees and market access in Herat province.",
    },
    ru: {
      title: "Шафран и сады для бывших производителей мака в Герате",
      summary:
        "Фермеры, отказавшиеся от выращивания мака, получают луковицы шафрана, плодовые деревья и доступ к рынкам в провинции Герат.",
    },
    alt: {
      title: "Herat: saffron instead of poppy",
      summary: "Former poppy growers get saffron corms, orchards and help selling their crops.",
    },
    agencies: {
      en: "Ministry of Agriculture, Irrigation and Livestock",
      ru: "Министерство сельского хозяйства, ирригации и животноводства",
    },
  },
  {
    key: "afg-treatment",
    country: "AFG",
    themes: ["treatment"],
    dac: ["12263"],
    en: {
      title: "Drug treatment for women and children in Kabul",
      summary: "Residential treatment and family support for women and children affected by opium dependence.",
    },
    ru: {
      title: "Лечение наркозависимости для женщин и детей в Кабуле",
      summary: "Стационарное лечение и поддержка семей для женщин и детей, страдающих опиумной зависимостью.",
    },
    alt: {
      title: "Kabul clinic for mothers and children with opium dependence",
      summary: "Inpatient care and family counselling for women and their children dependent on opium.",
    },
    agencies: { en: "Ministry of Public Health", ru: "Министерство здравоохранения" },
  },
  {
    key: "afg-precursor-border",
    country: "AFG",
    themes: ["precursors", "border_control"],
    dac: ["16063"],
    en: {
      title: "Stopping acetic anhydride at the Islam Qala and Torkham crossings",
      summary: "Precursor control teams and test kits at the western and eastern border crossings.",
    },
    ru: {
      title: "Пресечение ввоза уксусного ангидрида на пунктах Ислам-Кала и Торхам",
      summary: "Группы контроля прекурсоров и наборы для тестирования на западных и восточных пунктах пропуска.",
    },
    alt: {
      title: "Precursor teams at Torkham and Islam Qala",
      summary: "Test kits and trained teams to intercept acetic anhydride at two border crossing points.",
    },
    agencies: { en: "Afghan Border Police", ru: "Пограничная полиция Афганистана" },
  },
  {
    key: "afg-courts",
    country: "AFG",
    themes: ["legal_assistance"],
    dac: ["15130"],
    en: {
      title: "Criminal Justice Task Force for narcotics cases",
      summary: "Prosecutors and judges of the specialised narcotics court receive case management and mentoring.",
    },
    ru: {
      title: "Целевая группа уголовного правосудия по делам о наркотиках",
      summary:
        "Прокуроры и судьи специализированного суда по наркотикам получают систему ведения дел и наставничество.",
    },
    alt: {
      title: "Mentoring the special narcotics court",
      summary: "Case management support and mentors for judges and prosecutors handling drug cases.",
    },
    agencies: { en: "Criminal Justice Task Force", ru: "Целевая группа уголовного правосудия" },
  },
];

const DONORS = [
  "Japan",
  "European Union",
  "United States",
  "Germany",
  "Russian Federation",
  "Norway",
  "United Kingdom",
  "France",
];

/** A small deterministic random generator (mulberry32) so the set is the same on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface EvalProject extends FeatureInput {
  key: string;
  variant: "en" | "ru" | "alt";
  donor: string;
}
export interface EvalPair {
  a: EvalProject;
  b: EvalProject;
  positive: boolean;
  kind: "en-ru" | "en-reworded" | "ru-reworded" | "hard-negative" | "gate-negative";
}

function project(
  arch: Archetype,
  variant: "en" | "ru" | "alt",
  r: () => number,
  over: Partial<EvalProject> = {},
): EvalProject {
  const text = arch[variant];
  const lang = variant === "ru" ? "ru" : "en";
  const startYear = 2025 + Math.floor(r() * 2);
  const startMonth = 1 + Math.floor(r() * 6);
  const months = 18 + Math.floor(r() * 18);
  const start = `${startYear}-${String(startMonth).padStart(2, "0")}-01`;
  const endDate = new Date(Date.UTC(startYear, startMonth - 1 + months, 0));
  // Imported activities (IATI) often come without themes; a third of the projects here have none.
  const themes = r() < 0.33 ? [] : arch.themes;
  return {
    key: arch.key,
    variant,
    donor: DONORS[Math.floor(r() * DONORS.length)] as string,
    title: { [lang]: text.title },
    summary: { [lang]: text.summary },
    countries: [arch.country],
    start,
    end: endDate.toISOString().slice(0, 10),
    themes,
    dacCodes: arch.dac,
    organizations: [arch.agencies[lang === "ru" ? "ru" : "en"]],
    usd: Math.round((200 + r() * 2800) * 1000),
    ids: [],
    ...over,
  };
}

/** The labelled pairs (270): 90 positives, 150 hard negatives within each country (two rounds of language variants), 30 gate negatives. */
export function evaluationPairs(seed = 20260501): EvalPair[] {
  const r = rng(seed);
  const pairs: EvalPair[] = [];
  for (const arch of A) {
    pairs.push({ a: project(arch, "en", r), b: project(arch, "ru", r), positive: true, kind: "en-ru" });
    pairs.push({ a: project(arch, "en", r), b: project(arch, "alt", r), positive: true, kind: "en-reworded" });
    pairs.push({ a: project(arch, "ru", r), b: project(arch, "alt", r), positive: true, kind: "ru-reworded" });
  }
  const variants = ["en", "ru", "alt"] as const;
  const countries = [...new Set(A.map((a) => a.country))];
  for (const _round of [0, 1])
    for (const c of countries) {
      const group = A.filter((a) => a.country === c);
      for (let i = 0; i < group.length; i++)
        for (let j = i + 1; j < group.length; j++) {
          const [x, y] = [group[i] as Archetype, group[j] as Archetype];
          const vx = variants[Math.floor(r() * 3)] as "en";
          const vy = variants[Math.floor(r() * 3)] as "en";
          // Same country, same period: the gate lets them through; only the content can tell them apart.
          const a = project(x, vx, r);
          pairs.push({
            a,
            b: project(y, vy, r, { start: a.start, end: a.end }),
            positive: false,
            kind: "hard-negative",
          });
        }
    }
  for (let i = 0; i < 30; i++) {
    const x = A[Math.floor(r() * A.length)] as Archetype;
    const other =
      countries.find((c) => c !== x.country && r() < 0.5) ?? countries.find((c) => c !== x.country) ?? "TUR";
    const b =
      i % 2 === 0
        ? project(x, "ru", r, { countries: [other] })
        : project(x, "alt", r, { start: "2019-01-01", end: "2020-12-31" });
    pairs.push({ a: project(x, "en", r), b, positive: false, kind: "gate-negative" });
  }
  return pairs;
}

export const ARCHETYPES = A;
