import type { TFunction } from "i18next";
import { ApiError } from "../api/client.js";

interface Issue {
  code: string;
  path: PropertyKey[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
}

/** Turns client-side zod issues (from the shared contracts) into messages keyed by field. */
export function issuesToFieldErrors(t: TFunction, issues: readonly Issue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "");
    if (out[field]) continue;
    if (issue.code === "too_small" && Number(issue.minimum) <= 1) out[field] = t("fieldErrors.required");
    else if (issue.code === "too_small") out[field] = t("fieldErrors.tooShort", { min: Number(issue.minimum) });
    else if (issue.code === "too_big") out[field] = t("fieldErrors.tooLong", { max: Number(issue.maximum) });
    else if (issue.code === "invalid_format" && issue.format === "email") out[field] = t("fieldErrors.email");
    else out[field] = t("fieldErrors.invalid");
  }
  return out;
}

/** Field errors from a problem+json answer: our translation by code when we have one, else the server's message. */
export function problemFieldErrors(t: TFunction, error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [field, e] of Object.entries(error.fieldErrors())) {
    out[field] = t(`fieldErrors.${e.code}`, { defaultValue: e.message });
  }
  return out;
}
