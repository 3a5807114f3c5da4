import { useSyncExternalStore } from "react";
import type { Problem } from "../../common/problem.js";
import type { Seizure, SeizureInput } from "../../common/seizures.js";
import { fetchMe } from "../api/auth.js";
import { ApiError, api, apiUrl } from "../api/client.js";
import { currentLanguage } from "../i18n/index.js";
import { importOfflineKey, type OfflineKey, open, seal } from "./offline-crypto.js";
import { flushOutbox, type OutboxEntry, type OutboxTransport } from "./outbox.js";
import { outboxDb, type StoredEntry } from "./outbox-db.js";

/**
 * The offline queue of the signed-in officer, shared by every page: the session's key, the entries decrypted in
 * memory, whether the browser is online, and the sending. The key lives in memory and in this tab's
 * sessionStorage only (a reload while offline keeps working; closing the tab forgets it); it is fetched from
 * `GET /auth/offline-key` whenever the officer is online.
 */

export interface OutboxState {
  userId: string | null;
  ready: boolean;
  /** Whether the session's key is at hand (without it nothing can be kept or read). */
  hasKey: boolean;
  online: boolean;
  sending: boolean;
  /** Entries still on the device, oldest first (sent ones are gone). */
  entries: OutboxEntry[];
  /** Entries of this user sealed under a key this tab does not have (an ended session): unreadable. */
  unreadable: number;
  /** Entries sent since the page loaded, for the officer to see what went. */
  sent: OutboxEntry[];
}

const KEY_STORAGE = "pact.offline-key";
const onlineNow = () => (typeof navigator === "undefined" ? true : navigator.onLine);

let state: OutboxState = {
  userId: null,
  ready: false,
  hasKey: false,
  online: onlineNow(),
  sending: false,
  entries: [],
  unreadable: 0,
  sent: [],
};
let key: OfflineKey | null = null;
const listeners = new Set<() => void>();
const sentListeners = new Set<() => void>();

function set(patch: Partial<OutboxState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export function useOutbox(): OutboxState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/** Called after entries were sent (the pages refresh their lists). */
export function onSent(listener: () => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

export const isOffline = () => !onlineNow() || !state.online;

// --- the key ------------------------------------------------------------------------------------------------

function storedKey(userId: string): string | null {
  try {
    const raw = sessionStorage.getItem(KEY_STORAGE);
    const parsed = raw ? (JSON.parse(raw) as { userId?: string; key?: string }) : null;
    return parsed?.userId === userId && parsed.key ? parsed.key : null;
  } catch {
    return null;
  }
}

function forgetKey() {
  key = null;
  try {
    sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    /* storage refused: nothing kept */
  }
}

/**
 * The session's key: from the server when online (re-sealing, under it, this user's entries sealed under the key
 * this tab held before, e.g. after signing in again when a session ended offline), else the one this tab kept.
 */
async function loadKey(userId: string): Promise<void> {
  const kept = storedKey(userId);
  let material = kept;
  if (onlineNow()) {
    material = await api
      .get<{ key: string }>("/auth/offline-key")
      .then((r) => r.key)
      .catch(() => kept);
  }
  if (!material) return;
  const next = await importOfflineKey(material);
  if (kept && kept !== material) {
    const previous = await importOfflineKey(kept);
    for (const row of await outboxDb.ofUser(userId)) {
      if (row.keyId !== previous.keyId) continue;
      const entry = await open<OutboxEntry>(row, previous, context(row.id, userId));
      await write(entry, userId, next);
    }
  }
  key = next;
  try {
    sessionStorage.setItem(KEY_STORAGE, JSON.stringify({ userId, key: material }));
  } catch {
    /* kept in memory only */
  }
}

// --- entries ------------------------------------------------------------------------------------------------

const context = (id: string, userId: string) => `pact-offline-seizure:${id}:${userId}`;

async function write(entry: OutboxEntry, userId: string, with_: OfflineKey) {
  const sealed = await seal(entry, with_, context(entry.id, userId));
  const row: StoredEntry = { id: entry.id, userId, keyId: with_.keyId, savedAt: entry.savedAt, ...sealed };
  await outboxDb.put(row);
}

async function reload() {
  const userId = state.userId;
  if (!userId) return;
  const rows = await outboxDb.ofUser(userId);
  const entries: OutboxEntry[] = [];
  let unreadable = 0;
  for (const row of rows) {
    if (!key || row.keyId !== key.keyId) {
      unreadable += 1;
      continue;
    }
    try {
      entries.push(await open<OutboxEntry>(row, key, context(row.id, userId)));
    } catch {
      unreadable += 1;
    }
  }
  set({ entries, unreadable, hasKey: key !== null, ready: true });
}

async function save(entry: OutboxEntry) {
  const userId = state.userId;
  if (!userId || !key) throw new Error("offline_key_missing");
  await write(entry, userId, key);
}

/** Keeps a seizure on the device to send later; `edit` when it changes an existing record at a version. */
export async function keepOffline(
  input: SeizureInput,
  edit?: { recordId: string; version: number; base: SeizureInput },
) {
  const entry: OutboxEntry = {
    id: crypto.randomUUID(),
    kind: edit ? "update" : "create",
    ...(edit ? { recordId: edit.recordId, baseVersion: edit.version, base: edit.base } : {}),
    input,
    state: "waiting",
    savedAt: new Date().toISOString(),
  };
  await save(entry);
  await reload();
  if (!isOffline()) void flush();
  return entry;
}

/** Saves a changed entry (corrected, confirmed, conflict resolved) and sends it when online. */
export async function updateEntry(entry: OutboxEntry) {
  await save(entry);
  await reload();
  if (!isOffline() && entry.state === "waiting") void flush();
}

export async function discardEntry(id: string) {
  await outboxDb.delete(id);
  await reload();
}

/** How many entries of this user are on the device (readable or not): what signing out would leave behind. */
export function pendingCount(userId: string): Promise<number> {
  return outboxDb.countOfUser(userId).catch(() => 0);
}

/** Sign-out: the entries are discarded (the officer confirmed) or left unreadable; the key is forgotten either way. */
export async function endOutboxSession(userId: string, discard: boolean) {
  if (discard) await outboxDb.deleteOfUser(userId).catch(() => undefined);
  forgetKey();
  stopOutbox();
}

// --- sending ------------------------------------------------------------------------------------------------

async function parseProblem(res: Response): Promise<Problem | null> {
  const body = (await res.json().catch(() => null)) as Problem | null;
  return body && typeof body.code === "string" ? body : null;
}

/**
 * The API as the queue uses it. A new record is posted with its entry's id as `Idempotency-Key` (a header the
 * shared client does not send), with the CSRF token and language like every other change.
 */
function transport(csrfToken: string): OutboxTransport {
  return {
    async create(input, idempotencyKey) {
      let res: Response;
      try {
        res = await fetch(apiUrl("/seizures"), {
          method: "POST",
          credentials: "same-origin",
          headers: {
            Accept: "application/json, application/problem+json",
            "Accept-Language": currentLanguage(),
            "Content-Type": "application/json",
            "x-csrf-token": csrfToken,
            "Idempotency-Key": idempotencyKey,
          },
          body: JSON.stringify(input),
        });
      } catch (err) {
        throw new ApiError(0, null, err instanceof Error ? err.message : "Network error");
      }
      if (!res.ok) throw new ApiError(res.status, await parseProblem(res));
      return (await res.json()) as Seizure;
    },
    update: (id, input) => api.patch<Seizure>(`/seizures/${encodeURIComponent(id)}`, input),
    get: (id) => api.get<Seizure>(`/seizures/${encodeURIComponent(id)}`),
  };
}

let flushing: Promise<void> | null = null;
let retry: ReturnType<typeof setTimeout> | null = null;
/** After a send that could not reach the server while the browser says it is online (a flaky link, 5xx, 429). */
const RETRY_MS = 30_000;

function retryLater() {
  if (retry) return;
  retry = setTimeout(() => {
    retry = null;
    void flush();
  }, RETRY_MS);
}

/** Sends the waiting entries, one at a time; a second call while sending waits for the first. */
export function flush(): Promise<void> {
  flushing ??= (async () => {
    const userId = state.userId;
    if (!userId || !key || isOffline()) return;
    if (!state.entries.some((e) => e.state === "waiting")) return;
    set({ sending: true });
    try {
      // The session is checked first: a send must not go out under another user's session.
      const me = await fetchMe();
      if (me.user?.id !== userId) return;
      const { sent, stopped } = await flushOutbox(state.entries, transport(me.csrfToken), async (entry) => {
        if (entry.state === "sent") await outboxDb.delete(entry.id);
        else await save(entry);
      });
      if (stopped) retryLater();
      if (sent.length) {
        set({ sent: [...state.sent, ...sent] });
        for (const l of sentListeners) l();
      }
    } catch {
      // Unreachable now: the entries wait for the next try.
      retryLater();
    } finally {
      await reload();
      set({ sending: false });
    }
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

// --- start --------------------------------------------------------------------------------------------------

let listening = false;

function listen() {
  if (listening || typeof window === "undefined") return;
  listening = true;
  window.addEventListener("offline", () => set({ online: false }));
  window.addEventListener("online", () => {
    set({ online: true });
    const userId = state.userId;
    // Fetch the key again (the session may have changed while offline), then send.
    if (userId) void loadKey(userId).then(reload).then(flush);
  });
}

let started: string | null = null;

/** Starts the queue for the signed-in officer (once per user): key, entries, and sending when online. */
export async function startOutbox(userId: string): Promise<void> {
  listen();
  if (started === userId) {
    // Signed in again in this tab (the session may be new): take the session's key now, re-sealing what is kept.
    if (!isOffline() && !state.sending) await loadKey(userId).then(reload, () => undefined);
    return;
  }
  started = userId;
  set({ userId, online: onlineNow(), entries: [], sent: [], unreadable: 0, ready: false });
  try {
    await loadKey(userId);
  } catch {
    /* no key now: entries stay unreadable until it can be had */
  }
  await reload().catch(() => set({ ready: true }));
  if (!isOffline()) await flush();
}

/** Stops the queue (sign-out or another user): nothing of the last user stays in memory. */
export function stopOutbox() {
  started = null;
  if (retry) clearTimeout(retry);
  retry = null;
  key = null;
  set({ userId: null, entries: [], sent: [], unreadable: 0, hasKey: false, ready: false });
}
