import type { TFunction } from "i18next";
import { ApiError } from "../../api/client.js";

/** Field errors of a problem answer keyed by the field (body.modalities.2 → modalities), our messages first. */
export function facilityFieldErrors(t: TFunction, error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of error.problem?.errors ?? []) {
    const field = e.path.split(".")[1] ?? e.path;
    out[field] ??= t(`facilities.fieldErrors.${e.code}`, {
      defaultValue: t(`fieldErrors.${e.code}`, { defaultValue: e.message }),
    });
  }
  return out;
}
