import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { openTestDatabase } from "../../../../test/database.js";
import {
  columnsOf,
  INSERT_TAIL,
  importFieldsOf,
  inputShapeOf,
  insertColumnsOf,
  outputShapeOf,
  type SeizureField,
} from "../../../common/seizure-fields.js";
import { IMPORT_FIELDS, SEIZURE_FIELDS, SeizureInputSchema, SeizureSchema } from "../../../common/seizures.js";
import type { Database } from "../../db/database.js";
import { readTabular } from "../../platform/tabular.js";
import { COPY_COLUMNS, copyRow, toColumns } from "./seizures.columns.js";
import { seizureExportColumns, seizureExportRow } from "./seizures.export.js";
import { TEMPLATE_HEADERS } from "./seizures.import-parse.js";
import { seizureTemplate } from "./seizures.template.js";

const FIELDS = SEIZURE_FIELDS as Record<string, SeizureField>;

describe("the seizure field registry", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase({ poolSize: 1 });
  });
  afterAll(async () => database?.close());

  it("names every column of the seizures table, and no other: a field left out of the registry fails here", async () => {
    const { rows } = await sql<{ name: string }>`
      select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = 'seizures'`.execute(database.db);
    expect(rows.length).toBeGreaterThan(30);
    expect([...columnsOf(FIELDS)].sort()).toEqual(rows.map((r) => r.name).sort());
  });

  it("is what the schemas, the import, the COPY, the export and the template are made of", async () => {
    const inputs = Object.entries(FIELDS).flatMap(([k, f]) => (f.input ? [f.inputKey ?? k] : []));
    const outputs = Object.entries(FIELDS).flatMap(([k, f]) => (f.output ? [k] : []));
    expect(Object.keys(SeizureInputSchema.shape).sort()).toEqual(inputs.sort());
    expect(Object.keys(SeizureSchema.shape).sort()).toEqual([...outputs, "can"].sort());
    expect(IMPORT_FIELDS).toEqual(Object.keys(FIELDS).filter((k) => FIELDS[k]?.import));
    expect(COPY_COLUMNS).toEqual(Object.values(FIELDS).flatMap((f) => (f.store ? [f.column] : [])));
    expect(seizureExportColumns("en").map((c) => c.key)).toEqual(Object.keys(FIELDS).filter((k) => FIELDS[k]?.export));
    const template = await readTabular(await seizureTemplate("csv"), "template.csv");
    expect(template[0]?.rows[0]).toEqual(IMPORT_FIELDS.map((f) => FIELDS[f]?.column));
    expect(Object.values(TEMPLATE_HEADERS)).toEqual(IMPORT_FIELDS.map((f) => FIELDS[f]?.column));
  });

  it("stores and exports a record field by field", () => {
    const input = SeizureInputSchema.parse({
      seizureDate: "2024-03-15",
      country: "tjk",
      drug: "heroin",
      quantity: 2,
      unit: "kg",
      agency: "Drug\tControl",
      transitCountries: ["UZB", "KAZ"],
    });
    const c = toColumns(input) as Record<string, unknown>;
    const cells = copyRow(c).split("\t");
    expect(cells).toHaveLength(COPY_COLUMNS.length);
    const at = (col: string) => cells[COPY_COLUMNS.indexOf(col)];
    expect([at("country"), at("agency"), at("transit_countries"), at("purity"), at("mass_kg")]).toEqual([
      "TJK",
      "Drug\\tControl",
      '["UZB","KAZ"]',
      "\\N",
      "2",
    ]);
    const row = seizureExportRow({ ...c, date_text: "2024-03-15", transit_countries: ["UZB"] }, "ru");
    expect(row.agency).toBe("Drug\tControl");
    expect(row.transitCountries).toBe("Узбекистан");
  });

  it("makes a new field reach the input, the record, the import, the insert and the table by one declaration", () => {
    const fields: Record<string, SeizureField> = {
      ...SEIZURE_FIELDS,
      vesselName: {
        column: "vessel_name",
        input: z.string().trim().max(200).nullable().optional(),
        output: z.string().nullable(),
        store: "text",
        import: { read: "text", example: "MV Example" },
        export: { header: { en: "Vessel", ru: "Судно" }, width: 20, cell: "text" },
        form: { section: "how", control: "text" },
      },
    };
    const input = z.object(inputShapeOf(fields));
    expect(input.parse({ ...VALID, vesselName: " MV Example " }).vesselName).toBe("MV Example");
    expect(input.safeParse({ ...VALID, vesselName: "x".repeat(201) }).success).toBe(false);
    expect(Object.keys(outputShapeOf(fields))).toContain("vesselName");
    expect(importFieldsOf(fields)).toContain("vesselName");
    expect(insertColumnsOf(fields).slice(-INSERT_TAIL.length - 1)).toEqual(["vessel_name", ...INSERT_TAIL]);
    expect(columnsOf(fields)).toContain("vessel_name");
    // Without its column in the table the comparison of the first test fails:
    expect(columnsOf(fields).length).toBe(columnsOf(FIELDS).length + 1);
  });
});

const VALID = { seizureDate: "2024-03-15", country: "TJK", drug: "heroin", quantity: 2, unit: "kg" };
