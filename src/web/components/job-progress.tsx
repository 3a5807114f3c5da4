import { Alert, Group, Progress, Stack, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Job } from "../../common/platform.js";
import { api, apiUrl } from "../api/client.js";
import { ErrorAlert } from "./error-alert.js";

const FINISHED: ReadonlySet<Job["status"]> = new Set(["succeeded", "failed", "cancelled"]);

export function isJobFinished(job: Job | undefined): boolean {
  return job !== undefined && FINISHED.has(job.status);
}

/** Follows a job: initial state from GET /jobs/:id, then `progress` events from its SSE stream. */
export function useJob(jobId: string): { job: Job | undefined; error: unknown } {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ["job", jobId],
    queryFn: ({ signal }) => api.get<Job>(`/jobs/${encodeURIComponent(jobId)}`, undefined, signal),
  });
  const finished = isJobFinished(query.data);
  const [streamFailed, setStreamFailed] = useState(false);

  useEffect(() => {
    if (finished || typeof EventSource === "undefined") return;
    const source = new EventSource(apiUrl(`/jobs/${encodeURIComponent(jobId)}/events`), { withCredentials: true });
    source.addEventListener("progress", (event) => {
      const job = JSON.parse((event as MessageEvent<string>).data) as Job;
      queryClient.setQueryData(["job", jobId], job);
      // The server ends the stream when the job finishes; close first so the browser does not reconnect.
      if (isJobFinished(job)) source.close();
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) setStreamFailed(true);
      // On a dropped stream, re-read the job once so the bar shows the final state.
      void queryClient.invalidateQueries({ queryKey: ["job", jobId] });
    };
    return () => source.close();
  }, [jobId, finished, queryClient]);

  return { job: query.data, error: query.error ?? (streamFailed && !query.data ? new Error("stream") : null) };
}

export function JobProgress({
  jobId,
  label,
  describe,
}: {
  jobId: string;
  label?: string;
  /** Words for the job's message (a phase code such as "comparing") in the reader's language. */
  describe?: (message: string) => string;
}) {
  const { t } = useTranslation();
  const { job, error } = useJob(jobId);
  if (error) return <ErrorAlert error={error} />;
  const total = job?.total ?? null;
  const done = job?.status === "succeeded";
  const percent = done ? 100 : total && total > 0 ? Math.min(100, Math.round(((job?.progress ?? 0) / total) * 100)) : 0;
  const indeterminate = !done && (!job || total === null || job.status === "queued");
  const status = job ? t(`jobs.status.${job.status}`, { defaultValue: job.status }) : t("common.loading");
  const name = label ?? t("jobs.progress");
  return (
    <Stack gap={6} my="sm">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {name}
        </Text>
        <Text size="sm" c="dimmed" aria-live="polite">
          {status}
          {total ? ` · ${t("jobs.count", { done: job?.progress ?? 0, total })}` : ""}
        </Text>
      </Group>
      {/* The bar's own ARIA (Mantine's puts a value text on its root, which axe refuses): no value while unknown. */}
      <Progress.Root size="lg">
        <Progress.Section
          value={indeterminate ? 100 : percent}
          striped={indeterminate}
          animated={indeterminate || job?.status === "running"}
          color={job?.status === "failed" ? "red.9" : undefined}
          withAria={false}
          role="progressbar"
          aria-label={name}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={indeterminate ? undefined : percent}
          aria-valuetext={indeterminate ? status : `${percent}%`}
        />
      </Progress.Root>
      {job?.message && (
        <Text size="xs" c="dimmed">
          {describe ? describe(job.message) : job.message}
        </Text>
      )}
      {job?.status === "failed" && job.error && (
        <Alert color="red" variant="light" role="alert">
          {job.error}
        </Alert>
      )}
    </Stack>
  );
}
