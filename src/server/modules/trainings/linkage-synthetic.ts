import { BGN_PCGN, ICAO_DOC_9303, MVD_310, MVD_782, type Schema, translate, WIKIPEDIA, YANDEX_MAPS } from "iuliia";
import type { LinkRecord } from "./linkage-compare.js";
import { seededRandom } from "./linkage-model.js";

/**
 * Synthetic participant lists with known truth, for the linkage tests and benchmark: officers of Central
 * Asia, Afghanistan and the Caucasus whose names are drawn with realistic (Zipf) frequencies, so namesakes
 * such as Ivanov Aleksandr or Karimov Jamshid occur; each person appears in 1–5 trainings, written in
 * Cyrillic and/or Latin by one of several systems (ICAO 9303, the old Russian passport MVD 310/782,
 * BGN/PCGN, Wikipedia, Uzbek Latin, Kazakh and Tajik passports), in any order, with or without patronymic,
 * as "Surname I.", with typos, with the date of birth in about 60% of records.
 */

const SLAVIC_SURNAMES = `Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков
 Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев
 Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Ковалёв Фролов Щербаков Белов Тарасов Журавлёв
 Медведев Киселёв Ильин Гусев Титов Кудрявцев Баранов Куликов Алексеенко Шевченко Бондаренко Ткаченко Кравченко`;
const SLAVIC_MALE = `Александр Сергей Дмитрий Андрей Алексей Юрий Евгений Игорь Николай Владимир Михаил Олег Фёдор Илья
 Артём Максим Иван Виктор Павел Роман Вячеслав Геннадий Анатолий Константин Василий Денис`;
const SLAVIC_FEMALE = `Анна Елена Ольга Наталья Мария Юлия Татьяна Ирина Светлана Екатерина Людмила Оксана`;
const ASIAN_SURNAMES = `Каримов Рахимов Юсупов Абдуллаев Алиев Исмоилов Хайдаров Турсунов Назаров Садыков Ахмедов Мирзоев
 Эргашев Усмонов Хасанов Рашидов Шарипов Нурматов Холматов Жумабаев Ахметов Искаков Касымов Оспанов Байжанов
 Жаксылыков Раджабов Саидов Давлатов Шарифов Кодиров Умаров Юлдашев Тошматов Сулейменов Кенжебаев Омаров
 Бекмуратов Исаев Шукуров Ҳакимов Қурбонов Ғаниев Ёқубов Жўраев Мамадалиев Абдурахмонов Джураев Муминов`;
const ASIAN_MALE = `Жамшид Рустам Фаррух Бахтиёр Азиз Шерзод Улугбек Тимур Нурлан Ержан Асхат Бахтияр Фирдавс Джамшед
 Далер Акмал Ботир Санжар Ильхом Дилшод Отабек Сухроб Бекзод Анвар Абдулло Хуршед Қодир Ғайрат Мухаммад Нодир`;
const ASIAN_FEMALE = `Гульнара Дилноза Айгуль Зарина Малика Шахноза Мадина Нигора Гулшан Айжан Динара Феруза`;
/** Roots and endings of the long tail: most officers do not carry one of the fifty commonest surnames. */
const SLAVIC_ROOTS = `Бел Вороб Гор Дуб Жук Зим Кар Лис Мал Нос Рыб Сав Тих Уст Фил Хом Чер Шил Щук Яр Бур Гал Дем Ерш Жар
 Кол Лап Мох Пан Рус Сит Тур Глад Крут Лоз Мыш Пест Руд Сух Чиж`;
const SLAVIC_ENDINGS = ["ов", "ев", "ин", "енко", "ский", "цев", "анов", "унов", "ихин"];
const ASIAN_ROOTS = `Абдул Бах Гай Дав Ибраг Кам Лат Мах Нур Ораз Пул Рах Сай Тош Фай Хол Чор Шод Эш Юл Якуб Зокир Кур Мур
 Сал Баш Жум Сер Ток Кул Ахун Бобо Валий Габ Давр Жалил Зайн Иргаш Кадыр Лутф`;
const ASIAN_ENDINGS = ["ов", "ев", "баев", "ходжаев", "кулов", "алиев", "назаров", "бекови", "уллаев", "иддинов"];

function surnameOf(slavic: boolean, random: () => number): string {
  if (random() < 0.3) return zipf(list(slavic ? SLAVIC_SURNAMES : ASIAN_SURNAMES), random, 1);
  const root = pick(list(slavic ? SLAVIC_ROOTS : ASIAN_ROOTS), random);
  return root + pick(slavic ? SLAVIC_ENDINGS : ASIAN_ENDINGS, random);
}

const FATHERS = `Иван Сергей Александр Пётр Николай Владимир Юрий Михаил Карим Рустам Бахтиёр Анвар Абдулло Тимур Нурлан`;

const COUNTRIES_SLAVIC = ["KAZ", "KGZ", "UZB", "TJK", "RUS", "AZE", "TKM"];
const COUNTRIES_ASIAN = ["UZB", "KAZ", "TJK", "KGZ", "TKM", "AFG", "UZB", "TJK"];
const AGENCIES = [
  "Drug Control Agency",
  "Ministry of Internal Affairs",
  "State Customs Committee",
  "Border Service",
  "State Security Service",
  "Financial Intelligence Unit",
  "Prosecutor General's Office",
  "Counter-Narcotics Police",
];
const POSITIONS = ["Inspector", "Senior inspector", "Investigator", "Major", "Captain", "Lieutenant", "Head of unit"];

const list = (text: string) => text.split(/\s+/).filter(Boolean);

/** Uzbek Latin as on Uzbek passports (O', G', Sh, Ch, X, J, Q). */
const UZBEK: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "yo",
  ж: "j",
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
  х: "x",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "sh",
  ъ: "'",
  ы: "i",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  ў: "o'",
  қ: "q",
  ғ: "g'",
  ҳ: "h",
};
/** Kazakh and Tajik passports: ICAO-like with national letters (Zh, Kh, J for Ҷ). */
const CENTRAL: Record<string, string> = {
  ...UZBEK,
  ё: "yo",
  ж: "zh",
  х: "kh",
  ю: "yu",
  я: "ya",
  й: "i",
  қ: "k",
  ғ: "gh",
  ҳ: "h",
  ҷ: "j",
  ў: "u",
  ъ: "",
};
const SCHEMES: ((word: string) => string)[] = [
  ...[ICAO_DOC_9303, MVD_310, MVD_782, BGN_PCGN, WIKIPEDIA, YANDEX_MAPS].map(
    (schema: Schema) => (word: string) => translate(word, schema).replace(/[’]/g, ""),
  ),
  (word) => table(word, UZBEK),
  (word) => table(word, CENTRAL),
];

function table(word: string, map: Record<string, string>): string {
  const out = [...word]
    .map((c) => {
      const lower = c.toLowerCase();
      const t = map[lower] ?? lower;
      return c === lower ? t : t.charAt(0).toUpperCase() + t.slice(1);
    })
    .join("");
  return out;
}

/** Russian Cyrillic of a Central Asian name (national letters replaced), as most lists are typed. */
function russified(word: string): string {
  return word.replace(/[ҳқғўҷ]/gi, (c) => {
    const r = ({ ҳ: "х", қ: "к", ғ: "г", ў: "у", ҷ: "дж" } as Record<string, string>)[c.toLowerCase()] ?? c;
    return c === c.toLowerCase() ? r : r.toUpperCase();
  });
}

function patronymicOf(father: string, female: boolean): string {
  if (father.endsWith("ий")) return father.slice(0, -2) + (female ? "ьевна" : "ьевич");
  if (father.endsWith("й")) return father.slice(0, -1) + (female ? "евна" : "евич");
  return father.replace("ё", "е") + (female ? "овна" : "ович");
}

function feminine(surname: string): string {
  return /(ов|ев|ёв|ин)$/.test(surname) ? `${surname}а` : surname;
}

interface Person {
  id: string;
  surname: string;
  given: string;
  patronymic: string;
  sex: "M" | "F";
  dob: string;
  country: string;
  agency: string;
  slavic: boolean;
}

export interface SyntheticRecord extends LinkRecord {
  personId: string;
}

function zipf(items: string[], random: () => number, exponent = 1): string {
  const weights = items.map((_, i) => 1 / (i + 1) ** exponent);
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i] as number;
    if (r <= 0) return items[i] as string;
  }
  return items[items.length - 1] as string;
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;

function makePerson(index: number, random: () => number): Person {
  const slavic = random() < 0.35;
  const female = random() < 0.15;
  const givens = list(slavic ? (female ? SLAVIC_FEMALE : SLAVIC_MALE) : female ? ASIAN_FEMALE : ASIAN_MALE);
  const surname = surnameOf(slavic, random);
  const birth = new Date(Date.UTC(1962 + Math.floor(random() * 38), 0, 1) + Math.floor(random() * 365) * 86400000);
  return {
    id: `P${String(index + 1).padStart(5, "0")}`,
    surname: female ? feminine(surname) : surname,
    given: zipf(givens, random, 0.7),
    patronymic: patronymicOf(pick(list(FATHERS), random), female),
    sex: female ? "F" : "M",
    dob: birth.toISOString().slice(0, 10),
    country: pick(slavic ? COUNTRIES_SLAVIC : COUNTRIES_ASIAN, random),
    agency: pick(AGENCIES, random),
    slavic,
  };
}

const NEIGHBOURS = "qwertyuiopasdfghjklzxcvbnm";

/** One typing error: a letter swapped with its neighbour, dropped, doubled or mistyped. */
function typo(text: string, random: () => number): string {
  const inside = [...text.matchAll(/\p{L}(?=\p{L}\p{L})/gu)].map((m) => (m.index as number) + 1);
  if (inside.length === 0) return text;
  const i = pick(inside, random);
  const kind = random();
  if (kind < 0.3) return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
  if (kind < 0.55) return text.slice(0, i) + text.slice(i + 1);
  if (kind < 0.75) return text.slice(0, i) + text[i] + text.slice(i);
  const cyrillic = /[\u0400-\u04FF]/.test(text);
  const letters = cyrillic ? "аеиоуыэюяклмнрст" : NEIGHBOURS;
  return text.slice(0, i) + letters[Math.floor(random() * letters.length)] + text.slice(i + 1);
}

function writeName(person: Person, random: () => number): { latin: string | null; native: string | null } {
  const withPatronymic = random() < (person.slavic ? 0.5 : 0.35);
  const form = random();
  const scheme = pick(SCHEMES, random);
  const nativeSurname = random() < 0.7 ? russified(person.surname) : person.surname;
  const nativeGiven = random() < 0.7 ? russified(person.given) : person.given;
  const parts = (s: string, g: string, p: string, translit: (w: string) => string) => {
    if (form < 0.08)
      return `${translit(s)} ${translit(g).slice(0, /^(Yu|Ya|Yo|Iu|Ia|Sh|Ch|Zh|Kh|Ю|Я|Ё|Ш|Ч|Ж|Х)/.test(translit(g)) ? 2 : 1)}.`;
    const pp = withPatronymic ? ` ${translit(p)}` : "";
    return form < 0.55 ? `${translit(s)} ${translit(g)}${pp}` : `${translit(g)}${pp} ${translit(s)}`;
  };
  const showNative = random() < 0.55;
  const showLatin = !showNative || random() < 0.7;
  let latin = showLatin ? parts(nativeSurname, nativeGiven, person.patronymic, scheme) : null;
  let native = showNative ? parts(nativeSurname, nativeGiven, person.patronymic, (w) => w) : null;
  if (latin && random() < 0.12) latin = typo(latin, random);
  if (native && random() < 0.08) native = typo(native, random);
  if (latin && random() < 0.3) latin = latin.toUpperCase();
  return { latin, native };
}

function writeDate(person: Person, random: () => number): string | null {
  if (random() >= 0.6) return null;
  const r = random();
  const [y, m, d] = person.dob.split("-") as [string, string, string];
  if (r < 0.04 && Number(d) <= 12 && d !== m) return `${y}-${d}-${m}`;
  if (r < 0.08) return y;
  return person.dob;
}

/** `persons` people with 1–5 records each (2.5 on average), with the truth in `personId`. */
export function generateSyntheticRecords(persons: number, seed = 7, recordsPerPerson = 2.5): SyntheticRecord[] {
  const random = seededRandom(seed);
  const records: SyntheticRecord[] = [];
  for (let p = 0; p < persons; p++) {
    const person = makePerson(p, random);
    const spread = recordsPerPerson - 1;
    let count = 1;
    while (count < 5 && random() < spread / (spread + 1)) count++;
    for (let k = 0; k < count; k++) {
      const name = writeName(person, random);
      records.push({
        id: `R${String(records.length + 1).padStart(7, "0")}`,
        personId: person.id,
        fullName: name.latin,
        fullNameNative: name.native,
        dateOfBirth: writeDate(person, random),
        sex: random() < 0.9 ? person.sex : null,
        country: random() < 0.95 ? person.country : null,
        agency: random() < 0.8 ? (random() < 0.9 ? person.agency : pick(AGENCIES, random)) : null,
        position: random() < 0.7 ? pick(POSITIONS, random) : null,
      });
    }
  }
  // Lists arrive in any order.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [records[i], records[j]] = [records[j] as SyntheticRecord, records[i] as SyntheticRecord];
  }
  return records;
}
