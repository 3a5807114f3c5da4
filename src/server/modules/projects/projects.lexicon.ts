/**
 * The cross-language signal of the duplicate check: concepts of counter-narcotics assistance with the word
 * stems that name them in English and Russian, and named entities (organizations, countries, places) whose
 * names differ between the languages. A word maps to the first concept one of whose stems begins it.
 * Words with no concept are transliterated (Cyrillic to Latin) and cut to a short stem, which matches
 * place and person names written in both scripts (Термез / Termez, Хорог / Khorog).
 */
export const CONCEPTS: [string, string[]][] = [
  ["border", ["border", "frontier", "границ", "пограни"]],
  ["customs", ["custom", "тамож"]],
  ["police", ["police", "polic", "полиц", "милиц"]],
  ["lawenf", ["enforcement", "правоохран"]],
  ["drug", ["drug", "narcot", "наркот", "наркомани"]],
  ["heroin", ["heroin", "героин"]],
  ["opiate", ["opiat", "opium", "опиат", "опиум", "опий", "мак"]],
  ["cocaine", ["cocain", "кокаин"]],
  ["cannabis", ["cannab", "hashish", "каннаб", "гашиш", "марихуан"]],
  ["synthetic", ["methamph", "amphet", "synthet", "метамф", "амфет", "синтет"]],
  ["precursor", ["precursor", "прекурс"]],
  ["chemical", ["chemic", "химич", "химик"]],
  ["anhydride", ["anhydr", "ангидр"]],
  ["laboratory", ["laborat", "lab", "лаборат"]],
  ["forensic", ["forensic", "криминалист", "экспертиз", "судебно-"]],
  ["training", ["train", "course", "seminar", "workshop", "обучен", "тренинг", "курс", "семинар", "подготовк", "учеб"]],
  ["trainer", ["trainer", "instructor", "тренер", "инструктор", "преподав"]],
  ["equipment", ["equip", "оборудов", "оснащ", "снаряжен"]],
  ["vehicle", ["vehicl", "car", "truck", "автомоб", "транспортн средств", "машин"]],
  ["scanner", ["scanner", "x-ray", "xray", "сканер", "рентген", "досмотров"]],
  ["canine", ["canine", "dog", "k9", "кинолог", "собак", "служебн собак"]],
  ["port", ["seaport", "port", "порт"]],
  ["airport", ["airport", "air", "аэропорт", "авиа"]],
  ["rail", ["railway", "rail", "train station", "железнодор", "вокзал"]],
  ["container", ["container", "контейнер"]],
  ["checkpoint", ["checkpoint", "crossing", "пункт", "пропуск"]],
  ["mobile", ["mobile", "мобильн"]],
  ["interagency", ["interagency", "inter-agency", "межведомств"]],
  ["intelligence", ["intellig", "разведк", "оперативн"]],
  ["analysis", ["analy", "анали"]],
  ["information", ["information", "информац", "сведен"]],
  ["exchange", ["exchang", "sharing", "share", "обмен"]],
  ["database", ["database", "system", "software", "база", "базы", "базе", "систем", "программн"]],
  ["laundering", ["launder", "отмыв", "легализац"]],
  ["financial", ["financ", "monet", "финанс", "денежн"]],
  ["investigation", ["investigat", "расслед", "следств", "дознан"]],
  ["asset", ["asset", "proceeds", "актив", "доход"]],
  ["seizure", ["seiz", "interdict", "изъят", "пресечен"]],
  ["confiscation", ["confisc", "forfeit", "конфиск"]],
  ["prosecution", ["prosecut", "прокур", "обвинен"]],
  ["judicial", ["judic", "judge", "court", "судь", "суд", "судебн"]],
  ["legislation", ["legislat", "law", "legal", "законод", "закон", "правов"]],
  ["mla", ["mutual", "extradit", "взаимн", "выдач", "экстрад"]],
  ["cooperation", ["cooperat", "collaborat", "сотруднич", "взаимодейств"]],
  ["crossborder", ["cross-border", "crossborder", "трансгранич"]],
  ["regional", ["region", "региональ"]],
  ["capacity", ["capacit", "потенциал", "возможност"]],
  ["strengthen", ["strength", "enhanc", "improv", "укреплен", "усилен", "совершенств", "повышен"]],
  ["treatment", ["treatment", "treat", "лечен", "терап"]],
  ["rehabilitation", ["rehabilit", "recovery", "реабилит", "восстановл"]],
  ["prevention", ["prevent", "профилакт", "предупрежд"]],
  ["school", ["school", "pupil", "student", "школ", "учащ", "студент"]],
  ["youth", ["youth", "young", "adolesc", "молод", "подрост"]],
  ["family", ["family", "parent", "семь", "семей", "родител"]],
  ["hiv", ["hiv", "aids", "вич", "спид"]],
  ["health", ["health", "medical", "здравоохр", "медицин", "здоров"]],
  ["prison", ["prison", "penitent", "detention", "тюрьм", "пенитенц", "заключ"]],
  ["women", ["women", "woman", "gender", "женщин", "гендер"]],
  ["community", ["communit", "сообществ", "общин"]],
  ["research", ["research", "survey", "study", "исследов", "обследов", "изучен"]],
  ["monitoring", ["monitor", "мониторинг", "наблюден"]],
  ["data", ["data", "statist", "данн", "статист"]],
  ["alternative", ["alternat", "livelihood", "альтернатив", "средств к существ"]],
  ["farmer", ["farmer", "crop", "фермер", "посев", "урожа"]],
  ["cybercrime", ["cyber", "darknet", "dark web", "онлайн", "киберп", "даркнет"]],
  ["corruption", ["corrupt", "коррупц"]],
  ["trafficking", ["traffick", "smuggl", "contraband", "оборот", "контрабанд", "трафик"]],
  ["organized", ["organized", "organised", "организован"]],
  ["crime", ["crime", "criminal", "преступ", "криминал"]],
  ["guard", ["guard", "troop", "охран", "войск"]],
  ["officer", ["officer", "staff", "personnel", "сотрудник", "персонал", "офицер"]],
  ["center", ["centre", "center", "центр"]],
  ["academy", ["academ", "institute", "академ", "институт"]],
  ["station", ["station", "outpost", "застав", "станц"]],
  ["infrastructure", ["infrastruct", "construct", "build", "renovat", "инфраструкт", "строит", "ремонт", "здани"]],
  ["risk", ["risk", "profil", "риск", "профил"]],
  ["postal", ["postal", "parcel", "mail", "почт", "посыл"]],
  ["controlled", ["controlled deliver", "контролируем"]],
  ["fiu", ["fiu", "financial intelligence", "финразведк", "подразделен финансовой"]],
  // Named entities whose names differ between the languages.
  ["e_unodc", ["unodc", "унп", "ундок"]],
  ["e_osce", ["osce", "обсе"]],
  ["e_caricc", ["caricc", "царикц"]],
  ["e_bomca", ["bomca", "бомка"]],
  ["e_cadap", ["cadap", "кадап"]],
  ["e_eu", ["european", "eu", "евросо", "ес"]],
  ["e_csto", ["csto", "одкб"]],
  ["e_sco", ["sco", "шос"]],
  ["e_fatf", ["fatf", "фатф"]],
  ["e_eag", ["eag", "eurasian group", "еаг", "евразийск"]],
  ["e_interpol", ["interpol", "интерпол"]],
  ["e_usa", ["united states", "usa", "inl", "сша"]],
  ["e_japan", ["japan", "jica", "япон"]],
  ["e_russia", ["russia", "росси"]],
  ["c_afg", ["afghan", "афган"]],
  ["c_tjk", ["tajik", "tadzhik", "таджик"]],
  ["c_uzb", ["uzbek", "узбек"]],
  ["c_kgz", ["kyrgyz", "kirgiz", "кыргыз", "киргиз"]],
  ["c_kaz", ["kazakh", "казах"]],
  ["c_tkm", ["turkmen", "туркмен"]],
  ["c_irn", ["iran", "persia", "иран"]],
  ["c_pak", ["pakistan", "пакистан"]],
  ["c_tur", ["turkey", "turkiye", "türkiye", "турци"]],
  ["c_aze", ["azerbaij", "азербайдж"]],
  ["c_geo", ["georgia", "грузи"]],
  ["c_srb", ["serbia", "серби"]],
  ["c_alb", ["albania", "албани"]],
  ["p_central_asia", ["central asia", "центральн ази"]],
  ["p_balkan", ["balkan", "балкан"]],
];

/** Concepts present in nearly every project: they carry little evidence of a shared activity. */
export const COMMON_CONCEPTS = new Set([
  "drug",
  "cooperation",
  "capacity",
  "strengthen",
  "regional",
  "lawenf",
  "officer",
  "crime",
  "trafficking",
  "e_unodc",
  "information",
]);

export const STOPWORDS = new Set(
  (
    "the of and to in for on with by a an at from as or is are be this that its their into under within " +
    "project programme program support supporting provide providing phase activity activities new national " +
    "и в во на по с со для к о об от из у за при а также или как что это его их под над между через " +
    "проект проекта программа программы поддержка поддержки оказание обеспечение этап деятельность национальный национальных"
  ).split(" "),
);

const TRANSLIT: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  қ: "q",
  ғ: "g",
  ҳ: "h",
  ӯ: "u",
  ӣ: "i",
  ҷ: "j",
};

export function transliterate(word: string): string {
  let out = "";
  for (const ch of word) out += TRANSLIT[ch] ?? ch;
  return out;
}

/** Stems sorted longest first so that "cross-border" wins over "border". */
const STEMS: { stem: string; concept: string }[] = CONCEPTS.flatMap(([concept, stems]) =>
  stems.map((stem) => ({ stem, concept })),
).sort((a, b) => b.stem.length - a.stem.length);

const SINGLE_WORD_STEMS = STEMS.filter((s) => !s.stem.includes(" "));
const PHRASE_STEMS = STEMS.filter((s) => s.stem.includes(" "));

/** The concept a word names, if any. Short stems (≤ 3 letters) must match the whole word. */
export function conceptOf(word: string): string | null {
  for (const { stem, concept } of SINGLE_WORD_STEMS) {
    if (stem.length <= 3 ? word === stem : word.startsWith(stem)) return concept;
  }
  return null;
}

/** Concepts named by phrases of two words ("central asia", "controlled delivery"). */
export function phraseConcepts(words: string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i] as string;
    const b = words[i + 1] as string;
    for (const { stem, concept } of PHRASE_STEMS) {
      const [s1, s2] = stem.split(" ") as [string, string];
      if (a.startsWith(s1) && b.startsWith(s2)) found.push(concept);
    }
  }
  return found;
}
