import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../http/errors.js";
import { hashToken } from "./passwords.js";
import {
  KNOWN_SCOPE,
  SignInThrottleRepository,
  type ThrottleKey,
  type ThrottleScope,
} from "./sign-in-throttle.repository.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

interface Rule {
  /** Failures allowed before any delay. */
  free: number;
  /** One failure is forgotten per this much time: the long-run rate a patient guesser gets. */
  leakMs: number;
  /** The longest delay. */
  capMs: number;
}

/**
 * The limits (docs/security.md explains them). Failures are counted per e-mail address typed, whether or not
 * an account has it, so an unknown account is throttled exactly as an existing one.
 * - pair: one (account, address); the guesser's own lane, always applies.
 * - account: all addresses together, generous, not applied to addresses the account signed in from.
 * - address: all accounts together (credential stuffing), generous enough for an office behind one address,
 *   not applied to accounts that signed in from that address.
 */
export const THROTTLE_RULES: Record<ThrottleScope, Rule> = {
  pair: { free: 5, leakMs: 15 * MINUTE, capMs: 15 * MINUTE },
  account: { free: 50, leakMs: 5 * MINUTE, capMs: 15 * MINUTE },
  address: { free: 100, leakMs: MINUTE, capMs: 10 * MINUTE },
};
/** The first delay; each further failure doubles it up to the rule's cap. */
const FIRST_DELAY_MS = 2 * SECOND;
/** An (account, address) pair that signed in stays known this long after its last sign-in. */
export const KNOWN_FOR_MS = 90 * DAY;
/** Rows of failures quiet this long have leaked to nothing (the slowest rule forgets 96 a day). */
const FORGET_AFTER_MS = 2 * DAY;
const PURGE_EVERY_MS = 10 * MINUTE;

/** The delay after a failure that brought a key to `level`. */
export function delayAfter(level: number, rule: Rule): number {
  if (level <= rule.free) return 0;
  return Math.min(rule.capMs, FIRST_DELAY_MS * 2 ** Math.min(30, Math.ceil(level - rule.free) - 1));
}

/**
 * The address as throttling counts it: IPv4 as is (IPv4-mapped IPv6 too), IPv6 by its /64, since one
 * subscriber usually holds a whole /64. Requests without an address (the CLI, tests) share "local".
 */
export function addressKey(ip: string | null): string {
  if (!ip) return "local";
  const address = ip.split("%")[0]?.toLowerCase() ?? "";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(":")) return address;
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || "0", 16).toString(16))
    .join(":")}::/64`;
}

/** SHA-256 of the account as typed at sign-in: trimmed and lower-cased, as accounts are looked up. */
export const accountHash = (email: string) => hashToken(`account\n${email.trim().toLowerCase()}`);

function keysOf(email: string, ip: string | null) {
  const account = accountHash(email);
  const address = addressKey(ip);
  return {
    account,
    pair: { scope: "pair", keyHash: hashToken(`pair\n${account}\n${address}`) },
    accountKey: { scope: "account", keyHash: account },
    addressKey: { scope: "address", keyHash: hashToken(`address\n${address}`) },
  } satisfies Record<string, ThrottleKey | string>;
}

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError("too_many_attempts", 429, { retryAfterSeconds });

/** What held a sign-in back, for the audit entry. */
export interface Hold {
  scope: ThrottleScope;
  retryAfterSeconds: number;
}

/**
 * Throttling of sign-in by (account, address) pair, by account and by address, with delays that double
 * after a few failures up to a cap, kept in PostgreSQL so that every instance sees the same counts. There is
 * no lockout: a stranger's failures delay the stranger's own pair; the account and address ceilings do not
 * apply where the account has signed in before, so the owner is never held back at their usual places.
 */
export class SignInThrottle {
  private readonly repo: SignInThrottleRepository;
  private lastPurge = 0;

  constructor(db: Kysely<DB>) {
    this.repo = new SignInThrottleRepository(db);
  }

  /** The hold on a sign-in of `email` from `ip` now, or null when it may go ahead. */
  async holdOf(email: string, ip: string | null, now = new Date()): Promise<Hold | null> {
    const k = keysOf(email, ip);
    const known = { scope: KNOWN_SCOPE, keyHash: k.pair.keyHash };
    const rows = await this.repo.find([k.pair, k.accountKey, k.addressKey, known]);
    const knownRow = rows.find((r) => r.scope === KNOWN_SCOPE);
    const isKnown = !!knownRow && now.getTime() - new Date(knownRow.updated_at).getTime() < KNOWN_FOR_MS;
    let hold: Hold | null = null;
    for (const row of rows) {
      if (row.scope === KNOWN_SCOPE || (isKnown && row.scope !== "pair") || !row.blocked_until) continue;
      const left = new Date(row.blocked_until).getTime() - now.getTime();
      if (left <= 0) continue;
      const retryAfterSeconds = Math.ceil(left / SECOND);
      if (!hold || retryAfterSeconds > hold.retryAfterSeconds) {
        hold = { scope: row.scope as ThrottleScope, retryAfterSeconds };
      }
    }
    return hold;
  }

  /** Counts a failed sign-in (wrong password, unknown or inactive account, wrong second-step code). */
  async recordFailure(email: string, ip: string | null, now = new Date()): Promise<void> {
    const k = keysOf(email, ip);
    const lanes: [ThrottleScope, ThrottleKey, string | null][] = [
      ["pair", k.pair, k.account],
      ["account", k.accountKey, k.account],
      ["address", k.addressKey, null],
    ];
    for (const [scope, key, account] of lanes) {
      const rule = THROTTLE_RULES[scope];
      const level = await this.repo.bump(key, account, now, rule.leakMs);
      const delay = delayAfter(level, rule);
      if (delay > 0) await this.repo.block(key, new Date(now.getTime() + delay));
    }
  }

  /** A completed sign-in: the pair starts afresh and becomes known (exempt from the wider ceilings). */
  async recordSuccess(email: string, ip: string | null, now = new Date()): Promise<void> {
    const k = keysOf(email, ip);
    await this.repo.delete(k.pair);
    await this.repo.touch({ scope: KNOWN_SCOPE, keyHash: k.pair.keyHash }, k.account, now);
    if (now.getTime() - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = now.getTime();
      await this.repo.purge(now, new Date(now.getTime() - FORGET_AFTER_MS), new Date(now.getTime() - KNOWN_FOR_MS));
    }
  }

  /** After a password reset (proof of the mailbox): the account's failures are forgotten. */
  forgetFailures(email: string, trx?: Kysely<DB>) {
    return this.repo.deleteFailuresOfAccount(accountHash(email), trx);
  }

  /** Marks the address from which a reset was completed as one the account uses. */
  markKnown(email: string, ip: string | null, now = new Date()) {
    const k = keysOf(email, ip);
    return this.repo.touch({ scope: KNOWN_SCOPE, keyHash: k.pair.keyHash }, k.account, now);
  }

  /** At most one notice of `kind` per address per `everyMs`: true when this one may go out. */
  takeNotice(kind: string, email: string, everyMs: number, now = new Date()): Promise<boolean> {
    return this.repo.takeNotice({ scope: `notice:${kind}`, keyHash: accountHash(email) }, now, everyMs);
  }
}
