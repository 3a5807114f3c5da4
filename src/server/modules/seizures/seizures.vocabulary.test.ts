import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptSeizureTerms, scopeToCountries } from "../../../../test/api-calls.js";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { importSpreadsheet, uploadSpreadsheet } from "../../../../test/imports.js";
import { DRUG_GROUPS, drugOf } from "../../../common/seizures.js";
import {
  IDS_DRUGS,
  IDS_PLACES,
  IDS_TRANSPORT_MODES,
  IDS_UNITS,
  UNODC_DRUG_GROUPS,
  UNODC_SEIZURE_TABLE_DRUGS,
} from "../../../common/vocabularies/unodc-ids.js";
import { printSeizureReport, valuesToMap } from "./seizures.cli.js";
import { idsExport, idsRow } from "./seizures.fixtures.js";

/**
 * Issue 16: UNODC's own IDS vocabularies and the value-mapping step. A file in UNODC's labels imports with no
 * mapping step (the real export of UNODC's data portal, and one built from every published label); a value no
 * vocabulary knows is shown once and, mapped once, imports and is remembered for the next file of the same source;
 * a value that is really bad still refuses the file with its row, column and a localized reason.
 */
const REAL_EXPORT = new URL("../../../../test/files/unodc-ids/ids-export-prt-2011-2024.xlsx", import.meta.url);

describe("UNODC's vocabularies and the value-mapping step (issue 16)", () => {
  const t = useTestApp();
  let liaison: TestClient;

  const runImport = (data: Buffer, body: Record<string, unknown>, name = "ids.xlsx") =>
    importSpreadsheet(t, liaison, "/api/v1/seizures/imports", { name, data }, body);

  beforeAll(async () => {
    liaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await scopeToCountries(t, liaison, ["TJK", "UZB", "PRT"]);
    await acceptSeizureTerms(liaison);
  });

  it("every published label names a code the platform knows", () => {
    for (const code of Object.values(IDS_DRUGS)) expect(drugOf(code), code).toBeDefined();
    expect(Object.keys(IDS_DRUGS)).toContain("Cocaine hydrochloride (HCl, powder cocaine)");
    expect(IDS_PLACES["Private dwelling/Residence/Home/Private Garage"]).toBe("dwelling");
    expect(IDS_TRANSPORT_MODES["Postal/Mail/Express Parcel"]).toBe("postal");
    expect(IDS_UNITS["tablet/pill"]).toBe("tablet");
  });

  it("imports a file written in every label of UNODC's IDS lists with no mapping step", async () => {
    const drugs = Object.keys(IDS_DRUGS);
    const places = Object.keys(IDS_PLACES);
    const modes = Object.keys(IDS_TRANSPORT_MODES);
    const units = Object.keys(IDS_UNITS);
    const rows = drugs.map((drug, i) =>
      idsRow({
        "Drug/Substance": drug,
        "Measurement Unit": units[i % units.length] as string,
        "Physical Seizure Location": places[i % places.length] as string,
        "Trafficking Mode of Transportation": modes[i % modes.length] as string,
        "Quantity Seized": "1.5",
      }),
    );
    const checked = await runImport(await idsExport(rows), { dryRun: true });
    expect(checked.unmapped).toEqual([]);
    expect(checked.report.errors).toEqual([]);
    expect(checked.report).toMatchObject({ layout: "unodc-ids", refused: false, rowsRead: drugs.length });
    const done = await runImport(await idsExport(rows), { dryRun: false, confirmWarnings: true });
    expect(done.report).toMatchObject({ refused: false, imported: drugs.length });
    const stored = await t.ctx.database.db
      .selectFrom("seizures")
      .select(["drug", "drug_group", "unit", "place_type", "transport_mode"])
      .where("import_batch_id", "=", done.batchId)
      .execute();
    const crack = stored.find((s) => s.drug === "crack_cocaine");
    expect(crack?.drug_group).toBe("cocaine");
    expect(new Set(stored.map((s) => s.place_type))).toEqual(new Set(Object.values(IDS_PLACES)));
    expect(new Set(stored.map((s) => s.transport_mode))).toEqual(new Set(Object.values(IDS_TRANSPORT_MODES)));
  });

  it("imports a file in every substance label of UNODC's published seizure table (precursors, tramadol, fentanyl, captagon…) with no mapping step", async () => {
    const labels = Object.keys(UNODC_SEIZURE_TABLE_DRUGS);
    expect(labels).toHaveLength(156);
    for (const label of ["Tramadol", "Fentanyl", "Carfentanil", '"Captagon"', "Acetic anhydride", "Pseudoephedrine"])
      expect(labels).toContain(label);
    for (const [label, code] of Object.entries(UNODC_SEIZURE_TABLE_DRUGS)) {
      const drug = drugOf(code);
      expect(drug, label).toBeDefined();
      expect(drug?.name.en && drug.name.ru, label).toBeTruthy();
    }
    for (const group of Object.values(UNODC_DRUG_GROUPS)) expect(DRUG_GROUPS).toContain(group);
    const rows = labels.map((drug) =>
      idsRow({ "Drug/Substance": drug, "Measurement Unit": "kg", "Quantity Seized": "3" }),
    );
    const checked = await runImport(await idsExport(rows), { dryRun: true });
    expect(checked.unmapped).toEqual([]);
    expect(checked.report.errors).toEqual([]);
    const done = await runImport(await idsExport(rows), { dryRun: false, confirmWarnings: true });
    expect(done.report).toMatchObject({ refused: false, imported: labels.length });
    const stored = await t.ctx.database.db
      .selectFrom("seizures")
      .select(["drug", "drug_group", "mass_kg"])
      .where("import_batch_id", "=", done.batchId)
      .execute();
    const byDrug = new Map(stored.map((s) => [s.drug, s]));
    expect(byDrug.get("tramadol")?.drug_group).toBe("pharmaceutical_opioids");
    expect(byDrug.get("carfentanil")?.drug_group).toBe("pharmaceutical_opioids");
    expect(byDrug.get("captagon")?.drug_group).toBe("ats");
    expect(byDrug.get("acetic_anhydride")?.drug_group).toBe("precursors");
    expect(byDrug.get("pmk")).toMatchObject({ drug_group: "precursors", mass_kg: 3 });
    expect(new Set(stored.map((s) => s.drug))).toEqual(new Set(Object.values(UNODC_SEIZURE_TABLE_DRUGS)));
  });

  it("reads the real IDS export of UNODC's data portal (9,725 seizures) with no mapping step and no error", async () => {
    const result = await runImport(readFileSync(REAL_EXPORT), { dryRun: true }, "ids-export-prt.xlsx");
    expect(result.unmapped).toEqual([]);
    expect(result.report.errors).toEqual([]);
    // The export's last row is the portal's note of the filters applied: skipped, not an error.
    expect(result.report).toMatchObject({
      layout: "unodc-ids",
      sheet: "Export",
      rowsRead: 9725,
      rowsSkipped: 1,
      refused: false,
    });
    // Only plausibility warnings remain (a unit unusual for the drug), which the person importing confirms.
    const codes = new Set(result.report.warnings.map((w: { code: string }) => w.code));
    expect([...codes]).toEqual(["unusual_unit"]);
    const done = await runImport(
      readFileSync(REAL_EXPORT),
      { dryRun: false, confirmWarnings: true },
      "ids-export-prt.xlsx",
    );
    expect(done.report).toMatchObject({ refused: false, imported: 9725 });
    const stored = await t.ctx.database.db
      .selectFrom("seizures")
      .select(["drug", "unit", "place_type", "transport_mode"])
      .where("import_batch_id", "=", done.batchId)
      .where("country", "=", "PRT")
      .execute();
    const count = (pick: (s: (typeof stored)[number]) => string | null, value: string) =>
      stored.filter((s) => pick(s) === value).length;
    // Figures as the export holds them (counted in the file itself, label by label).
    expect(count((s) => s.drug, "cannabis_resin")).toBe(2972);
    expect(count((s) => s.drug, "crack_cocaine")).toBe(78);
    expect(count((s) => s.place_type, "dwelling")).toBe(2308);
    expect(count((s) => s.transport_mode, "car")).toBe(1514);
    expect(count((s) => s.unit, "tablet")).toBe(52);
    expect(count((s) => s.unit, "l")).toBe(6);
  });

  it("shows an unknown value once, imports after one mapping, and remembers it for the source", async () => {
    const rows = [
      idsRow({ "Drug/Substance": "Heroin" }),
      idsRow({ "Drug/Substance": "Black tar" }),
      idsRow({ "Drug/Substance": "black  TAR", "Physical Seizure Location": "Data not available" }),
    ];
    const file = await idsExport(rows);
    const first = await runImport(file, { dryRun: true });
    expect(first.report).toMatchObject({ refused: true, errors: [] });
    expect(first.unmapped).toEqual([
      { field: "drug", column: "Drug/Substance", value: "Black tar", count: 2, rows: [3, 4] },
    ]);
    const valueMapping = { drug: { "Black tar": "heroin" } };
    const mapped = await runImport(file, { dryRun: true, valueMapping });
    expect(mapped.unmapped).toEqual([]);
    expect(mapped.report).toMatchObject({ refused: false, rowsRead: 3, errors: [] });
    const imported = await runImport(file, { dryRun: false, valueMapping });
    expect(imported.report).toMatchObject({ refused: false, imported: 3 });
    const remembered = await t.ctx.database.db
      .selectFrom("import_value_mappings")
      .select(["layout", "source as source_country", "field", "value", "target"])
      .where("kind", "=", "seizures")
      .execute();
    expect(remembered).toMatchObject([
      { layout: "unodc-ids", source_country: "TJK", field: "drug", value: "Black tar", target: "heroin" },
    ]);
    // The next file of the same source imports without the step, and says which remembered answers it used.
    const next = await runImport(await idsExport([idsRow({ "Drug/Substance": "Black tar" })]), { dryRun: true });
    expect(next.unmapped).toEqual([]);
    expect(next.remembered).toEqual([{ field: "drug", value: "Black tar", target: "heroin", count: 1 }]);
    expect(next.report.refused).toBe(false);
    // Another country is another source: its file asks again.
    // The CLI's side of the step: the values to map, printed and written as a file to fill in.
    const lines: string[] = [];
    printSeizureReport(first, true, (line) => lines.push(line));
    expect(lines).toContain('  drug [Drug/Substance] "Black tar": 2 rows (3, 4)');
    expect(lines.at(-1)).toBe("Nothing was imported: map the values above first.");
    expect(valuesToMap(first)).toEqual({ drug: { "Black tar": "" } });
    const other = await runImport(
      await idsExport([
        idsRow({ "Drug/Substance": "Black tar", "ISO3 Code": "UZB", "Country/Territory of Seizure": "Uzbekistan" }),
      ]),
      { dryRun: true },
    );
    expect(other.unmapped).toHaveLength(1);
  });

  it("asks about each country of a list cell it does not know, and reads the list once it is mapped", async () => {
    const header = "seizure_date,country,drug,quantity,unit,origin_countries,transit_countries";
    const csv = Buffer.from(`${header}\n2024-02-01,TJK,heroin,4,kg,AFG; Persia,Persia > TKM\n`);
    const asked = await runImport(csv, { dryRun: true }, "template.csv");
    expect(asked.unmapped).toEqual([
      { field: "originCountries", column: "origin_countries", value: "Persia", count: 1, rows: [2] },
      { field: "transitCountries", column: "transit_countries", value: "Persia", count: 1, rows: [2] },
    ]);
    const valueMapping = { originCountries: { Persia: "IRN" }, transitCountries: { Persia: null } };
    const done = await runImport(csv, { dryRun: false, valueMapping }, "template.csv");
    expect(done.report).toMatchObject({ refused: false, imported: 1 });
    const stored = await t.ctx.database.db
      .selectFrom("seizures")
      .select(["origin_countries", "transit_countries"])
      .where("import_batch_id", "=", done.batchId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ origin_countries: ["AFG", "IRN"], transit_countries: ["TKM"] });
  });

  it("maps a value to 'not available', and never lets a mapping hide a value that is really bad", async () => {
    const rows = [
      idsRow({ "Physical Seizure Location": "Somewhere odd" }),
      idsRow({ "Quantity Seized": "-5" }),
      idsRow({ "Seizure Date": "2023-02-30" }),
    ];
    const result = await runImport(await idsExport(rows), {
      dryRun: true,
      valueMapping: { placeType: { "Somewhere odd": null } },
    });
    expect(result.unmapped).toEqual([]);
    expect(result.report.refused).toBe(true);
    const errors = result.report.errors as { row: number; column: string; code: string; message: { ru: string } }[];
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, "Quantity Seized", "not_positive"],
      [4, "Seizure Date", "invalid_date"],
    ]);
    for (const e of errors) expect(e.message.ru).toMatch(/[а-я]/);
    // A required field mapped to "not available" is a missing value.
    const drugless = await runImport(await idsExport([idsRow({ "Drug/Substance": "Powder" })]), {
      dryRun: true,
      valueMapping: { drug: { Powder: null } },
    });
    expect(drugless.report.errors.map((e: { code: string }) => e.code)).toEqual(["required"]);
  });

  it("refuses a mapping to a code that is not one of the field's, and changes nothing", async () => {
    const file = await uploadSpreadsheet(t, liaison, "ids.xlsx", await idsExport([idsRow({})]));
    const res = await liaison.request({
      method: "POST",
      url: "/api/v1/seizures/imports",
      payload: { fileId: file.id, dryRun: true, valueMapping: { drug: { "Black tar": "unobtainium" } } },
      headers: { "accept-language": "ru" },
    });
    expect(res.statusCode).toBe(400);
  });
});
