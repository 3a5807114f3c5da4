import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance, RouteOptions } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { ROLES, type Role } from "../../common/platform.js";
import { rolePermissions } from "./access-policy.js";
import type { AccessRule } from "./access-rules.js";
import { SESSION_COOKIE, sessionOnly } from "./security.js";

type Transform = typeof jsonSchemaTransform;
type SecurityRequirement = Record<string, string[]>;

const roleNames = (roles: readonly Role[]) => roles.map((r) => r.replace("_", " ")).join(", ");

/** How a route is reached: who may call it, in words, and the OpenAPI security requirements that say the same. */
export function describeAccess(
  rule: AccessRule,
  method: string,
  url: string,
): { sentence: string; security: SecurityRequirement[] } {
  const tokens = !sessionOnly(method, url);
  const credentials = (scopes: string[]): SecurityRequirement[] => [
    { session: [] },
    ...(tokens ? [{ bearer: scopes }] : []),
  ];
  const noToken = tokens ? "" : " Personal API tokens are refused here: it takes a session.";
  switch (rule.kind) {
    case "public":
    case "infrastructure":
      return { sentence: `Access: public, signed in or not.${noToken}`, security: [{}, ...credentials([])] };
    case "signed-in":
      return { sentence: `Access: any signed-in user.${noToken}`, security: credentials([]) };
    case "permission": {
      const roles = ROLES.filter((role) => rolePermissions(role).includes(rule.permission));
      const token = tokens ? "; a personal API token must carry it among its permissions" : "";
      return {
        sentence:
          `Access: the \`${rule.permission}\` permission (roles: ${roleNames(roles)})${token}. ` +
          `Record-level rules may narrow what it reaches.${noToken}`,
        security: credentials([rule.permission]),
      };
    }
  }
}

/**
 * The zod schemas give each operation its parameters and bodies; the route's access rule (`config.access`, the
 * one the request hooks enforce) gives it `security`, `x-access`, `x-permission` and a sentence in its
 * description, so the document cannot say something the server does not do.
 */
const withAccess: Transform = (input) => {
  const result = jsonSchemaTransform(input);
  const route = (input as unknown as { route: RouteOptions }).route;
  const rule = (route.config as { access?: AccessRule } | undefined)?.access;
  const schema = result.schema as Record<string, unknown> | undefined;
  if (!rule || !schema || schema.hide) return result;
  const method = Array.isArray(route.method) ? String(route.method[0]) : String(route.method);
  const { sentence, security } = describeAccess(rule, method, route.url);
  const description = typeof schema.description === "string" ? `${schema.description}\n\n${sentence}` : sentence;
  return {
    ...result,
    schema: {
      ...schema,
      description,
      security,
      "x-access": rule.kind,
      ...(rule.kind === "permission" ? { "x-permission": rule.permission } : {}),
    },
  };
};

/** OpenAPI 3.1 generated from the zod route schemas, served at /api/v1/openapi.json and rendered at /api/docs. */
export async function registerApiDocs(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Paris Pact Platform API",
        version: "1",
        description:
          "API of the Paris Pact Platform. Errors are application/problem+json (RFC 9457) with a stable `code`. " +
          "State-changing requests need the `x-csrf-token` header (value from GET /api/v1/auth/me) when signed in with a session cookie. " +
          "Every operation states who may call it: `x-access` (public, signed-in or permission), `x-permission` (the permission " +
          "it requires) and its `security` (the session cookie, or a personal API token whose permissions are listed as the " +
          "bearer scheme's scopes).",
      },
      servers: [{ url: "/" }],
      components: {
        securitySchemes: {
          session: {
            type: "apiKey",
            in: "cookie",
            name: SESSION_COOKIE,
            description: "The web app's session, from POST /api/v1/auth/sign-in.",
          },
          bearer: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "pact_<43 characters>",
            description:
              "A personal API token (Authorization: Bearer pact_…), made in the web app; it acts with the permissions it was given.",
          },
        },
      },
    },
    transform: withAccess,
  });
  app.get("/api/v1/openapi.json", { config: { access: { kind: "public" } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    transformStaticCSP: (header) => header,
    uiConfig: { docExpansion: "list", deepLinking: true },
  });
}
