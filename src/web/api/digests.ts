import { queryOptions } from "@tanstack/react-query";
import type {
  DigestDelivery,
  DigestRun,
  DigestSettings,
  DigestSettingsInput,
  SentFrequency,
} from "../../common/digests.js";
import { api } from "./client.js";

export const digestSettingsQuery = queryOptions({
  queryKey: ["digests", "settings"],
  queryFn: ({ signal }) => api.get<DigestSettings>("/digests/settings", undefined, signal),
});

export const saveDigestSettings = (input: DigestSettingsInput) => api.put<DigestSettings>("/digests/settings", input);

export const unsubscribeDigest = (token: string) =>
  api.post<{ unsubscribed: true; email: string }>("/digests/unsubscribe", { token });

export const DIGEST_RUNS_PAGE_SIZE = 20;

export const digestRunsQuery = (page: number) =>
  queryOptions({
    queryKey: ["digests", "runs", page],
    queryFn: ({ signal }) =>
      api.get<{ items: DigestRun[]; total: number }>(
        "/digests/runs",
        { limit: DIGEST_RUNS_PAGE_SIZE, offset: (page - 1) * DIGEST_RUNS_PAGE_SIZE },
        signal,
      ),
  });

export const digestDeliveriesQuery = (runId: string, page: number) =>
  queryOptions({
    queryKey: ["digests", "runs", runId, "deliveries", page],
    queryFn: ({ signal }) =>
      api.get<{ items: DigestDelivery[]; total: number }>(
        `/digests/runs/${runId}/deliveries`,
        { limit: 50, offset: (page - 1) * 50 },
        signal,
      ),
  });

export const sendDigestNow = (frequency: SentFrequency) => api.post<DigestRun>("/digests/runs", { frequency });
export const resumeDigestRun = (id: string) => api.post<DigestRun>(`/digests/runs/${id}/resume`);
