import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { passwordStrengthProblem } from "./password-strength.js";

// argon2id (the library default algorithm), OWASP minimum parameters: 19 MiB, 2 iterations.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** SHA-256 (hex) of a random secret token: sessions, resets and API tokens store only this. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

// A real hash to verify against when the account does not exist, so the answer takes as long either way.
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  return decoy;
}

/** A one-time password: 20 characters from an alphabet without look-alikes (about 115 bits). */
export function generateOneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(20);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

export { STRONG_PASSWORD_MIN_LENGTH as PASSWORD_MIN_LENGTH } from "./password-strength.js";

/**
 * Returns the reason a new password is refused (too_short, too_long, contains_email, too_common, too_weak),
 * or null: the one policy of change password, reset and registration (see password-strength.ts).
 */
export function passwordProblem(password: string, email: string, otherInputs: string[] = []): string | null {
  return passwordStrengthProblem(password, [email, ...otherInputs]);
}
