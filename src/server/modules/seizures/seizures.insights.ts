import { createHash } from "node:crypto";
import type { Language } from "../../../common/localized.js";
import type {
  AggregateQuery,
  Dashboard,
  DashboardQuery,
  Flow,
  MapCountries,
  MapPoints,
  SeizureFilter,
} from "../../../common/seizures.js";
import type { Principal } from "../../http/access-policy.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import { writeCsv, writeXlsx } from "../../platform/tabular.js";
import type { Audience } from "./seizures.aggregates.js";
import { SEIZURE_EXPORT_NOTE, seizureExportColumns, seizureExportRow } from "./seizures.export.js";
import type { SeizuresService } from "./seizures.service.js";

/** Points beyond this many are cut (the response says so); the map clusters them in the browser. */
export const MAX_MAP_POINTS = 200_000;

/** Answers of the map's country layer kept per process (one per access scope and filter), the oldest dropped first. */
const MAX_MAP_COUNTRY_ENTRIES = 256;

/**
 * Whose sums an answer holds, as a cache key: readers with the same audience get the same figures (coordinators all;
 * members by their partner and country scopes; visitors the public grid).
 */
export function scopeKey(audience: Audience): string {
  if (audience.kind !== "member") return audience.kind;
  return `member:${audience.partnerCode ?? ""}:${[...audience.countries].sort().join(",")}`;
}

/** Dashboards, maps and exports over the published seizures, each honouring the viewer's access. */
export class SeizureInsights {
  private readonly mapCountryCache = new Map<string, { etag: string; body: MapCountries }>();
  /** Reads of individual records (the dashboard's top, map points, exports) are audited events. */
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly seizures: SeizuresService,
    audit: AuditService,
  ) {
    this.changes = new ChangeRecorder({ audit });
  }

  /**
   * Visitors (and anyone asking the public figures): `public` records only, by country, year and drug group,
   * through the disclosure control (small and dominated cells withheld, totals of published cells only).
   */
  publicStats(query: { groupBy: ("country" | "year" | "drugGroup")[]; countries: string[]; drugGroups: string[] }) {
    return this.seizures.aggregateResult({
      groupBy: query.groupBy,
      countries: query.countries,
      drugGroups: query.drugGroups,
      audience: { kind: "public" },
    });
  }

  /** Members: any grouping, summing only the records the member may open (coordinators: all). */
  async stats(query: AggregateQuery, principal: Principal) {
    return this.seizures.aggregateResult({ ...query, audience: await this.seizures.audienceOf(principal) });
  }

  async dashboard(query: DashboardQuery, principal: Principal, actor: Actor): Promise<Dashboard> {
    await this.seizures.requireTerms(principal);
    const { groupBy: breakdownBy, ...filter } = query;
    const audience = await this.seizures.audienceOf(principal);
    const agg = (groupBy: AggregateQuery["groupBy"]) => this.seizures.aggregate({ ...filter, groupBy, audience });
    const v = await this.seizures.visibility(principal);
    const [total, byMonth, byCountry, byDrug, byRoute, byYear, top, alerts, breakdown] = await Promise.all([
      agg([]),
      agg(["year", "month", "drugGroup"]),
      agg(["country"]),
      agg(["drug"]),
      agg(["route"]),
      agg(["year", "drugGroup"]),
      this.seizures.repo.top(filter, v, 10),
      this.seizures.alerts(principal, filter.countries),
      breakdownBy.length ? agg(breakdownBy) : Promise.resolve(undefined),
    ]);
    if (top.length) {
      await this.changes.event(actor, {
        action: "seizure.read",
        objectType: "seizure",
        details: { view: "dashboard.top", ids: top.map((t) => t.id) },
      });
    }
    const num = (n: number | null) => n ?? 0;
    const previous = new Map(byYear.map((r) => [`${r.drugGroup}|${r.year}`, num(r.massKg)]));
    return {
      totals: { cases: num(total[0]?.cases ?? 0), massKg: num(total[0]?.massKg ?? 0) },
      byMonth: byMonth
        .filter((r) => (r.month ?? 0) > 0)
        .map((r) => ({
          year: r.year ?? 0,
          month: r.month ?? 0,
          drugGroup: r.drugGroup ?? "",
          cases: num(r.cases),
          massKg: num(r.massKg),
        })),
      byCountry: byCountry.map((r) => ({ country: r.country ?? "", cases: num(r.cases), massKg: num(r.massKg) })),
      byDrug: byDrug.map((r) => ({ drug: r.drug ?? "", cases: num(r.cases), massKg: num(r.massKg) })),
      byRoute: byRoute.map((r) => ({ route: r.route || "none", cases: num(r.cases), massKg: num(r.massKg) })),
      yearOnYear: byYear.map((r) => {
        const prev = previous.get(`${r.drugGroup}|${(r.year ?? 0) - 1}`) ?? null;
        const kg = num(r.massKg);
        return {
          drugGroup: r.drugGroup ?? "",
          year: r.year ?? 0,
          massKg: kg,
          previousKg: prev,
          changePct: prev ? Math.round(((kg - prev) / prev) * 1000) / 10 : null,
        };
      }),
      top: top.map((t) => ({
        id: t.id,
        seizureDate: t.date_text,
        country: t.country,
        drug: t.drug,
        massKg: t.mass_kg ?? 0,
        place: t.place,
      })),
      alerts,
      ...(breakdown ? { breakdown } : {}),
    };
  }

  /**
   * The map's default layer: published seizures summed per country for the reader's audience, the dashboard's own
   * aggregate (a member sums only the records they may open, so no record is isolated that they cannot list). No
   * record-level data, hence no read audit and a cacheable answer: its ETag is a hash of the aggregate's version,
   * the access scope and the filter, so `ifNoneMatch` naming the current one costs one indexed read (body null: send
   * 304), and the figures are computed once per scope, filter and version in this process.
   */
  async mapCountries(
    filter: SeizureFilter,
    principal: Principal,
    ifNoneMatch?: string,
  ): Promise<{ etag: string; body: MapCountries | null }> {
    await this.seizures.requireTerms(principal);
    const audience = await this.seizures.audienceOf(principal);
    const version = await this.seizures.repo.aggregateVersion();
    const key = `${scopeKey(audience)}|${JSON.stringify(filter)}`;
    const etag = `"mc-${createHash("sha256").update(`${version}|${key}`).digest("base64url").slice(0, 24)}"`;
    if (ifNoneMatch === etag) return { etag, body: null };
    const hit = this.mapCountryCache.get(key);
    if (hit?.etag === etag) return hit;
    const { rows, asOf } = await this.seizures.aggregateResult({ ...filter, groupBy: ["country"], audience });
    const body: MapCountries = {
      items: rows
        .filter((r) => r.country && (r.cases ?? 0) > 0)
        .map((r) => ({ country: r.country ?? "", cases: r.cases ?? 0, massKg: r.massKg ?? 0 })),
      asOf,
    };
    this.mapCountryCache.delete(key);
    if (this.mapCountryCache.size >= MAX_MAP_COUNTRY_ENTRIES) {
      this.mapCountryCache.delete(this.mapCountryCache.keys().next().value as string);
    }
    const entry = { etag, body };
    this.mapCountryCache.set(key, entry);
    return entry;
  }

  /** Individual points for the map as compact arrays; audited like any read of individual records. */
  async points(filter: SeizureFilter, principal: Principal, actor: Actor): Promise<MapPoints> {
    await this.seizures.requireTerms(principal);
    const v = await this.seizures.visibility(principal);
    const rows = await this.seizures.repo.points(filter, v, MAX_MAP_POINTS + 1);
    const truncated = rows.length > MAX_MAP_POINTS;
    const kept = truncated ? rows.slice(0, MAX_MAP_POINTS) : rows;
    const drugs: string[] = [];
    const drugIndex = new Map<string, number>();
    const out: MapPoints = { drugs, lon: [], lat: [], kg: [], drug: [], id: [], truncated };
    for (const r of kept) {
      let i = drugIndex.get(r.drug);
      if (i === undefined) {
        i = drugs.length;
        drugs.push(r.drug);
        drugIndex.set(r.drug, i);
      }
      out.lon.push(Math.round((r.longitude ?? 0) * 1e4) / 1e4);
      out.lat.push(Math.round((r.latitude ?? 0) * 1e4) / 1e4);
      out.kg.push(Math.round((r.mass_kg ?? 0) * 1000) / 1000);
      out.drug.push(i);
      out.id.push(r.id);
    }
    await this.changes.event(actor, {
      action: "seizure.read",
      objectType: "seizure",
      details: { view: "map.points", count: kept.length, filter },
    });
    return out;
  }

  async flows(filter: SeizureFilter, principal: Principal): Promise<{ items: Flow[] }> {
    await this.seizures.requireTerms(principal);
    const v = await this.seizures.visibility(principal);
    const rows = await this.seizures.repo.flows(filter, v);
    return { items: rows.map((r) => ({ from: r.from, to: r.to, cases: Number(r.cases), massKg: Number(r.mass_kg) })) };
  }

  /** Individual published records the viewer may see, as CSV or XLSX; audited with the filter and count. */
  async exportRecords(
    filter: SeizureFilter,
    format: "csv" | "xlsx",
    principal: Principal,
    actor: Actor,
    lang: Language = "en",
  ) {
    await this.seizures.requireTerms(principal);
    const v = await this.seizures.visibility(principal);
    const rows: Record<string, unknown>[] = [];
    for await (const page of this.seizures.repo.exportRows(filter, v)) {
      for (const r of page) rows.push(seizureExportRow(r as unknown as Record<string, unknown>, lang));
    }
    await this.changes.event(actor, {
      action: "seizure.export",
      objectType: "seizure",
      details: { format, count: rows.length, filter },
    });
    const columns = seizureExportColumns(lang);
    const notes = [SEIZURE_EXPORT_NOTE[lang]];
    return format === "csv"
      ? writeCsv(columns, rows)
      : writeXlsx([{ name: lang === "ru" ? "Изъятия" : "Seizures", columns, rows, notes }], {
          title: lang === "ru" ? "Изъятия наркотиков" : "Drug seizures",
        });
  }
}
