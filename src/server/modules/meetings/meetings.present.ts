import type { Attendance, MeetingInput, MeetingSummary } from "../../../common/meetings.js";
import type { MeetingRow } from "./meetings.repository.js";

export interface RegistrationTotals {
  participants: number;
  inPerson: number;
  countries: number;
  organizations: number;
}

/** Figures computed from registrations win over entered ones once anyone is approved. */
export function attendanceOf(row: MeetingRow, totals: RegistrationTotals | undefined): Attendance {
  if (totals && totals.participants > 0) {
    return {
      participants: totals.participants,
      participantsQualifier: "exact",
      inPersonParticipants: totals.inPerson,
      inPersonQualifier: "exact",
      countries: totals.countries,
      organizations: totals.organizations,
      source: "registrations",
    };
  }
  return enteredAttendance(row);
}

export function enteredAttendance(row: MeetingRow): Attendance {
  const any =
    row.participants !== null ||
    row.in_person_participants !== null ||
    row.countries_count !== null ||
    row.organizations_count !== null;
  return {
    participants: row.participants,
    participantsQualifier: (row.participants_qualifier ?? "exact") as Attendance["participantsQualifier"],
    inPersonParticipants: row.in_person_participants,
    inPersonQualifier: (row.in_person_qualifier ?? "exact") as Attendance["inPersonQualifier"],
    countries: row.countries_count,
    organizations: row.organizations_count,
    source: any ? "entered" : "none",
  };
}

export function toMeetingSummary(row: MeetingRow, totals: RegistrationTotals | undefined): MeetingSummary {
  return {
    id: row.id,
    kind: row.kind as MeetingSummary["kind"],
    number: row.number,
    title: row.title,
    pillars: row.pillars,
    host: row.host,
    city: row.city,
    country: row.country,
    lat: row.lat === null ? null : Number(row.lat),
    lon: row.lon === null ? null : Number(row.lon),
    startDate: row.start_date,
    endDate: row.end_date,
    datePrecision: row.date_precision as MeetingSummary["datePrecision"],
    format: row.format as MeetingSummary["format"],
    visibility: row.visibility as MeetingSummary["visibility"],
    attendance: attendanceOf(row, totals),
    priorityRecommendationCount: row.priority_recommendation_count,
    recommendationCount: Number(row.recommendation_count ?? 0),
    isReference: row.ref_key !== null,
  };
}

const COLUMN: Record<string, string> = {
  kind: "kind",
  number: "number",
  title: "title",
  theme: "theme",
  pillars: "pillars",
  host: "host",
  hostPartnerCode: "host_partner_code",
  city: "city",
  country: "country",
  lat: "lat",
  lon: "lon",
  startDate: "start_date",
  endDate: "end_date",
  format: "format",
  participants: "participants",
  participantsQualifier: "participants_qualifier",
  inPersonParticipants: "in_person_participants",
  inPersonQualifier: "in_person_qualifier",
  countries: "countries_count",
  organizations: "organizations_count",
  agenda: "agenda",
  outcome: "outcome",
  documents: "documents",
  priorityRecommendationCount: "priority_recommendation_count",
  stocktaking: "stocktaking",
  visibility: "visibility",
};
const JSON_COLUMNS = new Set(["title", "theme", "pillars", "host", "city", "agenda", "outcome", "documents"]);

/** API fields to columns; jsonb values serialised, absent fields left out (so a PATCH changes only what it names). */
export function meetingColumns(input: Partial<MeetingInput>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    const column = COLUMN[field];
    if (!column || value === undefined) continue;
    out[column] = JSON_COLUMNS.has(column) && value !== null ? JSON.stringify(value) : value;
  }
  if (Array.isArray(input.pillars)) out.pillars = JSON.stringify([...new Set(input.pillars)].sort());
  return out;
}

/** A record as stored, for revisions (jsonb parsed, dates as text). */
export function snapshotOf(row: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(row));
}
