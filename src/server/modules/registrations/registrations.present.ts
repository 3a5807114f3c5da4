import { APPROVAL_TARGET_HOURS, type Registration, type RegistrationStats } from "../../../common/registrations.js";
import type { MonthFigures, RegistrationRow } from "./registrations.repository.js";

const HOUR_MS = 3_600_000;
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export function dueAtOf(row: Pick<RegistrationRow, "submitted_at">): Date | null {
  return row.submitted_at ? new Date(new Date(row.submitted_at).getTime() + APPROVAL_TARGET_HOURS * HOUR_MS) : null;
}

/** A request as reviewers see it, with the time waited against the 48-hour target at `now`. */
export function presentRegistration(row: RegistrationRow, now: Date): Registration {
  const submitted = row.submitted_at ? new Date(row.submitted_at) : null;
  const dueAt = dueAtOf(row);
  const end = row.decided_at ? new Date(row.decided_at) : row.status === "pending" ? now : null;
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    partnerCode: row.partner_code,
    agency: row.agency,
    position: row.position,
    workPhone: row.work_phone,
    reason: row.reason,
    language: row.language,
    status: row.status,
    createdAt: iso(row.created_at) as string,
    submittedAt: iso(submitted),
    dueAt: iso(dueAt),
    waitedHours: submitted && end ? oneDecimal(Math.max(0, end.getTime() - submitted.getTime()) / HOUR_MS) : null,
    overdue: row.status === "pending" && !!dueAt && now.getTime() > dueAt.getTime(),
    vouch:
      row.vouch && row.vouched_at
        ? {
            state: row.vouch,
            byName: row.vouched_by_name,
            at: iso(row.vouched_at) as string,
            comment: row.vouch_comment,
          }
        : null,
    decidedAt: iso(row.decided_at),
    decidedByName: row.decided_by_name,
    decisionReason: row.decision_reason,
    approvedRole:
      row.approved_role === "member" || row.approved_role === "focal_point" || row.approved_role === "liaison_officer"
        ? row.approved_role
        : null,
    version: row.version,
  };
}

const num = (v: number | string | null | undefined) => (v === null || v === undefined ? null : Number(v));

function presentFigures(f: Omit<MonthFigures, "month">) {
  const median = num(f.median_hours);
  const p95 = num(f.p95_hours);
  const within = num(f.within_target);
  return {
    submitted: Number(f.submitted),
    approved: Number(f.approved),
    rejected: Number(f.rejected),
    pending: Number(f.pending),
    medianHours: median === null ? null : oneDecimal(median),
    p95Hours: p95 === null ? null : oneDecimal(p95),
    withinTargetShare: within === null ? null : Math.round(within * 1000) / 1000,
  };
}

/** Months from `since` to `now` (UTC, YYYY-MM), so a month without requests still shows, as zero. */
export function monthsBetween(since: Date, now: Date): string[] {
  const out: string[] = [];
  const cursor = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), 1));
  while (cursor.getTime() <= now.getTime()) {
    out.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return out;
}

export function presentStats(
  rows: MonthFigures[],
  overall: (Omit<MonthFigures, "month"> & { overdue: number | string }) | undefined,
  since: Date,
  now: Date,
): RegistrationStats {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const empty = {
    submitted: 0,
    approved: 0,
    rejected: 0,
    pending: 0,
    median_hours: null,
    p95_hours: null,
    within_target: null,
  };
  return {
    targetHours: APPROVAL_TARGET_HOURS,
    months: monthsBetween(since, now).map((month) => ({ month, ...presentFigures(byMonth.get(month) ?? empty) })),
    overall: { ...presentFigures(overall ?? empty), overdue: Number(overall?.overdue ?? 0) },
  };
}
