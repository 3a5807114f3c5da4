import {
  ColumnarCopyStatusSchema,
  SeizureCountrySettingsListSchema,
  SeizureCountrySettingsParamsSchema,
  SeizureCountrySettingsSchema,
  SeizureCountrySettingsUpdateSchema,
} from "../../../common/seizures.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { can } from "../../http/access-policy.js";
import { requires } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { registerValueMappingRoutes } from "../../platform/imports/value-mappings.routes.js";
import { COLUMNAR_JOB } from "./seizures.columnar.js";
import { IMPORT_KIND } from "./seizures.import-parse.js";

/**
 * The countries' DMP settings (four-eyes validation): validators read them, coordinators change them; and what the
 * import remembers per country (its value mappings), which the country's importers read and take back.
 */
export function registerSeizureSettingsRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["seizures"];
  // What the import remembers of the value-mapping step, per country: seen and taken back by the country's focal
  // point and liaison officers (the people who import its files); the answers of every country ("*", a country
  // column's own values) are seen by them and taken back by coordinators only.
  registerValueMappingRoutes(app, ctx, {
    kind: IMPORT_KIND,
    path: "/seizures/imports/value-mappings",
    permission: "seizures:write",
    sourcesOf: async (principal) => (can(principal, "countries:all") ? null : ctx.seizures.scopesOf(principal)),
    source: "country",
    tags,
  });
  app.get(
    "/seizures/settings/countries",
    {
      config: { access: requires("seizures:validate") },
      schema: {
        tags,
        summary: "Countries whose DMP settings were changed (any other country: four-eyes on)",
        response: { 200: SeizureCountrySettingsListSchema },
      },
    },
    async () => ({ items: await ctx.seizures.settings.list() }),
  );
  app.get(
    "/seizures/settings/analytics-copy",
    {
      config: { access: requires("reference:manage") },
      schema: {
        tags,
        summary: "The columnar copy the ad-hoc analyses read: current version, this instance's copy, newest build job",
        description:
          "Coordinators follow the build (`seizures.columnar-build`) with GET /jobs/:id or its event stream; while a " +
          "copy is not of the current version, PostgreSQL answers the analyses.",
        response: { 200: ColumnarCopyStatusSchema },
      },
    },
    async () => {
      const [currentVersion, job] = await Promise.all([
        ctx.seizures.aggregateVersion(),
        ctx.jobs.latest(COLUMNAR_JOB, ["queued", "running", "succeeded", "failed", "cancelled"]),
      ]);
      const copy = ctx.seizures.columnar;
      return {
        engine: copy ? ("duckdb" as const) : ("postgres" as const),
        currentVersion,
        instance: copy ? copy.status() : null,
        jobId: job?.id ?? null,
      };
    },
  );
  app.put(
    "/seizures/settings/countries/:country",
    {
      config: { access: requires("reference:manage") },
      schema: {
        tags,
        summary: "Turn four-eyes validation on or off for a country (send the version read, 0 if never set; audited)",
        params: SeizureCountrySettingsParamsSchema,
        body: SeizureCountrySettingsUpdateSchema,
        response: { 200: SeizureCountrySettingsSchema },
      },
    },
    async (request) => ctx.seizures.settings.update(request.params.country, request.body, actorOf(request)),
  );
}
