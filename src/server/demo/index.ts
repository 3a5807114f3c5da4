import type { AppContext } from "../context.js";
import type { OneTimeCredential } from "../first-screen.js";
import { demoAccounts } from "./demo-accounts.js";
import { demoRegistrations } from "./demo-registrations.js";

export interface DemoSeedOptions {
  /** Sizes for modules that generate volumes (e.g. seizures); each module reads its own key. */
  sizes?: Record<string, number>;
  /** Told of each account created with a one-time password, so the server can print them apart. */
  onCredential?: (credential: OneTimeCredential) => void;
}

/** A module's part of the demo data. Every record it writes is marked as demo, so `remove` finds it all. */
export interface DemoContributor {
  name: string;
  seed(ctx: AppContext, options: DemoSeedOptions): Promise<string[]>;
  remove(ctx: AppContext): Promise<string>;
}

/**
 * Demo contributors in seeding order; removal runs in reverse: the accounts and registration requests, then each
 * module's (its manifest's `demo`) in the order of the module list.
 */
export function demoContributors(ctx: AppContext): DemoContributor[] {
  return [demoAccounts, demoRegistrations, ...ctx.modules.flatMap((m) => (m.demo ? [m.demo] : []))];
}

/**
 * Seeds every contributor's demo data. `summary` (for `pact seed demo`) lists everything, passwords included;
 * `credentials` lets the server print the one-time passwords apart, as the last thing at start-up.
 */
export async function seedDemo(
  ctx: AppContext,
  options: DemoSeedOptions = {},
): Promise<{ summary: string[]; credentials: OneTimeCredential[] }> {
  const summary = ["", "  Demo data (marked [Demo]; remove with `pact seed demo --remove`):"];
  const credentials: OneTimeCredential[] = [];
  const onCredential = (c: OneTimeCredential) => {
    credentials.push(c);
    options.onCredential?.(c);
  };
  const collect = { ...options, onCredential };
  for (const contributor of demoContributors(ctx)) {
    for (const line of await contributor.seed(ctx, collect)) summary.push(`    ${line}`);
  }
  summary.push("");
  return { summary, credentials };
}

export async function removeDemo(ctx: AppContext): Promise<string[]> {
  const lines: string[] = [];
  for (const contributor of demoContributors(ctx).reverse()) lines.push(await contributor.remove(ctx));
  return lines;
}
