import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/app.js";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import { resolveSecretKey, SECRET_KEY_FILE, SecretBox, SecretKeyError } from "../../platform/secret-box.js";
import { accountHash } from "./sign-in-throttle.js";
import { twoFactorFixtures } from "./two-factor.fixtures.js";
import { newTotpSecret, totpCode } from "./two-factor.service.js";

const SEALED = /^v1:[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$/;

describe("TOTP secrets encrypted at rest", () => {
  const t = useTestApp({ reference: false });
  const { newUser, signInWithPassword, enrol } = twoFactorFixtures(() => t);

  const stored = (email: string) =>
    t.ctx.database.db
      .selectFrom("two_factor")
      .innerJoin("users", "users.id", "two_factor.user_id")
      .select(["two_factor.user_id", "two_factor.secret", "two_factor.pending_secret"])
      .where("users.email", "=", email)
      .executeTakeFirstOrThrow();

  /** Rows of failed sign-ins counted against the account (sign-in-throttle.ts). */
  const failuresOf = async (email: string) =>
    (
      await t.ctx.database.db
        .selectFrom("auth_attempts")
        .select("scope")
        .where("account_hash", "=", accountHash(email))
        .where("scope", "!=", "known")
        .execute()
    ).length;

  const userIdOf = async (email: string) =>
    (await t.ctx.database.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

  /** Password, then the TOTP code of `offsetSteps`: the response of the second step. */
  async function signInWithCode(email: string, secret: string, offsetSteps: number) {
    const { client, body } = await signInWithPassword(email);
    expect(body.twoFactorRequired).toBe(true);
    const res = await client.request({
      method: "POST",
      url: "/api/v1/auth/sign-in/2fa",
      payload: { code: totpCode(secret, offsetSteps) },
    });
    return { client, res };
  }

  it("stores the pending and the enrolled secret sealed, never the secret; the 2FA sign-in still works", async () => {
    const email = await newUser("member");
    const { client } = await signInWithPassword(email);
    const setup = await client.request({ method: "POST", url: "/api/v1/auth/2fa/setup" });
    const pending = (await stored(email)).pending_secret as string;
    expect(pending).toMatch(SEALED);
    expect(pending).not.toContain(setup.json().secret);

    const { secret } = await enrol(client);
    const row = await stored(email);
    expect(row.secret).toMatch(SEALED);
    expect(row.secret).not.toContain(secret);
    expect(row.pending_secret).toBeNull();
    // Two encryptions of one secret differ (a new IV each time).
    const again = new SecretBox(() =>
      resolveSecretKey({ configured: undefined, dataDir: t.dataDir, databaseKind: "embedded", production: false }),
    );
    expect(again.open(row.secret as string, `totp:${row.user_id}`)).toEqual({ value: secret, legacy: false });
    expect(again.seal(secret, `totp:${row.user_id}`)).not.toBe(row.secret);

    const { res } = await signInWithCode(email, secret, 0);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ authenticated: true, user: { email } });

    // Without PACT_SECRET_KEY the key is made once in the data directory, readable by its owner only.
    const keyFile = path.join(t.dataDir, SECRET_KEY_FILE);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    // A secret enrolled directly (fixtures, scripts) is sealed too.
    const scripted = await t.signIn("coordinator");
    const scriptedRow = await t.ctx.database.db
      .selectFrom("two_factor")
      .select("secret")
      .where("user_id", "=", scripted.userId as string)
      .executeTakeFirstOrThrow();
    expect(scriptedRow.secret).toMatch(SEALED);
    expect(scriptedRow.secret).not.toContain(scripted.totpSecret as string);
  });

  it("reads a secret stored in clear by an earlier version and seals it at its next successful use", async () => {
    const email = await newUser("member");
    const user = { id: await userIdOf(email), email };
    const secret = newTotpSecret();
    // What an earlier version wrote: the base32 secret itself.
    await t.ctx.database.db
      .insertInto("two_factor")
      .values({ user_id: user.id, secret, enabled_at: new Date(), last_step: null })
      .execute();

    const wrong = await signInWithPassword(user.email);
    const refused = await wrong.client.request({
      method: "POST",
      url: "/api/v1/auth/sign-in/2fa",
      payload: { code: totpCode(secret, 10) },
    });
    expect(refused.statusCode).toBe(401);
    expect((await stored(user.email)).secret).toBe(secret);

    const first = await signInWithCode(user.email, secret, -1);
    expect(first.res.statusCode, first.res.body).toBe(200);
    const sealed = (await stored(user.email)).secret as string;
    expect(sealed).toMatch(SEALED);
    expect(sealed).not.toContain(secret);
    // The sealed secret goes on working (a later step: the one just used is claimed).
    const second = await signInWithCode(user.email, secret, 0);
    expect(second.res.statusCode, second.res.body).toBe(200);
  });

  it("seals every clear secret at start-up and checks the key against every sealed one", async () => {
    const a = await newUser("member");
    const b = await newUser("member");
    const clear = newTotpSecret();
    const clearPending = newTotpSecret();
    await t.ctx.database.db
      .insertInto("two_factor")
      .values([
        { user_id: await userIdOf(a), secret: clear, enabled_at: new Date() },
        { user_id: await userIdOf(b), pending_secret: clearPending },
      ])
      .execute();
    const report = await t.ctx.accounts.twoFactor.sealStoredSecrets();
    expect(report.sealed).toBe(2);
    expect(report.checked).toBeGreaterThanOrEqual(2);
    const [afterA, afterB] = [await stored(a), await stored(b)];
    expect(afterA.secret).toMatch(SEALED);
    expect(afterA.secret).not.toContain(clear);
    expect(afterB.pending_secret).toMatch(SEALED);
    expect(afterB.pending_secret).not.toContain(clearPending);
    expect((await t.ctx.accounts.twoFactor.sealStoredSecrets()).sealed).toBe(0);
    const { res } = await signInWithCode(a, clear, 0);
    expect(res.statusCode, res.body).toBe(200);
  });

  it("fails closed with a clear error under another key: no sign-in, no lockout count, no start", async () => {
    const email = await newUser("member");
    const { client } = await signInWithPassword(email);
    const { secret } = await enrol(client);
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-otherkey-"));
    const other = await buildApp(
      loadConfig({
        PACT_DATA_DIR: otherDir,
        LOG_LEVEL: "silent",
        NODE_ENV: "test",
        PACT_SECRET_KEY: randomBytes(32).toString("hex"),
      }),
      t.ctx.database,
      { logger: false },
    );
    try {
      await other.app.ready();
      const csrf = randomBytes(32).toString("base64url");
      await expect(other.ctx.accounts.twoFactor.sealStoredSecrets()).rejects.toThrow(SecretKeyError);
      await expect(other.ctx.accounts.twoFactor.sealStoredSecrets()).rejects.toThrow(
        /PACT_SECRET_KEY or PACT_DATA_DIR\/secret\.key\) is not the one it was encrypted with/,
      );
      const password = await other.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        cookies: { pact_csrf: csrf },
        headers: { "x-csrf-token": csrf },
        payload: { email, password: "correct horse battery staple" },
      });
      expect(password.statusCode).toBe(200);
      const pending = password.cookies.find((c) => c.name === "pact_pending_sign_in")?.value as string;
      const second = await other.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in/2fa",
        cookies: { pact_pending_sign_in: pending, pact_csrf: csrf },
        headers: { "x-csrf-token": csrf },
        payload: { code: totpCode(secret, 0) },
      });
      // A right code under the wrong key is neither accepted nor counted as a wrong code.
      expect(second.statusCode).toBe(500);
      expect(second.json().code).toBe("internal_error");
      expect(second.cookies.find((c) => c.name === "pact_session")).toBeUndefined();
      expect(await failuresOf(email)).toBe(0);
    } finally {
      await other.app.close();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
    // The right key still opens it: nothing was damaged.
    const { res } = await signInWithCode(email, secret, 1);
    expect(res.statusCode, res.body).toBe(200);
  });

  it("binds a sealed value to its owner: copied to another user it does not open", () => {
    const box = SecretBox.fromKey(randomBytes(32));
    const sealed = box.seal("JBSWY3DPEHPK3PXP", "totp:user-a");
    expect(box.open(sealed, "totp:user-a").value).toBe("JBSWY3DPEHPK3PXP");
    expect(() => box.open(sealed, "totp:user-b")).toThrow(SecretKeyError);
    const [v, iv, tag, ct] = sealed.split(":");
    const flipped = Buffer.from(ct as string, "base64");
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(() => box.open([v, iv, tag, flipped.toString("base64")].join(":"), "totp:user-a")).toThrow(SecretKeyError);
  });
});

describe("the secret key setting", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-key-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes PACT_SECRET_KEY as 64 hex digits or base64, and names a bad one", () => {
    const key = randomBytes(32);
    expect(loadConfig({ PACT_SECRET_KEY: key.toString("hex") }).secretKey).toEqual(key);
    expect(loadConfig({ PACT_SECRET_KEY: key.toString("base64") }).secretKey).toEqual(key);
    expect(loadConfig({ PACT_SECRET_KEY: key.toString("base64url") }).secretKey).toEqual(key);
    expect(loadConfig({}).secretKey).toBeUndefined();
    expect(() => loadConfig({ PACT_SECRET_KEY: "too short" })).toThrow(/PACT_SECRET_KEY/);
    expect(() => loadConfig({ PACT_SECRET_KEY: randomBytes(16).toString("hex") })).toThrow(/PACT_SECRET_KEY/);
  });

  it("uses the configured key; else makes a key file once (0600) and keeps it", () => {
    const dataDir = tempDir();
    const configured = randomBytes(32);
    expect(resolveSecretKey({ configured, dataDir, databaseKind: "server", production: true })).toBe(configured);
    expect(fs.existsSync(path.join(dataDir, SECRET_KEY_FILE))).toBe(false);

    const made = resolveSecretKey({ configured: undefined, dataDir, databaseKind: "embedded", production: true });
    const file = path.join(dataDir, SECRET_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(made).toHaveLength(32);
    expect(resolveSecretKey({ configured: undefined, dataDir, databaseKind: "embedded", production: true })).toEqual(
      made,
    );
    expect(fs.readdirSync(dataDir)).toEqual([SECRET_KEY_FILE]);
    // PostgreSQL outside production keeps a key file in PACT_DATA_DIR as well.
    expect(resolveSecretKey({ configured: undefined, dataDir, databaseKind: "server", production: false })).toEqual(
      made,
    );
  });

  it("requires PACT_SECRET_KEY in production on PostgreSQL; refuses a damaged key file", () => {
    const dataDir = tempDir();
    expect(() =>
      resolveSecretKey({ configured: undefined, dataDir, databaseKind: "server", production: true }),
    ).toThrow(/PACT_SECRET_KEY is required in production on PostgreSQL/);
    expect(fs.existsSync(path.join(dataDir, SECRET_KEY_FILE))).toBe(false);
    fs.writeFileSync(path.join(dataDir, SECRET_KEY_FILE), "not a key\n");
    expect(() =>
      resolveSecretKey({ configured: undefined, dataDir, databaseKind: "embedded", production: false }),
    ).toThrow(SecretKeyError);
  });
});
