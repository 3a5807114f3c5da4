import type { FastifyInstance } from "fastify";
import { AppError, type FieldError } from "./errors.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (text: string) => !text.includes("\u0000") && !LONE_SURROGATE.test(text);

/** How deep a JSON body may nest; nothing the platform accepts comes near it. */
const MAX_DEPTH = 32;

/**
 * Text the database cannot store faithfully is refused at the edge with a field error, before any handler
 * runs: U+0000 (PostgreSQL text cannot hold it) and unpaired surrogates (not Unicode; they would be silently
 * replaced). Absurdly deep JSON is refused too. Applies to bodies, query strings and path parameters.
 */
export function findBadInput(value: unknown, path: string, depth = 0, out: FieldError[] = []): FieldError[] {
  if (out.length >= 20) return out;
  if (typeof value === "string") {
    if (!storable(value)) out.push({ path, code: "invalid_characters" });
  } else if (value && typeof value === "object") {
    if (depth >= MAX_DEPTH) {
      out.push({ path, code: "too_deep" });
      return out;
    }
    for (const [key, child] of Object.entries(value)) {
      if (!storable(key)) out.push({ path, code: "invalid_characters" });
      else findBadInput(child, path ? `${path}.${key}` : key, depth + 1, out);
    }
  }
  return out;
}

export function installInputGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const errors = [
      ...findBadInput(request.body, "body"),
      ...findBadInput(request.query, "query"),
      ...findBadInput(request.params, "params"),
    ];
    if (errors.length) throw new AppError("validation_failed", 400, undefined, errors);
  });
}
