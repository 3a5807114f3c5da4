import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { loadReferenceData } from "../../reference/load.js";

type Meeting = {
  id: string;
  kind: string;
  number: number | null;
  title: { en?: string };
  startDate: string;
  attendance: Record<string, unknown>;
};

describe("meetings: the historic record, the list, the calendar and the visibility rule", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let member: TestClient;
  let visitor: TestClient;
  beforeAll(async () => {
    coordinator = await t.signIn("coordinator");
    member = await t.signIn("member", { partnerCode: "TJK" });
    visitor = await t.visitor();
  });

  const find = async (query: string) =>
    (await visitor.request({ url: `/api/v1/meetings?limit=200&${query}` })).json().items as Meeting[];

  it("loads every meeting the documents name: 3 conferences, 9 round tables, 4 PCGMs, 27 EWGs", async () => {
    const all = (await visitor.request({ url: "/api/v1/meetings?limit=200" })).json();
    const count = (kind: string) => all.items.filter((m: Meeting) => m.kind === kind).length;
    expect(count("ministerial_conference")).toBe(3);
    expect(count("expert_round_table")).toBe(9);
    expect(count("pcgm")).toBe(4);
    expect(count("ewg")).toBe(27);
    expect(all.total).toBe(43);
    // Newest first by default.
    expect(all.items[0].startDate >= all.items[all.items.length - 1].startDate).toBe(true);
  });

  it("filters by kind, pillar, year, host and country", async () => {
    expect((await find("kind=pcgm")).map((m) => m.number).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([4, 13, 14, 15]);
    const pillar3 = await find("kind=ewg&pillar=3");
    expect(pillar3.map((m) => m.number).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([2, 6, 10, 15, 17, 23, 26]);
    expect((await find("year=2017")).length).toBe(5); // PCGM 13 and EWGs 16–19
    expect((await find("host=europol")).map((m) => m.number).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      2, 3, 4, 6, 15,
    ]);
    expect((await find("country=IRN")).length).toBe(2); // round table 6 and EWG 19
    expect((await visitor.request({ url: "/api/v1/meetings?pillar=7" })).statusCode).toBe(400);
  });

  it("reloads the reference meetings idempotently", async () => {
    const report = await loadReferenceData(t.ctx);
    expect(report.meetings).toEqual({ inserted: 0, updated: 0, unchanged: 43 });
  });

  it("lets a coordinator record a meeting, and keeps members-only meetings from visitors", async () => {
    const res = await coordinator.request({
      method: "POST",
      url: "/api/v1/meetings",
      payload: {
        kind: "ewg",
        number: 30,
        title: { en: "Expert working group 30: Precursors", ru: "Экспертная рабочая группа 30: прекурсоры" },
        pillars: [3],
        city: { en: "Tashkent", ru: "Ташкент" },
        country: "uzb",
        lat: 41.3,
        lon: 69.24,
        startDate: "2031-03-10",
        endDate: "2031-03-11",
        format: "hybrid",
        visibility: "members",
      },
    });
    expect(res.statusCode).toBe(201);
    const meeting = res.json();
    expect(meeting).toMatchObject({ country: "UZB", version: 1, visibility: "members" });
    expect((await visitor.request({ url: `/api/v1/meetings/${meeting.id}` })).statusCode).toBe(404);
    expect((await member.request({ url: `/api/v1/meetings/${meeting.id}` })).statusCode).toBe(200);
    expect((await find("year=2031")).length).toBe(0);
    const forMember = (await member.request({ url: "/api/v1/meetings?year=2031" })).json();
    expect(forMember.total).toBe(1);

    const ics = await member.request({ url: "/api/v1/meetings/calendar.ics" });
    expect(ics.headers["content-type"]).toMatch(/text\/calendar/);
    expect(ics.body).toContain("BEGIN:VCALENDAR");
    expect(ics.body).toContain("Expert working group 30");
    expect(ics.body).toContain("DTSTART;VALUE=DATE:20310310");
    const publicIcs = await visitor.request({ url: "/api/v1/meetings/calendar.ics" });
    expect(publicIcs.body).not.toContain("Expert working group 30");

    // Optimistic locking and history.
    const edit = await coordinator.request({
      method: "PATCH",
      url: `/api/v1/meetings/${meeting.id}`,
      payload: { version: 1, visibility: "public" },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().version).toBe(2);
    const stale = await coordinator.request({
      method: "PATCH",
      url: `/api/v1/meetings/${meeting.id}`,
      payload: { version: 1, format: "virtual" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "version_conflict" });
    const history = (await member.request({ url: `/api/v1/meetings/${meeting.id}/history` })).json().items;
    expect(history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(history[0].changes.visibility).toEqual({ from: "members", to: "public" });
  });

  it("an update changes only what it names: no field falls back to its creation default", async () => {
    const created = await coordinator.request({
      method: "POST",
      url: "/api/v1/meetings",
      payload: {
        kind: "expert_round_table",
        title: { en: "Closed round table on precursors" },
        pillars: [1, 3],
        startDate: "2031-05-10",
        participants: 150,
        participantsQualifier: "over",
        inPersonParticipants: 50,
        inPersonQualifier: "over",
        stocktaking: true,
        visibility: "members",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const edited = await coordinator.request({
      method: "PATCH",
      url: `/api/v1/meetings/${created.json().id}`,
      payload: { version: 1, outcome: { en: "Agreed on a joint operation." } },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      visibility: "members",
      pillars: [1, 3],
      stocktaking: true,
      enteredAttendance: {
        participants: 150,
        participantsQualifier: "over",
        inPersonParticipants: 50,
        inPersonQualifier: "over",
      },
    });
    expect((await visitor.request({ url: `/api/v1/meetings/${created.json().id}` })).statusCode).toBe(404);
    // "More than 50 participants attending in person" (report of 2022, para. 20) is a bound, not an exact 50.
    const moscow = (await find("year=2021&country=RUS")).find((m) => m.startDate === "2021-12-15");
    expect(moscow?.attendance).toMatchObject({ inPersonParticipants: 50, inPersonQualifier: "over" });
  });

  it("refuses bad input with field errors and changes nothing", async () => {
    const before = (await coordinator.request({ url: "/api/v1/meetings?limit=1" })).json().total;
    const bad = await coordinator.request({
      method: "POST",
      url: "/api/v1/meetings",
      headers: { "accept-language": "ru" },
      payload: { kind: "ewg", title: { en: "x" }, startDate: "2031-02-30", endDate: "2030-01-01" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain("body.startDate");
    const reversed = await coordinator.request({
      method: "POST",
      url: "/api/v1/meetings",
      payload: { kind: "ewg", title: { en: "x" }, startDate: "2031-02-10", endDate: "2031-02-01" },
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0]).toMatchObject({ path: "body.endDate", code: "end_before_start" });
    expect((await coordinator.request({ url: "/api/v1/meetings?limit=1" })).json().total).toBe(before);
    const denied = await member.request({
      method: "POST",
      url: "/api/v1/meetings",
      payload: { kind: "ewg", title: { en: "x" }, startDate: "2031-02-10" },
    });
    expect(denied.statusCode).toBe(403);
  });

  it("puts meetings in the global search with the entity type 'meeting' and its web path", async () => {
    const hits = (
      await visitor.request({ url: `/api/v1/search?q=${encodeURIComponent("Тегеран")}&type=meeting` })
    ).json();
    expect(hits.items.length).toBeGreaterThan(0);
    expect(hits.items[0].url).toMatch(/^\/meetings\/[0-9a-f-]{36}$/);
    const summary = await t.ctx.meetings.getMeetingSummary(hits.items[0].entityId);
    expect(summary).toMatchObject({ id: hits.items[0].entityId });
    expect(await t.ctx.meetings.getMeetingSummary("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});

describe("participation: register, approve or decline, invitations, consent and computed attendance", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let meetingId: string;
  beforeAll(async () => {
    coordinator = await t.signIn("coordinator");
    const res = await coordinator.request({
      method: "POST",
      url: "/api/v1/meetings",
      payload: {
        kind: "ewg",
        title: { en: "EWG on cross-border cooperation" },
        pillars: [1],
        startDate: "2030-05-10",
        participants: 40,
        countries: 12,
      },
    });
    meetingId = res.json().id;
  });

  it("uses entered figures until registrations are approved, then computes them", async () => {
    const entered = (await coordinator.request({ url: `/api/v1/meetings/${meetingId}` })).json().attendance;
    expect(entered).toMatchObject({ participants: 40, countries: 12, source: "entered" });

    const tjk = await t.signIn("member", { partnerCode: "TJK" });
    const osce = await t.signIn("member", { partnerCode: "OSCE" });
    const uzb = await t.signIn("member", { partnerCode: "UZB" });
    const a = (
      await tjk.request({
        method: "POST",
        url: `/api/v1/meetings/${meetingId}/registrations`,
        payload: { attendanceMode: "in_person", listConsent: true },
      })
    ).json();
    expect(a.status).toBe("requested");
    const again = await tjk.request({
      method: "POST",
      url: `/api/v1/meetings/${meetingId}/registrations`,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    const b = (
      await osce.request({
        method: "POST",
        url: `/api/v1/meetings/${meetingId}/registrations`,
        payload: { attendanceMode: "remote", listConsent: false },
      })
    ).json();
    const c = (
      await uzb.request({ method: "POST", url: `/api/v1/meetings/${meetingId}/registrations`, payload: {} })
    ).json();

    const noReason = await coordinator.request({
      method: "POST",
      url: `/api/v1/meeting-registrations/${c.id}/decision`,
      payload: { decision: "decline", version: c.version },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe("body.reason");
    const declined = await coordinator.request({
      method: "POST",
      url: `/api/v1/meeting-registrations/${c.id}/decision`,
      payload: { decision: "decline", reason: "The meeting is full", version: c.version },
    });
    expect(declined.json().status).toBe("declined");
    for (const r of [a, b]) {
      const ok = await coordinator.request({
        method: "POST",
        url: `/api/v1/meeting-registrations/${r.id}/decision`,
        payload: { decision: "approve", version: r.version },
      });
      expect(ok.statusCode).toBe(200);
    }
    const computed = (await coordinator.request({ url: `/api/v1/meetings/${meetingId}` })).json();
    expect(computed.attendance).toEqual({
      participants: 2,
      participantsQualifier: "exact",
      inPersonParticipants: 1,
      inPersonQualifier: "exact",
      countries: 1,
      organizations: 1,
      source: "registrations",
    });
    expect(computed.enteredAttendance.participants).toBe(40);

    // The declined member is told, with the reason.
    const notes = (await uzb.request({ url: "/api/v1/notifications" })).json().items;
    expect(notes[0].title.en).toMatch(/declined/);

    // Members see only consenting participants; organizers see everyone; visitors nothing.
    const forMember = (await uzb.request({ url: `/api/v1/meetings/${meetingId}/participants` })).json();
    expect(forMember).toMatchObject({ hidden: 1, organizerView: false });
    expect(forMember.items.map((p: { partnerCode: string }) => p.partnerCode)).toEqual(["TJK"]);
    const forOrganizer = (await coordinator.request({ url: `/api/v1/meetings/${meetingId}/participants` })).json();
    expect(forOrganizer.items).toHaveLength(3);
    const visitor = await t.visitor();
    expect((await visitor.request({ url: `/api/v1/meetings/${meetingId}/participants` })).statusCode).toBe(401);

    // Marking attendance: only attended ones count once marking has begun.
    const approvedB = forOrganizer.items.find((p: { partnerCode: string }) => p.partnerCode === "OSCE");
    const mark = await coordinator.request({
      method: "POST",
      url: `/api/v1/meeting-registrations/${approvedB.registrationId}/attendance`,
      payload: { attended: true, version: approvedB.version },
    });
    expect(mark.statusCode).toBe(200);
    const after = (await coordinator.request({ url: `/api/v1/meetings/${meetingId}` })).json().attendance;
    expect(after).toMatchObject({ participants: 1, organizations: 1, countries: 0, inPersonParticipants: 0 });
  });

  it("an invitation is approved at once and the invitee is notified", async () => {
    const guest = await t.signIn("focal_point", { partnerCode: "KAZ" });
    const res = await coordinator.request({
      method: "POST",
      url: `/api/v1/meetings/${meetingId}/invitations`,
      payload: { userId: guest.userId },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: "approved", invited: true });
    const mine = (await guest.request({ url: `/api/v1/meetings/${meetingId}` })).json().myRegistration;
    expect(mine).toMatchObject({ status: "approved", invited: true, listConsent: false });
    const consent = await guest.request({
      method: "PATCH",
      url: `/api/v1/meeting-registrations/${mine.id}`,
      payload: { listConsent: true, version: mine.version },
    });
    expect(consent.json().listConsent).toBe(true);
    const other = await t.signIn("member");
    const notMine = await other.request({
      method: "PATCH",
      url: `/api/v1/meeting-registrations/${mine.id}`,
      payload: { cancel: true, version: 2 },
    });
    expect(notMine.statusCode).toBe(404);
  });
});
