import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { requiresTwoFactor } from "../../../common/accounts.js";
import type { Role } from "../../../common/platform.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { AppError, conflict, type FieldError, unauthenticated } from "../../http/errors.js";
import type { Actor } from "../../platform/audit.js";
import type { ChangeRecorder } from "../../platform/changes.js";
import type { SecretBox } from "../../platform/secret-box.js";
import { AccountsRepository } from "./accounts.repository.js";
import { verifyPassword } from "./passwords.js";
import { TwoFactorRepository } from "./two-factor.repository.js";

const ISSUER = "Paris Pact Platform";
const PERIOD = 30;
const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function totpFor(secret: string, label = "") {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret });
}

/** The time step a code belongs to (±1 step of clock drift accepted), or null when it is wrong. */
export function stepOfCode(secret: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/** A new random base32 secret (160 bits, as RFC 4226 recommends). */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The current code of a secret (tests and scripts); `offsetSteps` picks a neighbouring step. */
export const totpCode = (secret: string, offsetSteps = 0) =>
  totpFor(secret).generate({ timestamp: Date.now() + offsetSteps * PERIOD * 1000 });

/** Recovery codes are compared without case, spaces or dashes: "abcde-fghij" = "ABCDE FGHIJ". */
const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]+/g, "");
const hashRecoveryCode = (code: string) => createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");

/** Ten codes of ten characters (about 49 bits each) in two groups: "k3m9p-x2qrt". */
function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(randomBytes(10), (b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

const invalidCode = (path = "body.code"): AppError =>
  new AppError("validation_failed", 400, undefined, [{ path, code: "invalid_code" } satisfies FieldError]);

/** What the secrets of a user are sealed to (AES-GCM additional data): a value copied to another user does not open. */
const sealContext = (userId: string) => `totp:${userId}`;

/**
 * TOTP two-factor authentication (RFC 6238: SHA-1, 6 digits, 30 s, ±1 step) with single-use recovery codes.
 * A code is accepted once: the last used time step is stored and an equal or earlier one is a replay.
 * Secrets (pending and enrolled) are stored encrypted with the platform's secret key (`v1:…`); one stored
 * in clear by an earlier version still works and is sealed at its next successful use or at start-up.
 */
export class TwoFactorService {
  private readonly repo: TwoFactorRepository;
  private readonly accounts: AccountsRepository;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly changes: ChangeRecorder,
    private readonly secrets: SecretBox,
  ) {
    this.repo = new TwoFactorRepository(db);
    this.accounts = new AccountsRepository(db);
  }

  async isEnabled(userId: string): Promise<boolean> {
    return !!(await this.repo.find(userId))?.enabled_at;
  }

  async status(userId: string, role: Role) {
    const row = await this.repo.find(userId);
    const enabled = !!row?.enabled_at;
    return {
      enabled,
      required: requiresTwoFactor(role),
      enabledAt: row?.enabled_at ? new Date(row.enabled_at).toISOString() : null,
      recoveryCodesRemaining: enabled ? await this.repo.countUnusedRecoveryCodes(userId) : 0,
    };
  }

  /** Starts enrolment: a new pending secret, its otpauth:// URI and QR code. Refused when 2FA is already on. */
  async setup(principal: Principal, actor: Actor) {
    const user = principal.user;
    if (!user) throw unauthenticated();
    if (await this.isEnabled(user.id)) throw conflict({ reason: "two_factor_already_enabled" });
    const secret = newTotpSecret();
    await this.repo.savePendingSecret(user.id, this.secrets.seal(secret, sealContext(user.id)));
    const otpauthUri = totpFor(secret, user.email).toString();
    const qrSvg = await QRCode.toString(otpauthUri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
    await this.changes.event(actor, { action: "auth.two_factor_setup_started", objectType: "user", objectId: user.id });
    return { secret, otpauthUri, qrSvg };
  }

  /** Completes enrolment with a first code from the app; returns the recovery codes (shown once). */
  async enable(principal: Principal, code: string, actor: Actor) {
    const user = principal.user;
    if (!user) throw unauthenticated();
    const row = await this.repo.find(user.id);
    if (row?.enabled_at) throw conflict({ reason: "two_factor_already_enabled" });
    if (!row?.pending_secret) throw conflict({ reason: "two_factor_setup_not_started" });
    const secret = this.secrets.open(row.pending_secret, sealContext(user.id)).value;
    const step = stepOfCode(secret, code);
    if (step === null) {
      await this.changes.event(actor, { action: "auth.two_factor_failed", objectType: "user", objectId: user.id });
      throw invalidCode();
    }
    const codes = generateRecoveryCodes();
    await this.db.transaction().execute(async (trx) => {
      await this.repo.enable(user.id, this.secrets.seal(secret, sealContext(user.id)), step, trx);
      await this.repo.replaceRecoveryCodes(user.id, codes.map(hashRecoveryCode), trx);
      await this.changes.event(
        actor,
        { action: "auth.two_factor_enabled", objectType: "user", objectId: user.id },
        trx,
      );
    });
    return { recoveryCodes: codes };
  }

  /** Turns 2FA off with the password and a current code; not for roles that require it. */
  async disable(principal: Principal, password: string, code: string, actor: Actor) {
    const user = principal.user;
    if (!user) throw unauthenticated();
    if (requiresTwoFactor(user.role)) throw new AppError("forbidden", 403, { reason: "two_factor_required_for_role" });
    const account = await this.accounts.findUserById(user.id);
    if (!account?.password_hash || !(await verifyPassword(account.password_hash, password))) {
      throw new AppError("validation_failed", 400, undefined, [{ path: "body.password", code: "wrong_password" }]);
    }
    await this.requireCode(user.id, code, actor);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.disable(user.id, trx);
      await this.repo.replaceRecoveryCodes(user.id, [], trx);
      await this.changes.event(
        actor,
        { action: "auth.two_factor_disabled", objectType: "user", objectId: user.id },
        trx,
      );
    });
  }

  /** New recovery codes (the old ones stop working), confirmed by a current code. */
  async regenerateRecoveryCodes(principal: Principal, code: string, actor: Actor) {
    const user = principal.user;
    if (!user) throw unauthenticated();
    await this.requireCode(user.id, code, actor);
    const codes = generateRecoveryCodes();
    await this.db.transaction().execute(async (trx) => {
      await this.repo.replaceRecoveryCodes(user.id, codes.map(hashRecoveryCode), trx);
      await this.changes.event(
        actor,
        { action: "auth.recovery_codes_regenerated", objectType: "user", objectId: user.id },
        trx,
      );
    });
    return { recoveryCodes: codes };
  }

  /** Checks a TOTP code of an enrolled user and claims its step; false when wrong, replayed or not enrolled. */
  async verifyCode(userId: string, code: string): Promise<boolean> {
    const row = await this.repo.find(userId);
    if (!row?.enabled_at || !row.secret) return false;
    const secret = this.secrets.open(row.secret, sealContext(userId));
    const step = stepOfCode(secret.value, code);
    if (step === null) return false;
    const claimed = await this.repo.claimStep(userId, step);
    if (claimed && secret.legacy) {
      await this.repo.replaceSecret(userId, row.secret, this.secrets.seal(secret.value, sealContext(userId)));
    }
    return claimed;
  }

  /** Uses one recovery code; false when unknown or already used. */
  redeemRecoveryCode(userId: string, code: string): Promise<boolean> {
    return this.repo.redeemRecoveryCode(userId, hashRecoveryCode(code));
  }

  /** Enrols a known secret at once (test fixtures, scripted set-up). */
  async enrol(userId: string, secret: string, trx: Kysely<DB>) {
    await this.repo.enable(userId, this.secrets.seal(secret, sealContext(userId)), null, trx);
  }

  /**
   * At start-up: resolves the secret key, seals every secret still stored in clear (written before
   * encryption at rest) and opens every sealed one, so a wrong or missing key stops the platform with a
   * clear message (SecretKeyError) instead of failing each 2FA user's sign-in.
   */
  async sealStoredSecrets(): Promise<{ sealed: number; checked: number }> {
    this.secrets.ensureKey();
    let sealed = 0;
    let checked = 0;
    for (const row of await this.repo.listSecrets()) {
      for (const column of ["secret", "pending_secret"] as const) {
        const stored = row[column];
        if (!stored) continue;
        const opened = this.secrets.open(stored, sealContext(row.user_id));
        checked += 1;
        if (!opened.legacy) continue;
        const next = this.secrets.seal(opened.value, sealContext(row.user_id));
        if (await this.repo.replaceSecret(row.user_id, stored, next, column)) sealed += 1;
      }
    }
    return { sealed, checked };
  }

  private async requireCode(userId: string, code: string, actor: Actor) {
    if (!(await this.isEnabled(userId))) throw conflict({ reason: "two_factor_not_enabled" });
    if (!(await this.verifyCode(userId, code))) {
      await this.changes.event(actor, { action: "auth.two_factor_failed", objectType: "user", objectId: userId });
      throw invalidCode();
    }
  }
}
