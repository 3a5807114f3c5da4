import { z } from "zod";
import {
  DigestDeliveryListSchema,
  DigestDeliveryQuerySchema,
  DigestRunListSchema,
  DigestRunSchema,
  DigestSendInputSchema,
  DigestSettingsInputSchema,
  DigestSettingsSchema,
  UnsubscribeInputSchema,
  UnsubscribeResultSchema,
} from "../../../common/digests.js";
import { PageQuerySchema } from "../../../common/localized.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires } from "../../http/access-rules.js";
import { AppError } from "../../http/errors.js";
import { actorOf } from "../../http/request-context.js";
import { recordRoutes } from "../../platform/record-routes.js";

const IdParams = z.object({ id: z.uuid() });

export async function registerDigestsRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["digests"];
  const record = recordRoutes(app, tags);
  const userOf = (principal: { user: { id: string } | null }) => {
    if (!principal.user) throw new AppError("unauthenticated", 401);
    return principal.user.id;
  };

  app.get(
    "/digests/settings",
    {
      config: { access: requires("notifications:read") },
      schema: {
        tags,
        summary: "My digest: weekly, monthly or never, and its subjects (pillars, countries, modules)",
        response: { 200: DigestSettingsSchema },
      },
    },
    async (request) => ctx.digests.settings(userOf(request.principal)),
  );
  app.put(
    "/digests/settings",
    {
      config: { access: requires("account:write") },
      schema: {
        tags,
        summary: "Choose my digest; empty pillars or countries mean all of them",
        body: DigestSettingsInputSchema,
        response: { 200: DigestSettingsSchema },
      },
    },
    async (request) => ctx.digests.saveSettings(userOf(request.principal), request.body, actorOf(request)),
  );
  app.post(
    "/digests/unsubscribe",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "Unsubscribe from digests with the signed link of a digest, without signing in",
        description:
          "The token of a digest's footer link names one user and can only set their digest to `never`; it expires " +
          "after 60 days and stops working once used. Anything else answers 400 `unsubscribe_link_invalid` and changes nothing.",
        body: UnsubscribeInputSchema,
        response: { 200: UnsubscribeResultSchema },
      },
    },
    async (request) => ctx.digests.unsubscribe(request.body.token, actorOf(request)),
  );
  record.list(
    "/digests/runs",
    { access: requires("users:manage") },
    {
      summary: "Coordinators: the digest runs, newest first, with how many were sent, empty, failed or pending",
      querystring: PageQuerySchema,
      response: DigestRunListSchema,
    },
    (query) => ctx.digests.listRuns(query),
  );
  record.create(
    "/digests/runs",
    { access: requires("users:manage") },
    {
      summary: "Coordinators: send the current week's or month's digest now (the period is then not sent again)",
      body: DigestSendInputSchema,
      response: DigestRunSchema,
    },
    (body, { actor }) => ctx.digests.sendNow(body.frequency, actor),
  );
  app.get(
    "/digests/runs/:id",
    {
      config: { access: requires("users:manage") },
      schema: { tags, summary: "Coordinators: one digest run", params: IdParams, response: { 200: DigestRunSchema } },
    },
    async (request) => ctx.digests.getRun(request.params.id),
  );
  app.post(
    "/digests/runs/:id/resume",
    {
      config: { access: requires("users:manage") },
      schema: {
        tags,
        summary: "Coordinators: queue a run again to send what is left (failed messages, claims of a stopped worker)",
        params: IdParams,
        response: { 200: DigestRunSchema },
      },
    },
    async (request) => ctx.digests.resume(request.params.id, actorOf(request)),
  );
  app.get(
    "/digests/runs/:id/deliveries",
    {
      config: { access: requires("users:manage") },
      schema: {
        tags,
        summary: "Coordinators: who received a run's digest, with the number of items per module (audited)",
        params: IdParams,
        querystring: DigestDeliveryQuerySchema,
        response: { 200: DigestDeliveryListSchema },
      },
    },
    async (request) => ctx.digests.listDeliveries(request.params.id, request.query, actorOf(request)),
  );
}
