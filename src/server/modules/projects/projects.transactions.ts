import type { FlowSeries, Project, TransactionType } from "../../../common/projects.js";
import { TRANSACTION_TYPES } from "../../../common/projects.js";
import type { ChildRows } from "./projects.repository.js";
import type { ProjectInputParsed } from "./projects.service.js";

/**
 * ADAM funding as transactions: commitments, disbursements and expenditures, each converted at the rate of its own
 * date. Sums are in integer cents (BigInt), so no total loses or gains a cent to floating point.
 */
type Row = ChildRows["transactions"][number];

const cents = (value: string) => {
  const [whole = "0", fraction = ""] = value.trim().split(".");
  const negative = whole.startsWith("-");
  const c = BigInt(whole.replace("-", "") + fraction.padEnd(2, "0").slice(0, 2));
  return negative ? -c : c;
};
export const centsText = (c: bigint) => {
  const text = (c < 0n ? -c : c).toString().padStart(3, "0");
  return `${c < 0n ? "-" : ""}${text.slice(0, -2)}.${text.slice(-2)}`;
};

export function presentTransaction(t: Row): Project["transactions"][number] {
  return {
    type: t.transaction_type,
    donorCode: t.donor_code,
    donorName: t.donor_name,
    amount: centsText(cents(t.amount)),
    currency: t.currency,
    date: t.transaction_date,
    usd: t.usd === null ? null : centsText(cents(String(t.usd))),
    rate: t.rate === null ? null : String(t.rate),
    rateDate: t.rate_date,
  };
}

/** Committed, disbursed and spent in USD, each with the amounts (by currency) that no stored rate converts. */
export function flowTotalsOf(transactions: Row[]): Project["flowTotals"] {
  const totals = {} as Project["flowTotals"];
  for (const type of TRANSACTION_TYPES) {
    const of = transactions.filter((t) => t.transaction_type === type);
    const unconverted = new Map<string, bigint>();
    for (const t of of)
      if (t.usd === null) unconverted.set(t.currency, (unconverted.get(t.currency) ?? 0n) + cents(t.amount));
    totals[type] = {
      usd: centsText(of.reduce((s, t) => s + (t.usd === null ? 0n : cents(String(t.usd))), 0n)),
      unconverted: [...unconverted]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, c]) => ({ currency, amount: centsText(c) })),
    };
  }
  return totals;
}

/** A flow as the figures read it: its type, its effective date (its own, else the project's start), USD or not. */
export interface Flow {
  projectId: string;
  type: TransactionType;
  date: string;
  amount: string;
  currency: string;
  usd: string | null;
}

const periodOf = (date: string, interval: "year" | "quarter") =>
  interval === "year" ? date.slice(0, 4) : `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/** Planned against actual over time: USD committed, disbursed and spent per year or quarter, and what is left out. */
export function flowSeries(
  flows: Flow[],
  interval: "year" | "quarter",
): Omit<FlowSeries, "projects" | "includesDrafts"> {
  const byPeriod = new Map<string, Record<TransactionType, bigint>>();
  const totals: Record<TransactionType, bigint> = { commitment: 0n, disbursement: 0n, expenditure: 0n };
  const left = new Map<string, { cents: bigint; projects: Set<string> }>();
  for (const f of flows) {
    if (f.usd === null) {
      const key = `${f.type}\u0000${f.currency}`;
      const entry = left.get(key) ?? { cents: 0n, projects: new Set<string>() };
      entry.cents += cents(f.amount);
      entry.projects.add(f.projectId);
      left.set(key, entry);
      continue;
    }
    const period = periodOf(f.date, interval);
    const row = byPeriod.get(period) ?? { commitment: 0n, disbursement: 0n, expenditure: 0n };
    row[f.type] += cents(f.usd);
    totals[f.type] += cents(f.usd);
    byPeriod.set(period, row);
  }
  const unconverted: FlowSeries["unconverted"] = { commitment: [], disbursement: [], expenditure: [] };
  for (const [key, e] of [...left].sort(([a], [b]) => a.localeCompare(b))) {
    const [type, currency] = key.split("\u0000") as [TransactionType, string];
    unconverted[type].push({ currency, amount: centsText(e.cents), projects: e.projects.size });
  }
  return {
    interval,
    periods: [...byPeriod]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([period, r]) => ({
        period,
        commitment: centsText(r.commitment),
        disbursement: centsText(r.disbursement),
        expenditure: centsText(r.expenditure),
      })),
    totals: {
      commitment: centsText(totals.commitment),
      disbursement: centsText(totals.disbursement),
      expenditure: centsText(totals.expenditure),
    },
    unconverted,
  };
}

/**
 * The transactions an input asks for. `transactions` lists them all; `fundings` (CSV imports, older clients) are
 * the commitments alone, and then `keepFlows` says the stored disbursements and expenditures stay.
 */
export function requestedTransactions(input: ProjectInputParsed): {
  items: NonNullable<ProjectInputParsed["transactions"]>;
  field: "transactions" | "fundings";
  keepFlows: boolean;
} {
  if (input.transactions !== undefined) return { items: input.transactions, field: "transactions", keepFlows: false };
  return {
    items: input.fundings.map((f) => ({ ...f, type: "commitment" as const })),
    field: "fundings",
    keepFlows: true,
  };
}
