import type { AppContext } from "../context.js";
import { demoFacilities } from "../modules/facilities/facilities.demo.js";
import { demoFactsheets } from "../modules/factsheets/factsheets.demo.js";
import { demoMeetings } from "../modules/meetings/meetings.demo.js";
import { demoProjects } from "../modules/projects/projects.demo.js";
import { demoSeizures } from "../modules/seizures/seizures.demo.js";
import { demoTrainings } from "../modules/trainings/trainings.demo.js";
import { demoAccounts } from "./demo-accounts.js";
import { demoRegistrations } from "./demo-registrations.js";

export interface DemoSeedOptions {
  /** Sizes for modules that generate volumes (e.g. seizures); each module reads its own key. */
  sizes?: Record<string, number>;
}

/** A module's part of the demo data. Every record it writes is marked as demo, so `remove` finds it all. */
export interface DemoContributor {
  name: string;
  seed(ctx: AppContext, options: DemoSeedOptions): Promise<string[]>;
  remove(ctx: AppContext): Promise<string>;
}

/** Demo contributors in seeding order; removal runs in reverse. A module adds its own here. */
// Fact sheets build on the seizure records and facilities: keep demoFactsheets after their contributors.
export const demoContributors: DemoContributor[] = [
  demoAccounts,
  demoRegistrations,
  demoSeizures,
  demoFacilities,
  demoFactsheets,
  demoProjects,
  demoMeetings,
  demoTrainings,
];

export async function seedDemo(ctx: AppContext, options: DemoSeedOptions = {}): Promise<{ summary: string[] }> {
  const summary = ["", "  Demo data (marked [Demo]; remove with `pact seed demo --remove`):"];
  for (const contributor of demoContributors) {
    for (const line of await contributor.seed(ctx, options)) summary.push(`    ${line}`);
  }
  summary.push("");
  return { summary };
}

export async function removeDemo(ctx: AppContext): Promise<string[]> {
  const lines: string[] = [];
  for (const contributor of [...demoContributors].reverse()) lines.push(await contributor.remove(ctx));
  return lines;
}
