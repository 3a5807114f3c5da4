import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseSecretKey } from "../config.js";
import type { DatabaseKind } from "../db/database.js";

/** The key cannot be had (missing where it is required, unreadable) or does not open what it must open. */
export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyError";
  }
}

export const SECRET_KEY_FILE = "secret.key";
const VERSION = "v1";

export interface SecretKeySource {
  /** PACT_SECRET_KEY, decoded. */
  configured: Buffer | undefined;
  dataDir: string;
  databaseKind: DatabaseKind;
  production: boolean;
}

/**
 * The key that encrypts secrets at rest: PACT_SECRET_KEY when set; else `<data dir>/secret.key`, made once
 * (mode 0600) and kept. A production platform on an operator's PostgreSQL server must be given PACT_SECRET_KEY: its data
 * directory holds files only, and the key should not sit next to them.
 */
export function resolveSecretKey(source: SecretKeySource): Buffer {
  if (source.configured) return source.configured;
  if (source.databaseKind === "server" && source.production) {
    throw new SecretKeyError(
      "PACT_SECRET_KEY is required in production on PostgreSQL (32 bytes as 64 hex digits or base64, e.g. `openssl rand -base64 32`); it encrypts the TOTP secrets at rest",
    );
  }
  const file = path.join(source.dataDir, SECRET_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing) return existing;
  // Written whole to a private temporary file, then linked into place: two instances starting together on
  // one shared data directory end up with the same key, and a reader never sees half a key.
  fs.mkdirSync(source.dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = fs.openSync(temporary, "wx", 0o600);
  try {
    fs.writeSync(fd, `${randomBytes(32).toString("base64")}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temporary, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  const made = readKeyFile(file);
  if (!made) throw new SecretKeyError(`Could not create the secret key file ${file}`);
  return made;
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new SecretKeyError(`Cannot read the secret key file ${file}: ${(err as Error).message}`);
  }
  const key = parseSecretKey(text);
  if (!key) throw new SecretKeyError(`The secret key file ${file} does not hold a 32-byte key (hex or base64)`);
  return key;
}

const b64 = (b: Buffer) => b.toString("base64");

/**
 * AES-256-GCM for short secrets stored in the database, as `v1:<iv>:<tag>:<ciphertext>` (base64). The
 * `context` (e.g. the owner's id) is authenticated too, so a value copied to another row does not open.
 * The key is resolved on first use and kept.
 */
export class SecretBox {
  private key: Buffer | undefined;

  constructor(private readonly keySource: () => Buffer) {}

  static fromKey(key: Buffer): SecretBox {
    return new SecretBox(() => key);
  }

  /** Resolves the key now (start-up), so a missing or unreadable key stops the platform early. */
  ensureKey(): void {
    this.keyOf();
  }

  /**
   * A key of its own for one purpose (HKDF-SHA256 of the secret key with the purpose as its info), so a value
   * signed for one use, such as a digest's unsubscribe link, cannot pass for another.
   */
  derivedKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync("sha256", this.keyOf(), Buffer.alloc(0), `pact:${purpose}`, 32));
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(`${VERSION}:`);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.keyOf(), iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [VERSION, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join(":");
  }

  /**
   * The plain value. A value written before encryption (no `v1:` prefix) is returned as it is, marked
   * `legacy` so the caller can seal it. A sealed value the key cannot open throws SecretKeyError: never
   * treated as a wrong code, never as no secret.
   */
  open(stored: string, context: string): { value: string; legacy: boolean } {
    if (!SecretBox.isSealed(stored)) return { value: stored, legacy: true };
    const [, iv, tag, ciphertext] = stored.split(":");
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.keyOf(), Buffer.from(iv ?? "", "base64"));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(Buffer.from(tag ?? "", "base64"));
      const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext ?? "", "base64")), decipher.final()]);
      return { value: plain.toString("utf8"), legacy: false };
    } catch (err) {
      if (err instanceof SecretKeyError) throw err;
      throw new SecretKeyError(
        "A stored secret cannot be decrypted: the secret key (PACT_SECRET_KEY or PACT_DATA_DIR/secret.key) is not the one it was encrypted with, or the value is damaged",
      );
    }
  }

  private keyOf(): Buffer {
    this.key ??= this.keySource();
    return this.key;
  }
}
