import type { DemoContributor } from "../../demo/index.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import { generateSyntheticRecords } from "./linkage-synthetic.js";

const COURSES = [
  {
    code: "DEMO-CD-1",
    title: { en: "Controlled delivery", ru: "Контролируемая поставка" },
    topic: "controlled-delivery",
    level: "basic",
    pillar: 1,
  },
  {
    code: "DEMO-CD-2",
    title: { en: "Controlled delivery, advanced", ru: "Контролируемая поставка, продвинутый" },
    topic: "controlled-delivery",
    level: "advanced",
    pillar: 1,
  },
  {
    code: "DEMO-FI-1",
    title: { en: "Financial investigations", ru: "Финансовые расследования" },
    topic: "financial-investigations",
    level: "basic",
    pillar: 2,
  },
  {
    code: "DEMO-PC-1",
    title: { en: "Precursor identification", ru: "Выявление прекурсоров" },
    topic: "precursors",
    level: "basic",
    pillar: 3,
  },
] as const;

const TRAININGS = [
  {
    course: 0,
    title: "[Demo] Controlled delivery, Almaty",
    country: "KAZ",
    place: "Almaty",
    startsOn: "2024-04-08",
    endsOn: "2024-04-12",
  },
  {
    course: 2,
    title: "[Demo] Financial investigations, Tashkent",
    country: "UZB",
    place: "Tashkent",
    startsOn: "2024-10-14",
    endsOn: "2024-10-18",
  },
  {
    course: 3,
    title: "[Demo] Precursor identification, Dushanbe",
    country: "TJK",
    place: "Dushanbe",
    startsOn: "2025-03-03",
    endsOn: "2025-03-06",
  },
  {
    course: 0,
    title: "[Demo] Controlled delivery, Bishkek",
    country: "KGZ",
    place: "Bishkek",
    startsOn: "2025-09-22",
    endsOn: "2025-09-26",
  },
] as const;

/** Four demo trainings with synthetic participants (Cyrillic and Latin spellings), linked into persons. */
export const demoTrainings: DemoContributor = {
  name: "trainings",
  async seed(ctx, options) {
    const db = ctx.database.db;
    if (await db.selectFrom("trainings").select("id").where("is_demo", "=", true).executeTakeFirst()) return [];
    const courses: { id: string }[] = [];
    for (const c of COURSES) courses.push(await ctx.trainings.repo.insertCourse({ ...c, title: { ...c.title } }, true));
    const records = generateSyntheticRecords(options.sizes?.trainings ?? 60, 99);
    const ids: string[] = [];
    await db.transaction().execute(async (trx) => {
      for (const [k, tr] of TRAININGS.entries()) {
        const course = courses[tr.course] as { id: string };
        const { id } = await ctx.trainings.repo.insertTraining(
          {
            ...tr,
            courseId: course.id,
            project: "XAC/K22",
            organizer: "UNODC ROCA",
            format: "in_person",
            trainers: [],
          },
          null,
          true,
          trx,
        );
        const share = records.filter((_, i) => i % TRAININGS.length === k);
        const rows = share.map((r, i) => ({
          ...r,
          sex: (r.sex as "F" | "M" | null) ?? null,
          unit: null,
          contact: null,
          attended: true,
          completed: i % 5 !== 0,
        }));
        ids.push(...(await ctx.trainings.repo.insertParticipants(id, rows, null, trx)).map((r) => r.id));
      }
    });
    const run = await ctx.trainings.linkage.run({ ...SYSTEM_ACTOR, label: "demo" }, ids);
    return [
      `${TRAININGS.length} trainings, ${run.records} participants linked into ${run.persons} persons, ${run.reviews} pairs to review`,
    ];
  },
  async remove(ctx) {
    await ctx.database.db.transaction().execute((trx) => ctx.trainings.repo.removeDemo(trx));
    return "trainings: demo trainings, participants and courses removed";
  },
};
