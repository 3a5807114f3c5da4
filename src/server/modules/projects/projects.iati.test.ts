import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { XmlDocument, XsdValidator, xmlRegisterInputProvider } from "libxml2-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { multipart } from "../../../../test/imports.js";
import { readIati } from "./projects.iati.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/iati/", import.meta.url));
const fixture = (name: string) => fs.readFileSync(`${FIXTURES}${name}`);

/** The official IATI 2.03 activity schema (IATI/IATI-Schemas, version-2.03), with its includes read from the fixtures. */
function validator(): XsdValidator {
  const files = new Map<number, { data: Buffer; pos: number }>();
  let next = 1;
  xmlRegisterInputProvider({
    match: (name) => name.endsWith(".xsd"),
    open: (name) => {
      const base = name.split("/").pop() as string;
      if (!fs.existsSync(`${FIXTURES}${base}`)) return undefined;
      files.set(next, { data: fs.readFileSync(`${FIXTURES}${base}`), pos: 0 });
      return next++;
    },
    read: (fd, buffer) => {
      const f = files.get(fd);
      if (!f) return -1;
      const n = Math.min(buffer.length, f.data.length - f.pos);
      buffer.set(f.data.subarray(f.pos, f.pos + n));
      f.pos += n;
      return n;
    },
    close: (fd) => files.delete(fd),
  });
  const schema = XmlDocument.fromBuffer(fixture("iati-activities-schema.xsd"), {
    url: `${FIXTURES}iati-activities-schema.xsd`,
  });
  return XsdValidator.fromDoc(schema);
}

describe("IATI reading", () => {
  it("reads real published 1.0 files (World Bank, Global Fund) where the elements allow", () => {
    const wb = readIati(fixture("worldbank-1.0.xml").toString());
    expect(wb.activities).toHaveLength(16);
    expect(wb.activities[0]?.input.transactions?.map((f) => f.amount)).toEqual(["48000000", "45000000"]);
    const gf = readIati(fixture("global-fund-1.0.xml").toString());
    expect(gf.activities).toHaveLength(7);
    expect(gf.activities[0]?.input).toMatchObject({
      plannedStart: "2003-10-01",
      locations: [{ code: "MWI" }],
      dacCodes: ["13040"],
    });
  });

  it("reads 2.03 narratives in both languages, countries with shares, commitments and budgets", () => {
    const r = readIati(fixture("adam-sample-2.03.xml").toString());
    expect(r.rejected).toEqual([{ ref: "XM-TEST-0001-NOTITLE", reason: { en: "no title", ru: "нет названия" } }]);
    const [cadap, border] = r.activities;
    expect(cadap?.input.title).toMatchObject({
      en: expect.stringContaining("Central Asia"),
      ru: expect.stringContaining("Центральной Азии"),
    });
    expect(cadap?.input.locations).toHaveLength(5);
    expect(cadap?.input.transactions).toEqual([
      {
        type: "commitment",
        donorName: "European Union",
        donorCode: null,
        amount: "9000000.00",
        currency: "EUR",
        date: "2024-12-10",
      },
    ]);
    expect(cadap?.input.themes).toEqual(expect.arrayContaining(["demand_reduction", "prevention"]));
    expect(border?.input.transactions).toEqual([
      {
        type: "commitment",
        donorName: "Japan",
        donorCode: null,
        amount: "1350000.50",
        currency: "USD",
        date: "2026-01-01",
      },
    ]);
    expect(border?.input.themes).toContain("border_control");
  });

  it("reads commitments (2), disbursements (3) and expenditures (4) as transactions, and 1.0x C/D/E", () => {
    const xml = `<iati-activities version="2.03"><iati-activity default-currency="EUR">
      <iati-identifier>XM-T-1</iati-identifier><title><narrative>Flows</narrative></title>
      <transaction><transaction-type code="2"/><transaction-date iso-date="2025-01-10"/>
        <value value-date="2025-01-10">1000</value><provider-org><narrative>Japan</narrative></provider-org></transaction>
      <transaction><transaction-type code="3"/><transaction-date iso-date="2025-04-02"/>
        <value currency="USD" value-date="2025-04-01">400.5</value><provider-org><narrative>Japan</narrative></provider-org></transaction>
      <transaction><transaction-type code="4"/><transaction-date iso-date="2025-09-30"/>
        <value value-date="2025-09-30">250</value></transaction>
      <transaction><transaction-type code="1"/><transaction-date iso-date="2025-01-01"/><value>99</value></transaction>
    </iati-activity></iati-activities>`;
    const [a] = readIati(xml).activities;
    expect(a?.input.transactions?.map((t) => [t.type, t.amount, t.currency, t.date])).toEqual([
      ["commitment", "1000", "EUR", "2025-01-10"],
      ["disbursement", "400.5", "USD", "2025-04-02"],
      ["expenditure", "250", "EUR", "2025-09-30"],
    ]);
    const v1 = readIati(`<iati-activities version="1.03"><iati-activity default-currency="USD">
      <iati-identifier>XM-T-2</iati-identifier><title>Old</title>
      <transaction><transaction-type code="C"/><transaction-date iso-date="2010-01-01"/><value>10</value></transaction>
      <transaction><transaction-type code="D"/><transaction-date iso-date="2010-06-01"/><value>5</value></transaction>
      <transaction><transaction-type code="E"/><value>3</value></transaction>
    </iati-activity></iati-activities>`).activities[0];
    // An expenditure without a date cannot be placed in time: left out.
    expect(v1?.input.transactions?.map((t) => t.type)).toEqual(["commitment", "disbursement"]);
  });

  it("refuses what is not IATI", () => {
    expect(() => readIati("<html><body/></html>")).toThrow(/iati-activities/);
    expect(() => readIati("<iati-activities")).toThrow();
  });
});

describe("IATI import and export", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let tjk: TestClient;

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    tjk = await t.signIn("focal_point", { partnerCode: "TJK" });
  });

  const actor = { userId: null, label: "test", ip: null, requestId: null };
  const admin = () => ({
    user: {
      id: "00000000-0000-0000-0000-000000000001",
      email: "a",
      displayName: "a",
      role: "administrator" as const,
      partnerCode: null,
    },
    // partners:all: the scope that lets administrators act on every partner (access-policy scopes).
    permissions: new Set<string>(["projects:write", "partners:all"]),
    sessionId: null,
  });

  it("imports the rest and reports each rejected activity; a second import updates instead of duplicating", async () => {
    const ex = t.ctx.projects.exchange;
    const first = await ex.importFile(fixture("adam-sample-2.03.xml"), "adam.xml", admin() as never, actor, {
      partnerCode: "UNODC",
    });
    expect(first).toMatchObject({ format: "iati", activities: 3, created: 2, updated: 0, refused: false });
    expect(first.rejected.map((r) => r.ref)).toEqual(["XM-TEST-0001-NOTITLE"]);
    const again = await ex.importFile(fixture("adam-sample-2.03.xml"), "adam.xml", admin() as never, actor, {
      partnerCode: "UNODC",
    });
    expect(again).toMatchObject({ created: 0, updated: 2 });
    const strict = await ex.importFile(fixture("adam-sample-2.03.xml"), "adam.xml", admin() as never, actor, {
      partnerCode: "UNODC",
      allOrNothing: true,
    });
    expect(strict).toMatchObject({ refused: true, created: 0, updated: 0 });
    const real = await ex.importFile(fixture("global-fund-1.0.xml"), "gf.xml", admin() as never, actor, {
      partnerCode: "UNODC",
    });
    expect(real).toMatchObject({ created: 7, rejected: [] });
    const list = await coordinator.request({ url: "/api/v1/projects?limit=50" });
    expect(list.json().total).toBe(9);
  });

  it("imports a CSV template, reporting bad rows", async () => {
    const csv = [
      "iati_identifier,title_en,title_ru,donor,amount,currency,countries,start,end,themes,pillars",
      "CSV-1,Precursor control at Termez,,Japan,250000,USD,UZB,2026-01-01,2026-12-31,precursors,3",
      "CSV-2,,,,,,,,,,",
      "CSV-3,Bad amount,,Japan,12.345,USD,UZB,2026-01-01,2026-12-31,,",
    ].join("\n");
    const r = await t.ctx.projects.exchange.importFile(Buffer.from(csv), "template.csv", admin() as never, actor, {
      partnerCode: "UNODC",
    });
    expect(r).toMatchObject({ format: "csv", created: 1 });
    expect(r.rejected.map((x) => x.ref)).toEqual(["CSV-2", "CSV-3"]);
    expect(r.rejected[1]?.reason.en).toContain("amount");
  });

  it("imports from the web as a job, refusing a focal point's update of another partner's project", async () => {
    const upload = await tjk.request({
      method: "POST",
      url: "/api/v1/projects/import?partnerCode=TJK",
      ...multipart("adam.xml", fixture("adam-sample-2.03.xml"), null),
    });
    expect(upload.statusCode, upload.body).toBe(202);
    const job = await t.ctx.jobs.runNext();
    expect(job?.status).toBe("succeeded");
    const result = job?.result as { created: number; rejected: { ref: string }[] };
    expect(result.created).toBe(0);
    expect(result.rejected.map((r) => r.ref)).toEqual([
      "XM-TEST-0001-NOTITLE",
      "XM-TEST-0001-CADAP8",
      "XM-TEST-0001-TJK-BORDER",
    ]);
  });

  it("exports published projects as IATI 2.03 valid against the official schema, and reads them back", async () => {
    const ids = (await coordinator.request({ url: "/api/v1/projects?limit=50" }))
      .json()
      .items.map((p: { id: string }) => p.id);
    for (const id of ids) {
      const p = (await coordinator.request({ url: `/api/v1/projects/${id}` })).json();
      await coordinator.request({
        method: "POST",
        url: `/api/v1/projects/${id}/transition`,
        payload: { to: "submitted", version: p.version },
      });
      await coordinator.request({
        method: "POST",
        url: `/api/v1/projects/${id}/transition`,
        payload: { to: "published", version: p.version + 1 },
      });
    }
    const res = await coordinator.request({ url: "/api/v1/projects/export/iati" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/xml");
    const doc = XmlDocument.fromString(res.body);
    try {
      const v = validator();
      expect(() => v.validate(doc)).not.toThrow();
      // The validator does refuse what the schema forbids (no reporting-org).
      const broken = XmlDocument.fromString(res.body.replace(/<reporting-org[\s\S]*?<\/reporting-org>/, ""));
      expect(() => v.validate(broken)).toThrow();
      broken.dispose();
      v.dispose();
    } finally {
      doc.dispose();
    }
    const back = readIati(res.body);
    expect(back.activities).toHaveLength(ids.length);
    expect(back.activities.map((a) => a.ref)).toEqual(
      expect.arrayContaining(["XM-TEST-0001-CADAP8", "Global Fund-MLW-102-G01-H-00"]),
    );
  });
  it("writes donors and organizations from the controlled list: identifier where known, names in both languages", async () => {
    const party = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects/parties",
      payload: { code: "COLOMBO", name: { en: "Colombo Plan", ru: "План Коломбо" } },
    });
    expect(party.statusCode, party.body).toBe(201);
    const created = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        partnerCode: "TJK",
        title: { en: "Forensic laboratory in Dushanbe" },
        stage: "implementation",
        plannedStart: "2026-01-01",
        fundings: [
          { donorName: "США (INL)", donorCode: "USA", amount: "100000", currency: "USD", date: "2026-01-10" },
          { donorName: "Colombo Plan Secretariat", donorCode: "COLOMBO", amount: "5000", currency: "USD" },
          { donorName: "A foundation nobody mapped", amount: "700", currency: "USD" },
        ],
        locations: [{ code: "TJK", kind: "country", share: 100 }],
        organizations: [{ role: "implementing", name: "УНП ООН", code: "UNODC" }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json();
    for (const [to, version] of [
      ["submitted", p.version],
      ["published", p.version + 1],
    ] as const) {
      const res = await coordinator.request({
        method: "POST",
        url: `/api/v1/projects/${p.id}/transition`,
        payload: { to, version },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await coordinator.request({ url: "/api/v1/projects/export/iati" });
    expect(res.statusCode).toBe(200);
    const one = res.body.split("<iati-activity ").find((a) => a.includes("Forensic laboratory in Dushanbe")) ?? "";
    // The partner by its DAC identifier and its names, not "США (INL)" as typed.
    expect(one).toMatch(
      /<participating-org role="1" ref="XM-DAC-302">\s*<narrative xml:lang="en">United States[^<]*<\/narrative>\s*<narrative xml:lang="ru">Соединенные Штаты Америки<\/narrative>/,
    );
    expect(one).toMatch(/<provider-org ref="XM-DAC-302">/);
    expect(one).not.toContain("США (INL)");
    // A body of the platform's own list by a reference under the platform's prefix, with both names.
    expect(one).toMatch(
      /<participating-org role="1" ref="XI-PACT-[^"]+-ORG-COLOMBO">\s*<narrative xml:lang="en">Colombo Plan<\/narrative>\s*<narrative xml:lang="ru">План Коломбо<\/narrative>/,
    );
    // A donor still waiting for review: as written, without an invented identifier.
    expect(one).toMatch(/<participating-org role="1">\s*<narrative>A foundation nobody mapped<\/narrative>/);
    expect(one).toMatch(/<participating-org role="4" ref="XM-DAC-41114">/);
    const doc = XmlDocument.fromString(res.body);
    try {
      const v = validator();
      expect(() => v.validate(doc)).not.toThrow();
      v.dispose();
    } finally {
      doc.dispose();
    }
  });

  it("exports commitments, disbursements and expenditures as IATI 2.03 transactions (2, 3, 4), valid, and imports them back", async () => {
    const created = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        partnerCode: "TJK",
        title: { en: "Mobile interdiction teams on the Tajik-Afghan border" },
        stage: "implementation",
        plannedStart: "2025-01-01",
        transactions: [
          {
            type: "commitment",
            donorCode: "JPN",
            donorName: "Japan",
            amount: "500000",
            currency: "USD",
            date: "2025-01-15",
          },
          {
            type: "disbursement",
            donorCode: "JPN",
            donorName: "Japan",
            amount: "200000",
            currency: "USD",
            date: "2025-03-01",
          },
          {
            type: "expenditure",
            donorCode: "JPN",
            donorName: "Japan",
            amount: "120000.50",
            currency: "EUR",
            date: "2025-07-20",
          },
        ],
        locations: [{ code: "TJK", kind: "country", share: 100 }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json();
    for (const [to, version] of [
      ["submitted", p.version],
      ["published", p.version + 1],
    ] as const)
      expect(
        (
          await coordinator.request({
            method: "POST",
            url: `/api/v1/projects/${p.id}/transition`,
            payload: { to, version },
          })
        ).statusCode,
      ).toBe(200);
    const res = await coordinator.request({ url: "/api/v1/projects/export/iati" });
    const one = res.body.split("<iati-activity ").find((a) => a.includes("Mobile interdiction teams")) ?? "";
    expect(one).toMatch(/<transaction-type code="2"\/>\s*<transaction-date iso-date="2025-01-15"\/>/);
    expect(one).toMatch(/<transaction-type code="3"\/>\s*<transaction-date iso-date="2025-03-01"\/>/);
    expect(one).toMatch(
      /<transaction-type code="4"\/>\s*<transaction-date iso-date="2025-07-20"\/>\s*<value currency="EUR" value-date="2025-07-20">120000.50<\/value>\s*<provider-org ref="XM-DAC-[^"]+">/,
    );
    const doc = XmlDocument.fromString(res.body);
    try {
      const v = validator();
      expect(() => v.validate(doc)).not.toThrow();
      v.dispose();
    } finally {
      doc.dispose();
    }
    // Round trip: the exported activity read back carries the same transactions.
    const back = readIati(res.body).activities.find((a) => a.input.title.en?.startsWith("Mobile interdiction"));
    expect(back?.input.transactions?.map((t) => [t.type, t.amount, t.currency, t.date])).toEqual([
      ["commitment", "500000.00", "USD", "2025-01-15"],
      ["disbursement", "200000.00", "USD", "2025-03-01"],
      ["expenditure", "120000.50", "EUR", "2025-07-20"],
    ]);
    // … and imported as a new activity (another identifier), the project holds them again, donor mapped to the list.
    const xml = res.body.replace(
      new RegExp(back?.ref.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") ?? "", "g"),
      "XM-ROUNDTRIP-1",
    );
    const r = await t.ctx.projects.exchange.importFile(Buffer.from(xml), "back.xml", admin() as never, actor, {
      partnerCode: "UNODC",
    });
    expect(r.rejected).toEqual([]);
    const list = (await coordinator.request({ url: "/api/v1/projects?q=XM-ROUNDTRIP-1" })).json();
    const again = (await coordinator.request({ url: `/api/v1/projects/${list.items[0].id}` })).json();
    expect(
      again.transactions.map((t: { type: string; donorCode: string; amount: string; date: string }) => [
        t.type,
        t.donorCode,
        t.amount,
        t.date,
      ]),
    ).toEqual([
      ["commitment", "JPN", "500000.00", "2025-01-15"],
      ["disbursement", "JPN", "200000.00", "2025-03-01"],
      ["expenditure", "JPN", "120000.50", "2025-07-20"],
    ]);
  });
});
