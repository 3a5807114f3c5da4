import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "./app.js";

/** Issue 17, hole 3: a malformed multipart body is the client's fault: 400 with a stable code, never 500. */
describe("malformed multipart", () => {
  let t: TestApp;
  let user: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    user = await t.signIn("focal_point", { partnerCode: "TJK" });
  });
  afterAll(() => t.close());

  const boundary = "----pactcut";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  const cases: [string, string, string][] = [
    ["no boundary", "multipart/form-data", `${head}a,b\r\n1,2\r\n--${boundary}--\r\n`],
    ["a part cut short", `multipart/form-data; boundary=${boundary}`, `${head}a,b\r\n1,2`],
    ["headers cut short", `multipart/form-data; boundary=${boundary}`, `--${boundary}\r\nContent-Disposition: form-da`],
  ];

  for (const [name, contentType, body] of cases) {
    it(`answers 400 malformed_multipart for ${name}`, async () => {
      for (const lang of ["en", "ru"]) {
        const res = await user.request({
          method: "POST",
          url: "/api/v1/files",
          payload: body,
          headers: { "content-type": contentType, "accept-language": lang },
        });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.headers["content-type"]).toContain("application/problem+json");
        expect(res.json().code).toBe("malformed_multipart");
        expect(res.json().title).toMatch(lang === "ru" ? /[а-я]/ : /multipart/i);
      }
    });
  }

  it("still accepts a well-formed upload", async () => {
    const res = await user.request({
      method: "POST",
      url: "/api/v1/files",
      payload: `${head}a,b\r\n1,2\r\n--${boundary}--\r\n`,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});
