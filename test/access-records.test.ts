import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "./app.js";
import { facilityInput, projectInput } from "./fixtures.js";
import { multipart } from "./imports.js";

/**
 * Record-level cases of the role × route matrix: a role that may call a route in general must still be
 * refused on a record it has no claim to (another partner's project, another country's seizure, another
 * training's participants, another user's tokens…). Each case states who tries what, the statuses that
 * count as a refusal, and a re-read by an authorised user that must be the same before and after.
 * Each "hidden" case also reads as an authorised user, so the marker it looks for is known to be there.
 */

interface Attempt {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

interface RefusalCase {
  name: string;
  as: () => TestClient;
  attempt: () => Attempt | Promise<Attempt>;
  /** Statuses that count as a refusal (403 when the record may be seen, 404 when it may not, 401 for visitors). */
  refused: number[];
  /** What an authorised user reads before and after; must not change. */
  reread: () => Promise<unknown>;
}

interface HiddenCase {
  name: string;
  as: () => TestClient;
  /** An authorised reader of the same route, to prove the marker is there to be found. */
  authorised: () => TestClient;
  url: () => string;
  /** Text that must not appear in the refused reader's answer (an id, a name). */
  marker: () => string;
}

const MARK = "Qzx7"; // rare letters, so a marker is found only where the record is

async function ok(res: LightMyRequestResponse | Promise<LightMyRequestResponse>, status = 0) {
  const r = await res;
  if (status ? r.statusCode !== status : r.statusCode >= 300) throw new Error(`${r.statusCode} ${r.body}`);
  return r.statusCode === 204 ? {} : r.json();
}

const project = projectInput;

const need = {
  country: "KAZ",
  pillar: 1,
  theme: "border_control",
  description: { en: "Scanners for the Khorgos crossing" },
  priority: "high",
  periodStart: "2027-01-01",
  periodEnd: "2027-12-31",
};

const seizure = (place: string, sharing: string) => ({
  seizureDate: "2023-03-10",
  country: "TJK",
  drug: "heroin",
  quantity: 12.5,
  unit: "kg",
  place,
  agency: `Drug Control Agency ${place}`,
  latitude: 38.56,
  longitude: 68.77,
  sourceType: "official",
  sharing,
});

describe("record-level access: who may act on which record", () => {
  let t: TestApp;
  let visitor: TestClient;
  let coordinator: TestClient;
  let focalTjk: TestClient; // partner A
  let focalKaz: TestClient; // partner B
  let memberTur: TestClient;
  let liaisonTjk: TestClient; // liaison officer of country X = TJK (and KAZ, UZB for trainings and fact sheets)
  let liaisonAlb: TestClient; // liaison officer of country Y = ALB
  let other: TestClient; // an ordinary user, owner of sessions, tokens and notifications

  const ids: Record<string, string> = {};
  const versions: Record<string, number> = {};

  async function scope(client: TestClient, countries: string[]) {
    await t.ctx.database.db
      .insertInto("user_country_scopes")
      .values(countries.map((c) => ({ user_id: client.userId as string, country_code: c })))
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "1000000" } });
    visitor = await t.visitor();
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    focalTjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    focalKaz = await t.signIn("focal_point", { partnerCode: "KAZ" });
    memberTur = await t.signIn("member", { partnerCode: "TUR" });
    liaisonTjk = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    liaisonAlb = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    other = await t.signIn("member", { partnerCode: "UZB" });
    await scope(liaisonTjk, ["TJK", "KAZ", "UZB"]);
    await scope(liaisonAlb, ["ALB"]);
    for (const c of [coordinator, focalTjk, focalKaz, memberTur, liaisonTjk, liaisonAlb, other]) {
      await ok(c.request({ method: "POST", url: "/api/v1/seizures/terms/accept" }));
    }

    // ADAM: partner B (KAZ) has a draft and a published project, a document and a need.
    const draft = await ok(
      focalKaz.request({ method: "POST", url: "/api/v1/projects", payload: project("KAZ draft") }),
    );
    ids.draftProject = draft.id;
    const pub = await ok(focalKaz.request({ method: "POST", url: "/api/v1/projects", payload: project("KAZ live") }));
    ids.project = pub.id;
    await ok(
      focalKaz.request({
        method: "POST",
        url: `/api/v1/projects/${pub.id}/transition`,
        payload: { to: "submitted", version: 1 },
      }),
    );
    const published = await ok(
      coordinator.request({
        method: "POST",
        url: `/api/v1/projects/${pub.id}/transition`,
        payload: { to: "published", version: 2 },
      }),
    );
    versions.project = published.version;
    const kazFile = await ok(
      focalKaz.request({
        method: "POST",
        url: "/api/v1/files",
        ...multipart("plan.txt", "Work plan 2026", "text/plain"),
      }),
    );
    const doc = await ok(
      focalKaz.request({
        method: "POST",
        url: `/api/v1/projects/${pub.id}/documents`,
        payload: { fileId: kazFile.id },
      }),
    );
    ids.document = doc.id;
    ids.kazFile = kazFile.id;
    const tjkFile = await ok(
      focalTjk.request({ method: "POST", url: "/api/v1/files", ...multipart("mine.txt", "Not yours", "text/plain") }),
    );
    ids.tjkFile = tjkFile.id;
    const n = await ok(focalKaz.request({ method: "POST", url: "/api/v1/projects/needs", payload: need }));
    ids.need = n.id;
    versions.need = n.version;
    const saved = await ok(
      focalKaz.request({
        method: "POST",
        url: "/api/v1/projects/saved-searches",
        payload: { name: "mine", query: { q: "scanner" } },
      }),
    );
    ids.savedSearch = saved.id;

    // DMP: a published restricted seizure of TJK, a published members-only one, and an entered one.
    const restricted = await ok(
      liaisonTjk.request({
        method: "POST",
        url: "/api/v1/seizures",
        payload: seizure(`Restricted${MARK}`, "restricted"),
      }),
    );
    const shared = await ok(
      liaisonTjk.request({ method: "POST", url: "/api/v1/seizures", payload: seizure(`Shared${MARK}`, "members") }),
    );
    const entered = await ok(
      liaisonTjk.request({ method: "POST", url: "/api/v1/seizures", payload: seizure(`Entered${MARK}`, "members") }),
    );
    ids.restrictedSeizure = restricted.id;
    ids.sharedSeizure = shared.id;
    ids.enteredSeizure = entered.id;
    for (const [action, version] of [
      ["validate", 1],
      ["publish", 2],
    ] as const) {
      // Four-eyes: the coordinator validates what the officer entered; two records at once name their count.
      await ok(
        (action === "validate" ? coordinator : liaisonTjk).request({
          method: "POST",
          url: "/api/v1/seizures/transitions",
          payload: {
            action,
            records: [
              { id: restricted.id, version },
              { id: shared.id, version },
            ],
            expectedCount: 2,
          },
        }),
      );
    }

    // Trainings: one in KAZ organized by the TJK/KAZ/UZB liaison officer, with one participant.
    const course = await ok(
      coordinator.request({
        method: "POST",
        url: "/api/v1/trainings/courses",
        payload: { code: "RL-1", title: { en: "Risk profiling" }, topic: "profiling", level: "basic", pillar: 1 },
      }),
    );
    const training = await ok(
      liaisonTjk.request({
        method: "POST",
        url: "/api/v1/trainings",
        payload: {
          courseId: course.id,
          title: "Risk profiling, Almaty",
          startsOn: "2025-03-10",
          endsOn: "2025-03-14",
          country: "KAZ",
          format: "in_person",
        },
      }),
    );
    ids.training = training.id;
    ids.course = course.id;
    const added = await ok(
      liaisonTjk.request({
        method: "POST",
        url: `/api/v1/trainings/${training.id}/participants`,
        payload: { fullName: `Zarina ${MARK}ova`, dateOfBirth: "1985-04-12", sex: "F", country: "KAZ" },
      }),
    );
    ids.participant = added.participant.id;
    versions.participant = added.participant.version;
    // A second person, so that the linkage model (and so name suggestions) exists.
    await ok(
      liaisonTjk.request({
        method: "POST",
        url: `/api/v1/trainings/${training.id}/participants`,
        payload: { fullName: "Oleg Petrov", dateOfBirth: "1979-11-02", sex: "M", country: "KAZ" },
      }),
    );
    // The linkage job the additions queued gives each participant a person.
    while (await t.ctx.jobs.runNext()) {}
    const participants = await ok(liaisonTjk.request({ url: `/api/v1/trainings/${training.id}/participants` }));
    ids.person = participants.items.find((p: { id: string }) => p.id === ids.participant).personId;

    // Facilities: a restricted one in TJK.
    const facility = await ok(
      liaisonTjk.request({
        method: "POST",
        url: "/api/v1/facilities",
        payload: { ...facilityInput(`Closed Clinic ${MARK}`), sharing: "restricted" },
      }),
    );
    ids.facility = facility.id;

    // Fact sheets: a draft of UZB (in the TJK liaison's scopes) and a published one of KAZ.
    const draftSheet = await ok(
      liaisonTjk.request({ method: "POST", url: "/api/v1/factsheets", payload: { subject: "UZB", year: 2023 } }),
    );
    ids.draftSheet = draftSheet.id;
    const sheet = await ok(
      liaisonTjk.request({ method: "POST", url: "/api/v1/factsheets", payload: { subject: "KAZ", year: 2023 } }),
    );
    ids.sheet = sheet.id;
    await ok(
      liaisonTjk.request({
        method: "POST",
        url: `/api/v1/factsheets/${sheet.id}/transitions`,
        payload: { version: 1, action: "submit" },
      }),
    );
    const pubSheet = await ok(
      liaisonTjk.request({
        method: "POST",
        url: `/api/v1/factsheets/${sheet.id}/transitions`,
        payload: { version: 2, action: "publish" },
      }),
    );
    versions.sheet = pubSheet.version;

    // Consultative mechanism: an adopted recommendation (reportable) and a draft one.
    const meeting = await ok(
      coordinator.request({
        method: "POST",
        url: "/api/v1/meetings",
        payload: { kind: "ewg", number: 77, title: { en: "EWG 77" }, pillars: [1], startDate: "2030-03-01" },
      }),
    );
    const rec = await ok(
      coordinator.request({
        method: "POST",
        url: "/api/v1/recommendations",
        payload: { meetingId: meeting.id, number: "1", text: { en: "Share risk profiles" }, pillar: 1 },
      }),
    );
    await ok(
      coordinator.request({
        method: "POST",
        url: `/api/v1/recommendations/${rec.id}/transitions`,
        payload: { to: "adopted", on: "2030-03-02", version: rec.version },
      }),
    );
    ids.recommendation = rec.id;
    const draftRec = await ok(
      coordinator.request({
        method: "POST",
        url: "/api/v1/recommendations",
        payload: { meetingId: meeting.id, number: "2", text: { en: `Draft ${MARK}` }, pillar: 1 },
      }),
    );
    ids.draftRecommendation = draftRec.id;
    // The other user's own registration for the meeting.
    const registration = await ok(
      other.request({ method: "POST", url: `/api/v1/meetings/${meeting.id}/registrations`, payload: {} }),
    );
    ids.meeting = meeting.id;
    ids.meetingRegistration = registration.id;
    versions.meetingRegistration = registration.version;

    // A job of the TJK liaison officer (a dry-run import; nothing runs it here, it only has to exist).
    const csv = await ok(
      liaisonTjk.request({
        method: "POST",
        url: "/api/v1/files",
        ...multipart("seizures.csv", "date,country\n", "text/plain"),
      }),
    );
    const job = await ok(
      liaisonTjk.request({
        method: "POST",
        url: "/api/v1/seizures/imports",
        payload: { fileId: csv.id, dryRun: true },
      }),
      202,
    );
    ids.job = job.jobId;

    // Another user's notification and API token.
    await t.ctx.notifications.notify([other.userId as string], {
      kind: "system",
      title: { en: `Private notice ${MARK}` },
    });
    const notices = await ok(other.request({ url: "/api/v1/notifications" }));
    ids.notification = notices.items[0].id;
    const token = await ok(
      other.request({
        method: "POST",
        url: "/api/v1/auth/tokens",
        payload: {
          name: `token ${MARK}`,
          permissions: ["member:read"],
          expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      }),
    );
    ids.token = token.token.id;
    ids.tokenValue = token.value;
    const sessions = await ok(other.request({ url: "/api/v1/auth/sessions" }));
    ids.session = sessions.items[0].id;
  }, 180_000);
  afterAll(() => t?.close());

  const read = (client: () => TestClient, url: () => string) => async () => {
    const res = await client().request({ url: url() });
    return { status: res.statusCode, body: res.json() };
  };
  const asCoordinator = (url: () => string) => read(() => coordinator, url);
  const projectNow = asCoordinator(() => `/api/v1/projects/${ids.project}`);
  const draftProjectNow = asCoordinator(() => `/api/v1/projects/${ids.draftProject}`);
  const documentsNow = asCoordinator(() => `/api/v1/projects/${ids.project}/documents`);
  const needNow = async () => {
    const res = await ok(coordinator.request({ url: "/api/v1/projects/needs?country=KAZ" }));
    return res.items ?? res;
  };
  const seizureNow = (key: string) => asCoordinator(() => `/api/v1/seizures/${ids[key]}`);
  const participantsNow = asCoordinator(() => `/api/v1/trainings/${ids.training}/participants`);
  /** The stored fact sheet (its live content carries the time it was computed, so it is left out). */
  const sheetNow = (key: string) => async () => {
    const { status, body } = await asCoordinator(() => `/api/v1/factsheets/${ids[key]}`)();
    const { content: _live, ...stored } = body;
    return {
      status,
      stored,
      history: await ok(coordinator.request({ url: `/api/v1/factsheets/${ids[key]}/history` })),
    };
  };
  const recommendationNow = asCoordinator(() => `/api/v1/recommendations/${ids.recommendation}`);
  const otherNotices = read(
    () => other,
    () => "/api/v1/notifications",
  );
  /** The other user's tokens (when one was last used is bookkeeping, not a change of the token). */
  const otherTokens = async () => {
    const { status, body } = await read(
      () => other,
      () => "/api/v1/auth/tokens",
    )();
    return { status, items: body.items.map(({ lastUsedAt: _used, ...rest }: Record<string, unknown>) => rest) };
  };
  const otherSessions = read(
    () => other,
    () => "/api/v1/auth/sessions",
  );
  const savedSearchesNow = read(
    () => focalKaz,
    () => "/api/v1/projects/saved-searches",
  );
  const unchanged = async () => ({ nothing: "to re-read" });

  const REFUSALS: RefusalCase[] = [
    // ADAM: focal point of partner A (TJK) on partner B's (KAZ) projects.
    {
      name: "focal point A edits partner B's published project",
      as: () => focalTjk,
      attempt: () => ({
        method: "PUT",
        url: `/api/v1/projects/${ids.project}`,
        payload: { ...project("Hijacked"), version: versions.project },
      }),
      refused: [403],
      reread: projectNow,
    },
    {
      name: "focal point A edits partner B's draft project",
      as: () => focalTjk,
      attempt: () => ({
        method: "PUT",
        url: `/api/v1/projects/${ids.draftProject}`,
        payload: { ...project("Hijacked"), version: 1 },
      }),
      refused: [404],
      reread: draftProjectNow,
    },
    {
      name: "focal point A moves partner B's project to its own partner",
      as: () => focalTjk,
      attempt: () => ({
        method: "PUT",
        url: `/api/v1/projects/${ids.project}`,
        payload: { ...project("KAZ live"), partnerCode: "TJK", version: versions.project },
      }),
      refused: [403],
      reread: projectNow,
    },
    {
      name: "focal point A deletes (archives) partner B's draft project",
      as: () => focalTjk,
      attempt: () => ({
        method: "POST",
        url: `/api/v1/projects/${ids.draftProject}/transition`,
        payload: { to: "archived", version: 1 },
      }),
      refused: [404],
      reread: draftProjectNow,
    },
    {
      name: "focal point A deletes (archives) partner B's published project",
      as: () => focalTjk,
      attempt: () => ({
        method: "POST",
        url: `/api/v1/projects/${ids.project}/transition`,
        payload: { to: "archived", version: versions.project },
      }),
      refused: [403],
      reread: projectNow,
    },
    {
      name: "focal point A submits partner B's draft project for publication",
      as: () => focalTjk,
      attempt: () => ({
        method: "POST",
        url: `/api/v1/projects/${ids.draftProject}/transition`,
        payload: { to: "submitted", version: 1 },
      }),
      refused: [404],
      reread: draftProjectNow,
    },
    {
      name: "focal point B publishes its own project without a coordinator",
      as: () => focalKaz,
      attempt: async () => {
        const current = await ok(focalKaz.request({ url: `/api/v1/projects/${ids.draftProject}` }));
        return {
          method: "POST",
          url: `/api/v1/projects/${ids.draftProject}/transition`,
          payload: { to: "published", version: current.version },
        };
      },
      refused: [403, 409],
      reread: draftProjectNow,
    },
    {
      name: "focal point A uploads a document to partner B's project",
      as: () => focalTjk,
      attempt: () => ({
        method: "POST",
        url: `/api/v1/projects/${ids.project}/documents`,
        payload: { fileId: ids.tjkFile },
      }),
      refused: [403],
      reread: documentsNow,
    },
    {
      name: "focal point A adds a version to partner B's document",
      as: () => focalTjk,
      attempt: () => ({
        method: "POST",
        url: `/api/v1/projects/${ids.project}/documents/${ids.document}/versions`,
        payload: { fileId: ids.tjkFile },
      }),
      refused: [403],
      reread: documentsNow,
    },
    {
      name: "focal point A removes partner B's document",
      as: () => focalTjk,
      attempt: () => ({ method: "DELETE", url: `/api/v1/projects/${ids.project}/documents/${ids.document}` }),
      refused: [403],
      reread: documentsNow,
    },
    {
      name: "focal point B attaches a file it did not upload (partner A's) to its own project",
      as: () => focalKaz,
      attempt: () => ({
        method: "POST",
        url: `/api/v1/projects/${ids.project}/documents`,
        payload: { fileId: ids.tjkFile },
      }),
      refused: [400, 403, 404],
      reread: documentsNow,
    },
    {
      name: "focal point A downloads partner B's uploaded file directly",
      as: () => focalTjk,
      attempt: () => ({ url: `/api/v1/files/${ids.kazFile}` }),
      refused: [404],
      reread: unchanged,
    },
    {
      name: "focal point A edits partner B's need",
      as: () => focalTjk,
      attempt: () => ({
        method: "PUT",
        url: `/api/v1/projects/needs/${ids.need}`,
        payload: { ...need, description: { en: "Hijacked" }, version: versions.need },
      }),
      refused: [403, 404],
      reread: needNow,
    },
    {
      name: "focal point A archives partner B's need",
      as: () => focalTjk,
      attempt: () => ({
        method: "POST",
        url: `/api/v1/projects/needs/${ids.need}/archive`,
        payload: { version: versions.need },
      }),
      refused: [403, 404],
      reread: needNow,
    },
    {
      name: "focal point A deletes partner B's saved search",
      as: () => focalTjk,
      attempt: () => ({ method: "DELETE", url: `/api/v1/projects/saved-searches/${ids.savedSearch}` }),
      refused: [403, 404],
      reread: savedSearchesNow,
    },
    {
      name: "a member of another partner reads a draft project",
      as: () => memberTur,
      attempt: () => ({ url: `/api/v1/projects/${ids.draftProject}` }),
      refused: [404],
      reread: draftProjectNow,
    },
    {
      name: "a visitor reads a draft project",
      as: () => visitor,
      attempt: () => ({ url: `/api/v1/projects/${ids.draftProject}` }),
      refused: [401],
      reread: draftProjectNow,
    },
    {
      name: "a member of another partner reads a draft project's documents",
      as: () => memberTur,
      attempt: () => ({ url: `/api/v1/projects/${ids.draftProject}/documents` }),
      refused: [404],
      reread: draftProjectNow,
    },
    // DMP: restricted records, and a liaison officer of country Y on country X's records.
    {
      name: "a member reads a restricted seizure by id",
      as: () => memberTur,
      attempt: () => ({ url: `/api/v1/seizures/${ids.restrictedSeizure}` }),
      refused: [404],
      reread: seizureNow("restrictedSeizure"),
    },
    {
      name: "a member reads a restricted seizure's history",
      as: () => memberTur,
      attempt: () => ({ url: `/api/v1/seizures/${ids.restrictedSeizure}/history` }),
      refused: [404],
      reread: seizureNow("restrictedSeizure"),
    },
    {
      name: "a liaison officer of another country reads a restricted seizure",
      as: () => liaisonAlb,
      attempt: () => ({ url: `/api/v1/seizures/${ids.restrictedSeizure}` }),
      refused: [404],
      reread: seizureNow("restrictedSeizure"),
    },
    {
      name: "a liaison officer of country Y edits an unpublished seizure of country X",
      as: () => liaisonAlb,
      attempt: () => ({
        method: "PATCH",
        url: `/api/v1/seizures/${ids.enteredSeizure}`,
        payload: { ...seizure("Hijacked", "public"), version: 1 },
      }),
      refused: [403, 404],
      reread: seizureNow("enteredSeizure"),
    },
    {
      name: "a liaison officer of country Y validates a seizure of country X",
      as: () => liaisonAlb,
      attempt: () => ({
        method: "POST",
        url: "/api/v1/seizures/transitions",
        payload: { action: "validate", records: [{ id: ids.enteredSeizure, version: 1 }] },
      }),
      refused: [403, 404],
      reread: seizureNow("enteredSeizure"),
    },
    {
      name: "a liaison officer of country Y corrects a published seizure of country X",
      as: () => liaisonAlb,
      attempt: () => ({
        method: "POST",
        url: `/api/v1/seizures/${ids.sharedSeizure}/correction`,
        payload: { ...seizure("Hijacked", "public"), version: 3, reason: "because" },
      }),
      refused: [403],
      reread: seizureNow("sharedSeizure"),
    },
    {
      name: "a liaison officer of country Y moves a seizure of country X into its own country",
      as: () => liaisonAlb,
      attempt: () => ({
        method: "PATCH",
        url: `/api/v1/seizures/${ids.enteredSeizure}`,
        payload: { ...seizure("Tirana", "members"), country: "ALB", latitude: 41.33, longitude: 19.82, version: 1 },
      }),
      refused: [403, 404],
      reread: seizureNow("enteredSeizure"),
    },
    {
      name: "a member of another partner edits an unpublished seizure",
      as: () => memberTur,
      attempt: () => ({
        method: "PATCH",
        url: `/api/v1/seizures/${ids.enteredSeizure}`,
        payload: { ...seizure("Hijacked", "public"), version: 1 },
      }),
      refused: [403, 404],
      reread: seizureNow("enteredSeizure"),
    },
    // Trainings: personal data of participants.
    {
      name: "a member reads a training's participants",
      as: () => memberTur,
      attempt: () => ({ url: `/api/v1/trainings/${ids.training}/participants` }),
      refused: [403],
      reread: participantsNow,
    },
    {
      name: "an organizer of other trainings (liaison officer of another country) reads the participants",
      as: () => liaisonAlb,
      attempt: () => ({ url: `/api/v1/trainings/${ids.training}/participants` }),
      refused: [403, 404],
      reread: participantsNow,
    },
    {
      name: "an organizer of other trainings edits a participant",
      as: () => liaisonAlb,
      attempt: () => ({
        method: "PATCH",
        url: `/api/v1/trainings/participants/${ids.participant}`,
        payload: { fullName: "Hijacked", version: versions.participant },
      }),
      refused: [403, 404],
      reread: participantsNow,
    },
    {
      name: "an organizer of other trainings adds a participant",
      as: () => liaisonAlb,
      attempt: () => ({
        method: "POST",
        url: `/api/v1/trainings/${ids.training}/participants`,
        payload: { fullName: "Planted Person" },
      }),
      refused: [403, 404],
      reread: participantsNow,
    },
    {
      name: "an organizer of other trainings reads the participant's training passport",
      as: () => liaisonAlb,
      attempt: () => ({ url: `/api/v1/trainings/persons/${ids.person}` }),
      refused: [403, 404],
      reread: participantsNow,
    },
    {
      name: "an organizer of other trainings edits the training",
      as: () => liaisonAlb,
      attempt: async () => {
        const training = await ok(coordinator.request({ url: `/api/v1/trainings/${ids.training}` }));
        return {
          method: "PATCH",
          url: `/api/v1/trainings/${ids.training}`,
          payload: {
            courseId: ids.course,
            title: "Hijacked",
            startsOn: "2025-03-10",
            endsOn: "2025-03-14",
            country: "KAZ",
            format: "in_person",
            version: training.version,
          },
        };
      },
      refused: [403, 404],
      reread: asCoordinator(() => `/api/v1/trainings/${ids.training}`),
    },
    // Facilities.
    {
      name: "a visitor reads a restricted facility",
      as: () => visitor,
      attempt: () => ({ url: `/api/v1/facilities/${ids.facility}` }),
      refused: [404],
      reread: asCoordinator(() => `/api/v1/facilities/${ids.facility}`),
    },
    {
      name: "a visitor reads a restricted facility's assessments",
      as: () => visitor,
      attempt: () => ({ url: `/api/v1/facilities/${ids.facility}/assessments` }),
      refused: [404],
      reread: asCoordinator(() => `/api/v1/facilities/${ids.facility}`),
    },
    {
      name: "a liaison officer of another country edits a facility",
      as: () => liaisonAlb,
      attempt: async () => {
        const f = await ok(coordinator.request({ url: `/api/v1/facilities/${ids.facility}` }));
        return {
          method: "PATCH",
          url: `/api/v1/facilities/${ids.facility}`,
          payload: { version: f.version, city: "Hijacked" },
        };
      },
      refused: [403],
      reread: asCoordinator(() => `/api/v1/facilities/${ids.facility}`),
    },
    {
      name: "a focal point of another country archives a facility",
      as: () => focalKaz,
      attempt: async () => {
        const f = await ok(coordinator.request({ url: `/api/v1/facilities/${ids.facility}` }));
        return { method: "POST", url: `/api/v1/facilities/${ids.facility}/archive`, payload: { version: f.version } };
      },
      refused: [403],
      reread: asCoordinator(() => `/api/v1/facilities/${ids.facility}`),
    },
    // Recommendations.
    {
      name: "a focal point files an implementation report for another partner",
      as: () => focalTjk,
      attempt: () => ({
        method: "POST",
        url: `/api/v1/recommendations/${ids.recommendation}/reports`,
        payload: { partnerCode: "KAZ", status: "done", narrative: { en: "Done, says TJK" } },
      }),
      refused: [403],
      reread: recommendationNow,
    },
    {
      name: "a visitor reads a draft recommendation",
      as: () => visitor,
      attempt: () => ({ url: `/api/v1/recommendations/${ids.draftRecommendation}` }),
      refused: [401, 403, 404],
      reread: asCoordinator(() => `/api/v1/recommendations/${ids.draftRecommendation}`),
    },
    // Fact sheets.
    {
      name: "a liaison officer without the country edits its published fact sheet",
      as: () => liaisonAlb,
      attempt: () => ({
        method: "PATCH",
        url: `/api/v1/factsheets/${ids.sheet}`,
        payload: { version: versions.sheet, notes: { en: "Hijacked" } },
      }),
      refused: [403],
      reread: sheetNow("sheet"),
    },
    {
      name: "a liaison officer without the country reopens its published fact sheet",
      as: () => liaisonAlb,
      attempt: () => ({
        method: "POST",
        url: `/api/v1/factsheets/${ids.sheet}/transitions`,
        payload: { version: versions.sheet, action: "reopen" },
      }),
      refused: [403],
      reread: sheetNow("sheet"),
    },
    {
      name: "a liaison officer without the country edits its draft fact sheet",
      as: () => liaisonAlb,
      attempt: () => ({
        method: "PATCH",
        url: `/api/v1/factsheets/${ids.draftSheet}`,
        payload: { version: 1, notes: { en: "Hijacked" } },
      }),
      refused: [403, 404],
      reread: sheetNow("draftSheet"),
    },
    {
      name: "a liaison officer without the country reads a draft fact sheet's history",
      as: () => liaisonAlb,
      attempt: () => ({ url: `/api/v1/factsheets/${ids.draftSheet}/history` }),
      refused: [403, 404],
      reread: sheetNow("draftSheet"),
    },
    {
      name: "a visitor reads a draft fact sheet",
      as: () => visitor,
      attempt: () => ({ url: `/api/v1/factsheets/${ids.draftSheet}` }),
      refused: [404],
      reread: sheetNow("draftSheet"),
    },
    {
      name: "a visitor downloads a draft fact sheet's data",
      as: () => visitor,
      attempt: () => ({ url: `/api/v1/factsheets/${ids.draftSheet}/data` }),
      refused: [404],
      reread: sheetNow("draftSheet"),
    },
    {
      name: "a visitor downloads a draft fact sheet's PDF",
      as: () => visitor,
      attempt: () => ({ url: `/api/v1/factsheets/${ids.draftSheet}/pdf` }),
      refused: [404],
      reread: sheetNow("draftSheet"),
    },
    {
      name: "a member reads a draft fact sheet",
      as: () => memberTur,
      attempt: () => ({ url: `/api/v1/factsheets/${ids.draftSheet}` }),
      refused: [404],
      reread: sheetNow("draftSheet"),
    },
    {
      name: "a user withdraws another user's meeting registration",
      as: () => memberTur,
      attempt: () => ({
        method: "PATCH",
        url: `/api/v1/meeting-registrations/${ids.meetingRegistration}`,
        payload: { cancel: true, version: versions.meetingRegistration },
      }),
      refused: [404],
      reread: asCoordinator(() => `/api/v1/meetings/${ids.meeting}/participants`),
    },
    {
      name: "a user follows another user's job",
      as: () => memberTur,
      attempt: () => ({ url: `/api/v1/jobs/${ids.job}` }),
      refused: [404],
      reread: read(
        () => liaisonTjk,
        () => `/api/v1/jobs/${ids.job}`,
      ),
    },
    // Another user's account: notifications, sessions, API tokens.
    {
      name: "a user marks another user's notification read",
      as: () => memberTur,
      attempt: () => ({ method: "POST", url: `/api/v1/notifications/${ids.notification}/read` }),
      refused: [404],
      reread: otherNotices,
    },
    {
      name: "a user ends another user's session",
      as: () => memberTur,
      attempt: () => ({ method: "DELETE", url: `/api/v1/auth/sessions/${ids.session}` }),
      refused: [404],
      reread: otherSessions,
    },
    {
      name: "a coordinator ends another user's session through the self-service route",
      as: () => coordinator,
      attempt: () => ({ method: "DELETE", url: `/api/v1/auth/sessions/${ids.session}` }),
      refused: [404],
      reread: otherSessions,
    },
    {
      name: "a user revokes another user's API token",
      as: () => memberTur,
      attempt: () => ({ method: "DELETE", url: `/api/v1/auth/tokens/${ids.token}` }),
      refused: [404],
      reread: otherTokens,
    },
    {
      name: "an administrator revokes another user's API token through the self-service route",
      as: () => coordinator,
      attempt: () => ({ method: "DELETE", url: `/api/v1/auth/tokens/${ids.token}` }),
      refused: [404],
      reread: otherTokens,
    },
    {
      name: "whoever holds a user's API token mints another with it (credentials need a session)",
      as: () => visitor,
      attempt: () => ({
        method: "POST",
        url: "/api/v1/auth/tokens",
        payload: {
          name: "escalated",
          permissions: ["member:read"],
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
        headers: { authorization: `Bearer ${ids.tokenValue}` },
      }),
      refused: [401, 403],
      reread: otherTokens,
    },
  ];

  for (const c of REFUSALS) {
    it(`refuses: ${c.name}`, async () => {
      const before = await c.reread();
      const res = await c.as().request(await c.attempt());
      expect(c.refused, `${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
      if (res.statusCode !== 401) expect(res.headers["content-type"]).toMatch(/problem\+json/);
      expect(await c.reread()).toEqual(before);
    });
  }

  const HIDDEN: HiddenCase[] = [
    {
      name: "a restricted seizure in a member's list",
      as: () => memberTur,
      authorised: () => liaisonTjk,
      url: () => "/api/v1/seizures?limit=100",
      marker: () => ids.restrictedSeizure as string,
    },
    {
      name: "a restricted seizure in a liaison officer of another country's list",
      as: () => liaisonAlb,
      authorised: () => coordinator,
      url: () => "/api/v1/seizures?limit=100",
      marker: () => ids.restrictedSeizure as string,
    },
    {
      name: "a restricted seizure in a member's search",
      as: () => memberTur,
      authorised: () => coordinator,
      url: () => `/api/v1/search?q=Restricted${MARK}`,
      marker: () => ids.restrictedSeizure as string,
    },
    {
      name: "a restricted seizure in a member's export",
      as: () => memberTur,
      authorised: () => liaisonTjk,
      url: () => "/api/v1/seizures/export?format=csv",
      marker: () => `Restricted${MARK}`,
    },
    {
      name: "a restricted seizure in a member's map points",
      as: () => memberTur,
      authorised: () => liaisonTjk,
      url: () => "/api/v1/seizures/map/points",
      marker: () => ids.restrictedSeizure as string,
    },
    {
      name: "an unpublished seizure in another country's liaison officer's list",
      as: () => liaisonAlb,
      authorised: () => liaisonTjk,
      url: () => "/api/v1/seizures?limit=100",
      marker: () => ids.enteredSeizure as string,
    },
    {
      name: "a draft project in another partner's list",
      as: () => focalTjk,
      authorised: () => focalKaz,
      url: () => "/api/v1/projects?limit=100",
      marker: () => ids.draftProject as string,
    },
    {
      name: "a draft project in another partner's export",
      as: () => memberTur,
      authorised: () => coordinator,
      url: () => "/api/v1/projects/export?format=csv",
      marker: () => "KAZ draft",
    },
    {
      name: "a draft project in another partner's search",
      as: () => memberTur,
      authorised: () => focalKaz,
      url: () => "/api/v1/search?q=KAZ%20draft",
      marker: () => ids.draftProject as string,
    },
    {
      name: "a restricted facility in a visitor's list",
      as: () => visitor,
      authorised: () => memberTur,
      url: () => "/api/v1/facilities?country=TJK",
      marker: () => ids.facility as string,
    },
    {
      name: "a restricted facility in a visitor's map points",
      as: () => visitor,
      authorised: () => memberTur,
      url: () => "/api/v1/facilities/points",
      marker: () => ids.facility as string,
    },
    {
      name: "a restricted facility in a visitor's export",
      as: () => visitor,
      authorised: () => memberTur,
      url: () => "/api/v1/facilities/export?format=csv",
      marker: () => `Closed Clinic ${MARK}`,
    },
    {
      name: "a restricted facility in a visitor's search",
      as: () => visitor,
      authorised: () => memberTur,
      url: () => `/api/v1/search?q=Closed%20Clinic%20${MARK}`,
      marker: () => ids.facility as string,
    },
    {
      name: "a draft fact sheet in a visitor's list",
      as: () => visitor,
      authorised: () => liaisonTjk,
      url: () => "/api/v1/factsheets?limit=100",
      marker: () => ids.draftSheet as string,
    },
    {
      name: "a draft fact sheet in another country's liaison officer's list",
      as: () => liaisonAlb,
      authorised: () => liaisonTjk,
      url: () => "/api/v1/factsheets?limit=100",
      marker: () => ids.draftSheet as string,
    },
    {
      name: "a draft recommendation in a visitor's list",
      as: () => visitor,
      authorised: () => coordinator,
      url: () => "/api/v1/recommendations?limit=100",
      marker: () => ids.draftRecommendation as string,
    },
    {
      name: "a training's participant in another organizer's name suggestions",
      as: () => liaisonAlb,
      authorised: () => liaisonTjk,
      url: () => `/api/v1/trainings/persons/suggest?name=Zarina%20${MARK}ova`,
      marker: () => `${MARK}ova`,
    },
    {
      name: "another user's notification in my list",
      as: () => memberTur,
      authorised: () => other,
      url: () => "/api/v1/notifications",
      marker: () => `Private notice ${MARK}`,
    },
    {
      name: "another user's sessions in my list",
      as: () => memberTur,
      authorised: () => other,
      url: () => "/api/v1/auth/sessions",
      marker: () => ids.session as string,
    },
    {
      name: "another user's API tokens in my list",
      as: () => memberTur,
      authorised: () => other,
      url: () => "/api/v1/auth/tokens",
      marker: () => ids.token as string,
    },
  ];

  for (const c of HIDDEN) {
    it(`leaves out: ${c.name}`, async () => {
      const seen = await c.authorised().request({ url: c.url() });
      expect(seen.statusCode, seen.body.slice(0, 300)).toBe(200);
      expect(seen.body, "the authorised reader must see it").toContain(c.marker());
      const res = await c.as().request({ url: c.url() });
      expect([200, 401, 403], res.body.slice(0, 300)).toContain(res.statusCode);
      expect(res.body).not.toContain(c.marker());
    });
  }

  it("refused attempts leave the records as their owners made them", async () => {
    expect((await projectNow()).body).toMatchObject({ title: { en: "KAZ live" }, workflow: "published" });
    expect((await draftProjectNow()).body).toMatchObject({ title: { en: "KAZ draft" }, workflow: "draft" });
    expect((await seizureNow("enteredSeizure")()).body).toMatchObject({ status: "entered", country: "TJK" });
    expect((await participantsNow()).body.items.map((p: { fullName: string }) => p.fullName).sort()).toEqual([
      "Oleg Petrov",
      `Zarina ${MARK}ova`,
    ]);
    const notices = (await otherNotices()).body;
    expect(notices.unread).toBe(1);
    expect((await otherTokens()).items).toHaveLength(1);
    // The other user's session still works.
    expect((await other.request({ url: "/api/v1/auth/me" })).json().user?.id).toBe(other.userId);
  });
});
