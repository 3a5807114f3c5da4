import { queryOptions } from "@tanstack/react-query";
import type { Role } from "../../common/platform.js";
import type {
  AuditList,
  DirectoryList,
  UserCreate,
  UserCreated,
  UserDetail,
  UserList,
  UserSort,
  UserStatus,
  UserUpdate,
} from "../../common/users.js";
import { api, apiUrl, type Query } from "./client.js";
import { keptQuery, pageOf } from "./get-query.js";

export const USERS_PAGE_SIZE = 25;
export const AUDIT_PAGE_SIZE = 50;

export interface UserFilters {
  q?: string;
  role?: Role;
  partner?: string;
  status?: UserStatus;
  sort?: UserSort;
  order?: "asc" | "desc";
  page?: number;
}

export const usersQuery = (f: UserFilters) =>
  keptQuery<UserList>(["users", "list", f], "/users", {
    q: f.q,
    role: f.role,
    partner: f.partner,
    status: f.status,
    sort: f.sort,
    order: f.order,
    ...pageOf(f.page ?? 1, USERS_PAGE_SIZE),
  });

export const userQuery = (id: string) =>
  queryOptions({
    queryKey: ["users", "detail", id],
    queryFn: ({ signal }) => api.get<UserDetail>(`/users/${encodeURIComponent(id)}`, undefined, signal),
    // An editor must start from the stored version: never show a cached one as current.
    staleTime: 0,
  });

export const createUser = (input: UserCreate) => api.post<UserCreated>("/users", input);
export const updateUser = (id: string, input: UserUpdate) =>
  api.patch<UserDetail>(`/users/${encodeURIComponent(id)}`, input);

export interface AuditFilters {
  action?: string;
  actor?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
  q?: string;
}

const auditParams = (f: AuditFilters): Query => ({
  action: f.action,
  actor: f.actor,
  objectType: f.objectType,
  objectId: f.objectId,
  from: f.from,
  to: f.to,
  q: f.q,
});

export const auditQuery = (f: AuditFilters, page: number) =>
  keptQuery<AuditList>(["audit", f, page], "/audit", { ...auditParams(f), ...pageOf(page, AUDIT_PAGE_SIZE) });

/** A plain link downloads the export: the browser sends the session cookie and saves the attachment. */
export const auditExportUrl = (f: AuditFilters) => apiUrl("/audit/export", { ...auditParams(f), format: "csv" });

export interface DirectoryFilters {
  partner?: string;
  role?: "focal_point" | "liaison_officer";
  q?: string;
}

export const directoryQuery = (f: DirectoryFilters) =>
  keptQuery<DirectoryList>(["directory", f], "/directory", { partner: f.partner, role: f.role, q: f.q });
