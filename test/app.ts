import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { requiresTwoFactor } from "../src/common/accounts.js";
import { type AppInstance, type BuiltApp, buildApp } from "../src/server/app.js";
import { loadConfig } from "../src/server/config.js";
import type { AppContext } from "../src/server/context.js";
import type { Database } from "../src/server/db/database.js";
import { newTotpSecret, totpCode } from "../src/server/modules/accounts/two-factor.service.js";
import type { ModuleManifest } from "../src/server/modules/manifest.js";
import { loadReferenceData } from "../src/server/reference/load.js";
import { openTestDatabase } from "./database.js";

export interface TestApp extends BuiltApp {
  dataDir: string;
  close(): Promise<void>;
  /** Signs in (creating the user when needed) and returns a client that sends its cookies and CSRF token. */
  signIn(
    role: Parameters<AppContext["accounts"]["createUser"]>[0]["role"],
    options?: { partnerCode?: string | null; email?: string; acceptTerms?: boolean },
  ): Promise<TestClient>;
  visitor(): Promise<TestClient>;
}

export interface TestClient {
  cookies: Record<string, string>;
  csrfToken: string;
  userId: string | null;
  /** The TOTP secret enrolled for a user whose role requires 2FA (signIn enrols one and passes the second step). */
  totpSecret?: string;
  request(options: {
    method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    url: string;
    payload?: unknown;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse>;
}

const PASSWORD = "correct horse battery staple";

export type TestAppOptions = Parameters<typeof createTestApp>[0];

/**
 * The suite's app: created before its tests (beforeAll) and closed after them (afterAll). The object returned is
 * filled in when the app is made, so the suite's hooks and tests use it as they would `createTestApp`'s. Options
 * known only once earlier hooks ran (a server's address) are given as a function, called when the app is made.
 */
export function useTestApp(options: TestAppOptions | (() => TestAppOptions) = {}): TestApp {
  const t = {} as TestApp;
  let created: TestApp | undefined;
  beforeAll(async () => {
    created = await createTestApp(typeof options === "function" ? options() : options);
    Object.assign(t, created);
  });
  afterAll(() => created?.close());
  return t;
}

/** A fully assembled app on a fresh database (cloned on the test PostgreSQL: embedded, or TEST_DATABASE_URL), with reference data. */
export async function createTestApp(
  options: {
    reference?: boolean;
    env?: Record<string, string>;
    database?: Database;
    /** The modules to assemble (default: every module); the manifest test adds a fake one. */
    modules?: readonly ModuleManifest<unknown>[];
  } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-test-"));
  const config = loadConfig({ PACT_DATA_DIR: dataDir, LOG_LEVEL: "silent", NODE_ENV: "test", ...options.env });
  const database = options.database ?? (await openTestDatabase());
  const built = await buildApp(config, database, {
    ...(process.env.TEST_LOG ? {} : { logger: false }),
    ...(options.modules ? { modules: options.modules } : {}),
  });
  await built.app.ready();
  if (options.reference !== false) await loadReferenceData(built.ctx);
  let counter = 0;

  async function clientFor(
    app: AppInstance,
    cookies: Record<string, string>,
    userId: string | null,
  ): Promise<TestClient> {
    const client: TestClient = {
      cookies,
      csrfToken: "",
      userId,
      async request({ method = "GET", url, payload, headers = {} }) {
        const response = await app.inject({
          method,
          url,
          ...(payload !== undefined ? { payload: payload as object } : {}),
          cookies: client.cookies,
          headers: { "x-csrf-token": client.csrfToken, ...headers },
        });
        for (const c of response.cookies) client.cookies[c.name] = c.value;
        return response;
      },
    };
    const me = await client.request({ url: "/api/v1/auth/me" });
    client.csrfToken = me.json().csrfToken;
    return client;
  }

  return {
    ...built,
    dataDir,
    async close() {
      await built.app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    visitor: () => clientFor(built.app, {}, null),
    async signIn(role, opts = {}) {
      counter += 1;
      const email = opts.email ?? `${role}.${counter}@example.org`;
      // Roles that require 2FA get it enrolled, else every protected route would answer 403.
      const totpSecret = requiresTwoFactor(role) ? newTotpSecret() : undefined;
      const { user } = await built.ctx.accounts.createUser(
        {
          email,
          displayName: `Test ${role} ${counter}`,
          role,
          partnerCode: opts.partnerCode ?? null,
          password: PASSWORD,
          ...(totpSecret ? { totpSecret } : {}),
        },
        { userId: null, label: "test", ip: null, requestId: null },
      );
      // Users of the platform have accepted the current terms; a test about terms asks for one who has not.
      if (opts.acceptTerms !== false) {
        const current = (await built.ctx.terms.current()).map((v) => v.id);
        await built.ctx.terms.accept(
          user.id,
          current,
          { userId: user.id, label: email, ip: null, requestId: null },
          "en",
        );
      }
      const client = await clientFor(built.app, {}, user.id);
      const res = await client.request({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        payload: { email, password: PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      client.csrfToken = res.json().csrfToken;
      if (totpSecret) {
        client.totpSecret = totpSecret;
        // The previous step's code (still inside the ±1 window) leaves the current one free for the test. When a
        // 30-second step ends between computing the code and the server checking it (a slow, loaded machine), that
        // code is two steps old and refused; the current step's code is then the one to send.
        const secondFactor = (step: number) =>
          client.request({
            method: "POST",
            url: "/api/v1/auth/sign-in/2fa",
            payload: { code: totpCode(totpSecret, step) },
          });
        let second = await secondFactor(-1);
        if (second.statusCode === 401) second = await secondFactor(0);
        if (second.statusCode !== 200) throw new Error(`2FA sign-in failed: ${second.statusCode} ${second.body}`);
        client.csrfToken = second.json().csrfToken;
      }
      return client;
    },
  };
}
