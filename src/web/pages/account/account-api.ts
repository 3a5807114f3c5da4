import { queryOptions } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import type {
  ApiToken,
  CreateApiToken,
  CreatedApiToken,
  PasswordResetComplete,
  RecoveryCodes,
  Session,
  SignInResult,
  SignInSecondStep,
  TwoFactorSetup,
  TwoFactorStatus,
} from "../../../common/accounts.js";
import type { Me, SignIn } from "../../../common/platform.js";
import { ApiError, api, setCsrfToken } from "../../api/client.js";

// Contracts as run-time zod schemas only in these lazy pages (see components/contracts.ts).
let accountContracts: Promise<typeof import("../../../common/accounts.js")> | null = null;
export function loadAccountContracts() {
  accountContracts ??= import("../../../common/accounts.js");
  return accountContracts;
}

export const twoFactorStatusQuery = queryOptions({
  queryKey: ["account", "2fa"],
  queryFn: ({ signal }) => api.get<TwoFactorStatus>("/auth/2fa", undefined, signal),
});

export const sessionsQuery = queryOptions({
  queryKey: ["account", "sessions"],
  queryFn: async ({ signal }) => (await api.get<{ items: Session[] }>("/auth/sessions", undefined, signal)).items,
});

export const tokensQuery = queryOptions({
  queryKey: ["account", "tokens"],
  queryFn: async ({ signal }) => (await api.get<{ items: ApiToken[] }>("/auth/tokens", undefined, signal)).items,
});

export async function signInWithPassword(input: SignIn): Promise<SignInResult> {
  const result = await api.post<SignInResult>("/auth/sign-in", input);
  setCsrfToken(result.csrfToken);
  return result;
}

export async function signInSecondStep(input: SignInSecondStep): Promise<Me> {
  const me = await api.post<Me>("/auth/sign-in/2fa", input);
  setCsrfToken(me.csrfToken);
  return me;
}

export const startTwoFactorSetup = () => api.post<TwoFactorSetup>("/auth/2fa/setup");
export const enableTwoFactor = (code: string) => api.post<RecoveryCodes>("/auth/2fa/enable", { code });
export const disableTwoFactor = (input: { password: string; code: string }) => api.post("/auth/2fa/disable", input);
export const regenerateRecoveryCodes = (code: string) => api.post<RecoveryCodes>("/auth/2fa/recovery-codes", { code });
export const endSession = (id: string) => api.delete(`/auth/sessions/${encodeURIComponent(id)}`);
export const signOutEverywhere = () => api.post("/auth/sessions/sign-out-everywhere");
export const createToken = (input: CreateApiToken) => api.post<CreatedApiToken>("/auth/tokens", input);
export const revokeToken = (id: string) => api.delete(`/auth/tokens/${encodeURIComponent(id)}`);
export const requestPasswordReset = (email: string) => api.post("/auth/password-reset", { email });
export const completePasswordReset = (input: PasswordResetComplete) => api.post("/auth/password-reset/complete", input);

/**
 * Field errors of a problem keyed by field ("body.permissions.1" → "permissions"), translated by code: the
 * account-security codes (password policy, codes, tokens) first, then the shared ones, else the server's text.
 */
export function securityFieldErrors(t: TFunction, error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.problem?.errors ?? []) {
    const field =
      e.path
        .split(/[./]/)
        .filter((part) => part && !/^\d+$/.test(part))
        .pop() ?? e.path;
    if (out[field]) continue;
    const own = t(`security.fieldErrors.${e.code}`, { defaultValue: "" });
    out[field] = own || t(`fieldErrors.${e.code}`, { defaultValue: e.message });
  }
  return out;
}

/** The error to show above a form: any error but a validation failure already shown next to its fields. */
export function formLevelError(error: unknown, fieldErrors: Record<string, string>): unknown {
  if (!error) return null;
  const shownByField =
    error instanceof ApiError && error.code === "validation_failed" && Object.keys(fieldErrors).length > 0;
  return shownByField ? null : error;
}

/** A readable date and time in the UI language. */
export const formatWhen = (lang: string, iso: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
