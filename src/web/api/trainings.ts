import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { DuplicateDecision } from "../../common/imports.js";
import type {
  Course,
  LinkageJob,
  Participant,
  ParticipantInput,
  Passport,
  PersonSuggestion,
  RepeatAlert,
  Report,
  ReviewQueue,
  Training,
  TrainingInput,
  TrainingList,
} from "../../common/trainings.js";
import { api, apiUrl } from "./client.js";

export const TRAININGS_PAGE_SIZE = 20;

export const coursesQuery = queryOptions({
  queryKey: ["trainings", "courses"],
  queryFn: ({ signal }) => api.get<{ items: Course[] }>("/trainings/courses", undefined, signal),
  staleTime: 10 * 60_000,
});

export const trainingsQuery = (f: { q?: string | undefined; page?: number | undefined }) =>
  queryOptions({
    queryKey: ["trainings", "list", f],
    queryFn: ({ signal }) =>
      api.get<TrainingList>(
        "/trainings",
        { q: f.q, limit: TRAININGS_PAGE_SIZE, offset: ((f.page ?? 1) - 1) * TRAININGS_PAGE_SIZE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export const trainingQuery = (id: string) =>
  queryOptions({
    queryKey: ["trainings", "one", id],
    queryFn: ({ signal }) => api.get<Training>(`/trainings/${id}`, undefined, signal),
  });

export const participantsQuery = (id: string) =>
  queryOptions({
    queryKey: ["trainings", "participants", id],
    queryFn: ({ signal }) =>
      api.get<{ items: Participant[]; total: number }>(`/trainings/${id}/participants`, undefined, signal),
  });

export const reviewQuery = (page: number) =>
  queryOptions({
    queryKey: ["trainings", "review", page],
    queryFn: ({ signal }) =>
      api.get<ReviewQueue>(
        "/trainings/linkage/review",
        { limit: TRAININGS_PAGE_SIZE, offset: (page - 1) * TRAININGS_PAGE_SIZE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export const alertsQuery = queryOptions({
  queryKey: ["trainings", "alerts"],
  queryFn: ({ signal }) => api.get<{ items: RepeatAlert[] }>("/trainings/alerts", undefined, signal),
});

export const passportQuery = (id: string) =>
  queryOptions({
    queryKey: ["trainings", "passport", id],
    queryFn: ({ signal }) => api.get<Passport>(`/trainings/persons/${id}`, undefined, signal),
  });

export const reportQuery = (by: Report["by"]) =>
  queryOptions({
    queryKey: ["trainings", "report", by],
    queryFn: ({ signal }) => api.get<Report>("/trainings/reports", { by }, signal),
    placeholderData: keepPreviousData,
  });

export const reportExportUrl = (by: Report["by"], format: "csv" | "xlsx") =>
  apiUrl("/trainings/reports/export", { by, format });

export const suggestPersons = (name: string, signal?: AbortSignal) =>
  api.get<{ items: PersonSuggestion[] }>("/trainings/persons/suggest", { name }, signal);

export const createTraining = (input: TrainingInput) => api.post<Training>("/trainings", input);
export const addParticipant = (trainingId: string, input: ParticipantInput) =>
  api.post<{ participant: Participant; linkageJobId: string }>(`/trainings/${trainingId}/participants`, input);
/**
 * Checks (dryRun) or imports an uploaded list as a job (202 with its id; the job's result is a
 * ParticipantImportResult); `duplicates` answers the repeats of the list (merge or keep both) once for all.
 */
export const startParticipantImport = (
  trainingId: string,
  fileId: string,
  dryRun: boolean,
  duplicates?: DuplicateDecision,
) =>
  api.post<{ jobId: string }>(`/trainings/${encodeURIComponent(trainingId)}/participants/imports`, {
    fileId,
    dryRun,
    ...(duplicates ? { duplicates } : {}),
  });
export const decidePair = (a: string, b: string, same: boolean) =>
  api.post<LinkageJob>("/trainings/linkage/decisions", { a, b, same });
/** Links every participant again, as a job (202 with its id). */
export const runLinkage = () => api.post<LinkageJob>("/trainings/linkage/run", {});
