import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { AppContext } from "../context.js";
import type { DB } from "../db/schema.js";
import { ReferenceRepository } from "../modules/partners/partners.repository.js";
import { SYSTEM_ACTOR } from "../platform/audit.js";
import { ChangeRecorder } from "../platform/changes.js";
import { partnerCountries, partnerOrganizations } from "./data/partners.js";
import { commitments, pillars } from "./data/pillars.js";
import { donors, liaisonPosts, programmeComponents } from "./data/programme.js";
import { routes } from "./data/routes.js";

export interface LoadCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}
export type ReferenceReport = Record<string, LoadCounts>;

type Row = Record<string, unknown>;

/** JSON columns compare by value; `undefined` fields are dropped as they would be in jsonb. */
const json = (v: unknown) => JSON.parse(JSON.stringify(v ?? null));

/** Compares the reference rows with what is stored and writes only the differences. */
async function sync(
  trx: Kysely<DB>,
  repo: ReferenceRepository,
  table: keyof DB,
  keyColumns: string[],
  wanted: Row[],
  onChange?: (before: Row | null, after: Row) => Promise<Row>,
): Promise<LoadCounts> {
  const counts: LoadCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const key = (row: Row) => keyColumns.map((k) => String(row[k])).join("\u0000");
  const stored = new Map((await repo.existing(table, trx)).map((r) => [key(r), r]));
  for (const row of wanted) {
    const before = stored.get(key(row));
    const serialised = Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, typeof v === "object" && v !== null ? JSON.stringify(v) : v]),
    );
    if (!before) {
      await repo.insert(table, onChange ? { ...serialised, ...(await onChange(null, row)) } : serialised, trx);
      counts.inserted += 1;
      continue;
    }
    const same = Object.keys(row).every((k) => isDeepStrictEqual(json(before[k]), json(row[k])));
    if (same) {
      counts.unchanged += 1;
      continue;
    }
    const keys = Object.fromEntries(keyColumns.map((k) => [k, row[k]]));
    await repo.update(table, keys, onChange ? { ...serialised, ...(await onChange(before, row)) } : serialised, trx);
    counts.updated += 1;
  }
  return counts;
}

/**
 * Loads the reference data taken from the source documents. Idempotent: a second run changes nothing and
 * reports every row unchanged. Partners are versioned domain records, so their changes enter the history.
 */
export async function loadReferenceData(ctx: AppContext): Promise<ReferenceReport> {
  const { db } = ctx.database;
  const repo = new ReferenceRepository(db);
  const changes = new ChangeRecorder({ audit: ctx.audit, revisions: ctx.revisions });
  const report = await db.transaction().execute(async (trx) => {
    const partnerRows: Row[] = [
      ...partnerCountries.map((c) => ({
        code: c.code,
        kind: "country",
        name: c.name,
        listed_as: c.listedAs,
        region: c.region,
        since_third_mc: c.sinceThirdMinisterialConference,
        provenance: c.provenance,
      })),
      ...partnerOrganizations.map((o) => ({
        code: o.acronym,
        kind: "organization",
        name: o.name,
        listed_as: o.listedAs,
        region: null,
        since_third_mc: o.sinceThirdMinisterialConference,
        provenance: o.provenance,
      })),
    ];
    const result: ReferenceReport = {};
    result.partners = await sync(trx, repo, "partners", ["code"], partnerRows, async (before, after) => {
      const version = before ? Number(before.version) + 1 : 1;
      const id = (before?.id as string | undefined) ?? crypto.randomUUID();
      // The platform's own change: a revision (partners are versioned records), no audit entry of its own.
      await changes.record(trx, SYSTEM_ACTOR, {
        type: "partner",
        action: before ? "update" : "create",
        before,
        after: { ...(before ?? {}), ...after, id },
        id,
        version,
        audit: null,
      });
      return before ? { version, updated_at: new Date() } : { id };
    });
    result.pillars = await sync(
      trx,
      repo,
      "pillars",
      ["number"],
      pillars.map((p) => ({
        number: p.number,
        roman: p.roman,
        title: p.title,
        aims: p.aims,
        provenance: p.provenance,
      })),
    );
    result.commitments = await sync(
      trx,
      repo,
      "commitments",
      ["code"],
      commitments.map((c) => ({
        code: c.code,
        pillar: c.pillar,
        number: c.number,
        text: c.text,
        provenance: c.provenance,
      })),
    );
    result.routes = await sync(
      trx,
      repo,
      "routes",
      ["code"],
      routes.map((r) => ({
        code: r.code,
        name: r.name,
        description: r.description,
        regions: r.regions,
        provenance: r.provenance,
      })),
    );
    result.route_countries = await sync(
      trx,
      repo,
      "route_countries",
      ["route_code", "country_code"],
      routes.flatMap((r) => r.countries.map((c, i) => ({ route_code: r.code, country_code: c, position: i + 1 }))),
    );
    result.donors = await sync(
      trx,
      repo,
      "donors",
      ["key"],
      donors.map((d) => ({
        key: `${d.year}:${d.partnerCode ?? d.name.en ?? d.name.ru}`,
        year: d.year,
        partner_code: d.partnerCode,
        name: d.name,
        provenance: d.provenance,
      })),
    );
    result.liaison_posts = await sync(
      trx,
      repo,
      "liaison_posts",
      ["code"],
      liaisonPosts.map((p) => ({
        code: p.code,
        duty_station: p.dutyStation,
        country: p.country,
        covers: p.covers,
        since: p.since,
        note: p.note,
        provenance: p.provenance,
      })),
    );
    result.programme_components = await sync(
      trx,
      repo,
      "programme_components",
      ["code"],
      programmeComponents.map((c) => ({
        code: c.code,
        name: c.name,
        description: c.description,
        provenance: c.provenance,
      })),
    );
    result.meetings = await ctx.meetings.meetings.loadReference(trx);
    const changed = Object.values(result).reduce((n, c) => n + c.inserted + c.updated, 0);
    if (changed > 0) {
      await changes.event(SYSTEM_ACTOR, { action: "reference.load", details: result as Record<string, unknown> }, trx);
    }
    return result;
  });
  ctx.partners.invalidateCache();
  await ctx.partners.indexForSearch();
  return report;
}
