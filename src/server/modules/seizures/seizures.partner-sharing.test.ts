import { type Kysely, sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptSeizureTerms, scopeToCountries } from "../../../../test/api-calls.js";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { SEIZURE_INPUT } from "../../../../test/fixtures.js";
import { importSpreadsheet } from "../../../../test/imports.js";
import { rebindLiaisonRecords } from "../../db/migrations/0014_seizure_four_eyes_and_country_partner.js";

/**
 * Issue 17, hole 6: "partner" sharing on a seizure entered by a liaison officer bound the record to the officer's
 * own partner (UNODC), so every UNODC member read Tajikistan's partner-level records and Tajikistan's did not.
 * A liaison officer's record belongs to the partner of its country, on entry, edit, correction and import.
 */
describe("seizures: partner-level sharing of a liaison officer's records", () => {
  const t = useTestApp();
  let liaison: TestClient;
  let coordinator: TestClient;
  let tjkMember: TestClient;
  let unodcMember: TestClient;

  async function ok(promise: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201) {
    const res = await promise;
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as { id: string; version: number; ownerPartner: string | null; country: string };
  }

  async function publish(id: string, from = 1) {
    for (const [action, version] of [
      ["validate", from],
      ["publish", from + 1],
    ] as const) {
      await ok(
        coordinator.request({
          method: "POST",
          url: "/api/v1/seizures/transitions",
          payload: { action, records: [{ id, version }] },
        }),
        200,
      );
    }
  }

  beforeAll(async () => {
    liaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await scopeToCountries(t, liaison, ["TJK", "UZB"]);
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    tjkMember = await t.signIn("member", { partnerCode: "TJK" });
    unodcMember = await t.signIn("member", { partnerCode: "UNODC" });
    for (const c of [liaison, coordinator, tjkMember, unodcMember]) await acceptSeizureTerms(c);
  });

  it("binds a record entered by a liaison officer to its country's partner, not to UNODC", async () => {
    const created = await ok(
      liaison.request({ method: "POST", url: "/api/v1/seizures", payload: { ...SEIZURE_INPUT, sharing: "partner" } }),
    );
    expect(created.ownerPartner).toBe("TJK");
    await publish(created.id);
    expect((await tjkMember.request({ url: `/api/v1/seizures/${created.id}` })).statusCode).toBe(200);
    expect((await unodcMember.request({ url: `/api/v1/seizures/${created.id}` })).statusCode).toBe(404);
    const tjkList = (await ok(tjkMember.request({ url: "/api/v1/seizures?limit=100" }), 200)) as unknown as {
      items: { id: string }[];
    };
    expect(tjkList.items.map((i) => i.id)).toContain(created.id);
    const unodcList = await unodcMember.request({ url: "/api/v1/seizures?limit=100" });
    expect(unodcList.body).not.toContain(created.id);
    const unodcExport = await unodcMember.request({ url: "/api/v1/seizures/export?format=csv" });
    expect(unodcExport.body).not.toContain(created.id);
  });

  it("moves the binding with the country when the record is edited or corrected", async () => {
    const created = await ok(
      liaison.request({ method: "POST", url: "/api/v1/seizures", payload: { ...SEIZURE_INPUT, sharing: "partner" } }),
    );
    const moved = await ok(
      liaison.request({
        method: "PATCH",
        url: `/api/v1/seizures/${created.id}`,
        payload: { ...SEIZURE_INPUT, sharing: "partner", country: "UZB", place: "Termez", version: created.version },
      }),
      200,
    );
    expect(moved.ownerPartner).toBe("UZB");
    await publish(created.id, moved.version);
    const corrected = await ok(
      liaison.request({
        method: "POST",
        url: `/api/v1/seizures/${created.id}/correction`,
        payload: { ...SEIZURE_INPUT, sharing: "partner", version: 4, reason: "The seizure was on the Tajik side" },
      }),
      200,
    );
    expect(corrected).toMatchObject({ country: "TJK", ownerPartner: "TJK" });
    expect((await tjkMember.request({ url: `/api/v1/seizures/${created.id}` })).statusCode).toBe(200);
  });

  it("binds each imported row to the partner of its own country", async () => {
    const csv = Buffer.from(
      "Date;Land;Stoff;Menge;Einheit\n2023-01-05;TJK;heroin;3,5;kg\n2023-01-06;UZB;heroin;4;kg\n",
      "utf8",
    );
    const result = await importSpreadsheet(
      t,
      liaison,
      "/api/v1/seizures/imports",
      { name: "partner.csv", data: csv },
      {
        dryRun: false,
        sharing: "partner",
        mapping: { seizureDate: "Date", country: "Land", drug: "Stoff", quantity: "Menge", unit: "Einheit" },
      },
    );
    const rows = await t.ctx.database.db
      .selectFrom("seizures")
      .select(["country", "owner_partner"])
      .where("import_batch_id", "=", result.batchId)
      .orderBy("country")
      .execute();
    expect(rows).toEqual([
      { country: "TJK", owner_partner: "TJK" },
      { country: "UZB", owner_partner: "UZB" },
    ]);
  });

  it("binds the records written before the fix again, with their search entries and the monthly aggregate", async () => {
    const created = await ok(
      liaison.request({
        method: "POST",
        url: "/api/v1/seizures",
        payload: { ...SEIZURE_INPUT, sharing: "partner", seizureDate: "2019-07-07" },
      }),
    );
    await publish(created.id);
    // As the platform wrote it before: bound to the officer's own partner.
    const db = t.ctx.database.db;
    await db.updateTable("seizures").set({ owner_partner: "UNODC" }).where("id", "=", created.id).execute();
    await db
      .updateTable("search_index")
      .set({ partner_code: "UNODC" })
      .where("entity_type", "=", "seizure")
      .where("entity_id", "=", created.id)
      .execute();
    await t.ctx.seizures.rebuildAggregates();
    expect((await unodcMember.request({ url: `/api/v1/seizures/${created.id}` })).statusCode).toBe(200);

    await rebindLiaisonRecords(db as unknown as Kysely<unknown>);
    expect((await unodcMember.request({ url: `/api/v1/seizures/${created.id}` })).statusCode).toBe(404);
    expect((await tjkMember.request({ url: `/api/v1/seizures/${created.id}` })).statusCode).toBe(200);
    const entry = await db
      .selectFrom("search_index")
      .select("partner_code")
      .where("entity_type", "=", "seizure")
      .where("entity_id", "=", created.id)
      .executeTakeFirst();
    expect(entry?.partner_code).toBe("TJK");
    // The monthly aggregate (kept per owning partner since 0013) is what a rebuild from the records gives.
    const monthly = () => sql`select * from seizure_monthly order by 1, 2, 3, 4, 5, 6, 7, 8, 9`.execute(db);
    const afterMigration = (await monthly()).rows;
    await t.ctx.seizures.rebuildAggregates();
    expect(afterMigration).toEqual((await monthly()).rows);
  });
});
