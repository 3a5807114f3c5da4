import {
  type FlowSeries,
  type Project,
  type Rate,
  TRANSACTION_TYPES,
  type TransactionInput,
  TransactionInputSchema,
  type TransactionType,
} from "../../../common/projects.js";

/**
 * The project form's funding, as the editor holds it: one group per donor, each with its commitments,
 * disbursements and expenditures. The API takes them as one flat list (`transactions`); the position of a row in
 * that list is how a field error of the server finds its way back to the row.
 */
export interface TransactionRow {
  type: TransactionType;
  date: string;
  amount: string;
  currency: string;
}
export interface DonorGroup {
  donorCode: string;
  /** The donor's name as the project had it (kept when the code is not changed). */
  donorName: string;
  rows: TransactionRow[];
}

export const blankRow = (type: TransactionType = "commitment", currency = "USD"): TransactionRow => ({
  type,
  date: "",
  amount: "",
  currency,
});
export const blankDonor = (): DonorGroup => ({ donorCode: "", donorName: "", rows: [blankRow()] });

/** Groups a project's transactions by donor, in the order the donors first appear. */
export function groupTransactions(transactions: Project["transactions"]): DonorGroup[] {
  const groups: DonorGroup[] = [];
  for (const t of transactions) {
    const key = t.donorCode ?? t.donorName;
    let g = groups.find((x) => (x.donorCode || x.donorName) === key);
    if (!g) {
      g = { donorCode: t.donorCode ?? "", donorName: t.donorName, rows: [] };
      groups.push(g);
    }
    g.rows.push({ type: t.type, date: t.date ?? "", amount: t.amount, currency: t.currency });
  }
  return groups;
}

const blankish = (r: TransactionRow) => !r.amount.trim() && !r.date.trim();

/** Where each sent transaction came from: [donor group, row]. */
export type Origin = [number, number];

/** The flat `transactions` of the API, and the origin of each (rows left wholly empty are not sent). */
export function flattenTransactions(
  groups: DonorGroup[],
  donorName: (code: string) => string,
): { items: TransactionInput[]; origins: Origin[] } {
  const items: TransactionInput[] = [];
  const origins: Origin[] = [];
  groups.forEach((g, gi) => {
    g.rows.forEach((r, ri) => {
      if (blankish(r) && !g.donorCode && !g.donorName) return;
      if (blankish(r) && g.rows.length > 1) return;
      const name = g.donorName.trim() || (g.donorCode ? donorName(g.donorCode) : "");
      items.push({
        type: r.type,
        ...(g.donorCode ? { donorCode: g.donorCode } : {}),
        donorName: name,
        amount: r.amount.replace(/[\s\u00a0]/g, "").replace(",", "."),
        currency: r.currency.trim().toUpperCase(),
        date: r.date.trim() || null,
      });
      origins.push([gi, ri]);
    });
  });
  return { items, origins };
}

/** Field-error keys of the editor: `donor.<g>` for a group's donor, `tx.<g>.<r>.<field>` for a row's field. */
export const rowKey = (o: Origin, field: string) => `tx.${o[0]}.${o[1]}.${field}`;

/**
 * Checks the rows with the shared contract before sending (the server checks again): a donor, an amount, a currency
 * of three letters, a date for disbursements and expenditures. Returns error codes by editor key.
 */
export function validateTransactions(items: TransactionInput[], origins: Origin[]): Record<string, string> {
  const errors: Record<string, string> = {};
  items.forEach((item, i) => {
    const o = origins[i] as Origin;
    const parsed = TransactionInputSchema.safeParse(item);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "amount");
        const key = field === "donorName" || field === "donorCode" ? `donor.${o[0]}` : rowKey(o, field);
        errors[key] ??= field === "donorName" ? "donor_required" : `${field}_invalid`;
      }
    if (item.type !== "commitment" && !item.date) errors[rowKey(o, "date")] ??= "date_required";
  });
  return errors;
}

/**
 * The server's field errors on `body.transactions.<i>.<field>`, placed on the editor's rows (its messages are
 * already in the reader's language).
 */
export function serverTransactionErrors(
  problemErrors: { path: string; message: string }[] | undefined,
  origins: Origin[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problemErrors ?? []) {
    const m = /^body[./]transactions[./](\d+)(?:[./](\w+))?/.exec(e.path);
    const o = m ? origins[Number(m[1])] : undefined;
    if (!m || !o) continue;
    const field = m[2] ?? "amount";
    const key = field === "donorName" || field === "donorCode" ? `donor.${o[0]}` : rowKey(o, field);
    out[key] ??= e.message;
  }
  return out;
}

/** The stored rate in force on a date for a currency: the latest on or before it, as the server converts. */
export function rateOn(rates: Rate[], currency: string, date: string): Rate | null {
  let best: Rate | null = null;
  for (const r of rates) if (r.currency === currency && r.date <= date && (!best || r.date > best.date)) best = r;
  return best;
}

const scaled = (value: string, decimals: number) => {
  const [whole = "0", fraction = ""] = value.trim().split(".");
  return BigInt(whole + fraction.padEnd(decimals, "0").slice(0, decimals));
};

/** amount × rate, rounded half up to the cent, in integer arithmetic (as the server's convertToUsd). */
export function convertToUsd(amount: string, usdPerUnit: string): string {
  const scale = 10n ** 10n;
  const cents = (scaled(amount, 2) * scaled(usdPerUnit, 10) + scale / 2n) / scale;
  const text = cents.toString().padStart(3, "0");
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

export type UsdPreview =
  | { kind: "pending" }
  | { kind: "usd"; usd: string; rate: string; rateDate: string | null; atStart: boolean }
  | { kind: "no_rate"; currency: string; date: string };

/**
 * The USD value a row will have once saved: at the rate of its date (a commitment without one: at the project's
 * start, as the server does). Nothing while the amount, currency or date is still incomplete.
 */
export function previewUsd(row: TransactionRow, rates: Rate[], projectStart: string): UsdPreview {
  const amount = row.amount.replace(/[\s\u00a0]/g, "").replace(",", ".");
  const currency = row.currency.trim().toUpperCase();
  if (!/^\d{1,15}(\.\d{1,2})?$/.test(amount) || !/^[A-Z]{3}$/.test(currency)) return { kind: "pending" };
  const atStart = !row.date;
  const date = row.date || projectStart;
  if (currency === "USD") return { kind: "usd", usd: convertToUsd(amount, "1"), rate: "1", rateDate: null, atStart };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { kind: "pending" };
  const rate = rateOn(rates, currency, date);
  if (!rate) return { kind: "no_rate", currency, date };
  return {
    kind: "usd",
    usd: convertToUsd(amount, rate.usdPerUnit),
    rate: rate.usdPerUnit,
    rateDate: rate.date,
    atStart,
  };
}

/** Planned against actual, cumulated: each period's value is the sum up to and including it. */
export function cumulativeFlows(series: FlowSeries): { periods: string[]; values: Record<TransactionType, number[]> } {
  const values = { commitment: [], disbursement: [], expenditure: [] } as Record<TransactionType, number[]>;
  const running: Record<TransactionType, number> = { commitment: 0, disbursement: 0, expenditure: 0 };
  for (const p of series.periods)
    for (const type of TRANSACTION_TYPES) {
      running[type] = Math.round((running[type] + Number(p[type])) * 100) / 100;
      values[type].push(running[type]);
    }
  return { periods: series.periods.map((p) => p.period), values };
}
