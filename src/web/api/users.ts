import { keepPreviousData, queryOptions } from "@tanstack/react-query";
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
  queryOptions({
    queryKey: ["users", "list", f],
    queryFn: ({ signal }) =>
      api.get<UserList>(
        "/users",
        {
          q: f.q,
          role: f.role,
          partner: f.partner,
          status: f.status,
          sort: f.sort,
          order: f.order,
          limit: USERS_PAGE_SIZE,
          offset: ((f.page ?? 1) - 1) * USERS_PAGE_SIZE,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
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
  queryOptions({
    queryKey: ["audit", f, page],
    queryFn: ({ signal }) =>
      api.get<AuditList>(
        "/audit",
        { ...auditParams(f), limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

/** A plain link downloads the export: the browser sends the session cookie and saves the attachment. */
export const auditExportUrl = (f: AuditFilters) => apiUrl("/audit/export", { ...auditParams(f), format: "csv" });

export interface DirectoryFilters {
  partner?: string;
  role?: "focal_point" | "liaison_officer";
  q?: string;
}

export const directoryQuery = (f: DirectoryFilters) =>
  queryOptions({
    queryKey: ["directory", f],
    queryFn: ({ signal }) => api.get<DirectoryList>("/directory", { partner: f.partner, role: f.role, q: f.q }, signal),
    placeholderData: keepPreviousData,
  });
