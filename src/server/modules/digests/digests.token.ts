import { createHmac, timingSafeEqual } from "node:crypto";

/** The only thing an unsubscribe link can do; a token signed for anything else is refused. */
export const UNSUBSCRIBE_PURPOSE = "digest-unsubscribe";
/** A link in an old digest keeps working for this long; the next digest brings a fresh one. */
export const UNSUBSCRIBE_TTL_MS = 60 * 86_400_000;

export interface UnsubscribeClaims {
  userId: string;
  /** The subscription's link version when the link was made; an unsubscribe bumps it (revocation). */
  version: number;
  expiresAt: Date;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/**
 * Signed, single-purpose unsubscribe tokens: `base64url(JSON claims).base64url(HMAC-SHA256)`, keyed with a key
 * derived for this purpose alone (`SecretBox.derivedKey`). They need no sign-in, name one user, expire, and are
 * revoked by the subscription's `link_version`, which the service checks.
 */
export class UnsubscribeTokens {
  private resolved: Buffer | undefined;

  constructor(private readonly key: () => Buffer) {}

  private sign(payload: string): Buffer {
    // Derived once: a run signs one token per reader.
    this.resolved ??= this.key();
    return createHmac("sha256", this.resolved).update(`${UNSUBSCRIBE_PURPOSE}.${payload}`).digest();
  }

  issue(userId: string, version: number, now = new Date()): string {
    const payload = b64(
      JSON.stringify({
        p: UNSUBSCRIBE_PURPOSE,
        u: userId,
        v: version,
        x: Math.floor((now.getTime() + UNSUBSCRIBE_TTL_MS) / 1000),
      }),
    );
    return `${payload}.${b64(this.sign(payload))}`;
  }

  /** The claims of a genuine, unexpired token; null for anything else (tampered, truncated, expired, other purpose). */
  verify(token: string, now = new Date()): UnsubscribeClaims | null {
    const [payload, signature, extra] = token.split(".");
    if (!payload || !signature || extra !== undefined) return null;
    const given = Buffer.from(signature, "base64url");
    const expected = this.sign(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: { p?: unknown; u?: unknown; v?: unknown; x?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      return null;
    }
    if (claims.p !== UNSUBSCRIBE_PURPOSE || typeof claims.u !== "string" || !Number.isInteger(claims.v)) return null;
    if (typeof claims.x !== "number" || claims.x * 1000 <= now.getTime()) return null;
    return { userId: claims.u, version: claims.v as number, expiresAt: new Date(claims.x * 1000) };
  }
}
