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
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires, signedIn } from "../../http/access-rules.js";
import { actorOf } from "../../http/request-context.js";
import { recordRoutes } from "../../platform/record-routes.js";
import { registerNewsRoutes } from "./news.routes.js";
import { OwnRegistrationUpdateSchema } from "./participation.service.js";
import { registerRecommendationsRoutes } from "./recommendations.routes.js";

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
  const record = recordRoutes(app, tags);
  const m = ctx.meetings;
  const manage = { access: requires("meetings:manage") };

  record.list(
    "/meetings",
    { access: publicAccess() },
    {
      summary: "Meetings in chronological order, filtered by kind, pillar, year, host, country or dates",
      querystring: MeetingListQuerySchema,
      response: MeetingListSchema,
    },
    (query, { principal }) => m.meetings.list(query, principal),
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
  record.get(
    "/meetings/:id",
    { access: publicAccess() },
    { summary: "One meeting", response: MeetingDetailSchema },
    (id, { principal }) => m.meetings.get(id, principal),
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
  record.change(
    "PATCH",
    "/meetings/:id",
    manage,
    {
      summary: "Change a meeting (send the version you read; 409 on a stale version)",
      body: MeetingUpdateSchema,
      response: MeetingDetailSchema,
    },
    (id, body, { principal, actor }) => m.meetings.update(id, body, actor, principal),
  );
  record.history(
    "/meetings/:id/history",
    { access: requires("member:read") },
    { summary: "Revision history of a meeting" },
    (id) => m.meetings.history(id),
  );

  // ── participation ─────────────────────────────────────────────────────────────────────────────
  record.change(
    "POST",
    "/meetings/:id/registrations",
    { access: signedIn() },
    {
      summary: "Ask to take part in a meeting (organizers approve or decline)",
      body: RegisterSchema,
      response: RegistrationSchema,
      status: 201,
    },
    async (id, body, { principal, actor }) =>
      presentRegistration(await m.participation.register(id, body, principal, actor)),
  );
  record.change(
    "PATCH",
    "/meeting-registrations/:id",
    { access: signedIn() },
    {
      summary: "Your own registration: withdraw it or change your consent to be listed",
      body: OwnRegistrationUpdateSchema,
      response: RegistrationSchema,
    },
    async (id, body, { principal, actor }) =>
      presentRegistration(await m.participation.updateOwn(id, body, principal, actor)),
  );
  record.get(
    "/meetings/:id/participants",
    { access: requires("member:read") },
    {
      summary: "Participants (members only; organizers see every registration, others the consenting participants)",
      response: ParticipantListSchema,
    },
    (id, { principal, actor }) => m.participation.participants(id, principal, actor),
  );
  record.change(
    "POST",
    "/meetings/:id/invitations",
    manage,
    {
      summary: "Invite a user: the registration is approved at once",
      body: InviteSchema,
      response: RegistrationSchema,
      status: 201,
    },
    async (id, body, { principal, actor }) =>
      presentRegistration(await m.participation.invite(id, body, principal, actor)),
  );
  record.change(
    "POST",
    "/meeting-registrations/:id/decision",
    manage,
    {
      summary: "Approve or decline (with a reason) a registration",
      body: DecisionSchema,
      response: RegistrationSchema,
    },
    async (id, body, { actor }) => presentRegistration(await m.participation.decide(id, body, actor)),
  );
  record.change(
    "POST",
    "/meeting-registrations/:id/attendance",
    manage,
    {
      summary: "Mark whether an approved participant attended",
      body: AttendanceMarkSchema,
      response: RegistrationSchema,
    },
    async (id, body, { actor }) => presentRegistration(await m.participation.markAttendance(id, body, actor)),
  );

  // ── stock-taking ──────────────────────────────────────────────────────────────────────────────
  record.change(
    "POST",
    "/meetings/:id/snapshots",
    manage,
    {
      summary: "Freeze the implementation status of every recommendation of a pillar at this meeting",
      body: SnapshotInputSchema,
      response: SnapshotDetailSchema,
      status: 201,
    },
    (id, { pillar }, { principal, actor }) => m.recommendations.takeSnapshot(id, pillar, actor, principal),
  );
  record.get(
    "/snapshots/:id",
    { access: requires("member:read") },
    { summary: "A stock-taking snapshot", response: SnapshotDetailSchema },
    (id, { principal }) => m.recommendations.snapshot(id, principal),
  );

  await registerRecommendationsRoutes(app, ctx);
  await registerNewsRoutes(app, ctx);
}
