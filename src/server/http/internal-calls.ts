import { randomBytes } from "node:crypto";
import type { Principal } from "./access-policy.js";

/** The header an in-process call (`app.inject`) carries to run a route as a given user. */
export const INTERNAL_CALL_HEADER = "x-pact-internal-call";
const TTL_MS = 60_000;

/**
 * Runs an API route as a user from inside the server (scheduled reports run a saved analysis's route as each
 * recipient): the caller issues a single-use random token for that user's principal and passes it in
 * `x-pact-internal-call` to `app.inject`. The token lives only in this process's memory for a minute and is
 * consumed by the security hook; the route then sees exactly that user's principal, access rule, terms check and
 * record-level rules, as if they had called it. An unknown, used or expired token is a 401.
 */
export class InternalCalls {
  private readonly pending = new Map<string, { principal: Principal; expires: number }>();

  issue(principal: Principal): string {
    const now = Date.now();
    for (const [t, v] of this.pending) if (v.expires < now) this.pending.delete(t);
    const token = randomBytes(32).toString("base64url");
    this.pending.set(token, { principal, expires: now + TTL_MS });
    return token;
  }

  take(token: string): Principal | null {
    const entry = this.pending.get(token);
    this.pending.delete(token);
    if (!entry || entry.expires < Date.now()) return null;
    return entry.principal;
  }
}
