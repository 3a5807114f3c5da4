import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/app.js";
import { pickLanguage } from "./messages.js";
import { isDatabaseUnavailable, localizeIssue } from "./problem-handler.js";

describe("error model", () => {
  const t = useTestApp({ reference: false });

  it("answers an unknown route with a problem document in the request's language", async () => {
    const en = await t.app.inject({ url: "/api/v1/nothing-here" });
    expect(en.statusCode).toBe(404);
    expect(en.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(en.json()).toMatchObject({ status: 404, code: "not_found", title: "Not found." });
    expect(en.json().requestId).toBeTruthy();
    const ru = await t.app.inject({
      url: "/api/v1/nothing-here",
      headers: { "accept-language": "ru-RU,ru;q=0.9,en;q=0.5" },
    });
    expect(ru.json().title).toBe("Не найдено.");
    expect(ru.headers["content-language"]).toBe("ru");
  });

  it("reports each invalid field with its path, localized", async () => {
    const visitor = await t.visitor();
    const res = await visitor.request({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "not-an-address", password: "" },
      headers: { "accept-language": "ru" },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe("validation_failed");
    const paths = body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["body.email", "body.password"]);
    expect(body.errors.find((e: { path: string }) => e.path === "body.email").message).toMatch(/email/i);
    expect(body.title).toBe("Некоторые поля заполнены неверно.");
  });

  it("refuses a state-changing request without the CSRF token", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "a@b.org", password: "x" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("csrf_failed");
  });

  it("keeps a caller's request id and sets security headers", async () => {
    const res = await t.app.inject({ url: "/api/v1/nothing", headers: { "x-request-id": "trace-12345678" } });
    expect(res.json().requestId).toBe("trace-12345678");
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(res.headers["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("language choice", () => {
  it("localizes a field code whose details zod's catalogue would need, instead of throwing (a 500)", () => {
    expect(localizeIssue({ code: "too_small" }, "ru")).toBe("Недопустимое значение");
    expect(localizeIssue({ code: "too_small", origin: "string", minimum: 2 }, "en")).toMatch(/2/);
  });

  it("follows the highest-weighted supported language, then the cookie", () => {
    expect(pickLanguage("ru-RU,ru;q=0.9")).toBe("ru");
    expect(pickLanguage("de-DE,en;q=0.8,ru;q=0.9")).toBe("ru");
    expect(pickLanguage("de-DE,en;q=0.9,ru;q=0.8")).toBe("en");
    expect(pickLanguage(undefined, "ru")).toBe("ru");
    expect(pickLanguage("fr", "ru")).toBe("ru");
    expect(pickLanguage(undefined)).toBe("en");
  });

  it("counts a lost database connection as unavailable (503), never a bad input or a 500", () => {
    for (const message of [
      "Client has encountered a connection error and is not queryable",
      "Client was closed and is not queryable",
      "Connection terminated unexpectedly",
      "timeout exceeded when trying to connect",
    ]) {
      expect(isDatabaseUnavailable(new Error(message)), message).toBe(true);
    }
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("driver has already been destroyed"))).toBe(false);
  });
});
