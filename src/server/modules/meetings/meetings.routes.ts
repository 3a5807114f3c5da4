import { z } from "zod";
import {
  AttendanceMarkSchema,
  DecisionSchema,
  InviteSchema,
  MeetingDetailSchema,
  MeetingInputSchema,
  MeetingListQuerySchema,
  MeetingListSchema,
  MeetingUpdateSchema,
  ParticipantListSchema,
  RegisterSchema,
  SnapshotDetailSchema,
  SnapshotInputSchema,
} from "../../../common/meetings.js";
import { RevisionSchema } from "../../../common/partners.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires, signedIn } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { registerNewsRoutes } from "./news.routes.js";
import { OwnRegistrationUpdateSchema } from "./participation.service.js";
import { registerRecommendationsRoutes } from "./recommendations.routes.js";

export const IdParams = z.object({ id: z.string().uuid() });
const RegistrationSchema = z.object({
  id: z.string().uuid(),
  status: z.string(),
  invited: z.boolean(),
  attended: z.boolean().nullable(),
  listConsent: z.boolean(),
  version: z.number().int(),
});
const presentRegistration = (r: {
  id: string;
  status: string;
  invited: boolean;
  attended: boolean | null;
  list_consent: boolean;
  version: number;
}) => ({
  id: r.id,
  status: r.status,
  invited: r.invited,
  attended: r.attended,
  listConsent: r.list_consent,
  version: r.version,
});

/** Routes of the meetings module under /api/v1. */
export async function registerMeetingsRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ["meetings"];
  const m = ctx.meetings;
  const manage = { access: requires("meetings:manage") };

  app.get(
    "/meetings",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "Meetings in chronological order, filtered by kind, pillar, year, host, country or dates",
        querystring: MeetingListQuerySchema,
        response: { 200: MeetingListSchema },
      },
    },
    async (request) => m.meetings.list(request.query, request.principal),
  );
  app.get(
    "/meetings/calendar.ics",
    {
      config: { access: publicAccess() },
      schema: {
        tags,
        summary: "Upcoming meetings as an iCalendar feed (members-only meetings for signed-in users)",
        response: { 200: z.unknown().describe("text/calendar") },
      },
    },
    async (request, reply) => {
      const body = await m.meetings.calendar(request.principal, request.lang, ctx.config.publicUrl);
      return reply
        .header("content-type", "text/calendar; charset=utf-8")
        .header("content-disposition", 'inline; filename="paris-pact-meetings.ics"')
        .send(Buffer.from(body, "utf8"));
    },
  );
  app.get(
    "/meetings/:id",
    {
      config: { access: publicAccess() },
      schema: { tags, summary: "One meeting", params: IdParams, response: { 200: MeetingDetailSchema } },
    },
    async (request) => m.meetings.get(request.params.id, request.principal),
  );
  app.post(
    "/meetings",
    {
      config: manage,
      schema: { tags, summary: "Record a meeting", body: MeetingInputSchema, response: { 201: MeetingDetailSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await m.meetings.create(request.body, actorOf(request), request.principal)),
  );
  app.patch(
    "/meetings/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "Change a meeting (send the version you read; 409 on a stale version)",
        params: IdParams,
        body: MeetingUpdateSchema,
        response: { 200: MeetingDetailSchema },
      },
    },
    async (request) => m.meetings.update(request.params.id, request.body, actorOf(request), request.principal),
  );
  app.get(
    "/meetings/:id/history",
    {
      config: { access: requires("member:read") },
      schema: {
        tags,
        summary: "Revision history of a meeting",
        params: IdParams,
        response: { 200: z.object({ items: z.array(RevisionSchema) }) },
      },
    },
    async (request) => ({ items: await m.meetings.history(request.params.id) }),
  );

  // ── participation ─────────────────────────────────────────────────────────────────────────────
  app.post(
    "/meetings/:id/registrations",
    {
      config: { access: signedIn() },
      schema: {
        tags,
        summary: "Ask to take part in a meeting (organizers approve or decline)",
        params: IdParams,
        body: RegisterSchema,
        response: { 201: RegistrationSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentRegistration(
            await m.participation.register(request.params.id, request.body, request.principal, actorOf(request)),
          ),
        ),
  );
  app.patch(
    "/meeting-registrations/:id",
    {
      config: { access: signedIn() },
      schema: {
        tags,
        summary: "Your own registration: withdraw it or change your consent to be listed",
        params: IdParams,
        body: OwnRegistrationUpdateSchema,
        response: { 200: RegistrationSchema },
      },
    },
    async (request) =>
      presentRegistration(
        await m.participation.updateOwn(request.params.id, request.body, request.principal, actorOf(request)),
      ),
  );
  app.get(
    "/meetings/:id/participants",
    {
      config: { access: requires("member:read") },
      schema: {
        tags,
        summary: "Participants (members only; organizers see every registration, others the consenting participants)",
        params: IdParams,
        response: { 200: ParticipantListSchema },
      },
    },
    async (request) => m.participation.participants(request.params.id, request.principal, actorOf(request)),
  );
  app.post(
    "/meetings/:id/invitations",
    {
      config: manage,
      schema: {
        tags,
        summary: "Invite a user: the registration is approved at once",
        params: IdParams,
        body: InviteSchema,
        response: { 201: RegistrationSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentRegistration(
            await m.participation.invite(request.params.id, request.body, request.principal, actorOf(request)),
          ),
        ),
  );
  app.post(
    "/meeting-registrations/:id/decision",
    {
      config: manage,
      schema: {
        tags,
        summary: "Approve or decline (with a reason) a registration",
        params: IdParams,
        body: DecisionSchema,
        response: { 200: RegistrationSchema },
      },
    },
    async (request) =>
      presentRegistration(await m.participation.decide(request.params.id, request.body, actorOf(request))),
  );
  app.post(
    "/meeting-registrations/:id/attendance",
    {
      config: manage,
      schema: {
        tags,
        summary: "Mark whether an approved participant attended",
        params: IdParams,
        body: AttendanceMarkSchema,
        response: { 200: RegistrationSchema },
      },
    },
    async (request) =>
      presentRegistration(await m.participation.markAttendance(request.params.id, request.body, actorOf(request))),
  );

  // ── stock-taking ──────────────────────────────────────────────────────────────────────────────
  app.post(
    "/meetings/:id/snapshots",
    {
      config: manage,
      schema: {
        tags,
        summary: "Freeze the implementation status of every recommendation of a pillar at this meeting",
        params: IdParams,
        body: SnapshotInputSchema,
        response: { 201: SnapshotDetailSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await m.recommendations.takeSnapshot(
            request.params.id,
            request.body.pillar,
            actorOf(request),
            request.principal,
          ),
        ),
  );
  app.get(
    "/snapshots/:id",
    {
      config: { access: requires("member:read") },
      schema: { tags, summary: "A stock-taking snapshot", params: IdParams, response: { 200: SnapshotDetailSchema } },
    },
    async (request) => m.recommendations.snapshot(request.params.id, request.principal),
  );

  await registerRecommendationsRoutes(app, ctx);
  await registerNewsRoutes(app, ctx);
}
