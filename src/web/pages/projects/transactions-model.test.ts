import { describe, expect, it } from "vitest";
import type { FlowSeries, Project, Rate } from "../../../common/projects.js";
import {
  convertToUsd,
  cumulativeFlows,
  flattenTransactions,
  groupTransactions,
  previewUsd,
  rateOn,
  serverTransactionErrors,
  validateTransactions,
} from "./transactions-model.js";

const rates: Rate[] = [
  { currency: "EUR", date: "2024-01-01", usdPerUnit: "1.1", source: "t" },
  { currency: "EUR", date: "2024-07-01", usdPerUnit: "1.2", source: "t" },
  { currency: "RUB", date: "2024-03-01", usdPerUnit: "0.011", source: "t" },
];
const tx = (over: Partial<Project["transactions"][number]>): Project["transactions"][number] => ({
  type: "commitment",
  donorCode: "DEU",
  donorName: "Germany",
  amount: "100.00",
  currency: "EUR",
  date: "2024-02-01",
  usd: null,
  rate: null,
  rateDate: null,
  ...over,
});

describe("the project form's transactions (issue 20, part 6)", () => {
  it("groups a project's transactions by donor and sends them back flat, in the same order", () => {
    const groups = groupTransactions([
      tx({}),
      tx({ donorCode: "JPN", donorName: "Japan", currency: "USD" }),
      tx({ type: "disbursement", amount: "40.00", date: "2024-08-01" }),
    ]);
    expect(groups.map((g) => [g.donorCode, g.rows.map((r) => r.type)])).toEqual([
      ["DEU", ["commitment", "disbursement"]],
      ["JPN", ["commitment"]],
    ]);
    const { items, origins } = flattenTransactions(groups, (c) => c);
    expect(items.map((i) => [i.donorCode, i.type, i.amount, i.date])).toEqual([
      ["DEU", "commitment", "100.00", "2024-02-01"],
      ["DEU", "disbursement", "40.00", "2024-08-01"],
      ["JPN", "commitment", "100.00", "2024-02-01"],
    ]);
    expect(origins).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
  });

  it("finds each bad field on its row, before anything is sent", () => {
    const groups = [
      {
        donorCode: "",
        donorName: "",
        rows: [{ type: "commitment" as const, date: "", amount: "12,5", currency: "EUR" }],
      },
      {
        donorCode: "DEU",
        donorName: "",
        rows: [
          { type: "disbursement" as const, date: "", amount: "10", currency: "EUR" },
          { type: "expenditure" as const, date: "2024-13-40", amount: "1.234", currency: "EU" },
        ],
      },
    ];
    const { items, origins } = flattenTransactions(groups, (c) => `name of ${c}`);
    expect(items[0]?.amount).toBe("12.5");
    expect(validateTransactions(items, origins)).toEqual({
      "donor.0": "donor_required",
      "tx.1.0.date": "date_required",
      "tx.1.1.amount": "amount_invalid",
      "tx.1.1.currency": "currency_invalid",
      "tx.1.1.date": "date_invalid",
    });
  });

  it("puts the server's errors on the rows they name", () => {
    const origins: [number, number][] = [
      [0, 0],
      [1, 2],
    ];
    expect(
      serverTransactionErrors(
        [
          { path: "body.transactions.1.date", message: "Для выплаты или расхода нужна дата" },
          { path: "body.transactions.0.donorCode", message: "unknown" },
          { path: "body.title", message: "x" },
        ],
        origins,
      ),
    ).toEqual({ "tx.1.2.date": "Для выплаты или расхода нужна дата", "donor.0": "unknown" });
  });

  it("shows the USD value at the rate in force on the transaction's date, or that there is none", () => {
    expect(rateOn(rates, "EUR", "2024-06-30")?.usdPerUnit).toBe("1.1");
    expect(rateOn(rates, "EUR", "2024-07-01")?.usdPerUnit).toBe("1.2");
    expect(rateOn(rates, "EUR", "2023-12-31")).toBeNull();
    const row = { type: "disbursement" as const, date: "2024-07-15", amount: "1000.05", currency: "eur" };
    expect(previewUsd(row, rates, "")).toEqual({
      kind: "usd",
      usd: "1200.06",
      rate: "1.2",
      rateDate: "2024-07-01",
      atStart: false,
    });
    expect(previewUsd({ ...row, date: "2023-05-01" }, rates, "")).toEqual({
      kind: "no_rate",
      currency: "EUR",
      date: "2023-05-01",
    });
    // A commitment without a date is converted at the project's start, as the server does.
    expect(previewUsd({ ...row, type: "commitment", date: "" }, rates, "2024-02-01")).toMatchObject({
      usd: "1100.06",
      atStart: true,
    });
    expect(previewUsd({ ...row, currency: "USD" }, [], "")).toMatchObject({ usd: "1000.05", rateDate: null });
    expect(previewUsd({ ...row, amount: "ten" }, rates, "")).toEqual({ kind: "pending" });
    expect(convertToUsd("0.05", "0.1")).toBe("0.01");
  });

  it("cumulates the periods of a flow series", () => {
    const series: FlowSeries = {
      interval: "year",
      periods: [
        { period: "2023", commitment: "100.10", disbursement: "0.00", expenditure: "0.00" },
        { period: "2024", commitment: "0.00", disbursement: "60.20", expenditure: "10.00" },
        { period: "2025", commitment: "50.00", disbursement: "20.00", expenditure: "30.00" },
      ],
      totals: { commitment: "150.10", disbursement: "80.20", expenditure: "40.00" },
      unconverted: { commitment: [], disbursement: [], expenditure: [] },
      projects: 1,
      includesDrafts: false,
    };
    expect(cumulativeFlows(series)).toEqual({
      periods: ["2023", "2024", "2025"],
      values: { commitment: [100.1, 100.1, 150.1], disbursement: [0, 60.2, 80.2], expenditure: [0, 10, 40] },
    });
  });
});
