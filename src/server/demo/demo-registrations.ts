import type { DemoContributor } from "./index.js";

const DOMAIN = "demo.paris-pact.local";
const HOUR = 3_600_000;

/** Deterministic pseudo-random numbers (mulberry32), so every newcomer sees the same demo figures. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = [
  { name: "Алишер Каримов", partner: "UZB", agency: "Министерство внутренних дел", language: "ru" },
  { name: "Aigerim Nurlanovna", partner: "KAZ", agency: "Agency for Financial Monitoring", language: "en" },
  { name: "Бахтиёр Саидов", partner: "TJK", agency: "Агентство по контролю за наркотиками", language: "ru" },
  { name: "Elif Demir", partner: "TUR", agency: "Turkish National Police, Narcotics Department", language: "en" },
  { name: "Ruslan Mamedov", partner: "AZE", agency: "State Customs Committee", language: "en" },
  { name: "Марина Котова", partner: "RUS", agency: "МВД России, ГУНК", language: "ru" },
  { name: "Ahmad Shah Rahimi", partner: "PAK", agency: "Anti-Narcotics Force", language: "en" },
  { name: "Nikola Petrović", partner: "SRB", agency: "Ministry of Interior, Criminal Police", language: "en" },
] as const;

/**
 * Six months of decided registration requests plus a few waiting ones, so the approval queue and the
 * approval-time dashboard show living figures on a new platform. Recognised (and removed) by the demo domain.
 */
export const demoRegistrations: DemoContributor = {
  name: "registrations",
  async seed(ctx) {
    const next = random(2003);
    const now = Date.now();
    const rows = [];
    for (let i = 0; i < 42; i++) {
      const person = PEOPLE[i % PEOPLE.length] as (typeof PEOPLE)[number];
      const waiting = i >= 38;
      const submitted = new Date(now - (waiting ? (i - 37) * 9 * HOUR : Math.floor(next() * 180 + 5) * 24 * HOUR));
      // Most requests are decided within the 48-hour target, some take longer; one in eight is refused.
      const hours = Math.round(4 + next() ** 2 * 90);
      const rejected = !waiting && next() < 0.125;
      rows.push({
        email: `request.${i + 1}@${DOMAIN}`,
        display_name: `[Demo] ${person.name}`,
        partner_code: person.partner,
        agency: person.agency,
        position: person.language === "ru" ? "Старший оперуполномоченный" : "Senior analyst",
        work_phone: "+43 1 26060 0000",
        reason:
          person.language === "ru"
            ? "Доступ к сводкам об изъятиях и материалам совещаний для аналитической работы."
            : "Access to seizure summaries and meeting materials for analytical work.",
        language: person.language,
        accepted_terms: JSON.stringify([]),
        status: waiting ? ("pending" as const) : rejected ? ("rejected" as const) : ("approved" as const),
        confirmed_at: submitted,
        submitted_at: submitted,
        decided_at: waiting ? null : new Date(submitted.getTime() + hours * HOUR),
        decided_by_name: waiting ? null : "[Demo] Anna Weber",
        decision_reason: rejected ? "The agency is not among the authorities eligible for access." : null,
        approved_role: waiting || rejected ? null : ("member" as const),
      });
    }
    await ctx.registrations.insertHistoric(rows);
    return [`registrations    ${rows.length} requests (4 waiting) for the approval queue and dashboard`];
  },
  async remove(ctx) {
    return `removed ${await ctx.registrations.removeByEmailDomain(DOMAIN)} demo registration requests`;
  },
};
