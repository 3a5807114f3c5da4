import { sql } from "kysely";
import type { DemoContributor } from "../../demo/index.js";

const DAY = 86_400_000;

/** Demo recommendations on the reference EWGs of 2021 (the documents give their counts, not their texts). */
const RECOMMENDATIONS = [
  {
    meeting: "ewg-25",
    pillar: 2,
    commitments: ["II.1", "II.4"],
    en: "[Demo] Gather good practices for disrupting contactless drug purchases paid in virtual assets.",
    ru: "[Демо] Обобщить передовой опыт пресечения бесконтактных закупок наркотиков с оплатой виртуальными активами.",
  },
  {
    meeting: "ewg-25",
    pillar: 2,
    commitments: ["II.2"],
    en: "[Demo] Answer requests for mutual legal assistance on opiate-related asset recovery within 60 days.",
    ru: "[Демо] Отвечать на запросы о взаимной правовой помощи по возвращению активов, связанных с опиатами, в течение 60 дней.",
  },
  {
    meeting: "ewg-25",
    pillar: 2,
    commitments: ["II.3", "II.5"],
    en: "[Demo] Train financial intelligence units along the northern route in tracing virtual asset flows.",
    ru: "[Демо] Обучить подразделения финансовой разведки на северном маршруте отслеживанию потоков виртуальных активов.",
  },
  {
    meeting: "ewg-26",
    pillar: 3,
    commitments: ["III.1", "III.6"],
    en: "[Demo] Share seizure data on acetic anhydride through the regional intelligence working group within a month.",
    ru: "[Демо] Передавать данные об изъятиях уксусного ангидрида через региональную рабочую группу в течение месяца.",
  },
  {
    meeting: "ewg-26",
    pillar: 3,
    commitments: ["III.4"],
    en: "[Demo] Standardize forensic profiling of heroin samples so that results can be compared across laboratories.",
    ru: "[Демо] Стандартизировать криминалистическое профилирование образцов героина для сопоставимости результатов лабораторий.",
  },
  {
    meeting: "ewg-26",
    pillar: 3,
    commitments: ["III.10"],
    en: "[Demo] Agree voluntary codes of practice with chemical manufacturers on suspicious orders.",
    ru: "[Демо] Согласовать с производителями химической продукции добровольные кодексы поведения в отношении подозрительных заказов.",
  },
];

const PARTNERS = ["TJK", "UZB", "KAZ", "KGZ", "TUR", "IRN", "PAK", "RUS"];
const STATUSES = ["not_started", "partial", "partial", "done"] as const;

/**
 * Demo recommendations with their lifecycle (adopted at the 2021 EWGs, endorsed by the fifteenth PCGM) and
 * two years of partners' implementation reports, so the heatmap and progress views show living figures.
 */
export const demoMeetings: DemoContributor = {
  name: "meetings",
  async seed(ctx) {
    const db = ctx.database.db;
    const refs = await db
      .selectFrom("meetings")
      .select(["id", "ref_key", "start_date"])
      .where("ref_key", "in", ["ewg-25", "ewg-26", "pcgm-15"])
      .execute();
    const byKey = new Map(refs.map((r) => [r.ref_key, r]));
    const pcgm = byKey.get("pcgm-15");
    if (!pcgm) return ["meetings         reference meetings missing: no demo recommendations"];
    let reports = 0;
    await db.transaction().execute(async (trx) => {
      for (const [i, r] of RECOMMENDATIONS.entries()) {
        const meeting = byKey.get(r.meeting);
        if (!meeting) continue;
        const rec = await trx
          .insertInto("recommendations")
          .values({
            meeting_id: meeting.id,
            number: `D${i + 1}`,
            text: JSON.stringify({ en: r.en, ru: r.ru }),
            pillar: r.pillar,
            themes: JSON.stringify([]),
            commitments: JSON.stringify(r.commitments),
            priority: true,
            status: i % 3 === 2 ? "in_progress" : "endorsed",
            endorsed_by_meeting_id: pcgm.id,
            search_text: `D${i + 1} ${r.en} ${r.ru}`,
            is_demo: true,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const steps: [string | null, string, string, string | null][] = [
          [null, "draft", meeting.start_date, meeting.id],
          ["draft", "adopted", meeting.start_date, meeting.id],
          ["adopted", "endorsed", pcgm.start_date, pcgm.id],
        ];
        if (i % 3 === 2) steps.push(["endorsed", "in_progress", "2022-06-01", null]);
        for (const [from, to, on, meetingId] of steps) {
          await trx
            .insertInto("recommendation_transitions")
            .values({
              recommendation_id: rec.id,
              from_status: from,
              to_status: to,
              effective_on: on,
              actor_name: "[Demo] Anna Weber",
              meeting_id: meetingId,
            })
            .execute();
        }
        // Each partner reports a few times, moving forward over two years.
        for (const [j, partner] of PARTNERS.entries()) {
          if ((i + j) % 3 === 0) continue;
          for (let k = 0; k < 3; k++) {
            const status = STATUSES[Math.min(3, ((i + j + k) % 4) + k)] ?? "partial";
            await trx
              .insertInto("implementation_reports")
              .values({
                recommendation_id: rec.id,
                partner_code: partner,
                status,
                narrative: JSON.stringify({ en: "[Demo] Progress reported at the national coordination meeting." }),
                evidence: JSON.stringify([]),
                by_coordinator: k === 0 && j % 4 === 0,
                reporter_name: "[Demo] Focal point",
                reported_at: new Date(Date.parse("2022-02-01") + (k * 240 + j * 9 + i * 5) * DAY),
                is_demo: true,
              })
              .execute();
            reports += 1;
          }
        }
      }
      await trx
        .insertInto("news_items")
        .values({
          title: JSON.stringify({
            en: "[Demo] Precursor case meeting links three acetic anhydride seizures",
            ru: "[Демо] Совещание по делам о прекурсорах связало три изъятия уксусного ангидрида",
          }),
          summary: JSON.stringify({
            en: "Regional hubs met in Tashkent.",
            ru: "Региональные центры провели встречу в Ташкенте.",
          }),
          body: JSON.stringify({
            en: "Regional intelligence hubs met in Tashkent to follow up a priority recommendation of the expert working group on precursors.",
            ru: "Региональные центры оперативной информации встретились в Ташкенте, чтобы выполнить приоритетную рекомендацию экспертной рабочей группы по прекурсорам.",
          }),
          pillars: JSON.stringify([3]),
          published_at: new Date(Date.now() - 12 * DAY),
          author_name: "[Demo] Anna Weber",
          is_demo: true,
        })
        .execute();
    });
    return [
      `meetings         ${RECOMMENDATIONS.length} recommendations of the 2021 EWGs, ${reports} implementation reports, 1 news item`,
    ];
  },
  async remove(ctx) {
    const db = ctx.database.db;
    const recs = await db.deleteFrom("recommendations").where("is_demo", "=", true).executeTakeFirst();
    const news = await db.deleteFrom("news_items").where("is_demo", "=", true).executeTakeFirst();
    await sql`delete from search_index where entity_type in ('recommendation', 'news') and entity_id not in (
      select id::text from recommendations union all select id::text from news_items)`.execute(db);
    return `removed ${Number(recs.numDeletedRows)} demo recommendations and ${Number(news.numDeletedRows)} demo news items`;
  },
};
