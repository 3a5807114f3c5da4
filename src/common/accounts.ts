import { z } from "zod";
import { MeSchema, type Role } from "./platform.js";

/** Roles that must use two-factor authentication: they can change what other people rely on. */
export const TWO_FACTOR_ROLES: readonly Role[] = ["focal_point", "liaison_officer", "coordinator", "administrator"];

export const requiresTwoFactor = (role: Role): boolean => TWO_FACTOR_ROLES.includes(role);

/** POST /auth/sign-in: a session (Me), or `twoFactorRequired` with no session until the second step. */
export const SignInResultSchema = MeSchema.extend({ twoFactorRequired: z.boolean().optional() });
export type SignInResult = z.infer<typeof SignInResultSchema>;

/** A six-digit TOTP code; spaces (as authenticator apps show "123 456") are ignored. */
export const TotpCodeSchema = z
  .string()
  .transform((v) => v.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/));

export const RecoveryCodeSchema = z.string().trim().min(8).max(40);

export const SignInSecondStepSchema = z
  .object({ code: TotpCodeSchema.optional(), recoveryCode: RecoveryCodeSchema.optional() })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    message: "Give either a code or a recovery code",
    path: ["code"],
  });
export type SignInSecondStep = z.infer<typeof SignInSecondStepSchema>;

export const TwoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  required: z.boolean(),
  enabledAt: z.string().nullable(),
  recoveryCodesRemaining: z.number().int(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatusSchema>;

export const TwoFactorSetupSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  /** The QR code of otpauthUri as an SVG document (render it as an image, never as markup). */
  qrSvg: z.string(),
});
export type TwoFactorSetup = z.infer<typeof TwoFactorSetupSchema>;

export const TwoFactorCodeSchema = z.object({ code: TotpCodeSchema });
export const TwoFactorDisableSchema = z.object({ password: z.string().min(1).max(1024), code: TotpCodeSchema });
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;

export const SessionSchema = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type Session = z.infer<typeof SessionSchema>;
export const SessionListSchema = z.object({ items: z.array(SessionSchema) });

export const API_TOKEN_MAX_DAYS = 365;

export const ApiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first characters of the token, to recognize it (the whole value is shown once). */
  prefix: z.string(),
  permissions: z.array(z.string()),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;
export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) });

export const CreateApiTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  permissions: z.array(z.string().min(1).max(64)).min(1).max(50),
  /** Required; at most API_TOKEN_MAX_DAYS ahead. */
  expiresAt: z.iso.datetime({ offset: true }),
});
export type CreateApiToken = z.infer<typeof CreateApiTokenSchema>;
export const CreatedApiTokenSchema = z.object({ token: ApiTokenSchema, value: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;

export const PasswordResetRequestSchema = z.object({ email: z.email().max(254) });
export const PasswordResetCompleteSchema = z.object({
  token: z.string().min(20).max(200),
  newPassword: z.string().min(12).max(1024),
});
export type PasswordResetComplete = z.infer<typeof PasswordResetCompleteSchema>;
