import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { LinkageRun } from "../../../common/trainings.js";
import { JobProgress, useJob } from "../../components/job-progress.js";

const PHASES = new Set(["waiting", "blocking", "comparing", "scoring", "clustering", "saving"]);

/**
 * Follows a linkage job (queued by an import, an entry, an edit, a decision or a run): a progress bar until it
 * has succeeded, then the trainings' pages, the review queue and the notifications are read again.
 */
export function LinkageJobProgress({ jobId, onDone }: { jobId: string; onDone?: (run: LinkageRun) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { job } = useJob(jobId);
  const reported = useRef(false);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (reported.current || job?.status !== "succeeded") return;
    reported.current = true;
    void queryClient.invalidateQueries({ queryKey: ["trainings"] });
    void queryClient.invalidateQueries({ queryKey: ["notifications"] });
    if (job.result) done.current?.(job.result as LinkageRun);
  }, [job?.status, job?.result, queryClient]);
  if (job?.status === "succeeded") return null;
  return (
    <div data-testid="linkage-progress">
      <JobProgress
        jobId={jobId}
        label={t("trainings.linkageJob.label")}
        describe={(m) => (PHASES.has(m) ? t(`trainings.linkageJob.phase.${m}`) : m)}
      />
    </div>
  );
}
