import type { SeizureInputParsed } from "../../../common/seizures.js";
import type { AppContext } from "../../context.js";
import type { DemoContributor } from "../../demo/index.js";
import { centroid, isInCountry } from "../../platform/geo.js";
import { insertRows } from "./seizures.import.js";

/** Seizures a new embedded platform shows unless `pact seed demo --seizures N` says otherwise. */
export const DEFAULT_DEMO_SEIZURES = 3000;

/** A small deterministic generator (mulberry32), so every demo database looks the same. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RouteProfile {
  route: "northern" | "balkan" | "southern";
  weight: number;
  /** Countries along the route in order, with the share of seizures made in each. */
  path: [string, number][];
  destinations: string[];
  drugs: [string, number][];
}

/** The three routes out of Afghanistan as UNODC's reports describe them (see src/server/reference/data/routes.ts). */
const PROFILES: RouteProfile[] = [
  {
    route: "northern",
    weight: 0.35,
    path: [
      ["TJK", 0.3],
      ["UZB", 0.2],
      ["TKM", 0.1],
      ["KGZ", 0.15],
      ["KAZ", 0.15],
      ["RUS", 0.1],
    ],
    destinations: ["RUS", "KAZ"],
    drugs: [
      ["heroin", 0.45],
      ["opium", 0.25],
      ["cannabis_resin", 0.2],
      ["methamphetamine", 0.1],
    ],
  },
  {
    route: "balkan",
    weight: 0.4,
    path: [
      ["IRN", 0.35],
      ["TUR", 0.3],
      ["BGR", 0.1],
      ["SRB", 0.08],
      ["MKD", 0.07],
      ["ALB", 0.05],
      ["GRC", 0.05],
    ],
    destinations: ["DEU", "NLD", "ITA"],
    drugs: [
      ["heroin", 0.4],
      ["opium", 0.2],
      ["captagon", 0.15],
      ["acetic_anhydride", 0.1],
      ["cannabis_herb", 0.15],
    ],
  },
  {
    route: "southern",
    weight: 0.25,
    path: [
      ["PAK", 0.45],
      ["IND", 0.15],
      ["TZA", 0.15],
      ["KEN", 0.15],
      ["MOZ", 0.1],
    ],
    destinations: ["ZAF", "LKA", "AUS"],
    drugs: [
      ["heroin", 0.5],
      ["methamphetamine", 0.25],
      ["cannabis_resin", 0.15],
      ["tramadol", 0.1],
    ],
  },
];

function pick<T>(r: () => number, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x <= 0) return item;
  }
  return items[items.length - 1]?.[0] as T;
}

const TYPICAL_KG: Record<string, number> = {
  heroin: 8,
  opium: 25,
  cannabis_resin: 30,
  cannabis_herb: 60,
  methamphetamine: 5,
  acetic_anhydride: 400,
};

const points = new Map<string, [number, number][]>();
/** A few fixed seizure places per country, inside it (jittered around the label point). */
function placesOf(r: () => number, iso3: string): [number, number][] {
  const cached = points.get(iso3);
  if (cached) return cached;
  const c = centroid(iso3) ?? [0, 0];
  const found: [number, number][] = [];
  for (let i = 0; i < 60 && found.length < 8; i++) {
    const lon = c[0] + (r() - 0.5) * 6;
    const lat = c[1] + (r() - 0.5) * 4;
    if (isInCountry(iso3, lat, lon, { toleranceKm: 0 })) found.push([lon, lat]);
  }
  if (!found.length) found.push([c[0], c[1]]);
  points.set(iso3, found);
  return found;
}

/** `n` realistic seizures along the northern, Balkan and southern routes over the last six years. */
export function generateSeizures(n: number, seed = 42, today = new Date()): SeizureInputParsed[] {
  const r = random(seed);
  const out: SeizureInputParsed[] = [];
  const endYear = today.getUTCFullYear();
  for (let i = 0; i < n; i++) {
    const profile = pick(
      r,
      PROFILES.map((p) => [p, p.weight] as [RouteProfile, number]),
    );
    const country = pick(r, profile.path);
    const drug = pick(r, profile.drugs);
    const daysBack = Math.floor(r() * 6 * 365) + 1;
    const date = new Date(Date.UTC(endYear, today.getUTCMonth(), today.getUTCDate()) - daysBack * 86400000);
    const lognormal = Math.exp((r() + r() + r() - 1.5) * 2.2);
    const tablets = drug === "captagon" || drug === "tramadol";
    const quantity = tablets
      ? Math.round(500 + lognormal * 20000)
      : Math.round((TYPICAL_KG[drug] ?? 5) * lognormal * 1000) / 1000;
    const places = placesOf(r, country);
    const [lon, lat] = places[Math.floor(r() * places.length)] ?? [0, 0];
    const at = profile.path.findIndex(([c]) => c === country);
    const transit = profile.path
      .slice(0, at)
      .map(([c]) => c)
      .slice(-2);
    const sharingRoll = r();
    out.push({
      seizureDate: date.toISOString().slice(0, 10),
      datePrecision: "day",
      country,
      adminRegion: null,
      place: null,
      latitude: Math.round(lat * 1e4) / 1e4,
      longitude: Math.round(lon * 1e4) / 1e4,
      coordPrecision: "place",
      drug,
      quantity: Math.max(quantity, 0.001),
      unit: tablets ? "tablet" : drug === "acetic_anhydride" ? "l" : "kg",
      purity: null,
      agency: null,
      placeType: pick(r, [
        ["land_border", 0.4],
        ["inland", 0.25],
        ["road", 0.15],
        ["airport", 0.1],
        ["seaport", 0.1],
      ]),
      transportMode: pick(r, [
        ["road", 0.6],
        ["rail", 0.1],
        ["air", 0.1],
        ["sea", 0.1],
        ["pedestrian", 0.1],
      ]),
      conveyance: null,
      concealment: null,
      originCountries: drug === "acetic_anhydride" ? [] : ["AFG"],
      departureCountry: null,
      transitCountries: drug === "acetic_anhydride" ? [] : transit,
      destinationCountries:
        drug === "acetic_anhydride"
          ? ["AFG"]
          : [profile.destinations[Math.floor(r() * profile.destinations.length)] ?? "RUS"],
      route: profile.route,
      arrests:
        r() < 0.6 ? [{ nationality: country, sex: r() < 0.9 ? "male" : "female", count: 1 + Math.floor(r() * 3) }] : [],
      sourceType: pick(r, [
        ["official", 0.8],
        ["partner", 0.12],
        ["open_source", 0.08],
      ]),
      sourceReference: "[Demo] generated",
      sharing:
        sharingRoll < 0.15 ? "public" : sharingRoll < 0.85 ? "members" : sharingRoll < 0.95 ? "partner" : "restricted",
      confirmWarnings: [],
    });
  }
  return out;
}

/** Writes `n` demo seizures as published records and rebuilds the aggregates. */
export async function seedSeizures(ctx: AppContext, n: number, seed = 42): Promise<number> {
  const inputs = generateSeizures(n, seed);
  const db = ctx.database.db;
  const publishedAt = new Date();
  await db.transaction().execute(async (trx) => {
    const batch = await ctx.seizures.repo.insertBatch(trx, {
      file_name: "[Demo] generator",
      layout: "demo",
      rows: n,
      created_by: null,
      demo: true,
    });
    // The owner of a demo record is its country's partner (partner-level sharing follows it).
    const byCountry = new Map<string, SeizureInputParsed[]>();
    for (const i of inputs) {
      const list = byCountry.get(i.country) ?? [];
      list.push(i);
      byCountry.set(i.country, list);
    }
    for (const [country, list] of byCountry) {
      await insertRows(trx, list, {
        batchId: batch.id,
        userId: null,
        partnerCode: country,
        demo: true,
        status: "published",
        publishedAt,
      });
    }
    await ctx.seizures.repo.rebuildMonthly(trx);
  });
  await ctx.seizures.runAlerts({ demo: true });
  return n;
}

export const demoSeizures: DemoContributor = {
  name: "seizures",
  async seed(ctx, options) {
    const n = options.sizes?.seizures ?? DEFAULT_DEMO_SEIZURES;
    const existing = await ctx.database.db
      .selectFrom("seizures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("demo", "=", true)
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0 && options.sizes?.seizures === undefined)
      return [`seizures        ${existing.n} (already there)`];
    if (n === 0) return [];
    await seedSeizures(ctx, n, 42 + Number(existing.n));
    return [`seizures        ${n} published along the northern, Balkan and southern routes`];
  },
  async remove(ctx) {
    const n = await ctx.seizures.repo.removeDemo();
    return `seizures: removed ${n} demo records`;
  },
};
