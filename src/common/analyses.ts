import { z } from "zod";
import { pageOf } from "./localized.js";
import { abilitiesSchema, RoleSchema } from "./platform.js";

/**
 * Saved analyses and the dashboards people compose (issue 20, parts 2 and 3). A saved analysis keeps only the
 * configuration of an existing analysis (its query parameters, validated by that analysis route's own schema) and
 * never its figures: whoever opens it runs the analysis again, under their own access rules and disclosure control.
 */

/** What a reader may do with a saved analysis or dashboard (its `can`). */
export const SAVED_ITEM_ACTIONS = ["edit", "schedule"] as const;

/** The analyses that can be saved, each the query of one existing analysis route. */
export const ANALYSIS_KINDS = [
  "adam.pivot",
  "dmp.dashboard",
  "trainings.report",
  "recommendations.heatmap",
  "facilities.stats",
  "dmp.map",
] as const;
export const AnalysisKindSchema = z.enum(ANALYSIS_KINDS);
export type AnalysisKind = z.infer<typeof AnalysisKindSchema>;

/** How each kind is shown (on its page and as a dashboard tile). */
export const ANALYSIS_VIEWS = {
  "adam.pivot": ["table", "bar"],
  "dmp.dashboard": ["totals", "monthly", "byCountry", "byDrug", "byRoute", "breakdown"],
  "trainings.report": ["bar", "table"],
  "recommendations.heatmap": ["heatmap", "table"],
  "facilities.stats": ["map", "capacity", "table"],
  /** The seizure map's layers: mass by country, the records' points, the trafficking flows. */
  "dmp.map": ["choropleth", "points", "flows"],
} as const satisfies Record<AnalysisKind, readonly string[]>;
export const AnalysisViewSchema = z.enum([...new Set(Object.values(ANALYSIS_VIEWS).flat())] as [string, ...string[]]);

/** Who may open a saved analysis or a dashboard besides its owner. */
export const ANALYSIS_VISIBILITIES = ["private", "partner", "members"] as const;
export const AnalysisVisibilitySchema = z.enum(ANALYSIS_VISIBILITIES);
export type AnalysisVisibility = z.infer<typeof AnalysisVisibilitySchema>;

/**
 * An analysis' configuration as the query parameters of its route (lists joined by commas). The server parses it
 * with the route's own schema and stores the canonical form of what that schema accepted.
 */
export const AnalysisConfigSchema = z.record(z.string().min(1).max(40), z.string().max(2000));
export type AnalysisConfig = z.infer<typeof AnalysisConfigSchema>;

const Name = z.string().trim().min(1).max(200);

export const AnalysisInputSchema = z
  .object({
    name: Name,
    kind: AnalysisKindSchema,
    view: AnalysisViewSchema,
    config: AnalysisConfigSchema,
    visibility: AnalysisVisibilitySchema.default("private"),
  })
  .strict()
  .superRefine((input, ctx) => {
    // The DMP breakdown is the figures by one or two chosen fields: saved without them it would show nothing.
    if (input.kind === "dmp.dashboard" && input.view === "breakdown" && !input.config.groupBy?.trim()) {
      ctx.addIssue({
        code: "custom",
        path: ["config", "groupBy"],
        message: "A breakdown needs one or two fields to group by",
        params: { code: "breakdown_group_by" },
      });
    }
  });
export type AnalysisInput = z.input<typeof AnalysisInputSchema>;

export const AnalysisUpdateSchema = z
  .object({
    name: Name.optional(),
    view: AnalysisViewSchema.optional(),
    config: AnalysisConfigSchema.optional(),
    visibility: AnalysisVisibilitySchema.optional(),
    version: z.number().int().min(1),
  })
  .strict();
export type AnalysisUpdate = z.infer<typeof AnalysisUpdateSchema>;

/** "Save as": a copy owned by the reader, private unless they say otherwise. */
export const AnalysisCopySchema = z
  .object({ name: Name.optional(), visibility: AnalysisVisibilitySchema.default("private") })
  .strict();

export const VersionBodySchema = z.object({ version: z.number().int().min(1) }).strict();

export const OwnerSchema = z.object({ id: z.string(), displayName: z.string() });

/** How the reader runs the analysis: the route, and its query as it applies to them. */
export const AnalysisRunSchema = z.object({
  /** The analysis route under /api/v1 that the reader calls with `query`. */
  endpoint: z.string(),
  query: z.record(z.string(), z.string()),
  /** Parameters the reader's access does not allow, left out of `query` (e.g. coordinators' includeDrafts). */
  narrowed: z.array(z.string()),
  /** Whether the reader's role may call the route at all; when false the analysis is shown as not available. */
  available: z.boolean(),
});

export const AnalysisSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: AnalysisKindSchema,
  view: z.string(),
  config: z.record(z.string(), z.string()),
  visibility: AnalysisVisibilitySchema,
  partnerCode: z.string().nullable(),
  owner: OwnerSchema,
  /** Whether the reader owns it (only the owner edits, shares or archives it). */
  mine: z.boolean(),
  /** The reader's abilities (analyses.policy.ts): edit (the owner), schedule reports (the owner or partners:all). */
  can: abilitiesSchema(SAVED_ITEM_ACTIONS),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  run: AnalysisRunSchema,
});
export type Analysis = z.infer<typeof AnalysisSchema>;

export const AnalysisListQuerySchema = z.object({
  /** mine: the reader's own; shared: others' shared with the reader; all: both. */
  scope: z.enum(["mine", "shared", "all"]).default("all"),
  kind: AnalysisKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export const AnalysisListSchema = pageOf(AnalysisSchema);

export const HistorySchema = z.object({
  items: z.array(
    z.object({
      version: z.number().int(),
      at: z.string(),
      action: z.string(),
      actorName: z.string().nullable(),
      changes: z.record(z.string(), z.unknown()),
    }),
  ),
});

/** Tile sizes: columns of the dashboard's 3-column grid, and rows of a fixed height. */
export const TILE_MAX = 3;
const TileSize = z.number().int().min(1).max(TILE_MAX);

export const DashboardTileInputSchema = z
  .object({
    /** An existing tile (keeps its analysis, even one the editor can no longer open). */
    id: z.string().uuid().optional(),
    /** A new tile's analysis, which the editor must be able to open. */
    analysisId: z.string().uuid().optional(),
    width: TileSize.default(1),
    height: TileSize.default(1),
  })
  .strict()
  .refine((t) => Boolean(t.id) !== Boolean(t.analysisId), { params: { code: "tile_reference" } });

export const DashboardInputSchema = z
  .object({
    name: Name,
    visibility: AnalysisVisibilitySchema.default("private"),
    tiles: z.array(DashboardTileInputSchema).max(24).default([]),
  })
  .strict();

export const DashboardUpdateSchema = z
  .object({
    name: Name.optional(),
    visibility: AnalysisVisibilitySchema.optional(),
    tiles: z.array(DashboardTileInputSchema).max(24).optional(),
    version: z.number().int().min(1),
  })
  .strict();

export const DashboardTileSchema = z.object({
  id: z.string().uuid(),
  width: z.number().int(),
  height: z.number().int(),
  /** Null when the reader may not open the tile's analysis: nothing of it is sent, not even its id. */
  analysis: AnalysisSchema.nullable(),
});
export type DashboardTile = z.infer<typeof DashboardTileSchema>;

export const DashboardSummarySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  visibility: AnalysisVisibilitySchema,
  partnerCode: z.string().nullable(),
  owner: OwnerSchema,
  mine: z.boolean(),
  can: abilitiesSchema(SAVED_ITEM_ACTIONS),
  tileCount: z.number().int(),
  /** The roles this dashboard is the default of. */
  defaultFor: z.array(RoleSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DashboardSummary = z.infer<typeof DashboardSummarySchema>;

export const DashboardSchema = DashboardSummarySchema.extend({ tiles: z.array(DashboardTileSchema) });
export type Dashboard = z.infer<typeof DashboardSchema>;

export const DashboardListQuerySchema = z.object({
  scope: z.enum(["mine", "shared", "all"]).default("all"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export const DashboardListSchema = pageOf(DashboardSummarySchema).extend({
  /** The default dashboard of the reader's role, when coordinators set one. */
  myDefault: DashboardSummarySchema.nullable(),
});

export const RoleDefaultInputSchema = z.object({ dashboardId: z.string().uuid().nullable() }).strict();
export const RoleDefaultsSchema = z.object({
  items: z.array(z.object({ role: RoleSchema, dashboardId: z.string().uuid(), name: z.string() })),
});
