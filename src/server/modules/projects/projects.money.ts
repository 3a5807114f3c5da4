/**
 * Money without floats: amounts are decimal strings with at most 2 decimals, rates decimal strings with at
 * most 10; the USD value is computed in integer arithmetic (BigInt) and rounded half up to the cent.
 */
const RATE_SCALE = 10n ** 10n;

function toScaled(value: string, decimals: number): bigint {
  const [whole = "0", fraction = ""] = value.trim().split(".");
  return BigInt(whole + fraction.padEnd(decimals, "0").slice(0, decimals));
}

function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = abs.toString().padStart(3, "0");
  return `${negative ? "-" : ""}${text.slice(0, -2)}.${text.slice(-2)}`;
}

export function convertToUsd(amount: string, usdPerUnit: string): string {
  const cents = toScaled(amount, 2);
  const rate = toScaled(usdPerUnit, 10);
  const product = cents * rate;
  const rounded = (product + RATE_SCALE / 2n) / RATE_SCALE;
  return fromCents(rounded);
}

export function addMoney(values: readonly (string | null)[]): string | null {
  const present = values.filter((v): v is string => v !== null);
  if (!present.length) return null;
  return fromCents(present.reduce((sum, v) => sum + toScaled(v, 2), 0n));
}

/** Normalises a decimal amount string to two decimals ("1200" → "1200.00"). */
export function normaliseAmount(amount: string): string {
  return fromCents(toScaled(amount, 2));
}
