import { describe, expect, it } from "vitest";
import {
  blockPairs,
  DEFAULT_THRESHOLDS,
  EXHAUSTIVE_BLOCK,
  prepareRecords,
  reviewPairs,
  runLinkage,
} from "./linkage.js";
import { compareNames, comparePatronymics, type LinkRecord, NAME_LEVEL, prepareRecord } from "./linkage-compare.js";
import { evaluateLinkage } from "./linkage-evaluate.js";
import { parseName, skeleton } from "./linkage-names.js";
import { generateSyntheticRecords } from "./linkage-synthetic.js";
import { linkCsv } from "./trainings.cli.js";
import { informativeOrder } from "./trainings-review.js";

const record = (id: string, fullName: string | null, extra: Partial<LinkRecord> = {}): LinkRecord => ({
  id,
  fullName,
  fullNameNative: null,
  dateOfBirth: null,
  sex: null,
  country: null,
  agency: null,
  position: null,
  ...extra,
});

const nameLevel = (a: string, b: string) =>
  compareNames(prepareRecord(record("a", a), 0), prepareRecord(record("b", b), 1));

describe("names across scripts and transliteration systems", () => {
  it("folds the issue's spellings of one officer to one skeleton", () => {
    const spellings = ["Юрий Ковалёв", "Yuriy Kovalev", "Iurii Kovalev", "Yury Kovalyov", "Kovalyev Yuriy"];
    const keys = spellings.map((s) => parseName(s)?.key);
    expect(new Set(keys).size).toBe(1);
    expect(skeleton("Xaydarov")).toBe(skeleton("Хайдаров"));
    expect(skeleton("Khaidarov")).toBe(skeleton("Ҳайдаров"));
    expect(skeleton("Jamshid")).toBe(skeleton("Джамшид"));
  });

  it("grades name agreement: equivalent, initials, patronymic optional, typos, different", () => {
    expect(nameLevel("Yuriy Kovalev", "Ковалёв Юрий Иванович")).toBe(NAME_LEVEL.equivalent);
    expect(nameLevel("Kovalev Yu.", "Iurii Kovalev")).toBe(NAME_LEVEL.initials);
    expect(nameLevel("Kovalev Yu.", "Ivan Kovalev")).toBeLessThan(NAME_LEVEL.initials as number);
    expect(nameLevel("Yuriy Kovalev", "Yuriy Kovlaev")).toBeGreaterThanOrEqual(NAME_LEVEL.jw92 as number);
    expect(nameLevel("Yuriy Kovalev Ivanovich", "Yuriy Kovalev Petrovich")).toBeLessThan(
      NAME_LEVEL.equivalent as number,
    );
    expect(nameLevel("Yuriy Kovalev", "Rustam Karimov")).toBe(NAME_LEVEL.different);
  });
});

describe("names across the schemes of issue 21", () => {
  const key = (name: string) => parseName(name)?.key;

  it("folds GOST 7.79, German, French, Kazakh 2017/2021, Turkmen and Azerbaijani spellings to one key", () => {
    // Юрий Ковалёв under GOST 7.79, the German and the French transcriptions.
    expect(key("Yurij Kovalyov")).toBe(key("Юрий Ковалёв"));
    expect(key("Kowaljow Juri")).toBe(key("Юрий Ковалёв"));
    expect(key("Iouri Kovaliov")).toBe(key("Юрий Ковалёв"));
    // Сулейменов in the Kazakh Latin of 2017 and 2021, Щербаков in German, Атаев in Turkmen.
    expect(key("Su'lei'menov Nurlan")).toBe(key("Сулейменов Нурлан"));
    expect(key("Süleimenov Nūrlan")).toBe(key("Сулейменов Нурлан"));
    expect(key("Schtscherbakow Sergej")).toBe(key("Щербаков Сергей"));
    expect(key("Ataýew Mekan")).toBe(key("Атаев Мекан"));
    // Джафаров in Azerbaijani; a woman's surname in the masculine form; the Turkic j stays дж.
    expect(key("Cəfərov Elçin")).toBe(key("Джафаров Эльчин"));
    expect(key("Karimov Gulnora")).toBe(key("Каримова Гульнора"));
    expect(key("Sanjar Akhmetov")).toBe(key("Санжар Ахметов"));
  });

  it("reconciles vowels and hushing sounds at the phonetic level, and compares fathers whatever the form", () => {
    expect(nameLevel("Toshpoʻlatov Jamshid", "Tashpulatov Dzhamshid")).toBe(NAME_LEVEL.phonetic);
    expect(nameLevel("Məmmədov Elçin", "Mamedov Elchin")).toBe(NAME_LEVEL.phonetic);
    const father = (a: string, b: string) =>
      comparePatronymics(prepareRecord(record("a", a), 0), prepareRecord(record("b", b), 1));
    expect(father("Karimov Jamshid Rustam oʻgʻli", "Джамшид Рустамович Каримов")).toBe(3);
    expect(father("Karimov Jamshid Rustamovich", "Karimov Jamshid Bakhtiyorovich")).toBe(1);
    expect(father("Karimov Jamshid", "Karimov Jamshid Rustamovich")).toBe(0);
  });
});

describe("blocking without skipping", () => {
  it("searches a block far above the exhaustive size by sorted neighbourhood instead of skipping it", () => {
    // 700 records sharing one date of birth: once skipped (over 500), now every record meets its neighbours.
    const records = prepareRecords(
      Array.from({ length: 700 }, (_, i) => record(String(i), `Person${i} Surname${i}`, { dateOfBirth: "1980-01-01" })),
    );
    const { a, b, stats } = blockPairs(records);
    expect(stats.largeBlocks).toBeGreaterThanOrEqual(1);
    expect(stats.largestBlock).toBe(700);
    const met = new Set<number>();
    for (let k = 0; k < a.length; k++) {
      met.add(a[k] as number);
      met.add(b[k] as number);
    }
    expect(met.size).toBe(700);
    expect(a.length).toBeLessThan((700 * 699) / 2);
    expect(EXHAUSTIVE_BLOCK).toBeLessThan(700);
  });
});

describe("linkage", () => {
  const officer = [
    record("1", "Yuriy Kovalev", { dateOfBirth: "1980-04-12", country: "KAZ", agency: "Border Service" }),
    record("2", null, { fullNameNative: "Ковалёв Юрий Иванович", dateOfBirth: "1980-04-12", country: "KAZ" }),
    record("3", "Iurii Kovalev", { dateOfBirth: "1980-12-04", country: "KAZ", agency: "Border Service" }),
    record("4", "Yury Kovalyov", { country: "KAZ", agency: "Border Service" }),
    // A namesake: same name, another date of birth.
    record("5", "Yuriy Kovalev", { dateOfBirth: "1975-09-30", country: "KAZ" }),
  ];
  const background = generateSyntheticRecords(500, 5);

  it("links the variants and keeps the namesake apart", () => {
    const result = runLinkage([...officer, ...background], DEFAULT_THRESHOLDS);
    const c = result.clusterOf;
    expect(c[1]).toBe(c[0]);
    expect(c[2]).toBe(c[0]);
    expect(c[4]).not.toBe(c[0]);
  });

  it("respects reviewers' decisions as must-link and cannot-link", () => {
    const decisions = [
      { a: "1", b: "2", same: false },
      { a: "4", b: "5", same: true },
    ];
    const options = { ...DEFAULT_THRESHOLDS, decisions };
    const result = runLinkage([...officer, ...background], options);
    const c = result.clusterOf;
    expect(c[0]).not.toBe(c[1]);
    expect(c[3]).toBe(c[4]);
    const queued = reviewPairs(result, options).map((p) => [p.a, p.b].sort().join(":"));
    expect(queued).not.toContain("0:1");
  });

  it("beats exact and name-only matching on a labelled set of spelling variants and namesakes", () => {
    // 600 officers of the synthetic generator (Cyrillic and five Latin systems, national passports,
    // initials, typos, 60% with a date of birth, Zipf-distributed names so namesakes occur).
    const e = evaluateLinkage(generateSyntheticRecords(600, 21));
    expect(e.exact.recall).toBeLessThan(0.5);
    expect(e.nameOnly.precision).toBeLessThan(0.8);
    expect(e.model.f1).toBeGreaterThan(e.exact.f1);
    expect(e.model.f1).toBeGreaterThan(e.nameOnly.f1);
    expect(e.model.f1).toBeGreaterThan(0.9);
    expect(e.model.precision).toBeGreaterThan(0.9);
  });
});

describe("pact trainings link", () => {
  it("writes record_id,person_id for a CSV batch", async () => {
    const csv = [
      "record_id,full_name,full_name_native,date_of_birth,sex,country,agency,position",
      "a1,Yuriy Kovalev,,1980-04-12,M,KAZ,Border Service,Major",
      "a2,,Ковалёв Юрий,12.04.1980,M,KAZ,,",
      "a3,Rustam Karimov,,,M,UZB,,",
    ].join("\n");
    const out = await linkCsv(Buffer.from(csv), "in.csv");
    const lines = out.csv
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("record_id,person_id");
    const person = Object.fromEntries(lines.slice(1).map((l) => l.split(",")));
    expect(person.a1).toBe(person.a2);
    expect(person.a3).not.toBe(person.a1);
  });

  it("refuses a file without record_id or names", async () => {
    await expect(linkCsv(Buffer.from("id,name\n1,x"), "in.csv")).rejects.toThrow(/record_id/);
    await expect(linkCsv(Buffer.from("record_id,full_name\n1,"), "in.csv")).rejects.toThrow(/no name/);
  });
});

describe("review queue order", () => {
  it("asks first where the model is least sure, one pair of each kind of doubt before a second", () => {
    const pair = (id: string, probability: number, levels: number[]) => ({ id, probability, levels });
    const same = [6, 0, 2, 2, 0, 0, 0];
    const order = informativeOrder([
      pair("sure-ish", 0.12, [4, 0, 2, 2, 0, 0, 0]),
      pair("a1", 0.45, same),
      pair("a2", 0.44, same),
      pair("a3", 0.43, same),
      pair("b", 0.4, [5, 0, 2, 1, 0, 0, 0]),
    ]).map((p) => p.id);
    // One of each kind first (the least sure and most shared kind leading), then the second of a kind.
    expect(order).toEqual(["a1", "b", "sure-ish", "a2", "a3"]);
  });
});
