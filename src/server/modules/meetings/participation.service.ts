import type { Kysely } from "kysely";
import { z } from "zod";
import type { DecisionSchema, InviteSchema, Participant, RegisterSchema } from "../../../common/meetings.js";
import type { DB } from "../../db/schema.js";
import { can, type Principal } from "../../http/access-policy.js";
import { AppError, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { type ChangeAudit, ChangeRecorder } from "../../platform/changes.js";
import type { NotificationService } from "../../platform/notifications.js";
import type { MeetingsRepository, RegistrationRow } from "./meetings.repository.js";
import type { MeetingsService } from "./meetings.service.js";

type Register = z.infer<typeof RegisterSchema>;
type Invite = z.infer<typeof InviteSchema>;
type Decision = z.infer<typeof DecisionSchema>;

const KIND = "meetings.participation";

function toParticipant(r: RegistrationRow & { display_name: string; partner_code: string | null }): Participant {
  return {
    registrationId: r.id,
    displayName: r.display_name,
    partnerCode: r.partner_code,
    status: r.status as Participant["status"],
    invited: r.invited,
    attendanceMode: r.attendance_mode as Participant["attendanceMode"],
    attended: r.attended,
    listConsent: r.list_consent,
    declineReason: r.decline_reason,
    version: r.version,
  };
}

/**
 * Participation: members ask to take part, organizers approve or decline with a reason, an invitation is
 * approved from the start. The participant list is for members only, and shows only those who consented.
 */
export class ParticipationService {
  /** Registrations have no revision history: their changes are audited. */
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly meetings: MeetingsService,
    private readonly deps: { audit: AuditService; notifications: NotificationService },
  ) {
    this.changes = new ChangeRecorder({ audit: deps.audit });
    deps.notifications.registerKind({
      kind: KIND,
      label: { en: "Meeting participation", ru: "Участие в совещаниях" },
      defaultInApp: true,
      defaultEmail: true,
    });
  }

  private get repo() {
    return this.meetings.repo;
  }

  async register(meetingId: string, input: Register, principal: Principal, actor: Actor) {
    const user = principal.user;
    if (!user) throw new AppError("unauthenticated", 401);
    await this.meetings.visible(meetingId, principal);
    const existing = await this.repo.findRegistrationOf(meetingId, user.id);
    if (existing && existing.status !== "cancelled" && existing.status !== "declined") {
      throw new AppError("conflict", 409, { reason: "already_registered" });
    }
    return this.addRegistration(
      meetingId,
      {
        user_id: user.id,
        status: "requested",
        invited: false,
        attendance_mode: input.attendanceMode,
        list_consent: input.listConsent,
      },
      actor,
      "meeting.register",
      (saved) => ({ registrationId: saved.id }),
    );
  }

  /** The participant's own choice: withdraw, or change the consent to be listed. */
  async updateOwn(
    registrationId: string,
    input: { listConsent?: boolean | undefined; cancel?: boolean | undefined; version: number },
    principal: Principal,
    actor: Actor,
  ) {
    const current = await this.repo.findRegistration(registrationId);
    if (!current || current.user_id !== principal.user?.id) throw notFound("registration");
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.repo.updateRegistration(trx, registrationId, input.version, {
        ...(input.listConsent !== undefined ? { list_consent: input.listConsent } : {}),
        ...(input.cancel ? { status: "cancelled" } : {}),
      });
      return this.registrationChange(trx, actor, current, updated, { action: "meeting.registration.update" });
    });
  }

  async invite(meetingId: string, input: Invite, principal: Principal, actor: Actor) {
    const meeting = await this.meetings.visible(meetingId, principal);
    if (!(await this.repo.userExists(input.userId))) throw notFound("user");
    const row = await this.addRegistration(
      meetingId,
      { user_id: input.userId, status: "approved", invited: true, attendance_mode: input.attendanceMode },
      actor,
      "meeting.invite",
      () => ({ userId: input.userId }),
    );
    await this.deps.notifications.notify([input.userId], {
      kind: KIND,
      title: {
        en: `Invitation: ${meeting.title.en ?? meeting.title.ru}`,
        ru: `Приглашение: ${meeting.title.ru ?? meeting.title.en}`,
      },
      link: `/meetings/${meetingId}`,
    });
    return row;
  }

  async decide(registrationId: string, input: Decision, actor: Actor) {
    const current = await this.repo.findRegistration(registrationId);
    if (!current) throw notFound("registration");
    if (current.status === "cancelled") throw new AppError("conflict", 409, { reason: "registration_cancelled" });
    const approve = input.decision === "approve";
    const row = await this.db.transaction().execute(async (trx) => {
      const updated = await this.repo.updateRegistration(trx, registrationId, input.version, {
        status: approve ? "approved" : "declined",
        decline_reason: approve ? null : (input.reason ?? null),
        decided_by: actor.userId,
        decided_at: new Date(),
      });
      return this.registrationChange(trx, actor, current, updated, {
        action: approve ? "meeting.registration.approve" : "meeting.registration.decline",
        details: { meetingId: current.meeting_id, ...(approve ? {} : { reason: input.reason }) },
      });
    });
    const meeting = await this.repo.findMeeting(current.meeting_id);
    const name = meeting?.title;
    await this.deps.notifications.notify([current.user_id], {
      kind: KIND,
      title: approve
        ? { en: `Registration approved: ${name?.en ?? name?.ru}`, ru: `Регистрация одобрена: ${name?.ru ?? name?.en}` }
        : {
            en: `Registration declined: ${name?.en ?? name?.ru}`,
            ru: `В регистрации отказано: ${name?.ru ?? name?.en}`,
          },
      ...(approve ? {} : { body: { en: input.reason ?? "", ru: input.reason ?? "" } }),
      link: `/meetings/${current.meeting_id}`,
    });
    return row;
  }

  async markAttendance(registrationId: string, input: { attended: boolean; version: number }, actor: Actor) {
    const current = await this.repo.findRegistration(registrationId);
    if (!current) throw notFound("registration");
    if (current.status !== "approved") throw new AppError("conflict", 409, { reason: "registration_not_approved" });
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.repo.updateRegistration(trx, registrationId, input.version, {
        attended: input.attended,
      });
      return this.registrationChange(trx, actor, current, updated, {
        action: "meeting.attendance",
        details: { attended: input.attended },
      });
    });
  }

  /** A registration's change, audited (a stale version is a 409 with the registration as it now is). */
  /** Writes a registration to a meeting (a request or an invitation), audited on the meeting. */
  private addRegistration(
    meetingId: string,
    values: Omit<Parameters<MeetingsRepository["upsertRegistration"]>[1], "meeting_id">,
    actor: Actor,
    action: string,
    details: (saved: { id: string }) => Record<string, unknown>,
  ) {
    return this.db.transaction().execute(async (trx) => {
      const saved = await this.repo.upsertRegistration(trx, { meeting_id: meetingId, ...values });
      return this.registrationChange(trx, actor, null, saved, {
        action,
        objectType: "meeting",
        objectId: meetingId,
        details: details(saved),
      });
    });
  }

  private async registrationChange<R extends { id: string }>(
    trx: Kysely<DB>,
    actor: Actor,
    before: R | null,
    after: R | undefined,
    audit: ChangeAudit,
  ): Promise<R> {
    const { row } = await this.changes.record(trx, actor, {
      type: "meeting_registration",
      what: "registration",
      action: before ? "update" : "create",
      before,
      after,
      current: () => this.repo.findRegistration(before?.id ?? "", trx),
      revision: false,
      audit,
    });
    return row;
  }

  /** Organizers see every registration; other members only approved participants who consented to be listed. */
  async participants(meetingId: string, principal: Principal, actor: Actor) {
    await this.meetings.visible(meetingId, principal);
    const rows = await this.repo.listRegistrations(meetingId);
    const organizer = can(principal, "meetings:manage");
    // Personal data of participants: reading the list is audited.
    await this.changes.event(actor, {
      action: "meeting.participants.read",
      objectType: "meeting",
      objectId: meetingId,
    });
    if (organizer) return { items: rows.map(toParticipant), hidden: 0, organizerView: true };
    const approved = rows.filter((r) => r.status === "approved");
    const listed = approved.filter((r) => r.list_consent || r.user_id === principal.user?.id);
    return { items: listed.map(toParticipant), hidden: approved.length - listed.length, organizerView: false };
  }
}

export const OwnRegistrationUpdateSchema = z
  .object({ listConsent: z.boolean().optional(), cancel: z.boolean().optional(), version: z.number().int().min(1) })
  .refine((v) => v.listConsent !== undefined || v.cancel !== undefined, {
    message: "Nothing to change",
    params: { code: "nothing_to_change" },
  });
