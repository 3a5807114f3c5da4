import { expect } from "vitest";
import type { TestApp, TestClient } from "./app.js";
import { facilityInput, projectInput, SEIZURE_INPUT } from "./fixtures.js";

/**
 * The record types of test/concurrency.test.ts: for each, how to create a record and what two users send to
 * change the same field. Each edit writes a marker unique to its author, so whose change won is read off the data.
 */

export type Json = Record<string, unknown>;

export interface Contender {
  client: TestClient;
  /** The body this user sends, given the version they read and their marker. */
  body(version: number, marker: string): Json;
}

export interface Scenario {
  /** Where the update goes, and where a user reads the record (null: read it from the database). */
  url: string;
  method: "PATCH" | "PUT";
  readUrl: string | null;
  version: number;
  /** The revision history's entity type (null: the record type keeps its history in the audit log only). */
  revisionType: string | null;
  users: [Contender, Contender];
  /** Whether a record (from the API, the 409 body or the database) carries this marker's change. */
  carries?(record: Json, marker: string): boolean;
  /** The record as the database holds it, when there is no endpoint to read it back. */
  load?(): Promise<Json>;
}

export interface Domain {
  name: string;
  setup(): Promise<Scenario>;
}

const PASSWORD = "correct horse battery staple";

let t: TestApp;
let coordinatorA: TestClient;
let coordinatorB: TestClient;
let loA: TestClient;
let loB: TestClient;
let focalA: TestClient;
let focalB: TestClient;
let serial = 0;

export const unique = (prefix: string) => `${prefix}${++serial}${Math.random().toString(36).slice(2, 8)}`;

export async function created(client: TestClient, url: string, payload: unknown): Promise<Json> {
  const res = await client.request({ method: "POST", url, payload });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(201);
  return res.json();
}

export async function read(client: TestClient, url: string): Promise<Json> {
  const res = await client.request({ url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
}

function without(record: Json, keys: string[]): Json {
  const copy = { ...record };
  for (const k of keys) delete copy[k];
  return copy;
}

/** A second, separate session of an existing user (their other browser). */
async function anotherSession(email: string): Promise<TestClient> {
  const client: TestClient = {
    cookies: {},
    csrfToken: "",
    userId: null,
    async request({ method = "GET", url, payload, headers = {} }) {
      const response = await t.app.inject({
        method,
        url,
        ...(payload !== undefined ? { payload: payload as object } : {}),
        cookies: client.cookies,
        headers: { "x-csrf-token": client.csrfToken, ...headers },
      });
      for (const c of response.cookies) client.cookies[c.name] = c.value;
      return response;
    },
  };
  client.csrfToken = (await client.request({ url: "/api/v1/auth/me" })).json().csrfToken;
  const res = await client.request({
    method: "POST",
    url: "/api/v1/auth/sign-in",
    payload: { email, password: PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  client.csrfToken = res.json().csrfToken;
  client.userId = res.json().user?.id ?? null;
  return client;
}

const SEIZURE = SEIZURE_INPUT;

const PROJECT = projectInput("Border liaison offices on the Tajik-Afghan border");

const NEED = {
  country: "TJK",
  pillar: 1,
  theme: "border_control",
  description: { en: "Scanners at the Panj crossings" },
  priority: "high",
  periodStart: "2026-01-01",
  periodEnd: "2026-12-31",
};

const PRICE = {
  country: "UZB",
  year: 2023,
  kind: "price",
  drug: "heroin",
  market: "retail",
  unit: "g",
  currency: "UZS",
  usdRate: 0.00008,
  typical: 500000,
  min: 400000,
  max: 650000,
  source: "MVD",
};

const TOTAL = { country: "UZB", year: 2022, drug: "heroin", unit: "kg", quantity: 120.5, cases: 9, source: "ARQ" };

const FACILITY = {
  ...facilityInput("Republican Narcology Centre"),
  name: { en: "Republican Narcology Centre", ru: "Республиканский центр наркологии" },
  capacity: 120,
  lastVerified: "2025-03-01",
};

let courseId: string;

/** The app and the signed-in users the scenarios run with (set by the test's beforeAll). */
export interface Actors {
  t: TestApp;
  coordinatorA: TestClient;
  coordinatorB: TestClient;
  loA: TestClient;
  loB: TestClient;
  focalA: TestClient;
  focalB: TestClient;
  courseId: string;
}

export function useActors(actors: Actors): void {
  ({ t, coordinatorA, coordinatorB, loA, loB, focalA, focalB, courseId } = actors);
}

/** Both users change the same field; `body` builds the whole request from the record read and the marker. */
function pair(a: TestClient, b: TestClient, body: (version: number, marker: string) => Json): [Contender, Contender] {
  return [
    { client: a, body },
    { client: b, body },
  ];
}

/** Every record type editable through a versioned PATCH/PUT, with how to make one and edit it. */
export const domains: Domain[] = [
  {
    name: "partners",
    async setup() {
      const partner = await read(coordinatorA, "/api/v1/partners/KGZ");
      return {
        url: "/api/v1/partners/KGZ",
        method: "PATCH",
        readUrl: "/api/v1/partners/KGZ",
        version: partner.version as number,
        revisionType: "partner",
        users: pair(coordinatorA, coordinatorB, (version, m) => ({ version, name: { en: m, ru: m } })),
      };
    },
  },
  {
    name: "users",
    async setup() {
      const res = await coordinatorA.request({
        method: "POST",
        url: "/api/v1/users",
        payload: {
          email: `${unique("user")}@example.org`,
          displayName: "Conflict Target",
          role: "member",
          partnerCode: "TJK",
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const user = res.json().user;
      return {
        url: `/api/v1/users/${user.id}`,
        method: "PATCH",
        readUrl: `/api/v1/users/${user.id}`,
        version: user.version,
        revisionType: "user",
        users: pair(coordinatorA, coordinatorB, (version, m) => ({ version, displayName: m })),
      };
    },
  },
  {
    name: "meetings",
    async setup() {
      const meeting = await created(coordinatorA, "/api/v1/meetings", {
        kind: "ewg",
        title: { en: "EWG on concurrent edits" },
        pillars: [1],
        startDate: "2031-05-10",
      });
      return {
        url: `/api/v1/meetings/${meeting.id}`,
        method: "PATCH",
        readUrl: `/api/v1/meetings/${meeting.id}`,
        version: meeting.version as number,
        revisionType: "meeting",
        users: pair(coordinatorA, coordinatorB, (version, m) => ({ version, title: { en: m } })),
      };
    },
  },
  {
    name: "meeting registrations (the participant's two sessions)",
    async setup() {
      const email = `${unique("participant")}@example.org`;
      const first = await t.signIn("member", { partnerCode: "TJK", email });
      const second = await anotherSession(email);
      const meeting = await created(coordinatorA, "/api/v1/meetings", {
        kind: "ewg",
        title: { en: "EWG with registrations" },
        pillars: [2],
        startDate: "2031-06-10",
      });
      const registration = await created(first, `/api/v1/meetings/${meeting.id}/registrations`, {
        attendanceMode: "in_person",
        listConsent: true,
      });
      const id = registration.id as string;
      // The only fields a participant edits are flags: one session withdraws consent, the other withdraws.
      const markers = new Map<string, "consent" | "cancel">();
      const body = (version: number, m: string) =>
        markers.get(m) === "consent" ? { version, listConsent: false } : { version, cancel: true };
      return {
        url: `/api/v1/meeting-registrations/${id}`,
        method: "PATCH",
        readUrl: null,
        version: registration.version as number,
        revisionType: null,
        users: [
          {
            client: first,
            body: (v, m) => {
              markers.set(m, "consent");
              return body(v, m);
            },
          },
          {
            client: second,
            body: (v, m) => {
              markers.set(m, "cancel");
              return body(v, m);
            },
          },
        ],
        carries: (r, m) => {
          const consent = r.list_consent ?? r.listConsent;
          return markers.get(m) === "consent"
            ? consent === false && r.status !== "cancelled"
            : r.status === "cancelled" && consent === true;
        },
        load: async () =>
          (await t.ctx.database.db
            .selectFrom("meeting_registrations")
            .selectAll()
            .where("id", "=", id)
            .executeTakeFirstOrThrow()) as unknown as Json,
      };
    },
  },
  {
    name: "recommendations",
    async setup() {
      const meeting = await created(coordinatorA, "/api/v1/meetings", {
        kind: "ewg",
        number: 77,
        title: { en: "EWG 77" },
        pillars: [2],
        startDate: "2031-03-01",
      });
      const rec = await created(coordinatorA, "/api/v1/recommendations", {
        meetingId: meeting.id,
        number: "1",
        text: { en: "Disrupt contactless drug purchases" },
        pillar: 2,
        themes: ["virtual assets"],
        commitments: [],
        priority: false,
      });
      return {
        url: `/api/v1/recommendations/${rec.id}`,
        method: "PATCH",
        readUrl: `/api/v1/recommendations/${rec.id}`,
        version: rec.version as number,
        revisionType: "recommendation",
        users: pair(coordinatorA, coordinatorB, (version, m) => ({ version, text: { en: m } })),
      };
    },
  },
  {
    name: "news",
    async setup() {
      const item = await created(coordinatorA, "/api/v1/news", {
        title: { en: "Precursor case meeting" },
        body: { en: "Regional hubs linked three cases." },
        pillars: [3],
      });
      return {
        url: `/api/v1/news/${item.id}`,
        method: "PATCH",
        readUrl: `/api/v1/news/${item.id}`,
        version: item.version as number,
        revisionType: "news",
        users: pair(coordinatorA, coordinatorB, (version, m) => ({ version, title: { en: m } })),
      };
    },
  },
  {
    name: "seizures",
    async setup() {
      const seizure = await created(loA, "/api/v1/seizures", SEIZURE);
      return {
        url: `/api/v1/seizures/${seizure.id}`,
        method: "PATCH",
        readUrl: `/api/v1/seizures/${seizure.id}`,
        version: seizure.version as number,
        revisionType: "seizure",
        users: pair(loA, loB, (version, m) => ({ ...SEIZURE, place: m, version })),
      };
    },
  },
  {
    name: "trainings",
    async setup() {
      const training = await created(loA, "/api/v1/trainings", {
        courseId,
        title: "Controlled delivery, Almaty",
        startsOn: "2025-03-10",
        endsOn: "2025-03-14",
        place: "Almaty",
        country: "KAZ",
        format: "in_person",
      });
      const current = await read(loA, `/api/v1/trainings/${training.id}`);
      const base = without(current, ["id", "course", "participantCount", "can", "version"]);
      return {
        url: `/api/v1/trainings/${training.id}`,
        method: "PATCH",
        readUrl: `/api/v1/trainings/${training.id}`,
        version: current.version as number,
        revisionType: "training",
        users: pair(loA, loB, (version, m) => ({ ...base, courseId, place: m, version })),
      };
    },
  },
  {
    name: "training participants",
    async setup() {
      const training = await created(loA, "/api/v1/trainings", {
        courseId,
        title: "Risk profiling, Tashkent",
        startsOn: "2025-04-10",
        endsOn: "2025-04-12",
        country: "KAZ",
        format: "in_person",
      });
      const added = await created(loA, `/api/v1/trainings/${training.id}/participants`, {
        fullName: "Yuriy Kovalev",
        country: "KAZ",
        agency: "Border Service",
      });
      const participant = added.participant as Json;
      const base = without(participant, ["id", "trainingId", "personId", "otherTrainings", "version"]);
      return {
        url: `/api/v1/trainings/participants/${participant.id}`,
        method: "PATCH",
        readUrl: null,
        version: participant.version as number,
        revisionType: "training_participant",
        users: pair(loA, loB, (version, m) => ({ ...base, position: m, version })),
        load: async () => {
          const list = await read(loA, `/api/v1/trainings/${training.id}/participants`);
          return (list.items as Json[]).find((p) => p.id === participant.id) as Json;
        },
      };
    },
  },
  {
    name: "treatment facilities",
    async setup() {
      const facility = await created(loA, "/api/v1/facilities", FACILITY);
      return {
        url: `/api/v1/facilities/${facility.id}`,
        method: "PATCH",
        readUrl: `/api/v1/facilities/${facility.id}`,
        version: facility.version as number,
        revisionType: "facility",
        users: pair(loA, loB, (version, m) => ({ version, city: m })),
      };
    },
  },
  {
    name: "ADAM projects",
    async setup() {
      const project = await created(focalA, "/api/v1/projects", PROJECT);
      return {
        url: `/api/v1/projects/${project.id}`,
        method: "PUT",
        readUrl: `/api/v1/projects/${project.id}`,
        version: project.version as number,
        revisionType: "project",
        users: pair(focalA, focalB, (version, m) => ({ ...PROJECT, title: { en: m }, version })),
      };
    },
  },
  {
    name: "ADAM needs",
    async setup() {
      const need = await created(focalA, "/api/v1/projects/needs", NEED);
      return {
        url: `/api/v1/projects/needs/${need.id}`,
        method: "PUT",
        readUrl: null,
        version: need.version as number,
        revisionType: "project_need",
        users: pair(focalA, focalB, (version, m) => ({ ...NEED, description: { en: m }, version })),
        load: async () => {
          const list = await read(focalA, "/api/v1/projects/needs?country=TJK");
          return (list.items as Json[]).find((n) => n.id === need.id) as Json;
        },
      };
    },
  },
  {
    name: "fact-sheet indicators",
    async setup() {
      const indicator = await created(loA, "/api/v1/factsheets/indicators", PRICE);
      return {
        url: `/api/v1/factsheets/indicators/${indicator.id}`,
        method: "PUT",
        readUrl: null,
        version: indicator.version as number,
        revisionType: "indicator",
        users: pair(loA, loB, (version, m) => ({ version, value: { ...PRICE, source: m } })),
        load: async () => {
          const list = await read(loA, "/api/v1/factsheets/indicators?country=UZB&years=2023");
          return (list.items as Json[]).find((i) => i.id === indicator.id) as Json;
        },
      };
    },
  },
  {
    name: "reported national totals",
    async setup() {
      const total = await created(loA, "/api/v1/factsheets/national-totals", TOTAL);
      return {
        url: `/api/v1/factsheets/national-totals/${total.id}`,
        method: "PUT",
        readUrl: null,
        version: total.version as number,
        revisionType: "national_total",
        users: pair(loA, loB, (version, m) => ({ version, value: { ...TOTAL, source: m } })),
        load: async () => {
          const list = await read(loA, "/api/v1/factsheets/national-totals?country=UZB&years=2022");
          return (list.items as Json[]).find((i) => i.id === total.id) as Json;
        },
      };
    },
  },
  {
    name: "fact-sheet regions",
    async setup() {
      const code = unique("route-");
      const region = await created(coordinatorA, "/api/v1/factsheets/regions", {
        code,
        name: { en: "Northern route" },
        countries: ["UZB", "KAZ"],
      });
      return {
        url: `/api/v1/factsheets/regions/${code}`,
        method: "PATCH",
        readUrl: null,
        version: region.version as number,
        revisionType: "factsheet_region",
        users: pair(coordinatorA, coordinatorB, (version, m) => ({ version, name: { en: m } })),
        load: async () => {
          const list = await read(coordinatorA, "/api/v1/factsheets/regions");
          return (list.items as Json[]).find((r) => r.code === code) as Json;
        },
      };
    },
  },
  {
    name: "fact sheets",
    async setup() {
      const sheet = await created(loA, "/api/v1/factsheets", { subject: "uzb", year: 2021 });
      return {
        url: `/api/v1/factsheets/${sheet.id}`,
        method: "PATCH",
        readUrl: `/api/v1/factsheets/${sheet.id}`,
        version: sheet.version as number,
        revisionType: "factsheet",
        users: pair(loA, loB, (version, m) => ({ version, notes: { en: m } })),
      };
    },
  },
];
