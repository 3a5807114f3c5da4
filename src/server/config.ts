import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["0", "1", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PACT_DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_READ_URL: z.string().url().optional(),
  /** Started as root, the embedded PostgreSQL runs under this existing unprivileged account (default: postgres). */
  PACT_POSTGRES_OS_USER: z.string().min(1).optional(),
  PACT_DEMO: booleanFlag.optional(),
  /** SMTP URL such as smtp://user:pass@host:587; without it mail goes to <data>/outbox as .eml files. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Paris Pact Platform <no-reply@paris-pact.local>"),
  /** Public origin used in links in e-mails, e.g. https://paris-pact.example.org. */
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.string().default("development"),
  /** Trust X-Forwarded-* from a reverse proxy (needed for Secure cookies and client addresses behind one). */
  TRUST_PROXY: booleanFlag.default(false),
  /** Maximum upload size in bytes. */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  /** API requests a minute per signed-in session or API token (sign-in has its own stricter limit). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** API requests a minute per address from visitors (not signed in): sized for 30 people behind one address. */
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().positive().default(3000),
  /** Run the in-process job worker (set 0 on instances that should only serve HTTP). */
  PACT_WORKER: booleanFlag.default(true),
  /** A running job whose heartbeat is older than this (ms) lost its worker and is requeued (default 120000). */
  PACT_JOB_STALE_MS: z.coerce.number().int().min(1000).optional(),
  /** At start, stored files no row references and temporary files older than this (ms) are removed (default 1 h). */
  PACT_FILE_SWEEP_AFTER_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(60 * 60 * 1000),
  /** 32-byte key (64 hex digits or base64) that encrypts secrets at rest (TOTP); else PACT_DATA_DIR/secret.key. */
  /**
   * What answers analyses over any field of the seizure records: "duckdb" (a columnar copy kept in step with
   * publication, PostgreSQL while it loads) or "postgres" only. Default: duckdb, but postgres under tests.
   */
  PACT_ANALYTICS_ENGINE: z.enum(["duckdb", "postgres"]).optional(),
  PACT_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || parseSecretKey(v) !== null, "must be 32 bytes as 64 hex digits or base64"),
});

/** A 32-byte key written as 64 hex digits or as base64 (standard or URL-safe), or null when it is not one. */
export function parseSecretKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, "hex");
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(t)) return null;
  const key = Buffer.from(t.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return key.length === 32 ? key : null;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Account the embedded PostgreSQL runs under when the platform runs as root. */
  postgresOsUser: string | undefined;
  databaseReadUrl: string | undefined;
  /** undefined = decide by database kind (demo on a new embedded database only). */
  demo: boolean | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  logLevel: string;
  production: boolean;
  trustProxy: boolean;
  uploadMaxBytes: number;
  rateLimitPerMinute: number;
  rateLimitAnonymousPerMinute: number;
  worker: boolean;
  /** undefined = the job service's default (12 heartbeats, 2 minutes). */
  jobStaleAfterMs: number | undefined;
  fileSweepAfterMs: number;
  /** PACT_SECRET_KEY decoded; undefined = a key file in the data directory (see platform/secret-box.ts). */
  secretKey: Buffer | undefined;
  analyticsEngine: "duckdb" | "postgres";
}

/** Reads and validates configuration from the environment; fails with every bad variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (DATABASE_URL=) means "not set", as in most shells' and tools' conventions.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.PACT_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    postgresOsUser: e.PACT_POSTGRES_OS_USER,
    databaseReadUrl: e.DATABASE_READ_URL,
    demo: e.PACT_DEMO,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === "production",
    trustProxy: e.TRUST_PROXY,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitAnonymousPerMinute: e.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
    worker: e.PACT_WORKER,
    jobStaleAfterMs: e.PACT_JOB_STALE_MS,
    fileSweepAfterMs: e.PACT_FILE_SWEEP_AFTER_MS,
    secretKey: e.PACT_SECRET_KEY === undefined ? undefined : (parseSecretKey(e.PACT_SECRET_KEY) ?? undefined),
    analyticsEngine: e.PACT_ANALYTICS_ENGINE ?? (e.NODE_ENV === "test" ? "postgres" : "duckdb"),
  };
}
