import type { Language } from "../../common/localized.js";
import type { ErrorCode } from "../../common/problem.js";

export interface FieldError {
  path: string;
  code: string;
  /** Optional server-side message; when absent the handler localizes by code. */
  message?: string;
  /** The message in each language, for a module's own codes; the handler picks the request's language. */
  messages?: Record<Language, string>;
  /** Values the localized message names (a parameter's name, say). */
  params?: Record<string, unknown>;
}

/** The one error type of the platform: a stable code, an HTTP status and optional details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly details?: Record<string, unknown>,
    readonly fieldErrors?: FieldError[],
  ) {
    super(code);
    this.name = "AppError";
  }
}

export const notFound = (what?: string) => new AppError("not_found", 404, what ? { what } : undefined);
export const forbidden = () => new AppError("forbidden", 403);
export const unauthenticated = () => new AppError("unauthenticated", 401);
export const conflict = (details?: Record<string, unknown>) => new AppError("conflict", 409, details);
export const versionConflict = (current: unknown) =>
  new AppError("version_conflict", 409, { current: current as Record<string, unknown> });
export const validationFailed = (fieldErrors: FieldError[]) =>
  new AppError("validation_failed", 400, undefined, fieldErrors);
