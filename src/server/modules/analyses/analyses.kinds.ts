import { z } from "zod";
import { ANALYSIS_VIEWS, type AnalysisConfig, type AnalysisKind } from "../../../common/analyses.js";
import { AnalysisQuerySchema as RecommendationQuerySchema } from "../../../common/meetings.js";
import { PivotQuerySchema } from "../../../common/projects.js";
import {
  type DashboardQuery,
  DashboardQuerySchema,
  type SeizureFilter,
  SeizureFilterSchema,
} from "../../../common/seizures.js";
import { ReportQuerySchema } from "../../../common/trainings.js";
import { can, type Permission, type Principal } from "../../http/access-policy.js";
import type { FieldError } from "../../http/errors.js";

type Query = Record<string, string>;

/** The field-error code of a DMP breakdown saved without `groupBy` (its message: the problem handler's catalogue). */
export const BREAKDOWN_GROUP_BY = "breakdown_group_by";

/**
 * One kind of saved analysis: the route that runs it, and that route's own query schema, which validates what is
 * saved. The file format of a route (`format`) is the reader's choice when exporting, never part of what is saved.
 */
interface KindSpec<S extends z.ZodObject> {
  endpoint: string;
  /** The permission the route requires: a reader without it sees the analysis as not available. */
  permission: Permission;
  schema: S;
  /** The canonical query of what the schema accepted: what is stored, and what the reader's run starts from. */
  toQuery(parsed: z.output<S>): Query;
  /** What of the query the reader's access does not allow, removed (their run then shows only what they may see). */
  narrow(query: Query, principal: Principal): { query: Query; narrowed: string[] };
  /**
   * A kind whose views are answered by different routes (the seizure map's layers): the route and the parameters
   * the view adds to the saved query. Without it every view runs `endpoint` with the query as saved.
   */
  viewRun?(view: string): { endpoint: string; query: Query };
}

const list = (v: string[]) => (v.length ? v.join(",") : undefined);
const compact = (q: Record<string, string | undefined>): Query =>
  Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));

const PivotConfigSchema = PivotQuerySchema.omit({ format: true });

const pivot: KindSpec<typeof PivotConfigSchema> = {
  endpoint: "/projects/stats/pivot",
  permission: "member:read",
  schema: PivotConfigSchema,
  toQuery: (p) =>
    compact({
      rows: p.rows,
      columns: p.columns,
      measure: p.measure,
      includeDrafts: p.includeDrafts ? "true" : undefined,
    }),
  // Drafts are counted for coordinators only (ProjectFigures): anyone else's run counts published projects.
  narrow: (query, principal) => {
    if (query.includeDrafts !== "true" || can(principal, "partners:all")) return { query, narrowed: [] };
    const { includeDrafts: _, ...rest } = query;
    return { query: rest, narrowed: ["includeDrafts"] };
  },
};

/** The seizure filter as a canonical query (lists joined by commas, empty ones left out). */
const filterQuery = (f: SeizureFilter) =>
  compact({
    countries: list(f.countries),
    drugs: list(f.drugs),
    drugGroups: list(f.drugGroups),
    routes: list(f.routes),
    from: f.from,
    to: f.to,
    transportModes: list(f.transportModes),
    placeTypes: list(f.placeTypes),
    concealments: list(f.concealments),
    agencies: list(f.agencies),
    sources: list(f.sources),
    nationalities: list(f.nationalities),
    sexes: list(f.sexes),
  });

const dmpDashboard: KindSpec<typeof DashboardQuerySchema> = {
  endpoint: "/seizures/dashboard",
  permission: "seizures:read-records",
  schema: DashboardQuerySchema,
  toQuery: (f: DashboardQuery) => compact({ ...filterQuery(f), groupBy: list(f.groupBy) }),
  // The route itself limits the records to the reader's audience (partner, countries) and applies the disclosure
  // control: the filter needs no narrowing.
  narrow: (query) => ({ query, narrowed: [] }),
};

const TrainingReportConfigSchema = ReportQuerySchema.omit({ format: true });

const trainingReport: KindSpec<typeof TrainingReportConfigSchema> = {
  endpoint: "/trainings/reports",
  // The route is public; a saved analysis is read by signed-in members only.
  permission: "member:read",
  schema: TrainingReportConfigSchema,
  toQuery: (r) => ({ by: r.by }),
  // The report publishes aggregates only, with its own disclosure control (threshold and complementary withholding).
  narrow: (query) => ({ query, narrowed: [] }),
};

const heatmap: KindSpec<typeof RecommendationQuerySchema> = {
  endpoint: "/recommendations/heatmap",
  permission: "member:read",
  schema: RecommendationQuerySchema,
  toQuery: (q) => compact({ pillar: q.pillar === undefined ? undefined : String(q.pillar), meetingId: q.meetingId }),
  // The route reads the recommendations and reports as the reader may (RecommendationsService.heatmap).
  narrow: (query) => ({ query, narrowed: [] }),
};

/**
 * The seizure map (issue 20): its filter (the period and the fields outside the monthly aggregate included) is what
 * is saved; the layer is the view, each answered by the very route the map page calls for it (one source of truth:
 * a saved map shows what the page shows). Every route limits the records to the reader's audience; the country layer
 * is `/seizures/map/countries`, the dashboard's aggregate by country for the reader (countries with seizures only).
 */
const MAP_LAYERS: Record<string, { endpoint: string; query: Query }> = {
  choropleth: { endpoint: "/seizures/map/countries", query: {} },
  points: { endpoint: "/seizures/map/points", query: {} },
  flows: { endpoint: "/seizures/map/flows", query: {} },
};

const dmpMap: KindSpec<typeof SeizureFilterSchema> = {
  endpoint: "/seizures/map/countries",
  permission: "seizures:read-records",
  schema: SeizureFilterSchema,
  toQuery: filterQuery,
  narrow: (query) => ({ query, narrowed: [] }),
  viewRun: (view) => MAP_LAYERS[view] ?? (MAP_LAYERS.choropleth as { endpoint: string; query: Query }),
};

/** The facilities' statistics route takes no parameter: the saved analysis is the question and its view. */
const FacilityStatsConfigSchema = z.object({});

const facilityStats: KindSpec<typeof FacilityStatsConfigSchema> = {
  endpoint: "/facilities/stats",
  // The route is public (visitors count public facilities only); a saved analysis is read by signed-in members.
  permission: "member:read",
  schema: FacilityStatsConfigSchema,
  toQuery: () => ({}),
  // The route counts the facilities the reader may see (FacilitiesService.stats with their principal).
  narrow: (query) => ({ query, narrowed: [] }),
};

// biome-ignore lint/suspicious/noExplicitAny: a registry of specs over different schemas
export const KINDS: Record<AnalysisKind, KindSpec<any>> = {
  "adam.pivot": pivot,
  "dmp.dashboard": dmpDashboard,
  "trainings.report": trainingReport,
  "recommendations.heatmap": heatmap,
  "facilities.stats": facilityStats,
  "dmp.map": dmpMap,
};

/**
 * Validates a configuration with its kind's route schema. Returns the canonical query, or the field errors (paths
 * under `body.config`, localized by the problem handler from zod's own catalogues).
 */
export function parseConfig(
  kind: AnalysisKind,
  view: string,
  config: AnalysisConfig,
  principal: Principal,
): { query: Query } | { errors: FieldError[] } {
  const spec = KINDS[kind];
  const errors: FieldError[] = [];
  if (!(ANALYSIS_VIEWS[kind] as readonly string[]).includes(view)) {
    errors.push({
      path: "body.view",
      code: "invalid_value",
      params: { values: [...ANALYSIS_VIEWS[kind]] },
    });
  }
  const known = Object.keys(spec.schema.shape);
  for (const name of Object.keys(config)) {
    if (!known.includes(name))
      errors.push({ path: `body.config.${name}`, code: "unknown_parameter", params: { name } });
  }
  const parsed = spec.schema.safeParse(config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push({
        path: ["body", "config", ...issue.path.map(String)].join("."),
        code: issue.code,
        params: { ...(issue as unknown as Record<string, unknown>) },
      });
    }
  }
  if (errors.length || !parsed.success) return { errors };
  const query = spec.toQuery(parsed.data);
  // A breakdown without its dimensions would be the totals under another name (an edit may change the view alone).
  if (kind === "dmp.dashboard" && view === "breakdown" && !query.groupBy) {
    return { errors: [{ path: "body.config.groupBy", code: BREAKDOWN_GROUP_BY }] };
  }
  if (query.includeDrafts === "true" && !can(principal, "partners:all")) {
    return {
      errors: [
        {
          path: "body.config.includeDrafts",
          code: "drafts_coordinators",
          messages: {
            en: "Only coordinators may count draft and submitted projects",
            ru: "Учитывать черновики и поданные проекты могут только координаторы",
          },
        },
      ],
    };
  }
  return { query };
}

/** The saved configuration as the reader may run it: what their access does not allow left out. */
export function narrowConfig(kind: AnalysisKind, config: Query, principal: Principal) {
  return KINDS[kind].narrow(config, principal);
}

/** How the reader runs a saved analysis: its route, the query narrowed to their access, and whether they may. */
export function runFor(kind: AnalysisKind, view: string, config: Query, principal: Principal) {
  const spec = KINDS[kind];
  const { query, narrowed } = spec.narrow(config, principal);
  const byView = spec.viewRun?.(view);
  return {
    endpoint: byView?.endpoint ?? spec.endpoint,
    query: { ...query, ...byView?.query },
    narrowed,
    available: can(principal, spec.permission),
  };
}
