/**
 * Reference data of the treatment facility tool, drawn from the UNODC/WHO International Standards for the
 * Treatment of Drug Use Disorders (revised edition incorporating results of field-testing, 2020):
 * chapter 3 (treatment modalities and settings), chapter 4 (interventions) and chapter 5 (populations with
 * special treatment needs). Checklist items paraphrase the standards' "key characteristics" and the seven
 * key principles (chapter 2); see docs/facilities.md for the mapping of each item to its section.
 */
import type { FacilityReference } from "../../../common/facilities.js";

const L = (en: string, ru: string) => ({ en, ru });

export const MODALITIES: FacilityReference["modalities"] = [
  {
    code: "community_outreach",
    label: L("Community-based outreach", "Аутрич-работа в сообществе"),
    source: "International Standards 2020, §3.1",
  },
  {
    code: "screening_brief_intervention",
    label: L(
      "Screening, brief intervention and referral to treatment",
      "Скрининг, краткосрочное вмешательство и направление на лечение",
    ),
    source: "International Standards 2020, §3.2",
  },
  {
    code: "outpatient",
    label: L("Outpatient treatment", "Амбулаторное лечение"),
    source: "International Standards 2020, §3.3",
  },
  {
    code: "short_term_inpatient",
    label: L("Short-term inpatient treatment", "Краткосрочное стационарное лечение"),
    source: "International Standards 2020, §3.4",
  },
  {
    code: "long_term_residential",
    label: L("Long-term residential treatment", "Долгосрочная резидентная реабилитация"),
    source: "International Standards 2020, §3.5",
  },
  {
    code: "recovery_management",
    label: L("Recovery management", "Поддержка выздоровления"),
    source: "International Standards 2020, §3.6",
  },
];

export const SERVICES: FacilityReference["services"] = [
  { code: "opioid_agonist_therapy", label: L("Opioid agonist therapy", "Опиоидная агонистическая терапия") },
  { code: "withdrawal_management", label: L("Withdrawal management", "Детоксикация (лечение абстинентного синдрома)") },
  { code: "psychosocial", label: L("Psychosocial interventions", "Психосоциальные вмешательства") },
  {
    code: "antagonist_therapy",
    label: L("Opioid antagonist therapy (naltrexone)", "Терапия антагонистами опиоидов (налтрексон)"),
  },
  { code: "hiv_testing", label: L("HIV testing and counselling", "Тестирование и консультирование по ВИЧ") },
  { code: "hepatitis_testing", label: L("Hepatitis B and C testing", "Тестирование на гепатиты B и C") },
  { code: "hiv_treatment", label: L("Antiretroviral therapy", "Антиретровирусная терапия") },
  { code: "hepatitis_treatment", label: L("Hepatitis C treatment", "Лечение гепатита C") },
  { code: "tb_screening", label: L("Tuberculosis screening", "Скрининг на туберкулёз") },
  { code: "naloxone", label: L("Naloxone for overdose prevention", "Налоксон для профилактики передозировок") },
  { code: "needle_syringe", label: L("Needle and syringe programme", "Программа обмена игл и шприцев") },
  {
    code: "mental_health",
    label: L("Treatment of co-occurring mental disorders", "Лечение сопутствующих психических расстройств"),
  },
  { code: "family_therapy", label: L("Family-based interventions", "Семейные вмешательства") },
  { code: "peer_support", label: L("Peer and mutual-help support", "Поддержка равных и группы взаимопомощи") },
  {
    code: "social_reintegration",
    label: L(
      "Social reintegration, housing and employment support",
      "Социальная реинтеграция, помощь с жильём и работой",
    ),
  },
  {
    code: "telemedicine",
    label: L("Telemedicine and remote counselling", "Телемедицина и дистанционное консультирование"),
  },
].map((s) => ({ ...s, source: "International Standards 2020, ch. 4" }));

export const POPULATIONS: FacilityReference["populations"] = [
  { code: "adults", label: L("Adults", "Взрослые") },
  { code: "women", label: L("Women", "Женщины") },
  { code: "pregnant_women", label: L("Pregnant women", "Беременные женщины") },
  { code: "adolescents", label: L("Adolescents", "Подростки") },
  { code: "children", label: L("Children", "Дети") },
  { code: "people_in_prisons", label: L("People in prisons", "Люди в местах лишения свободы") },
  {
    code: "criminal_justice",
    label: L("People in contact with the criminal justice system", "Лица, находящиеся в сфере уголовного правосудия"),
  },
  { code: "people_who_inject", label: L("People who inject drugs", "Люди, употребляющие инъекционные наркотики") },
  { code: "sex_workers", label: L("Sex workers", "Секс-работники") },
  { code: "lgbti", label: L("LGBTI people", "ЛГБТИ") },
  { code: "homeless", label: L("People experiencing homelessness", "Бездомные") },
  { code: "migrants", label: L("Migrants and refugees", "Мигранты и беженцы") },
  { code: "older_people", label: L("Older people", "Пожилые люди") },
].map((s) => ({ ...s, source: "International Standards 2020, ch. 5" }));

export const ORG_TYPES: FacilityReference["orgTypes"] = [
  { code: "public", label: L("Public", "Государственная") },
  { code: "ngo", label: L("Non-governmental organization", "Неправительственная организация") },
  { code: "private", label: L("Private", "Частная") },
];

/** Items every modality shares: the seven key principles of chapter 2 as they apply to any service. */
const PRINCIPLES = [
  [
    "available",
    "Available, accessible and affordable: no waiting list longer than the standards accept, no discrimination",
    "Доступность и приемлемость: без чрезмерных очередей и без дискриминации",
    "§2, principle 1",
  ],
  [
    "consent",
    "Informed consent, confidentiality and the patient's rights are ensured",
    "Обеспечены информированное согласие, конфиденциальность и права пациента",
    "§2, principle 2",
  ],
  [
    "evidence",
    "Interventions are evidence-based and follow a written protocol",
    "Вмешательства основаны на научных данных и следуют письменному протоколу",
    "§2, principle 4",
  ],
  [
    "staff",
    "Staff are qualified, trained and supervised for their tasks",
    "Персонал квалифицирован, обучен и получает супервизию",
    "§2, principle 6",
  ],
  [
    "monitoring",
    "Outcomes are recorded, monitored and evaluated",
    "Результаты фиксируются, отслеживаются и оцениваются",
    "§2, principle 7",
  ],
] as const;

/** Items specific to each modality, from its section in chapter 3. */
const SPECIFIC: Record<string, readonly (readonly [string, string, string])[]> = {
  community_outreach: [
    [
      "reach",
      "Reaches people who use drugs where they are (street, homes, venues), including hidden groups",
      "Работа ведётся там, где находятся люди, употребляющие наркотики, включая скрытые группы",
    ],
    [
      "harm_reduction",
      "Offers information, harm-reduction supplies and naloxone",
      "Предоставляются информация, средства снижения вреда и налоксон",
    ],
    [
      "referral",
      "Has working referral pathways to health and social services",
      "Есть действующие пути направления в медицинские и социальные службы",
    ],
    ["peers", "Involves trained peer workers", "Привлечены обученные равные консультанты"],
  ],
  screening_brief_intervention: [
    [
      "validated_tools",
      "Uses validated screening instruments (e.g. ASSIST, AUDIT)",
      "Используются валидированные инструменты скрининга (например, ASSIST, AUDIT)",
    ],
    [
      "primary_care",
      "Is embedded in primary health care, emergency or social services",
      "Встроено в первичную медико-санитарную помощь, неотложную помощь или социальные службы",
    ],
    [
      "brief_intervention",
      "Provides brief motivational interventions to people with risky use",
      "Проводятся краткие мотивационные вмешательства при рискованном употреблении",
    ],
    [
      "referral",
      "Refers people with a likely disorder to specialised treatment and follows up",
      "Лица с вероятным расстройством направляются на специализированное лечение с последующим контролем",
    ],
  ],
  outpatient: [
    [
      "assessment",
      "Each patient has a comprehensive assessment and an individual treatment plan",
      "У каждого пациента есть комплексная оценка и индивидуальный план лечения",
    ],
    [
      "psychosocial",
      "Offers structured psychosocial interventions (CBT, motivational interviewing, contingency management)",
      "Предлагаются структурированные психосоциальные вмешательства (КПТ, мотивационное интервью, подкрепление)",
    ],
    [
      "pharmacological",
      "Offers or links to pharmacological treatment, including opioid agonist therapy",
      "Предлагается или обеспечивается фармакотерапия, включая опиоидную агонистическую терапию",
    ],
    [
      "hours",
      "Opening hours allow patients to keep work, school and family duties",
      "Часы работы позволяют пациентам сохранять работу, учёбу и семейные обязанности",
    ],
    [
      "comorbidity",
      "Screens for and treats or refers co-occurring mental and physical conditions",
      "Проводится скрининг и лечение (или направление) сопутствующих психических и соматических состояний",
    ],
  ],
  short_term_inpatient: [
    [
      "medical_supervision",
      "Withdrawal is managed under medical supervision with protocols for complications",
      "Абстинентный синдром лечится под медицинским наблюдением с протоколами осложнений",
    ],
    [
      "voluntary",
      "Admission is voluntary and based on clinical need",
      "Госпитализация добровольна и основана на клинической необходимости",
    ],
    [
      "continuity",
      "Every discharge has a plan for continuing care in outpatient or residential services",
      "При каждой выписке составляется план дальнейшего лечения в амбулаторных или резидентных службах",
    ],
    [
      "overdose",
      "Patients at discharge are informed about overdose risk and offered naloxone",
      "При выписке пациентов информируют о риске передозировки и предлагают налоксон",
    ],
  ],
  long_term_residential: [
    [
      "environment",
      "Provides a safe, drug-free living environment with daily structure",
      "Обеспечена безопасная среда проживания без наркотиков с распорядком дня",
    ],
    [
      "individual_plan",
      "Length of stay and interventions follow an individual plan, not a fixed term",
      "Срок пребывания и вмешательства определяются индивидуальным планом, а не фиксированным сроком",
    ],
    [
      "no_coercion",
      "No forced labour, punishment or humiliation; patients may leave",
      "Нет принудительного труда, наказаний и унижения; пациенты могут уйти",
    ],
    [
      "skills",
      "Builds vocational, educational and life skills",
      "Развиваются профессиональные, образовательные и жизненные навыки",
    ],
    [
      "reintegration",
      "Prepares and supports the return to the community",
      "Проводится подготовка и поддержка возвращения в общество",
    ],
  ],
  recovery_management: [
    [
      "aftercare",
      "Offers continuing contact after treatment (check-ups, relapse prevention)",
      "Обеспечивается контакт после лечения (контрольные встречи, профилактика рецидивов)",
    ],
    [
      "housing_employment",
      "Links to housing, employment and education support",
      "Есть связь с поддержкой в вопросах жилья, трудоустройства и образования",
    ],
    [
      "mutual_help",
      "Connects patients with peer and mutual-help groups",
      "Пациенты связаны с группами равных и взаимопомощи",
    ],
    [
      "re_entry",
      "Offers fast re-entry to treatment after relapse",
      "Обеспечено быстрое возвращение к лечению после рецидива",
    ],
  ],
};

export const CHECKLISTS: FacilityReference["checklists"] = MODALITIES.map((m) => ({
  modality: m.code,
  items: [
    ...PRINCIPLES.map(([key, en, ru, source]) => ({
      code: `${m.code}.${key}`,
      label: L(en, ru),
      source: `International Standards 2020, ${source}`,
    })),
    ...(SPECIFIC[m.code] ?? []).map(([key, en, ru]) => ({
      code: `${m.code}.${key}`,
      label: L(en, ru),
      source: m.source,
    })),
  ],
}));

/**
 * Labels seen in treatment locators and national lists, mapped onto our codes. Keys are matched after
 * normalisation (case, punctuation and spaces ignored). A label may stand for several codes.
 */
export const LABEL_SYNONYMS: Record<string, readonly string[]> = {
  // Modalities.
  outreach: ["modality:community_outreach"],
  "street outreach": ["modality:community_outreach"],
  "community outreach": ["modality:community_outreach"],
  аутрич: ["modality:community_outreach"],
  "аутрич-работа": ["modality:community_outreach"],
  screening: ["modality:screening_brief_intervention"],
  sbirt: ["modality:screening_brief_intervention"],
  "brief intervention": ["modality:screening_brief_intervention"],
  "screening and brief intervention": ["modality:screening_brief_intervention"],
  скрининг: ["modality:screening_brief_intervention"],
  outpatient: ["modality:outpatient"],
  "outpatient treatment": ["modality:outpatient"],
  "intensive outpatient": ["modality:outpatient"],
  "intensive outpatient treatment": ["modality:outpatient"],
  "day treatment": ["modality:outpatient"],
  "partial hospitalization": ["modality:outpatient"],
  амбулаторно: ["modality:outpatient"],
  "амбулаторное лечение": ["modality:outpatient"],
  inpatient: ["modality:short_term_inpatient"],
  "hospital inpatient": ["modality:short_term_inpatient"],
  "short-term inpatient": ["modality:short_term_inpatient"],
  "short-term residential": ["modality:short_term_inpatient"],
  стационар: ["modality:short_term_inpatient"],
  "стационарное лечение": ["modality:short_term_inpatient"],
  residential: ["modality:long_term_residential"],
  "long-term residential": ["modality:long_term_residential"],
  "residential rehabilitation": ["modality:long_term_residential"],
  rehab: ["modality:long_term_residential"],
  rehabilitation: ["modality:long_term_residential"],
  "therapeutic community": ["modality:long_term_residential"],
  реабилитация: ["modality:long_term_residential"],
  "реабилитационный центр": ["modality:long_term_residential"],
  aftercare: ["modality:recovery_management"],
  "aftercare/continuing care": ["modality:recovery_management"],
  "recovery support": ["modality:recovery_management"],
  "recovery support services": ["modality:recovery_management"],
  "recovery management": ["modality:recovery_management"],
  постреабилитация: ["modality:recovery_management"],
  // Services.
  methadone: ["service:opioid_agonist_therapy"],
  "methadone maintenance": ["service:opioid_agonist_therapy"],
  buprenorphine: ["service:opioid_agonist_therapy"],
  "buprenorphine maintenance": ["service:opioid_agonist_therapy"],
  oat: ["service:opioid_agonist_therapy"],
  ost: ["service:opioid_agonist_therapy"],
  "opioid substitution therapy": ["service:opioid_agonist_therapy"],
  "opioid agonist therapy": ["service:opioid_agonist_therapy"],
  "medication-assisted treatment": ["service:opioid_agonist_therapy"],
  mat: ["service:opioid_agonist_therapy"],
  "заместительная терапия": ["service:opioid_agonist_therapy"],
  "заместительная поддерживающая терапия": ["service:opioid_agonist_therapy"],
  зпт: ["service:opioid_agonist_therapy"],
  метадон: ["service:opioid_agonist_therapy"],
  бупренорфин: ["service:opioid_agonist_therapy"],
  detox: ["service:withdrawal_management", "modality:short_term_inpatient"],
  detoxification: ["service:withdrawal_management", "modality:short_term_inpatient"],
  "hospital detoxification": ["service:withdrawal_management", "modality:short_term_inpatient"],
  "withdrawal management": ["service:withdrawal_management"],
  детокс: ["service:withdrawal_management", "modality:short_term_inpatient"],
  детоксикация: ["service:withdrawal_management", "modality:short_term_inpatient"],
  naltrexone: ["service:antagonist_therapy"],
  налтрексон: ["service:antagonist_therapy"],
  counselling: ["service:psychosocial"],
  counseling: ["service:psychosocial"],
  "individual counseling": ["service:psychosocial"],
  "group counseling": ["service:psychosocial"],
  "cognitive behavioral therapy": ["service:psychosocial"],
  cbt: ["service:psychosocial"],
  "motivational interviewing": ["service:psychosocial"],
  "contingency management": ["service:psychosocial"],
  psychosocial: ["service:psychosocial"],
  "psychosocial support": ["service:psychosocial"],
  консультирование: ["service:psychosocial"],
  "психосоциальная поддержка": ["service:psychosocial"],
  психотерапия: ["service:psychosocial"],
  "hiv testing": ["service:hiv_testing"],
  "тестирование на вич": ["service:hiv_testing"],
  "hepatitis testing": ["service:hepatitis_testing"],
  "hepatitis c testing": ["service:hepatitis_testing"],
  "тестирование на гепатит": ["service:hepatitis_testing"],
  art: ["service:hiv_treatment"],
  "antiretroviral therapy": ["service:hiv_treatment"],
  арт: ["service:hiv_treatment"],
  "hepatitis c treatment": ["service:hepatitis_treatment"],
  "tb screening": ["service:tb_screening"],
  "tuberculosis screening": ["service:tb_screening"],
  naloxone: ["service:naloxone"],
  "naloxone distribution": ["service:naloxone"],
  налоксон: ["service:naloxone"],
  "syringe services": ["service:needle_syringe"],
  "needle exchange": ["service:needle_syringe"],
  nsp: ["service:needle_syringe"],
  "обмен шприцев": ["service:needle_syringe"],
  "mental health services": ["service:mental_health"],
  "co-occurring disorders": ["service:mental_health"],
  "dual diagnosis": ["service:mental_health"],
  "family counseling": ["service:family_therapy"],
  "family therapy": ["service:family_therapy"],
  "семейная терапия": ["service:family_therapy"],
  "peer support": ["service:peer_support"],
  "self-help groups": ["service:peer_support"],
  "группы взаимопомощи": ["service:peer_support"],
  "housing services": ["service:social_reintegration"],
  "employment services": ["service:social_reintegration"],
  "social reintegration": ["service:social_reintegration"],
  "социальная реинтеграция": ["service:social_reintegration"],
  telemedicine: ["service:telemedicine"],
  telehealth: ["service:telemedicine"],
  телемедицина: ["service:telemedicine"],
  // Populations.
  women: ["population:women"],
  "women only": ["population:women"],
  женщины: ["population:women"],
  "pregnant women": ["population:pregnant_women"],
  "pregnant/postpartum women": ["population:pregnant_women"],
  adolescents: ["population:adolescents"],
  youth: ["population:adolescents"],
  подростки: ["population:adolescents"],
  children: ["population:children"],
  adults: ["population:adults"],
  взрослые: ["population:adults"],
  prison: ["population:people_in_prisons"],
  prisoners: ["population:people_in_prisons"],
  "people in prisons": ["population:people_in_prisons"],
  "criminal justice clients": ["population:criminal_justice"],
  lgbtq: ["population:lgbti"],
  lgbti: ["population:lgbti"],
  veterans: ["population:adults"],
  "seniors/older adults": ["population:older_people"],
  "older adults": ["population:older_people"],
  homeless: ["population:homeless"],
};
