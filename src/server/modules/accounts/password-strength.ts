import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

export const STRONG_PASSWORD_MIN_LENGTH = 12;
export const STRONG_PASSWORD_MAX_LENGTH = 1024;
/** zxcvbn scores 0–4; 3 means "safely unguessable" (about 10^10 guesses) against an offline attack. */
export const STRONG_PASSWORD_MIN_SCORE = 3;

// Built once: the common dictionaries (passwords seen in breaches, diceware words) take a moment to load.
let factory: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return factory;
}

export type PasswordStrengthProblem = "too_short" | "too_long" | "contains_email" | "too_common" | "too_weak";

/** True when the password contains the local part of one of the e-mail addresses among the inputs. */
function containsEmail(password: string, userInputs: string[]): boolean {
  const lower = password.toLowerCase();
  return userInputs.some((input) => {
    const at = input.indexOf("@");
    // Very short local parts ("a@…") would refuse half the dictionary; zxcvbn weighs those instead.
    const local = at > 0 ? input.slice(0, at).toLowerCase() : "";
    return local.length >= 3 && lower.includes(local);
  });
}

/**
 * Why a chosen password is refused, or null when it is acceptable: length first, then the zxcvbn estimate
 * against common and breached passwords and the person's own details (e-mail, name), which are easy to guess.
 */
export function passwordStrengthProblem(password: string, userInputs: string[] = []): PasswordStrengthProblem | null {
  if (password.length < STRONG_PASSWORD_MIN_LENGTH) return "too_short";
  if (password.length > STRONG_PASSWORD_MAX_LENGTH) return "too_long";
  if (containsEmail(password, userInputs)) return "contains_email";
  // zxcvbn's cost grows with length; beyond 100 characters the prefix decides as well as the whole.
  const inputs = userInputs.flatMap((v) => [v, ...v.split(/[@\s.]+/)]).filter((v) => v.length >= 3);
  const { score, sequence } = estimator().check(password.slice(0, 100), inputs);
  if (score >= STRONG_PASSWORD_MIN_SCORE) return null;
  // "Common" when a known breached/common password carries the estimate; "weak" for patterns (repeats, sequences).
  const common = sequence.some((m) => m.pattern === "dictionary" && m.dictionaryName === "passwords-common");
  return common ? "too_common" : "too_weak";
}
