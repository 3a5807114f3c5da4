import { describe, expect, it } from "vitest";
import { SEIZURE_FIELDS, type Seizure, type SeizureInput } from "../../common/seizures.js";
import { ApiError } from "../api/client.js";
import { importOfflineKey, open, seal } from "./offline-crypto.js";
import {
  confirmWarnings,
  defaultChoice,
  differingFields,
  flushOutbox,
  type OutboxEntry,
  type OutboxTransport,
  resolveConflict,
  sendEntry,
} from "./outbox.js";

const INPUT: SeizureInput = {
  seizureDate: "2024-05-02",
  datePrecision: "day",
  country: "TJK",
  place: "Khorog",
  drug: "heroin",
  quantity: 12.5,
  unit: "kg",
  originCountries: ["AFG"],
  arrests: [{ nationality: "TJK", sex: "male", count: 2 }],
  sourceType: "official",
  sharing: "members",
  confirmWarnings: [],
};

/** Every field a record is sent with, null: a field added to the registry needs no line here. */
const NO_VALUES = Object.fromEntries(
  Object.entries(SEIZURE_FIELDS).flatMap(([key, field]) => ("output" in field ? [[key, null]] : [])),
) as unknown as Seizure;

function record(id: string, input: SeizureInput, version = 1): Seizure {
  return {
    ...NO_VALUES,
    id,
    seizureDate: input.seizureDate,
    datePrecision: input.datePrecision ?? "day",
    country: input.country,
    adminRegion: input.adminRegion ?? null,
    place: input.place ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    coordPrecision: input.coordPrecision ?? null,
    drug: input.drug,
    drugGroup: "opiates",
    quantity: input.quantity,
    unit: input.unit,
    massKg: input.quantity,
    purity: input.purity ?? null,
    agency: input.agency ?? null,
    placeType: input.placeType ?? null,
    transportMode: input.transportMode ?? null,
    conveyance: input.conveyance ?? null,
    concealment: input.concealment ?? null,
    originCountries: input.originCountries ?? [],
    departureCountry: input.departureCountry ?? null,
    transitCountries: input.transitCountries ?? [],
    destinationCountries: input.destinationCountries ?? [],
    route: input.route ?? null,
    arrests: input.arrests ?? [],
    personsArrested: 0,
    sourceType: input.sourceType ?? "official",
    sourceReference: input.sourceReference ?? null,
    sharing: input.sharing ?? "members",
    ownerPartner: null,
    status: "entered",
    warningsConfirmed: input.confirmWarnings ?? [],
    mergedInto: null,
    importBatchId: null,
    createdBy: null,
    createdAt: "2024-05-03T00:00:00.000Z",
    validatedAt: null,
    publishedAt: null,
    version,
    can: { edit: true, validate: false, publish: false, correct: false },
  };
}

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new ApiError(status, { type: "about:blank", title: code, status, code, requestId: "r", ...extra });

/**
 * A server in memory that keeps the rules the queue relies on: a create with a known key answers the first
 * record; an edit at a stale version answers 409.
 */
function fakeServer() {
  const records = new Map<string, Seizure>();
  const byKey = new Map<string, string>();
  let creates = 0;
  let offline = false;
  const transport: OutboxTransport = {
    async create(input, key) {
      if (offline) throw new ApiError(0, null);
      const first = byKey.get(key);
      if (first) return records.get(first) as Seizure;
      if (input.quantity > 1000 && !input.confirmWarnings?.includes("large_quantity"))
        throw problem(422, "confirmation_required", {
          details: { warnings: [{ code: "large_quantity", field: "quantity" }] },
        });
      if (input.seizureDate > "2100-01-01")
        throw problem(400, "validation_failed", {
          errors: [{ path: "body.seizureDate", code: "future_date", message: "future" }],
        });
      creates += 1;
      const id = `rec-${creates}`;
      records.set(id, record(id, input));
      byKey.set(key, id);
      return records.get(id) as Seizure;
    },
    async update(id, input) {
      if (offline) throw new ApiError(0, null);
      const current = records.get(id);
      if (!current) throw problem(404, "not_found");
      if (current.version !== input.version) throw problem(409, "version_conflict", { details: { current: {} } });
      const next = record(id, input, current.version + 1);
      records.set(id, next);
      return next;
    },
    async get(id) {
      return records.get(id) as Seizure;
    },
  };
  return {
    transport,
    records,
    creates: () => creates,
    setOffline: (v: boolean) => {
      offline = v;
    },
  };
}

const entry = (id: string, input = INPUT, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id,
  kind: "create",
  input,
  state: "waiting",
  savedAt: `2024-05-03T10:00:0${id.slice(-1)}.000Z`,
  ...extra,
});

const KEY_A = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i)));
const KEY_B = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => 255 - i)));

describe("offline queue: encryption at rest", () => {
  it("round-trips an entry under the session's key", async () => {
    const key = await importOfflineKey(KEY_A);
    const sealed = await seal(entry("e1"), key, "ctx:e1:u1");
    expect(new TextDecoder().decode(sealed.data)).not.toContain("Khorog");
    expect(await open<OutboxEntry>(sealed, key, "ctx:e1:u1")).toEqual(entry("e1"));
  });

  it("does not open under another key, or for another entry or user", async () => {
    const a = await importOfflineKey(KEY_A);
    const b = await importOfflineKey(KEY_B);
    expect(a.keyId).not.toBe(b.keyId);
    const sealed = await seal(entry("e1"), a, "ctx:e1:u1");
    await expect(open(sealed, b, "ctx:e1:u1")).rejects.toThrow();
    await expect(open(sealed, a, "ctx:e2:u1")).rejects.toThrow();
    await expect(open(sealed, a, "ctx:e1:u2")).rejects.toThrow();
  });

  it("refuses key material that is not 32 bytes", async () => {
    await expect(importOfflineKey(btoa("short"))).rejects.toThrow();
  });
});

describe("offline queue: sending", () => {
  it("sends waiting entries one by one, oldest first, and a resend after a lost answer makes no second record", async () => {
    const server = fakeServer();
    const saved: OutboxEntry[] = [];
    const entries = [entry("e2", { ...INPUT, place: "Kulob" }), entry("e1")];
    const first = await flushOutbox(entries, server.transport, async (e) => void saved.push(e));
    expect(first.sent.map((e) => e.id)).toEqual(["e1", "e2"]);
    expect(server.creates()).toBe(2);
    // The answers were lost: the device still had them waiting and sends them again.
    const again = await flushOutbox(entries, server.transport, async () => undefined);
    expect(again.sent.map((e) => e.sentId)).toEqual(first.sent.map((e) => e.sentId));
    expect(server.creates()).toBe(2);
  });

  it("stops without losing anything when the connection is gone", async () => {
    const server = fakeServer();
    server.setOffline(true);
    const persisted: OutboxEntry[] = [];
    const result = await flushOutbox([entry("e1"), entry("e2")], server.transport, async (e) => void persisted.push(e));
    expect(result).toEqual({ sent: [], stopped: true });
    expect(persisted).toEqual([]);
    expect(server.creates()).toBe(0);
  });

  it("puts the server's errors on the entry, and warnings wait for the officer's confirmation", async () => {
    const server = fakeServer();
    const invalid = await sendEntry(entry("e1", { ...INPUT, seizureDate: "2999-01-01" }), server.transport);
    expect(invalid.entry.state).toBe("invalid");
    expect(invalid.entry.fieldErrors?.[0]?.code).toBe("future_date");
    const unusual = await sendEntry(entry("e2", { ...INPUT, quantity: 5000 }), server.transport);
    expect(unusual.entry.state).toBe("confirm");
    expect(unusual.entry.warnings).toEqual([{ code: "large_quantity", field: "quantity" }]);
    // Not sent again until the officer confirms.
    const left = await flushOutbox([unusual.entry], server.transport, async () => undefined);
    expect(left.sent).toEqual([]);
    const confirmed = confirmWarnings(unusual.entry);
    expect(confirmed.state).toBe("waiting");
    expect(confirmed.input.confirmWarnings).toEqual(["large_quantity"]);
    const sent = await sendEntry(confirmed, server.transport);
    expect(sent.entry.state).toBe("sent");
    expect(server.records.get(sent.entry.sentId as string)?.warningsConfirmed).toEqual(["large_quantity"]);
    expect(server.creates()).toBe(1);
  });

  it("a key reused with other content becomes an edit of the record the first send made", async () => {
    const server = fakeServer();
    const first = await sendEntry(entry("e1"), server.transport);
    const id = first.entry.sentId as string;
    // A real server answers 409 idempotency_key_reused; the fake one would replay, so stand in for it.
    const transport: OutboxTransport = {
      ...server.transport,
      create: async () => {
        throw problem(409, "idempotency_key_reused", { details: { id, version: 1 } });
      },
    };
    const changed = await sendEntry(entry("e1", { ...INPUT, quantity: 13 }), transport);
    expect(changed.entry).toMatchObject({ state: "sent", kind: "update", recordId: id, sentId: id });
    expect(server.records.get(id)?.quantity).toBe(13);
    expect(server.creates()).toBe(1);
  });
});

describe("offline queue: conflicts", () => {
  it("shows a record changed on the server as a conflict and sends the officer's choice at the new version", async () => {
    const server = fakeServer();
    const created = await sendEntry(entry("e0"), server.transport);
    const id = created.entry.sentId as string;
    // Offline, the officer edits the place and the quantity of version 1 ...
    const edit: OutboxEntry = entry(
      "e1",
      { ...INPUT, place: "Ishkashim", quantity: 14 },
      {
        kind: "update",
        recordId: id,
        baseVersion: 1,
      },
    );
    // ... while someone changes the quantity and the agency on the server.
    await server.transport.update(id, { ...INPUT, quantity: 20, agency: "Border troops", version: 1 });
    const outcome = await sendEntry(edit, server.transport);
    expect(outcome.entry.state).toBe("conflict");
    expect(outcome.entry.server?.version).toBe(2);
    expect(differingFields(outcome.entry.input, outcome.entry.server as Seizure)).toEqual([
      "place",
      "quantity",
      "agency",
    ]);
    // Keep my place and quantity, take their agency: nothing of either is lost.
    const resolved = resolveConflict(outcome.entry, { agency: "theirs" });
    // Knowing what the edit began from, the view starts there by itself: the agency only they changed is theirs,
    // the quantity both changed is mine for me to review.
    const withBase = { ...outcome.entry, base: INPUT };
    expect(defaultChoice(withBase, "agency")).toBe("theirs");
    expect(defaultChoice(withBase, "quantity")).toBe("mine");
    expect(defaultChoice(withBase, "place")).toBe("mine");
    expect(resolveConflict(withBase, {}).input).toMatchObject({
      place: "Ishkashim",
      quantity: 14,
      agency: "Border troops",
    });
    expect(resolveConflict(withBase, { quantity: "theirs" }).input).toMatchObject({ quantity: 20 });
    expect(resolved).toMatchObject({ state: "waiting", baseVersion: 2 });
    const sent = await sendEntry(resolved, server.transport);
    expect(sent.entry.state).toBe("sent");
    expect(server.records.get(id)).toMatchObject({
      place: "Ishkashim",
      quantity: 14,
      agency: "Border troops",
      version: 3,
    });
  });

  it("an edit whose answer was lost is not sent twice: the 409 holding exactly its values counts as sent", async () => {
    const server = fakeServer();
    const id = (await sendEntry(entry("e0"), server.transport)).entry.sentId as string;
    const edit = entry("e1", { ...INPUT, place: "Rushan" }, { kind: "update", recordId: id, baseVersion: 1 });
    expect((await sendEntry(edit, server.transport)).entry.state).toBe("sent");
    const again = await sendEntry(edit, server.transport);
    expect(again.entry).toMatchObject({ state: "sent", sentId: id });
    expect(server.records.get(id)?.version).toBe(2);
  });

  it("waits when the record cannot be read to show the conflict", async () => {
    const server = fakeServer();
    const transport: OutboxTransport = {
      ...server.transport,
      update: async () => {
        throw problem(409, "version_conflict");
      },
      get: async () => {
        throw new ApiError(0, null);
      },
    };
    const edit = entry("e1", INPUT, { kind: "update", recordId: "rec-1", baseVersion: 1 });
    expect(await sendEntry(edit, transport)).toEqual({ entry: edit, retryLater: true });
  });
});
