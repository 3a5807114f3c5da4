import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Language } from "../../common/localized.js";
import type { ErrorCode, Problem } from "../../common/problem.js";
import { AppError, type FieldError } from "./errors.js";
import { titleOf } from "./messages.js";

const zodLocales = { en: z.locales.en(), ru: z.locales.ru() } as const;

type RawIssue = Parameters<ReturnType<typeof z.locales.en>["localeError"]>[0];

type FieldMessage = string | ((issue: Record<string, unknown>) => string);

/** Field-error codes of the platform itself (not zod's), in both languages. */
const PLATFORM_FIELD_MESSAGES: Record<string, Record<Language, FieldMessage>> = {
  invalid_characters: {
    en: "Contains characters that cannot be stored (a NUL byte or broken Unicode)",
    ru: "Содержит символы, которые невозможно сохранить (нулевой байт или повреждённый Юникод)",
  },
  too_deep: { en: "Nested too deeply", ru: "Слишком глубокая вложенность" },
  value_out_of_range: {
    en: "A value is out of the range that can be stored",
    ru: "Значение выходит за допустимые пределы",
  },
  invalid_reference: {
    en: "Refers to a record that does not exist",
    ru: "Ссылается на несуществующую запись",
  },
  unknown_parameter: {
    en: (issue) => `Unknown query parameter: ${String(issue.name)}`,
    ru: (issue) => `Неизвестный параметр запроса: ${String(issue.name)}`,
  },
  breakdown_group_by: {
    en: "A breakdown needs one or two fields to group by",
    ru: "Для разбивки выберите одно или два поля группировки",
  },
};

/** Localizes one zod issue with zod's own message catalogue for the language. */
export function localizeIssue(issue: Record<string, unknown>, lang: Language): string {
  const own = typeof issue.code === "string" ? PLATFORM_FIELD_MESSAGES[issue.code]?.[lang] : undefined;
  if (own) return typeof own === "function" ? own(issue) : own;
  if (issue.code === "custom" && typeof issue.message === "string" && issue.params) {
    const code = (issue.params as { code?: string }).code;
    if (code === "localized_required") {
      return lang === "ru" ? "Заполните хотя бы один язык" : "At least one language is required";
    }
    // A schema's own refusal named by a platform code: its message from the catalogue above.
    const named = code ? PLATFORM_FIELD_MESSAGES[code]?.[lang] : undefined;
    if (named) return typeof named === "function" ? named(issue) : named;
  }
  // zod's catalogue expects its own issue shapes (a too_small without `minimum` throws): a module's code with
  // missing details must still answer 400 with a message, never turn the refusal into a 500.
  try {
    const out = zodLocales[lang].localeError(issue as unknown as RawIssue);
    if (typeof out === "string") return out;
    if (out?.message) return out.message;
  } catch {
    // fall through to the generic message
  }
  if (typeof issue.message === "string" && issue.message) return issue.message;
  return lang === "ru" ? "Недопустимое значение" : "Invalid value";
}

const DB_DOWN_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
]);

/**
 * Database refusals that mean the input was wrong, not the platform: a safety net behind the zod schemas
 * (which should have caught them first; each one is logged so the schema can be tightened).
 */
function databaseInputError(error: unknown): { status: 400 | 409; code: ErrorCode; field: string } | null {
  const code = (error as { code?: string } | null)?.code;
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return null;
  if (code === "23505") return { status: 409, code: "conflict", field: "duplicate" };
  if (code === "23503") return { status: 400, code: "validation_failed", field: "invalid_reference" };
  if (code === "23502" || code === "23514") return { status: 400, code: "validation_failed", field: "invalid" };
  if (code.startsWith("22") || code === "54000") {
    return {
      status: 400,
      code: "validation_failed",
      field: code === "22021" ? "invalid_characters" : "value_out_of_range",
    };
  }
  return null;
}

/** True for errors that mean the database cannot be reached right now (answer 503 + Retry-After). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (code && DB_DOWN_CODES.has(code)) return true;
  const message = (error as Error | null)?.message ?? "";
  // node-postgres reports a connection lost mid-request with these messages and no code (the rollback
  // after a cut connection fails with "…has encountered a connection error and is not queryable").
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|is not queryable/.test(
    message,
  );
}

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  status: number,
  extra: Partial<Problem> = {},
) {
  const lang = request.lang ?? "en";
  const body: Problem = {
    type: `https://paris-pact.net/problems/${code.replaceAll("_", "-")}`,
    title: titleOf(code, lang),
    status,
    code,
    instance: request.url.split("?")[0],
    requestId: String(request.id),
    ...extra,
  };
  // Problems are serialized as they are, never through the route's response schema for that status
  // (a route may document its own 503 body; a problem raised before its handler must still go out).
  return reply
    .status(status)
    .type("application/problem+json")
    .header("content-language", lang)
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send(body);
}

function mapFieldErrors(errors: FieldError[], lang: Language) {
  return errors.map((e) => ({
    path: e.path,
    code: e.code,
    message: e.message ?? e.messages?.[lang] ?? localizeIssue({ ...e.params, code: e.code }, lang),
  }));
}

/**
 * A multipart body the parser cannot read: no boundary, a part or its headers cut short, a stream closed early.
 * busboy throws plain Errors, so they are known by their (stable) messages; they are the client's fault.
 */
const MULTIPART_FAULTS = [
  /^Multipart: Boundary not found$/,
  /unexpected end of multipart data/i,
  /^Malformed part header$/,
  /^Unexpected end of form$/,
];
function isMalformedMultipart(error: FastifyError): boolean {
  if (error.code === "FST_MP_PREMATURE_CLOSE" || error.code === "FST_INVALID_MULTIPART_CONTENT_TYPE") return true;
  return !error.statusCode && MULTIPART_FAULTS.some((re) => re.test(error.message ?? ""));
}

/** Installs the single error model: every failure becomes application/problem+json (RFC 9457). */
export function installProblemHandler(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) => send(request, reply, "not_found", 404));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = request.lang ?? "en";
    if (error instanceof AppError) {
      if (error.status === 503) reply.header("retry-after", "5");
      const retryAfter = error.details?.retryAfterSeconds;
      if (error.status === 429 && typeof retryAfter === "number") reply.header("retry-after", String(retryAfter));
      return send(request, reply, error.code, error.status, {
        ...(error.details ? { details: error.details } : {}),
        ...(error.fieldErrors ? { errors: mapFieldErrors(error.fieldErrors, lang) } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as { validationContext?: string }).validationContext ?? "body";
      const errors = error.validation.map((v) => {
        const path = [where, ...v.instancePath.split("/").filter(Boolean)].join(".");
        const issue = { code: v.keyword, ...(v.params as Record<string, unknown>), message: v.message };
        return { path, code: v.keyword, message: localizeIssue(issue, lang) };
      });
      return send(request, reply, "validation_failed", 400, { errors });
    }
    const refused = databaseInputError(error);
    if (refused) {
      request.log.warn({ err: error }, "input refused by the database (a schema should catch this earlier)");
      return send(request, reply, refused.code, refused.status, {
        errors: mapFieldErrors([{ path: "body", code: refused.field }], lang),
      });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, "database unavailable");
      reply.header("retry-after", "5");
      return send(request, reply, "service_unavailable", 503);
    }
    if (isMalformedMultipart(error)) {
      return send(request, reply, "malformed_multipart", 400, { detail: error.message });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return send(request, reply, "rate_limited", 429);
    }
    if (status === 413 || error.code === "FST_REQ_FILE_TOO_LARGE" || error.code === "FST_FILES_LIMIT") {
      return send(request, reply, "payload_too_large", 413);
    }
    if (status === 415) return send(request, reply, "unsupported_media_type", 415);
    if (status === 400 || error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      return send(request, reply, "validation_failed", 400, { detail: error.message });
    }
    if (status === 404) return send(request, reply, "not_found", 404);
    request.log.error({ err: error }, "unhandled error");
    return send(request, reply, "internal_error", 500);
  });
}
