import type {
  DigestDelivery,
  DigestRun,
  DigestSettings,
  DigestSettingsInput,
  SentFrequency,
} from "../../common/digests.js";
import { api } from "./client.js";
import { getQuery, pageOf } from "./get-query.js";

export const digestSettingsQuery = getQuery<DigestSettings>(["digests", "settings"], "/digests/settings");

export const saveDigestSettings = (input: DigestSettingsInput) => api.put<DigestSettings>("/digests/settings", input);

export const unsubscribeDigest = (token: string) =>
  api.post<{ unsubscribed: true; email: string }>("/digests/unsubscribe", { token });

export const DIGEST_RUNS_PAGE_SIZE = 20;

export const digestRunsQuery = (page: number) =>
  getQuery<{ items: DigestRun[]; total: number }>(
    ["digests", "runs", page],
    "/digests/runs",
    pageOf(page, DIGEST_RUNS_PAGE_SIZE),
  );

export const digestDeliveriesQuery = (runId: string, page: number) =>
  getQuery<{ items: DigestDelivery[]; total: number }>(
    ["digests", "runs", runId, "deliveries", page],
    `/digests/runs/${runId}/deliveries`,
    pageOf(page, 50),
  );

export const sendDigestNow = (frequency: SentFrequency) => api.post<DigestRun>("/digests/runs", { frequency });
export const resumeDigestRun = (id: string) => api.post<DigestRun>(`/digests/runs/${id}/resume`);
