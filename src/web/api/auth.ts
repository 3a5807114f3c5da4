import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ChangePassword, Me, SignIn } from "../../common/platform.js";
import { api, setCsrfToken } from "./client.js";

export async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>("/auth/me");
  setCsrfToken(me.csrfToken);
  return me;
}

export const meQuery = queryOptions({
  queryKey: ["me"],
  queryFn: fetchMe,
  staleTime: 5 * 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}

export function hasPermission(me: Me | undefined, permission: string | undefined): boolean {
  if (!permission) return true;
  return me?.user?.permissions.includes(permission) ?? false;
}

export async function signIn(input: SignIn): Promise<Me> {
  const me = await api.post<Me>("/auth/sign-in", input);
  setCsrfToken(me.csrfToken);
  return me;
}

export const signOut = () => api.post("/auth/sign-out");
export const changePassword = (input: ChangePassword) => api.post("/auth/password", input);
