import { isScope, ROLES, type Role, SCOPE_PERMISSIONS } from "../../common/platform.js";

export { isScope, SCOPE_PERMISSIONS };

/**
 * The platform's permissions. Routes require one; roles grant them. Record-level rules (a focal point
 * may edit only their partner's records) are checked by the domain services with `canActOnPartner`.
 */
export const PERMISSIONS = [
  "member:read",
  /**
   * The user's own acts on their account outside the session-only security routes: accepting the terms of use
   * (the platform's and the DMP's) and choosing notification preferences. Every role holds it; a personal API
   * token holds it only when its owner gave it, so a read-only token cannot sign or change anything.
   */
  "account:write",
  "notifications:read",
  "jobs:read",
  "files:upload",
  "files:read",
  "search:members",
  "users:manage",
  "audit:read",
  "reference:manage",
  "system:manage",
  "registrations:review",
  // Consultative mechanism (meetings, recommendations, news).
  "meetings:manage",
  "recommendations:report",
  "news:manage",
  // ADAM technical-assistance projects.
  "projects:write",
  // DMP: seizure records.
  "seizures:read-records",
  "seizures:write",
  "seizures:validate",
  // National figures, indicators and fact sheets.
  "factsheets:write",
  "factsheets:publish",
  // Training database (personal data of trained officers).
  "trainings:write",
  "trainings:personal",
  "linkage:review",
  // Treatment facilities.
  "facilities:write",
  /** The translation queue: filling a record's missing language (saved through the record's module). */
  "translations:manage",
  // Scopes: how far the record-level rules reach (`canActOnPartner`, `canActOnCountry`, `canSee`).
  /** Every partner's records (others act on their own partner's), every file and job, every sharing level. */
  "partners:all",
  /** Every country's data (liaison officers act on their scopes, focal points on their own country). */
  "countries:all",
] as const;
export type CorePermission = (typeof PERMISSIONS)[number];
/**
 * A permission a module's manifest introduces (`modulePermission`), granted to the roles its manifest names. The
 * brand keeps a misspelt core permission a type error: only `modulePermission` makes one.
 */
export type ModulePermission = string & { readonly __modulePermission: true };
export type Permission = CorePermission | ModulePermission;

/** Names a module's permission (`"widgets:write"`); its manifest's `permissions` says which roles hold it. */
export function modulePermission(name: `${string}:${string}`): ModulePermission {
  return name as ModulePermission;
}

/**
 * Scopes (SCOPE_PERMISSIONS) follow the role, never a token's grant: a personal API token narrows what its owner
 * may do (`member:read` only, say), not which partners and countries are the owner's.
 */

const MEMBER: CorePermission[] = [
  "member:read",
  "account:write",
  "notifications:read",
  "jobs:read",
  "files:read",
  "search:members",
  "seizures:read-records",
];
const EDITOR: CorePermission[] = [...MEMBER, "files:upload"];
/** What every editing role may do in the domains; record-level rules (own partner, own countries) still apply. */
const DOMAIN_EDITOR: CorePermission[] = [
  "projects:write",
  "seizures:write",
  "facilities:write",
  "recommendations:report",
];
/** Liaison officers and coordinators validate data of their countries, build fact sheets and run trainings. */
const COUNTRY_DATA: CorePermission[] = [
  "seizures:validate",
  "factsheets:write",
  "factsheets:publish",
  "trainings:write",
  "trainings:personal",
  "linkage:review",
];
const COORDINATION: CorePermission[] = [
  "users:manage",
  "audit:read",
  "reference:manage",
  "registrations:review",
  "meetings:manage",
  "news:manage",
  "translations:manage",
  ...SCOPE_PERMISSIONS,
];

export const ROLE_PERMISSIONS: Record<Role, readonly CorePermission[]> = {
  member: MEMBER,
  focal_point: [...EDITOR, ...DOMAIN_EDITOR, "registrations:review"],
  liaison_officer: [...EDITOR, ...DOMAIN_EDITOR, ...COUNTRY_DATA],
  coordinator: [...EDITOR, ...DOMAIN_EDITOR, ...COUNTRY_DATA, ...COORDINATION],
  administrator: [...EDITOR, ...DOMAIN_EDITOR, ...COUNTRY_DATA, ...COORDINATION, "system:manage"],
};

/** Who is asking: a visitor (no user) or a signed-in user with the permissions of their role. */
export interface Principal {
  user: {
    id: string;
    email: string;
    displayName: string;
    role: Role;
    partnerCode: string | null;
  } | null;
  permissions: ReadonlySet<Permission>;
  /** Session id (hash) when signed in through a session. */
  sessionId: string | null;
}

export const VISITOR: Principal = { user: null, permissions: new Set(), sessionId: null };

/**
 * The grants of the modules' permissions, filled from the manifests when a context is built. It holds only what
 * code declares (like PERMISSIONS itself), so one process-wide map is safe: a name granted twice must agree.
 */
const moduleGrants = new Map<ModulePermission, readonly Role[]>();

export function grantModulePermissions(
  grants: readonly { permission: ModulePermission; roles: readonly Role[] }[],
): void {
  for (const { permission, roles } of grants) {
    if ((PERMISSIONS as readonly string[]).includes(permission))
      throw new Error(`"${permission}" is a core permission; a module cannot grant it again`);
    const before = moduleGrants.get(permission);
    if (before && (before.length !== roles.length || before.some((r) => !roles.includes(r))))
      throw new Error(`"${permission}" is granted to different roles by two modules`);
    moduleGrants.set(permission, [...roles]);
  }
}

/** What a role holds: the core grants and those of the modules' permissions. */
export function rolePermissions(role: Role): readonly Permission[] {
  const granted: Permission[] = [...ROLE_PERMISSIONS[role]];
  for (const [permission, roles] of moduleGrants) if (roles.includes(role)) granted.push(permission);
  return granted;
}

/** The roles that hold a permission, for a query over users (who may open every item, say). */
export function rolesHolding(permission: Permission): Role[] {
  return ROLES.filter((role) => rolePermissions(role).includes(permission));
}

export function principalFor(user: NonNullable<Principal["user"]>, sessionId: string | null): Principal {
  return { user, permissions: new Set(rolePermissions(user.role)), sessionId };
}

export function can(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has(permission);
}

/** Record-level rule: whoever holds `partners:all` acts on every partner; others on their own. */
export function canActOnPartner(principal: Principal, partnerCode: string): boolean {
  const user = principal.user;
  if (!user) return false;
  if (can(principal, "partners:all")) return true;
  return user.partnerCode === partnerCode;
}

/**
 * Record-level rule for country data (seizures, fact sheets, trainings): whoever holds `countries:all`
 * act on every country; liaison officers on the countries of their scopes (`UsersService.countryScopesOf`);
 * focal points on their own partner when that partner is a country (organization codes are not ISO3).
 */
export function canActOnCountry(principal: Principal, iso3: string, scopes: readonly string[]): boolean {
  const user = principal.user;
  if (!user) return false;
  if (can(principal, "countries:all")) return true;
  const code = iso3.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return false;
  if (user.role === "liaison_officer") return scopes.some((s) => s.toUpperCase() === code);
  if (user.role === "focal_point") return user.partnerCode?.toUpperCase() === code;
  return false;
}

/**
 * The countries a user's country data reaches besides every country (`countries:all`): a liaison officer's scopes
 * (looked up with `scopesOfUser`), a focal point's own partner when it is a country (organization codes are not
 * ISO3), nobody else's. The one place a role stands for a set of countries (the scopes are per user, not per role).
 */
export async function countryScopesOf(
  principal: Principal,
  scopesOfUser: (userId: string) => Promise<string[]>,
): Promise<string[]> {
  const user = principal.user;
  if (!user) return [];
  if (user.role === "liaison_officer") return scopesOfUser(user.id);
  if (user.role === "focal_point" && user.partnerCode && /^[A-Z]{3}$/.test(user.partnerCode)) return [user.partnerCode];
  return [];
}

/** Sharing levels of records, enforced through `canSee`. */
export type SharingLevel = "public" | "members" | "partner" | "restricted";

export function canSee(
  principal: Principal,
  level: SharingLevel,
  options: { partnerCode?: string | null; ownerId?: string | null; roles?: readonly Role[] } = {},
): boolean {
  if (level === "public") return true;
  const user = principal.user;
  if (!user) return false;
  if (can(principal, "partners:all")) return true;
  if (level === "members") return true;
  if (options.ownerId && options.ownerId === user.id) return true;
  if (level === "partner") return !!options.partnerCode && options.partnerCode === user.partnerCode;
  return !!options.roles?.includes(user.role);
}
