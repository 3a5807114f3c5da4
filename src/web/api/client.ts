import type { FileRecord } from "../../common/platform.js";
import type { Problem } from "../../common/problem.js";
import { noteResponse } from "../connection.js";
import { currentLanguage } from "../i18n/index.js";

export const API_BASE = "/api/v1";

/** An API failure: either a problem+json answer from the server or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, message?: string) {
    super(message ?? problem?.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  get code(): string {
    if (this.problem) return this.problem.code;
    return this.status === 0 ? "network" : "internal_error";
  }

  /** Field errors keyed by the last segment of their path ("body.email" → "email"). */
  fieldErrors(): Record<string, { code: string; message: string }> {
    const out: Record<string, { code: string; message: string }> = {};
    for (const e of this.problem?.errors ?? []) {
      const key = e.path.split(/[./]/).filter(Boolean).pop() ?? e.path;
      out[key] ??= { code: e.code, message: e.message };
    }
    return out;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: Query;
  body?: unknown;
  /** A multipart body (a file upload); sent as it is, with no JSON content type. */
  form?: FormData;
  signal?: AbortSignal;
}

/**
 * The reads of the page's first screen after a load may be answered at once from what the service worker kept (it
 * then reads the network again and says when the answer changed, src/web/sw/service-worker.ts), so that a repeat
 * visit does not wait a round trip per step. That ends with the first change the user makes, when the page moves to
 * another path, when the worker says that a kept answer changed, or after 15 s: reads are then network first.
 */
const FIRST_SCREEN_MS = 15_000;
const firstScreen = {
  open: true,
  path: typeof location === "undefined" ? "" : location.pathname,
  until: Date.now() + FIRST_SCREEN_MS,
};

/** Reads from now on ask the network first (the worker's kept answers are only a fallback). */
export function endFirstScreen(): void {
  firstScreen.open = false;
}

function onFirstScreen(): boolean {
  if (firstScreen.open && (Date.now() > firstScreen.until || location.pathname !== firstScreen.path)) {
    firstScreen.open = false;
  }
  return firstScreen.open;
}

/**
 * The `pact_cache_key` cookie: the service worker's name for this browser's session (a hash of the session token set
 * by the server, none when signed out). The worker answers a read from what it kept only for the session it names.
 */
function sessionCacheKey(): string {
  if (typeof document === "undefined") return "";
  return /(?:^|;\s*)pact_cache_key=([\w-]+)/.exec(document.cookie)?.[1] ?? "";
}

let csrfToken = "";
let csrfRefresher: (() => Promise<string>) | null = null;

/** Called whenever /auth/me answers; state-changing requests echo the token in `x-csrf-token`. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Lets the client fetch a fresh token (via /auth/me) when it has none or the server rejected it. */
export function setCsrfRefresher(refresh: () => Promise<string>): void {
  csrfRefresher = refresh;
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ""}`;
}

async function readProblem(res: Response): Promise<Problem | null> {
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("json")) return null;
  try {
    const body = (await res.json()) as Partial<Problem>;
    if (typeof body.code !== "string") return null;
    return {
      type: body.type ?? "about:blank",
      title: body.title ?? res.statusText,
      status: body.status ?? res.status,
      code: body.code,
      requestId: body.requestId ?? res.headers.get("x-request-id") ?? "",
      ...(body.detail ? { detail: body.detail } : {}),
      ...(body.errors ? { errors: body.errors } : {}),
      ...(body.details ? { details: body.details } : {}),
    };
  } catch {
    return null;
  }
}

function fallbackProblem(res: Response): Problem {
  const code = res.status === 404 ? "not_found" : res.status === 503 ? "service_unavailable" : "internal_error";
  return {
    type: "about:blank",
    title: res.statusText || `HTTP ${res.status}`,
    status: res.status,
    code,
    requestId: res.headers.get("x-request-id") ?? "",
  };
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = {
    Accept: "application/json, application/problem+json",
    "Accept-Language": currentLanguage(),
  };
  if (opts.body !== undefined && opts.form === undefined) headers["Content-Type"] = "application/json";
  if (method === "GET" && onFirstScreen()) headers["x-pact-first-screen"] = "1";
  // The session the service worker may answer this read from its cache for (src/server/http/security.ts).
  const cacheKey = method === "GET" ? sessionCacheKey() : "";
  if (cacheKey) headers["x-pact-cache-key"] = cacheKey;
  if (method !== "GET") {
    endFirstScreen();
    if (!csrfToken && csrfRefresher) csrfToken = await csrfRefresher();
    headers["x-csrf-token"] = csrfToken;
  }
  try {
    const res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      credentials: "same-origin",
      body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: opts.signal,
    });
    // The service worker's cached answer while offline, or a fresh one: the app shell's banner follows.
    noteResponse(res);
    return res;
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, null, err instanceof Error ? err.message : "Network error");
  }
}

/** The one way the web app talks to the API. Resolves with the JSON body (undefined for 204). */
export async function apiFetch<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(path, opts);
  let problem = res.ok ? null : await readProblem(res);
  // The session may have rotated its token (sign-in, expiry): refresh once and retry.
  if (problem?.code === "csrf_failed" && csrfRefresher) {
    csrfToken = await csrfRefresher();
    res = await send(path, opts);
    problem = res.ok ? null : await readProblem(res);
  }
  if (!res.ok) throw new ApiError(res.status, problem ?? fallbackProblem(res));
  if (res.status === 204 || res.headers.get("content-length") === "0") return undefined as T;
  const type = res.headers.get("content-type") ?? "";
  return (type.includes("json") ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => apiFetch<T>(path, { query, signal }),
  post: <T = void>(path: string, body?: unknown) => apiFetch<T>(path, { method: "POST", body }),
  put: <T = void>(path: string, body?: unknown) => apiFetch<T>(path, { method: "PUT", body }),
  patch: <T = void>(path: string, body?: unknown) => apiFetch<T>(path, { method: "PATCH", body }),
  delete: <T = void>(path: string) => apiFetch<T>(path, { method: "DELETE" }),
  /** POSTs one file as multipart `file`, with the CSRF token and its retry like every other change. */
  upload: <T>(path: string, file: File, query?: Query) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return apiFetch<T>(path, { method: "POST", form, query });
  },
};

export interface UploadOptions {
  /** Called as the browser sends the body: bytes sent of the request's total. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

/** One multipart POST through XMLHttpRequest, the browser's only way to report an upload's progress. */
function sendWithProgress(path: string, form: FormData, opts: UploadOptions): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", apiUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json, application/problem+json");
    xhr.setRequestHeader("Accept-Language", currentLanguage());
    xhr.setRequestHeader("x-csrf-token", csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded, e.total);
    };
    xhr.onload = () => {
      const headers = new Headers();
      for (const line of xhr
        .getAllResponseHeaders()
        .trim()
        .split(/[\r\n]+/)) {
        const at = line.indexOf(":");
        if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      resolve(new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers }));
    };
    xhr.onerror = () => reject(new ApiError(0, null, "Network error"));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    if (opts.signal?.aborted) {
      reject(new DOMException("The upload was cancelled", "AbortError"));
      return;
    }
    opts.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/**
 * Stores a file in the platform's file store (`POST /files`), readable only by its uploader; imports take its id.
 * With `onProgress` the upload reports the bytes sent (the import's first progress bar), keeping the CSRF token, its
 * refresh-and-retry and the problem reading of every other request.
 */
export async function uploadFile(file: File, opts: UploadOptions = {}): Promise<FileRecord> {
  if (!opts.onProgress || typeof XMLHttpRequest === "undefined") return api.upload<FileRecord>("/files", file);
  const form = new FormData();
  form.append("file", file, file.name);
  endFirstScreen();
  if (!csrfToken && csrfRefresher) csrfToken = await csrfRefresher();
  let res = await sendWithProgress("/files", form, opts);
  let problem = res.ok ? null : await readProblem(res);
  if (problem?.code === "csrf_failed" && csrfRefresher) {
    csrfToken = await csrfRefresher();
    res = await sendWithProgress("/files", form, opts);
    problem = res.ok ? null : await readProblem(res);
  }
  if (!res.ok) throw new ApiError(res.status, problem ?? fallbackProblem(res));
  return (await res.json()) as FileRecord;
}
