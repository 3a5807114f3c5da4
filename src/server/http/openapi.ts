import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

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
          "State-changing requests need the `x-csrf-token` header (value from GET /api/v1/auth/me) when signed in with a session cookie.",
      },
      servers: [{ url: "/" }],
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "pact_session" },
        },
      },
    },
    transform: jsonSchemaTransform,
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
