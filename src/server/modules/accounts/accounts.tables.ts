import type { ColumnType, Generated } from "kysely";
import type { Role } from "../../../common/platform.js";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: Role;
  partner_code: string | null;
  language: Generated<"en" | "ru">;
  status: Generated<"pending" | "active" | "suspended" | "archived">;
  must_change_password: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  /** The id shown to the user (the primary key is the SHA-256 of the cookie). */
  public_id: Generated<string>;
  /**
   * Key material of the web app's offline queue (32 random bytes, base64, sealed with the secret key), made on first
   * request; it dies with the session row, so entries kept on a device under it cannot be read after sign-out.
   */
  offline_key: string | null;
}

/** TOTP two-factor authentication of a user (kept apart from `users`, which other modules read whole). */
export interface TwoFactorTable {
  user_id: string;
  /** Base32 secret once enrolment is complete; never returned by the API after enrolment. */
  secret: string | null;
  /** Secret offered by /auth/2fa/setup, waiting for its first code. */
  pending_secret: string | null;
  enabled_at: Timestamp | null;
  /** Last accepted time step: a code of that step or an earlier one is a replay. */
  last_step: number | null;
  updated_at: Generated<Date>;
}

export interface RecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: Generated<Date>;
}

/** A sign-in whose password was right, waiting for its second factor (SHA-256 of the pending cookie as id). */
export interface PendingSignInsTable {
  id: string;
  user_id: string;
  attempts: Generated<number>;
  ip: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface PasswordResetTokensTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  ip: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  permissions: string[];
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: Generated<Date>;
}

/**
 * Sign-in throttling and notice bookkeeping (see sign-in-throttle.ts): a failure level per (scope, key), keys
 * being SHA-256 of the account (lower-cased e-mail), the address or both, whether or not an account exists.
 */
export interface AuthAttemptsTable {
  scope: string;
  key_hash: string;
  /** SHA-256 of the account the row is about, so a password reset can clear that account's rows. */
  account_hash: string | null;
  level: Generated<number>;
  updated_at: Timestamp;
  blocked_until: Timestamp | null;
}

export interface AccountsTables {
  users: UsersTable;
  sessions: SessionsTable;
  two_factor: TwoFactorTable;
  recovery_codes: RecoveryCodesTable;
  pending_sign_ins: PendingSignInsTable;
  password_reset_tokens: PasswordResetTokensTable;
  api_tokens: ApiTokensTable;
  auth_attempts: AuthAttemptsTable;
}
