import type { DemoContributor } from "../../demo/index.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import type { FacilityValues } from "./facilities.repository.js";
import { checklistOf } from "./facilities.reference.js";

type Demo = [
  country: string,
  city: string,
  lat: number,
  lon: number,
  en: string,
  ru: string,
  orgType: "public" | "ngo" | "private",
  modalities: string[],
  services: string[],
  populations: string[],
  capacity: number,
];

/** Facilities of a kind the partner countries run, at their cities' coordinates; every name marked [Demo]. */
const FACILITIES: Demo[] = [
  ["TJK", "Dushanbe", 38.5598, 68.787, "Republican Clinical Centre of Narcology", "Республиканский клинический центр наркологии", "public", ["outpatient", "short_term_inpatient"], ["opioid_agonist_therapy", "withdrawal_management", "hiv_testing", "hepatitis_testing"], ["adults", "women"], 150],
  ["TJK", "Khujand", 40.2826, 69.6222, "Sughd Regional Narcology Dispensary", "Согдийский областной наркологический диспансер", "public", ["outpatient", "short_term_inpatient"], ["withdrawal_management", "psychosocial"], ["adults"], 60],
  ["TJK", "Dushanbe", 38.5737, 68.7738, "Harm Reduction Outreach Point", "Пункт аутрич-помощи по снижению вреда", "ngo", ["community_outreach", "screening_brief_intervention"], ["naloxone", "needle_syringe", "hiv_testing", "peer_support"], ["people_who_inject", "women"], 0],
  ["KGZ", "Bishkek", 42.8746, 74.5698, "Republican Centre of Psychiatry and Narcology", "Республиканский центр психиатрии и наркологии", "public", ["outpatient", "short_term_inpatient", "long_term_residential"], ["opioid_agonist_therapy", "withdrawal_management", "mental_health", "psychosocial"], ["adults", "adolescents", "women"], 240],
  ["KGZ", "Osh", 40.5283, 72.7985, "Osh Methadone Programme Site", "Пункт метадоновой программы, Ош", "public", ["outpatient"], ["opioid_agonist_therapy", "hiv_testing", "tb_screening"], ["adults", "people_who_inject"], 0],
  ["KGZ", "Bishkek", 42.8407, 74.6031, "Prison Health Programme, Colony 47", "Программа здоровья в учреждении № 47", "public", ["outpatient", "recovery_management"], ["opioid_agonist_therapy", "hiv_treatment", "psychosocial"], ["people_in_prisons"], 80],
  ["KAZ", "Almaty", 43.2389, 76.8897, "Almaty Rehabilitation Centre", "Алматинский реабилитационный центр", "public", ["short_term_inpatient", "long_term_residential", "recovery_management"], ["withdrawal_management", "psychosocial", "family_therapy", "social_reintegration"], ["adults", "adolescents"], 200],
  ["KAZ", "Astana", 51.1605, 71.4704, "Astana Centre for Mental Health", "Центр психического здоровья, Астана", "public", ["screening_brief_intervention", "outpatient", "short_term_inpatient"], ["withdrawal_management", "mental_health", "antagonist_therapy"], ["adults"], 180],
  ["UZB", "Tashkent", 41.2995, 69.2401, "Republican Specialized Scientific-Practical Medical Centre of Narcology", "Республиканский специализированный научно-практический медицинский центр наркологии", "public", ["outpatient", "short_term_inpatient"], ["withdrawal_management", "psychosocial", "hiv_testing"], ["adults", "adolescents"], 300],
  ["UZB", "Samarkand", 39.6542, 66.9597, "Samarkand Regional Narcology Dispensary", "Самаркандский областной наркологический диспансер", "public", ["outpatient", "short_term_inpatient"], ["withdrawal_management"], ["adults"], 90],
  ["AFG", "Kabul", 34.5553, 69.2075, "Kabul Drug Treatment Hospital", "Кабульская больница лечения наркозависимости", "public", ["short_term_inpatient", "outpatient"], ["withdrawal_management", "psychosocial", "hiv_testing"], ["adults"], 100],
  ["AFG", "Herat", 34.3482, 62.1997, "Herat Women's Treatment Centre", "Центр лечения для женщин, Герат", "ngo", ["outpatient", "long_term_residential"], ["psychosocial", "family_therapy", "social_reintegration"], ["women", "children"], 40],
  ["AFG", "Mazar-i-Sharif", 36.709, 67.1109, "Balkh Community Outreach Team", "Аутрич-команда провинции Балх", "ngo", ["community_outreach"], ["naloxone", "needle_syringe", "peer_support"], ["people_who_inject", "homeless"], 0],
  ["PAK", "Karachi", 24.8607, 67.0011, "Karachi Drug Rehabilitation Centre", "Реабилитационный центр Карачи", "ngo", ["long_term_residential", "recovery_management"], ["psychosocial", "peer_support", "social_reintegration"], ["adults"], 120],
  ["PAK", "Lahore", 31.5204, 74.3587, "Model Addiction Treatment and Rehabilitation Centre", "Образцовый центр лечения и реабилитации", "public", ["screening_brief_intervention", "outpatient", "short_term_inpatient"], ["withdrawal_management", "psychosocial", "hepatitis_testing"], ["adults", "adolescents"], 150],
  ["IRN", "Tehran", 35.6892, 51.389, "Iran National Center for Addiction Studies clinic", "Клиника Национального центра исследований зависимости", "public", ["outpatient", "recovery_management"], ["opioid_agonist_therapy", "psychosocial", "hiv_testing", "naloxone"], ["adults", "women"], 0],
  ["IRN", "Mashhad", 36.2605, 59.6168, "Mashhad Methadone Maintenance Clinic", "Клиника метадоновой терапии, Мешхед", "private", ["outpatient"], ["opioid_agonist_therapy"], ["adults"], 0],
  ["TUR", "Istanbul", 41.0082, 28.9784, "AMATEM Alcohol and Substance Addiction Centre", "Центр лечения алкогольной и наркотической зависимости AMATEM", "public", ["outpatient", "short_term_inpatient"], ["withdrawal_management", "opioid_agonist_therapy", "psychosocial"], ["adults"], 160],
  ["TUR", "Ankara", 39.9334, 32.8597, "ÇEMATEM Child and Adolescent Addiction Centre", "Центр лечения зависимости у детей и подростков ÇEMATEM", "public", ["outpatient", "short_term_inpatient"], ["psychosocial", "family_therapy"], ["adolescents", "children"], 40],
  ["AZE", "Baku", 40.4093, 49.8671, "Republican Narcological Centre", "Республиканский наркологический центр", "public", ["outpatient", "short_term_inpatient"], ["withdrawal_management", "opioid_agonist_therapy"], ["adults"], 120],
  ["GEO", "Tbilisi", 41.7151, 44.8271, "Centre for Mental Health and Prevention of Addiction", "Центр психического здоровья и профилактики зависимостей", "public", ["outpatient", "short_term_inpatient", "recovery_management"], ["opioid_agonist_therapy", "hepatitis_treatment", "psychosocial"], ["adults", "women"], 90],
  ["SRB", "Belgrade", 44.7866, 20.4489, "Special Hospital for Addiction Diseases", "Специальная больница для лечения зависимостей", "public", ["outpatient", "short_term_inpatient", "long_term_residential"], ["withdrawal_management", "opioid_agonist_therapy", "psychosocial"], ["adults", "adolescents"], 110],
  ["SRB", "Novi Sad", 45.2671, 19.8335, "Novi Sad Harm Reduction Drop-in", "Пункт снижения вреда, Нови-Сад", "ngo", ["community_outreach", "screening_brief_intervention"], ["naloxone", "needle_syringe", "hiv_testing"], ["people_who_inject", "sex_workers"], 0],
  ["RUS", "Moscow", 55.7558, 37.6173, "Moscow Scientific and Practical Centre of Narcology", "Московский научно-практический центр наркологии", "public", ["screening_brief_intervention", "outpatient", "short_term_inpatient", "long_term_residential"], ["withdrawal_management", "antagonist_therapy", "psychosocial", "mental_health"], ["adults", "adolescents", "women"], 500],
];

/** Demo treatment facilities across the routes, each with a verified date and some with a self-assessment. */
export const demoFacilities: DemoContributor = {
  name: "facilities",
  async seed(ctx) {
    const actor = { ...SYSTEM_ACTOR, label: "demo" };
    const today = Date.now();
    let assessed = 0;
    const rows = await ctx.database.db.transaction().execute(async (trx) => {
      const written = [];
      for (const [i, [country, city, lat, lon, en, ru, orgType, modalities, services, populations, capacity]] of FACILITIES.entries()) {
        const values: FacilityValues & { demo: boolean } = {
          name: { en: `[Demo] ${en}`, ru: `[Демо] ${ru}` },
          name_original: null,
          org_type: orgType,
          country,
          region: null,
          city,
          address: null,
          postcode: null,
          latitude: lat,
          longitude: lon,
          phone: null,
          email: null,
          website: null,
          contact_person: null,
          modalities,
          services,
          populations,
          languages: country === "RUS" || country === "KGZ" || country === "KAZ" ? ["ru"] : ["en", "ru"],
          capacity: capacity || null,
          patients_per_year: capacity ? capacity * 6 : 400 + i * 35,
          accreditation: null,
          last_verified: new Date(today - (30 + i * 17) * 86_400_000).toISOString().slice(0, 10),
          // One in eight is restricted, so members see more than visitors.
          sharing: i % 8 === 5 ? "restricted" : "public",
          source: "demo",
          created_by: null,
          demo: true,
        };
        const row = await ctx.facilities.insertRecord(trx, values, actor);
        written.push(row);
        const modality = modalities[0];
        const checklist = modality ? checklistOf(modality) : undefined;
        if (modality && checklist && i % 3 === 0) {
          for (const [k, monthsAgo] of [14, 2].entries()) {
            const answers = Object.fromEntries(
              checklist.items.map((item, n) => [item.code, (n + i + k) % 4 === 0 ? "not_met" : "met"] as const),
            );
            const met = Object.values(answers).filter((a) => a === "met").length;
            await ctx.facilities.repo.insertAssessment(trx, {
              facility_id: row.id,
              modality,
              assessed_on: new Date(today - monthsAgo * 30 * 86_400_000).toISOString().slice(0, 10),
              answers,
              met,
              applicable: checklist.items.length,
              score: Math.round((met / checklist.items.length) * 1000) / 1000,
              notes: null,
              created_by: null,
            });
            assessed++;
          }
        }
      }
      return written;
    });
    for (const row of rows) await ctx.facilities.index(row);
    return [`facilities       ${rows.length} treatment facilities in ${new Set(FACILITIES.map((f) => f[0])).size} countries, ${assessed} self-assessments`];
  },
  async remove(ctx) {
    const ids = await ctx.facilities.repo.demoIds();
    for (const id of ids) await ctx.search.remove("facility", id);
    const n = await ctx.facilities.repo.removeDemo();
    return `removed ${n} demo treatment facilities`;
  },
};
