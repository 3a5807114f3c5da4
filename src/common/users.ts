import { z } from "zod";
import { LocalizedTextSchema, pageOf } from "./localized.js";
import { RoleSchema, UserIdentitySchema } from "./platform.js";

/** Account states. `pending` belongs to the registration workflow; an administrator sets the other three. */
export const USER_STATUSES = ["pending", "active", "suspended", "archived"] as const;
export const UserStatusSchema = z.enum(USER_STATUSES);
export type UserStatus = z.infer<typeof UserStatusSchema>;
export const EditableUserStatusSchema = z.enum(["active", "suspended", "archived"]);

/** ISO 3166-1 alpha-3, upper-cased on input; the server also checks that the country exists. */
export const Iso3Schema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/);

const PartnerCodeSchema = z
  .string()
  .trim()
  .min(2)
  .max(20)
  .regex(/^[A-Za-z0-9-]+$/);
const DisplayNameSchema = z.string().trim().min(1).max(200);
const CountryScopesSchema = z.array(Iso3Schema).max(250);

export const UserSummarySchema = UserIdentitySchema.extend({
  status: UserStatusSchema,
  countryScopes: z.array(z.string()),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type UserSummary = z.infer<typeof UserSummarySchema>;

export const UserSortSchema = z.enum(["name", "created", "lastSignIn"]);
export type UserSort = z.infer<typeof UserSortSchema>;

export const UserListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  role: RoleSchema.optional(),
  partner: PartnerCodeSchema.optional(),
  status: UserStatusSchema.optional(),
  sort: UserSortSchema.default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

export const UserListSchema = pageOf(UserSummarySchema);
export type UserList = z.infer<typeof UserListSchema>;

/** One line of the audit log as the API shows it, with the actor's current name and e-mail. */
export const AuditEntrySchema = z.object({
  id: z.uuid(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const UserDetailSchema = UserSummarySchema.extend({
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  updatedAt: z.string(),
  recentAudit: z.array(AuditEntrySchema),
});
export type UserDetail = z.infer<typeof UserDetailSchema>;

/** An administrator's change to an account; `version` is the one the editor read. */
export const UserUpdateSchema = z
  .object({
    version: z.number().int().min(1),
    displayName: DisplayNameSchema.optional(),
    role: RoleSchema.optional(),
    partnerCode: PartnerCodeSchema.nullable().optional(),
    countryScopes: CountryScopesSchema.optional(),
    status: EditableUserStatusSchema.optional(),
  })
  .refine(
    (v) =>
      v.displayName !== undefined ||
      v.role !== undefined ||
      v.partnerCode !== undefined ||
      v.countryScopes !== undefined ||
      v.status !== undefined,
    { message: "Nothing to change" },
  );
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

export const UserCreateSchema = z.object({
  email: z.email().max(254),
  displayName: DisplayNameSchema,
  role: RoleSchema,
  partnerCode: PartnerCodeSchema.nullable().optional(),
  language: z.enum(["en", "ru"]).default("en"),
  countryScopes: CountryScopesSchema.optional(),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

/** The new account and its one-time password, shown once: the server keeps only its hash. */
export const UserCreatedSchema = z.object({ user: UserDetailSchema, oneTimePassword: z.string() });
export type UserCreated = z.infer<typeof UserCreatedSchema>;

/** A day (YYYY-MM-DD, whole day in UTC) or an instant (ISO 8601 with offset). */
const InstantOrDaySchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const AuditFilterSchema = z.object({
  action: z.string().trim().max(100).optional(),
  /** A user id, or part of the actor's e-mail, name or label. */
  actor: z.string().trim().max(200).optional(),
  objectType: z.string().trim().max(100).optional(),
  objectId: z.string().trim().max(200).optional(),
  from: InstantOrDaySchema.optional(),
  to: InstantOrDaySchema.optional(),
  q: z.string().trim().max(200).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditQuerySchema = AuditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** CSV only: XLSX would need a spreadsheet library the platform does not ship yet. */
export const AuditExportQuerySchema = AuditFilterSchema.extend({ format: z.enum(["csv"]).default("csv") });

export const AuditListSchema = pageOf(AuditEntrySchema);
export type AuditList = z.infer<typeof AuditListSchema>;

/** The members-only directory of focal points and liaison officers. */
export const DirectoryRoleSchema = z.enum(["focal_point", "liaison_officer"]);
export const DirectoryQuerySchema = z.object({
  partner: PartnerCodeSchema.optional(),
  role: DirectoryRoleSchema.optional(),
  q: z.string().trim().max(200).optional(),
});
export type DirectoryQuery = z.infer<typeof DirectoryQuerySchema>;

export const DirectoryEntrySchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  role: DirectoryRoleSchema,
  partnerCode: z.string().nullable(),
  partnerName: LocalizedTextSchema.nullable(),
  countries: z.array(z.object({ code: z.string(), name: LocalizedTextSchema })),
  email: z.string(),
  language: z.enum(["en", "ru"]),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;

export const DirectoryListSchema = z.object({ items: z.array(DirectoryEntrySchema), total: z.number().int() });
export type DirectoryList = z.infer<typeof DirectoryListSchema>;
