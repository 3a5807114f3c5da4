import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Language } from "../../common/localized.js";
import type { Actor } from "../platform/audit.js";
import { type Principal, VISITOR } from "./access-policy.js";
import { pickLanguage } from "./messages.js";

declare module "fastify" {
  interface FastifyRequest {
    lang: Language;
    principal: Principal;
  }
}

/** Decorates every request with its language (Accept-Language, then the pact_lang cookie) and a visitor principal. */
export function installRequestContext(app: FastifyInstance) {
  app.decorateRequest("lang", "en");
  app.decorateRequest("principal", null as unknown as Principal);
  app.addHook("onRequest", async (request) => {
    request.principal = VISITOR;
    request.lang = pickLanguage(request.headers["accept-language"], request.cookies?.pact_lang);
  });
}

/** The actor of an audited action, from the request. */
export function actorOf(request: FastifyRequest): Actor {
  const user = request.principal.user;
  return {
    userId: user?.id ?? null,
    label: user ? user.email : "visitor",
    ip: request.ip ?? null,
    requestId: String(request.id),
  };
}
