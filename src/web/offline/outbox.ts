import { IMPORT_FIELDS, type Seizure, type SeizureInput } from "../../common/seizures.js";
import { ApiError } from "../api/client.js";

/**
 * The offline queue's rules, apart from storage and React so they can be tested: what sending one entry leads to,
 * sending the waiting entries one by one, and resolving a conflict field by field. See docs/seizures.md,
 * "Offline entry".
 *
 * Nothing is sent twice: a new record carries its entry's id as `Idempotency-Key` (the server answers a repeat
 * with the first record); an edit carries the version it was based on, and a 409 whose current record already
 * holds exactly the officer's values is the earlier send whose answer was lost. Nothing is lost: an entry leaves
 * the device only once the server has answered with the record.
 */

/**
 * waiting: to send; invalid: the server refused a value (errors on the entry's fields, to correct); confirm:
 * unusual values the officer must confirm; conflict: the record changed on the server meanwhile; refused: the
 * server will not take it as it is (e.g. published meanwhile, no longer in scope); sent: the server has it.
 */
export type EntryState = "waiting" | "invalid" | "confirm" | "conflict" | "refused" | "sent";

export interface OutboxEntry {
  /** Made on the device; the `Idempotency-Key` of a new record. */
  id: string;
  kind: "create" | "update";
  /** An edit: the record and the version the edit was based on. */
  recordId?: string;
  baseVersion?: number;
  /** An edit: the record's values when the edit began (what the officer changed, what the server changed). */
  base?: SeizureInput;
  input: SeizureInput;
  state: EntryState;
  /** When the officer saved it (ISO). */
  savedAt: string;
  fieldErrors?: { path: string; code: string; message: string }[];
  warnings?: { code: string; field: string }[];
  /** A conflict: the record as it is on the server now. */
  server?: Seizure;
  /** A refusal's code (translated as errors.<code>). */
  error?: string;
  /** The record the server made or changed. */
  sentId?: string;
}

export interface OutboxTransport {
  create(input: SeizureInput, idempotencyKey: string): Promise<Seizure>;
  update(id: string, input: SeizureInput & { version: number }): Promise<Seizure>;
  get(id: string): Promise<Seizure>;
}

export interface SendOutcome {
  entry: OutboxEntry;
  /** The connection or the session is not there (network, 5xx, 401, 429): keep it waiting and stop for now. */
  retryLater?: boolean;
}

/**
 * The fields of a seizure the form edits (everything but the confirmed warnings): the same list the import maps,
 * kept once in common/seizures.ts.
 */
export const SEIZURE_FIELDS = IMPORT_FIELDS satisfies readonly (keyof SeizureInput & keyof Seizure)[];
export type SeizureField = (typeof SEIZURE_FIELDS)[number];

/** A field's value compared as the server keeps it: absent and empty are null, text trimmed. */
function normal(value: unknown): string {
  // Absent, empty and an empty list are all "nothing" (the form sends [] where the server may keep none).
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return "null";
  if (typeof value === "string") return JSON.stringify(value.trim());
  if (Array.isArray(value)) return JSON.stringify(value.map((v) => (typeof v === "object" ? sortKeys(v) : v)));
  return JSON.stringify(value);
}
function sortKeys(v: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
}

export function sameValue(a: unknown, b: unknown): boolean {
  return normal(a) === normal(b);
}

/** The fields where the officer's entry and the server's record differ. */
export function differingFields(mine: SeizureInput, server: Seizure): SeizureField[] {
  return SEIZURE_FIELDS.filter((f) => !sameValue(mine[f], server[f]));
}

/** The server's record as the form's input (for "take the server's" and for editing a conflict). */
export function inputOf(s: Seizure): SeizureInput {
  const input: Record<string, unknown> = {};
  for (const f of SEIZURE_FIELDS) input[f] = s[f];
  return { ...(input as SeizureInput), confirmWarnings: s.warningsConfirmed };
}

const cleared = (entry: OutboxEntry): OutboxEntry => {
  const { fieldErrors, warnings, server, error, ...rest } = entry;
  return rest;
};

/**
 * The choice a conflict view starts from, per differing field: the server's value where only the server changed it
 * (the officer's entry still holds the value the edit began from), the officer's where they changed it. Both
 * changed: the officer's, for them to review. Nothing either side changed is dropped by default.
 */
export function defaultChoice(entry: OutboxEntry, field: SeizureField): "mine" | "theirs" {
  const base = entry.base;
  if (base && sameValue(entry.input[field], base[field])) return "theirs";
  return "mine";
}

/**
 * A conflict resolved field by field (`theirs` for the server's value, else the officer's): the entry now edits the
 * server's current version and waits to be sent again. Confirmed warnings of both are kept.
 */
export function resolveConflict(entry: OutboxEntry, take: Partial<Record<SeizureField, "mine" | "theirs">>) {
  const server = entry.server;
  if (entry.state !== "conflict" || !server) return entry;
  const input: Record<string, unknown> = { ...entry.input };
  for (const f of differingFields(entry.input, server)) {
    if ((take[f] ?? defaultChoice(entry, f)) === "theirs") input[f] = server[f];
  }
  const confirmWarnings = [...new Set([...(entry.input.confirmWarnings ?? []), ...server.warningsConfirmed])];
  return {
    ...cleared(entry),
    input: { ...(input as SeizureInput), confirmWarnings },
    base: inputOf(server),
    baseVersion: server.version,
    state: "waiting" as const,
  };
}

/** The officer confirmed the unusual values the server listed: the entry waits to be sent with them confirmed. */
export function confirmWarnings(entry: OutboxEntry): OutboxEntry {
  const codes = (entry.warnings ?? []).map((w) => w.code);
  const confirmWarnings = [...new Set([...(entry.input.confirmWarnings ?? []), ...codes])];
  return { ...cleared(entry), input: { ...entry.input, confirmWarnings }, state: "waiting" };
}

/** The officer corrected the entry (after errors, or to change it before it is sent). */
export function editEntry(entry: OutboxEntry, input: SeizureInput): OutboxEntry {
  return { ...cleared(entry), input, state: "waiting" };
}

const unreachable = (err: ApiError) =>
  err.status === 0 || err.status === 401 || err.status === 429 || err.status >= 500;

/** Sends one entry and says what became of it. Throws only what is not an API answer. */
export async function sendEntry(entry: OutboxEntry, transport: OutboxTransport): Promise<SendOutcome> {
  try {
    const saved =
      entry.kind === "create"
        ? await transport.create(entry.input, entry.id)
        : await transport.update(entry.recordId as string, { ...entry.input, version: entry.baseVersion ?? 0 });
    return { entry: { ...cleared(entry), state: "sent", sentId: saved.id } };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (unreachable(err)) return { entry, retryLater: true };
    const details = err.problem?.details ?? {};
    switch (err.code) {
      case "validation_failed":
        return { entry: { ...cleared(entry), state: "invalid", fieldErrors: err.problem?.errors ?? [] } };
      case "confirmation_required":
        return {
          entry: {
            ...cleared(entry),
            state: "confirm",
            warnings: (details.warnings as { code: string; field: string }[] | undefined) ?? [],
          },
        };
      case "idempotency_key_reused": {
        // The first send of this entry reached the server but its answer did not come back, and the entry was
        // changed since: apply the change to the record that send created.
        const id = details.id as string;
        const version = details.version as number;
        return sendEntry({ ...cleared(entry), kind: "update", recordId: id, baseVersion: version }, transport);
      }
      case "version_conflict": {
        const id = entry.recordId as string;
        let server: Seizure;
        try {
          server = await transport.get(id);
        } catch (inner) {
          if (inner instanceof ApiError && unreachable(inner)) return { entry, retryLater: true };
          throw inner;
        }
        // Our earlier send of this very edit went through (its answer was lost): nothing to send again.
        if (differingFields(entry.input, server).length === 0) {
          return { entry: { ...cleared(entry), state: "sent", sentId: server.id } };
        }
        return { entry: { ...cleared(entry), state: "conflict", server } };
      }
      default:
        return { entry: { ...cleared(entry), state: "refused", error: err.code } };
    }
  }
}

/**
 * Sends the waiting entries one at a time, oldest first, saving each outcome before the next send (`persist`);
 * stops at the first that cannot reach the server. Entries needing the officer (errors, warnings, conflicts) are
 * left for them.
 */
export async function flushOutbox(
  entries: readonly OutboxEntry[],
  transport: OutboxTransport,
  persist: (entry: OutboxEntry) => Promise<void>,
): Promise<{ sent: OutboxEntry[]; stopped: boolean }> {
  const sent: OutboxEntry[] = [];
  const waiting = entries.filter((e) => e.state === "waiting").sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  for (const entry of waiting) {
    const outcome = await sendEntry(entry, transport);
    if (outcome.retryLater) return { sent, stopped: true };
    await persist(outcome.entry);
    if (outcome.entry.state === "sent") sent.push(outcome.entry);
  }
  return { sent, stopped: false };
}
