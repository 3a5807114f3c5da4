import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/app.js";
import { multipart } from "../../../../test/imports.js";

/**
 * Issue 17, hole 5: country scope applies to liaison officers on trainings too. Two UNODC liaison officers, one
 * for Kazakhstan and one for Afghanistan; trainings organised by UNODC in Kazakhstan (one entered by the KAZ
 * officer, one by a coordinator). Sharing the organizer partner (UNODC) must give the AFG officer nothing:
 * not the participants' names, dates of birth or agencies, not the right to edit, on any training route.
 */

let t: TestApp;
let kaz: TestClient;
let afg: TestClient;
let coordinator: TestClient;
let courseId: string;
const ids: { byOfficer: string; byCoordinator: string; participant: string; person: string } = {
  byOfficer: "",
  byCoordinator: "",
  participant: "",
  person: "",
};
let pair: { a: string; b: string };

async function scope(client: TestClient, countries: string[]) {
  await t.ctx.database.db
    .insertInto("user_country_scopes")
    .values(countries.map((c) => ({ user_id: client.userId as string, country_code: c })))
    .execute();
}

async function ok<T = Record<string, unknown> & { id: string }>(
  promise: Promise<{ statusCode: number; body: string; json(): unknown }>,
  status = 201,
): Promise<T> {
  const res = await promise;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

const training = (title: string, startsOn: string, endsOn: string) => ({
  courseId,
  title,
  project: "XAC/K22",
  organizer: "UNODC ROCA",
  organizerPartner: "UNODC",
  startsOn,
  endsOn,
  place: "Almaty",
  country: "KAZ",
  format: "in_person",
});

const FIRST = [
  "full_name,full_name_native,date_of_birth,sex,country,agency,position,completed",
  "Yuriy Kovalev,Ковалёв Юрий Иванович,12.04.1980,M,KAZ,Border Service,Major,yes",
  "Aigul Zhumabaeva,Жумабаева Айгуль,1990-02-03,F,KAZ,Ministry of Internal Affairs,Captain,yes",
].join("\n");
const SECOND = [
  "full_name,full_name_native,date_of_birth,sex,country,agency,position",
  "Iurii Kovalev,,1980-04-12,M,KAZ,Border Service,Major",
  "Aygul Jumabayeva,,,F,KGZ,,",
].join("\n");

async function importList(client: TestClient, trainingId: string, name: string, csv: string) {
  const file = await ok(client.request({ method: "POST", url: "/api/v1/files", ...multipart(name, csv) }));
  return ok(
    client.request({
      method: "POST",
      url: `/api/v1/trainings/${trainingId}/participants/import`,
      payload: { fileId: file.id },
    }),
    200,
  );
}

beforeAll(async () => {
  t = await createTestApp();
  kaz = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
  afg = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
  coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
  await scope(kaz, ["KAZ"]);
  await scope(afg, ["AFG"]);
  const course = await ok(
    coordinator.request({
      method: "POST",
      url: "/api/v1/trainings/courses",
      payload: { code: "CD-S", title: { en: "Controlled delivery" }, topic: "controlled-delivery", level: "basic" },
    }),
  );
  courseId = course.id;
  const first = await ok(
    kaz.request({
      method: "POST",
      url: "/api/v1/trainings",
      payload: training("CD Almaty", "2025-03-10", "2025-03-14"),
    }),
  );
  const second = await ok(
    coordinator.request({
      method: "POST",
      url: "/api/v1/trainings",
      payload: training("CD Astana", "2025-09-01", "2025-09-05"),
    }),
  );
  ids.byOfficer = first.id;
  ids.byCoordinator = second.id;
  await importList(kaz, first.id, "first.csv", FIRST);
  await importList(coordinator, second.id, "second.csv", SECOND);
  // The linkage job the imports queued, run as the platform's worker would.
  while (await t.ctx.jobs.runNext()) {}
  const participants = await ok<{ items: { id: string; personId: string; fullName: string }[] }>(
    kaz.request({ url: `/api/v1/trainings/${first.id}/participants` }),
    200,
  );
  const kovalev = participants.items.find((p) => p.fullName === "Yuriy Kovalev");
  ids.participant = kovalev?.id ?? "";
  ids.person = kovalev?.personId ?? "";
  const queue = await ok<{ items: { a: { id: string }; b: { id: string } }[] }>(
    kaz.request({ url: "/api/v1/trainings/linkage/review" }),
    200,
  );
  // The KAZ officer organizes both trainings' country: the uncertain pair is theirs to review.
  expect(queue.items.length, JSON.stringify(queue)).toBeGreaterThan(0);
  pair = { a: queue.items[0]?.a.id as string, b: queue.items[0]?.b.id as string };
});
afterAll(() => t.close());

describe("trainings: a liaison officer's country scope, whatever the organizer partner", () => {
  it("shows the training but not as theirs to manage", async () => {
    for (const id of [ids.byOfficer, ids.byCoordinator]) {
      expect(
        (await ok<{ can: { manage: boolean } }>(afg.request({ url: `/api/v1/trainings/${id}` }), 200)).can.manage,
      ).toBe(false);
      expect(
        (await ok<{ can: { manage: boolean } }>(kaz.request({ url: `/api/v1/trainings/${id}` }), 200)).can.manage,
      ).toBe(true);
    }
    const list = await ok<{ items: { can: { manage: boolean } }[] }>(afg.request({ url: "/api/v1/trainings" }), 200);
    expect(list.items.some((i) => i.can.manage)).toBe(false);
  });

  it("refuses the participants' personal data to the officer of another country", async () => {
    for (const id of [ids.byOfficer, ids.byCoordinator]) {
      const res = await afg.request({ url: `/api/v1/trainings/${id}/participants` });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain("Kovalev");
    }
    const passport = await afg.request({ url: `/api/v1/trainings/persons/${ids.person}` });
    expect(passport.statusCode).toBe(404);
    expect(passport.body).not.toContain("1980");
    const suggest = await afg.request({
      url: `/api/v1/trainings/persons/suggest?name=${encodeURIComponent("Kovalev")}`,
    });
    expect(suggest.statusCode).toBe(200);
    expect(suggest.json().items).toEqual([]);
    const review = await afg.request({ url: "/api/v1/trainings/linkage/review" });
    expect(review.json()).toMatchObject({ items: [], total: 0 });
    const alerts = await afg.request({ url: "/api/v1/trainings/alerts" });
    expect(alerts.json().items).toEqual([]);
  });

  it("refuses every edit by the officer of another country and changes nothing", async () => {
    const before = await ok(kaz.request({ url: `/api/v1/trainings/${ids.byOfficer}` }), 200);
    const edit = { ...training("Renamed", "2025-03-10", "2025-03-14"), version: before.version };
    expect(
      (await afg.request({ method: "PATCH", url: `/api/v1/trainings/${ids.byOfficer}`, payload: edit })).statusCode,
    ).toBe(403);
    const participant = { fullName: "Intruder", country: "AFG" };
    expect(
      (
        await afg.request({
          method: "POST",
          url: `/api/v1/trainings/${ids.byCoordinator}/participants`,
          payload: participant,
        })
      ).statusCode,
    ).toBe(403);
    const file = await ok(afg.request({ method: "POST", url: "/api/v1/files", ...multipart("x.csv", FIRST) }));
    const imported = await afg.request({
      method: "POST",
      url: `/api/v1/trainings/${ids.byOfficer}/participants/import`,
      payload: { fileId: file.id },
    });
    expect(imported.statusCode).toBe(403);
    const patched = await afg.request({
      method: "PATCH",
      url: `/api/v1/trainings/participants/${ids.participant}`,
      payload: { ...participant, version: 1 },
    });
    expect(patched.statusCode).toBe(403);
    const decided = await afg.request({
      method: "POST",
      url: "/api/v1/trainings/linkage/decisions",
      payload: { ...pair, same: false },
    });
    expect(decided.statusCode).toBe(403);
    const after = await ok(kaz.request({ url: `/api/v1/trainings/${ids.byOfficer}` }), 200);
    expect(after).toEqual(before);
    const names = await ok<{ items: { fullName: string }[] }>(
      kaz.request({ url: `/api/v1/trainings/${ids.byCoordinator}/participants` }),
      200,
    );
    expect(names.items.map((p) => p.fullName)).not.toContain("Intruder");
  });

  it("does not let an officer move a training into a country outside their scope", async () => {
    const current = await ok<{ version: number }>(kaz.request({ url: `/api/v1/trainings/${ids.byOfficer}` }), 200);
    const moved = await kaz.request({
      method: "PATCH",
      url: `/api/v1/trainings/${ids.byOfficer}`,
      payload: { ...training("CD Almaty", "2025-03-10", "2025-03-14"), country: "AFG", version: current.version },
    });
    expect(moved.statusCode).toBe(403);
    expect((await ok(afg.request({ url: `/api/v1/trainings/${ids.byOfficer}` }), 200)).country).toBe("KAZ");
  });
});
