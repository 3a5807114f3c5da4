import type { SeizureField } from "../../../common/seizure-fields.js";
import { SEIZURE_FIELDS, type Seizure } from "../../../common/seizures.js";
import type { SeizureRow } from "./seizures.repository.js";

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export type Abilities = Seizure["can"];

/** The registry's fields sent with a record: key, the row's property it is read from, sent as a timestamp. */
const SENT = Object.entries(SEIZURE_FIELDS as Record<string, SeizureField>).flatMap(([key, f]) =>
  f.output ? [[key, f.row ?? f.column, f.timestamp === true] as const] : [],
);

export function presentSeizure(row: SeizureRow, can: Abilities): Seizure {
  const values = row as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, from, timestamp] of SENT) {
    const v = values[from] as Date | string | null;
    out[key] = timestamp ? iso(v) : v;
  }
  out.can = can;
  return out as Seizure;
}

/** The record's columns as a snapshot for the revision history (no bookkeeping). */
export function snapshotOf(row: SeizureRow): Record<string, unknown> {
  // Who last edited is the revision's own actor; kept out so the history shows only changes of the data.
  // The idempotency key and hash are the client's bookkeeping of a create, not data.
  const { date_text, created_at, updated_at, version, edited_by, idempotency_key, idempotency_hash, ...rest } = row;
  return { ...rest, seizure_date: date_text };
}
