import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type {
  Registration,
  RegistrationInput,
  RegistrationList,
  RegistrationStats,
  RegistrationStatus,
  TermsVersion,
} from "../../common/registrations.js";
import { api } from "./client.js";
import { getQuery, pageOf } from "./get-query.js";

export const termsQuery = queryOptions({
  queryKey: ["terms", "current"],
  queryFn: async ({ signal }) => (await api.get<{ items: TermsVersion[] }>("/terms/current", undefined, signal)).items,
  staleTime: 10 * 60_000,
});

export const REGISTRATIONS_PAGE_SIZE = 20;

export interface RegistrationFilter {
  status?: RegistrationStatus;
  partner?: string;
  page: number;
}

export const registrationsQuery = ({ status, partner, page }: RegistrationFilter) =>
  queryOptions({
    queryKey: ["registrations", "list", status ?? "", partner ?? "", page],
    queryFn: ({ signal }) =>
      api.get<RegistrationList>(
        "/registrations",
        { status, partner, ...pageOf(page, REGISTRATIONS_PAGE_SIZE) },
        signal,
      ),
    placeholderData: keepPreviousData,
    // The waited time grows by the minute: refresh while the queue is open.
    refetchInterval: 5 * 60_000,
  });

export const registrationStatsQuery = (months: number) =>
  getQuery<RegistrationStats>(["registrations", "stats", months], "/registrations/stats", { months });

export const submitRegistration = (input: RegistrationInput) =>
  api.post<{ status: "received" }>("/registrations", input);

export const confirmRegistration = (token: string) =>
  api.post<{ status: "pending"; targetHours: number }>("/registrations/confirm", { token });

export type ReviewAction =
  | { kind: "vouch"; comment?: string }
  | { kind: "decline"; reason: string }
  | { kind: "approve"; role: "member" | "focal_point" | "liaison_officer" }
  | { kind: "reject"; reason: string };

export function reviewRegistration(registration: Registration, action: ReviewAction): Promise<Registration> {
  const { kind, ...body } = action;
  return api.post<Registration>(`/registrations/${encodeURIComponent(registration.id)}/${kind}`, {
    version: registration.version,
    ...body,
  });
}

export const acceptTerms = (termsVersionIds: string[]) =>
  api.post<{ mustAcceptTerms: boolean }>("/terms/accept", { termsVersionIds });
