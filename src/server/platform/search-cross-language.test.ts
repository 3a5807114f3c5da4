import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.js";
import { createEmptyTestDatabase } from "../../../test/database.js";
import { type Database, openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { migrations } from "../db/migrations/index.js";
import { VISITOR } from "../http/access-policy.js";
import { SearchService } from "./search.js";
import { parseQuery } from "./search-thesaurus.js";

type Hit = { entityId: string; snippet: string | null; highlights: { start: number; end: number }[] };
const ids = (result: { items: { entityId: string }[] }) => result.items.map((i) => i.entityId);
const marked = (hit: Hit | undefined) =>
  hit?.highlights.map((h) => hit.snippet?.slice(h.start, h.end) ?? "").filter(Boolean) ?? [];

describe("search across English and Russian (issue 19)", () => {
  let t: TestApp;
  const find = (q: string, lang: "en" | "ru" = "en") => t.ctx.search.search(VISITOR, { q, limit: 20, offset: 0, lang });

  beforeAll(async () => {
    t = await createTestApp({ reference: false });
    const docs = [
      {
        entityId: "EN-PRECURSORS",
        title: { en: "Precursor control at Central Asian borders" },
        body: "Training customs officers to identify acetic anhydride and other precursor chemicals.",
      },
      {
        entityId: "EN-LAB",
        title: { en: "Forensic drug laboratory in Bishkek" },
        body: "Equipment and accreditation of the State Forensic Service laboratory of Kyrgyzstan.",
      },
      {
        entityId: "RU-BLO",
        title: { ru: "Пункты пограничной связи на таджикско-афганской границе" },
        body: "Создание и оснащение пунктов пограничной связи в Ишкашиме и Хороге.",
      },
      {
        entityId: "RU-TERMEZ",
        title: { ru: "Кинологическая служба таможни" },
        body: "Подготовка служебных собак для пунктов пропуска Алат и Термез.",
      },
      {
        entityId: "EN-KHOROG",
        title: { en: "Interagency mobile team" },
        body: "Radios and night vision devices for the mobile team in Khorog.",
      },
      {
        entityId: "BOTH-OAT",
        title: {
          en: "Opioid agonist therapy in prisons",
          ru: "Опиоидная заместительная терапия в местах лишения свободы",
        },
        body: "Methadone programmes for prisoners and HIV prevention. Метадоновые программы для заключенных и профилактика ВИЧ.",
      },
      {
        entityId: "EN-SAFFRON",
        title: { en: "Saffron for former poppy farmers" },
        body: "Saffron corms and market access in Herat province.",
      },
    ];
    for (const d of docs) {
      await t.ctx.search.upsert({ entityType: "project", url: `/projects/${d.entityId}`, access: "public", ...d });
    }
  });
  afterAll(() => t.close());

  it("finds English-only records with Russian words and Russian-only records with English words", async () => {
    expect(ids(await find("прекурсоры", "ru"))).toEqual(["EN-PRECURSORS"]);
    expect(ids(await find("лаборатория", "ru"))).toEqual(["EN-LAB"]);
    expect(ids(await find("border liaison"))).toEqual(["RU-BLO"]);
  });

  it("matches names across scripts, inflected or not", async () => {
    const termez = await find("Termez");
    expect(ids(termez)).toEqual(["RU-TERMEZ"]);
    // Marked although ts_headline cannot see it: the snippet's words are keyed like the index's.
    expect(marked(termez.items[0])).toEqual(["Термез"]);
    expect(ids(await find("Хорог", "ru"))).toContain("EN-KHOROG");
    expect(ids(await find("Хорога", "ru"))).toContain("EN-KHOROG");
    expect(ids(await find("Khorog"))).toEqual(expect.arrayContaining(["EN-KHOROG", "RU-BLO"]));
  });

  it("does not find what only shares a generic word: every word of a short query must match", async () => {
    expect(ids(await find("прекурсоры шафран", "ru"))).toEqual([]);
    expect(ids(await find("saffron прекурсоры", "ru"))).toEqual([]);
    expect(ids(await find("прекурсоры -anhydride", "ru"))).toEqual([]);
  });

  it("cuts snippets from the reader's language when the record has it, else from the language it has", async () => {
    const ru = (await find("methadone", "ru")).items.find((i) => i.entityId === "BOTH-OAT");
    expect(ru?.snippet).toBe("Метадоновые программы для заключенных и профилактика ВИЧ");
    expect(marked(ru)).toEqual(["Метадоновые"]);
    const en = (await find("метадон", "en")).items.find((i) => i.entityId === "BOTH-OAT");
    expect(en?.snippet?.startsWith("Methadone programmes")).toBe(true);
    expect(en?.snippet).not.toMatch(/[А-Яа-я]/);
    expect(marked(en)).toEqual(["Methadone"]);
    // English only: the Russian reader gets the English text, with the match marked.
    const lab = (await find("лаборатория", "ru")).items[0];
    expect(lab?.snippet).toMatch(/^Equipment and accreditation/);
    expect(marked(lab)).toEqual(["laboratory"]);
  });

  it("joins adjacent matched words into one highlight and never returns markup or quotation marks", async () => {
    const hit = (await find("border liaison", "ru")).items[0];
    expect(marked(hit)).toEqual(["пограничной связи"]);
    expect(hit?.snippet).not.toMatch(/[«»<>\uE000\uE001]/);
  });

  it("serves highlights over HTTP in the language of the request", async () => {
    const visitor = await t.visitor();
    const res = await visitor.request({ url: "/api/v1/search?q=saffron", headers: { "accept-language": "ru" } });
    expect(res.statusCode).toBe(200);
    const [hit] = res.json().items as Hit[];
    expect(hit?.entityId).toBe("EN-SAFFRON");
    expect(marked(hit)).toEqual(["Saffron"]);
  });
});

describe("search query parsing", () => {
  it("expands words through the domain thesaurus in both languages", () => {
    const [word] = parseQuery("прекурсоры").words;
    expect(word?.stems).toEqual(expect.arrayContaining(["precursor", "прекурс"]));
    expect(parseQuery("border liaison").words.map((w) => w.stems.includes("связ"))).toEqual([false, true]);
  });

  it("reads quotes, 'or' and exclusions as websearch_to_tsquery does", () => {
    const parsed = parseQuery('"acetic anhydride" or heroin -cocaine');
    expect(parsed.anyOf).toBe(true);
    expect(parsed.excluded).toEqual(["cocaine"]);
    expect(parsed.words.map((w) => [w.text, w.phrase])).toEqual([
      ["acetic anhydride", true],
      ["heroin", false],
    ]);
    expect(parsed.words[0]?.stems).toEqual([]);
  });
});

describe("search index rows written before migration 0021", () => {
  let empty: Awaited<ReturnType<typeof createEmptyTestDatabase>>;
  let database: Database;

  beforeAll(async () => {
    empty = await createEmptyTestDatabase();
    database = await openDatabase({ connection: empty.connection, poolSize: 2 });
    const keys = Object.keys(migrations).sort();
    const before = keys[keys.indexOf("0021_search_transliteration") - 1] as string;
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo(before);
    if (error) throw error;
    // A row as the search of the previous version wrote it.
    await sql`
      insert into search_index (entity_type, entity_id, title, body, url, access, plain, tsv_en, tsv_ru)
      values ('project', 'OLD', '{"ru": "Кинологи"}', 'Служебные собаки на пункте пропуска Термез.', '/projects/OLD',
        'public', 'кинологи служебные собаки на пункте пропуска термез.',
        to_tsvector('english', 'Кинологи Служебные собаки на пункте пропуска Термез.'),
        to_tsvector('russian', 'Кинологи Служебные собаки на пункте пропуска Термез.'))`.execute(database.db);
    await migrateToLatest(database.db);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await empty?.drop();
  });

  it("are found by the new search, across languages and scripts", async () => {
    const search = new SearchService(database.db);
    const find = async (q: string) => ids(await search.search(VISITOR, { q, limit: 10, offset: 0, lang: "en" }));
    expect(await find("собаки")).toEqual(["OLD"]);
    expect(await find("Termez")).toEqual(["OLD"]);
    expect(await find("canine")).toEqual(["OLD"]);
  });
});
