import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import type { Actor } from "../../platform/audit.js";
import type { ChangeRecorder } from "../../platform/changes.js";
import type { RegistrationRow, RegistrationsRepository } from "./registrations.repository.js";

/** Every step of a request is kept twice: in its own history (`registration_events`) and in the audit log. */
export class StepRecorder {
  constructor(
    private readonly repo: RegistrationsRepository,
    private readonly changes: ChangeRecorder,
  ) {}

  /** One history event and one audit entry, in the step's own transaction. */
  async record(
    trx: Kysely<DB>,
    actor: Actor,
    before: Pick<RegistrationRow, "id" | "email" | "status">,
    event: string,
    toStatus: string | null,
    details: Record<string, unknown> = {},
  ) {
    const fromStatus = event === "submitted" ? null : before.status;
    const to = toStatus ?? before.status;
    await this.repo.insertEvent(
      {
        registration_id: before.id,
        actor_id: actor.userId,
        actor_label: actor.label,
        event,
        from_status: fromStatus,
        to_status: to,
        details: JSON.stringify(details),
      },
      trx,
    );
    await this.changes.event(
      actor,
      {
        action: `registration.${event}`,
        objectType: "registration",
        objectId: before.id,
        details: { email: before.email, from: fromStatus, to, ...details },
      },
      trx,
    );
  }
}

/** A focal point's (or coordinator's) word on a request: vouched, or declined as a recommendation. */
export function vouchValues(principal: Principal, actor: Actor, state: "vouched" | "declined", comment: string | null) {
  return {
    vouch: state,
    vouched_by: actor.userId,
    vouched_by_name: principal.user?.displayName ?? actor.label,
    vouched_at: new Date(),
    vouch_comment: comment,
  };
}

export function decisionValues(principal: Principal, actor: Actor) {
  return {
    decided_at: new Date(),
    decided_by: actor.userId,
    decided_by_name: principal.user?.displayName ?? actor.label,
    // The account now holds the hash; the request need not keep a copy.
    password_hash: null,
  };
}
