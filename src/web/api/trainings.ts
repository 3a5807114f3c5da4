import { queryOptions } from "@tanstack/react-query";
import type {
  Course,
  LinkageJob,
  Participant,
  ParticipantImportRequest,
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
import { getQuery, keptQuery, pageOf } from "./get-query.js";

export const TRAININGS_PAGE_SIZE = 20;

export const coursesQuery = queryOptions({
  ...getQuery<{ items: Course[] }>(["trainings", "courses"], "/trainings/courses"),
  staleTime: 10 * 60_000,
});

export const trainingsQuery = (f: { q?: string | undefined; page?: number | undefined }) =>
  keptQuery<TrainingList>(["trainings", "list", f], "/trainings", {
    q: f.q,
    ...pageOf(f.page ?? 1, TRAININGS_PAGE_SIZE),
  });

export const trainingQuery = (id: string) => getQuery<Training>(["trainings", "one", id], `/trainings/${id}`);

export const participantsQuery = (id: string) =>
  getQuery<{ items: Participant[]; total: number }>(["trainings", "participants", id], `/trainings/${id}/participants`);

export const reviewQuery = (page: number) =>
  keptQuery<ReviewQueue>(["trainings", "review", page], "/trainings/linkage/review", pageOf(page, TRAININGS_PAGE_SIZE));

export const alertsQuery = getQuery<{ items: RepeatAlert[] }>(["trainings", "alerts"], "/trainings/alerts");

export const passportQuery = (id: string) =>
  getQuery<Passport>(["trainings", "passport", id], `/trainings/persons/${id}`);

export const reportQuery = (by: Report["by"]) =>
  keptQuery<Report>(["trainings", "report", by], "/trainings/reports", { by });

export const reportExportUrl = (by: Report["by"], format: "csv" | "xlsx") =>
  apiUrl("/trainings/reports/export", { by, format });

export const suggestPersons = (name: string, signal?: AbortSignal) =>
  api.get<{ items: PersonSuggestion[] }>("/trainings/persons/suggest", { name }, signal);

export const createTraining = (input: TrainingInput) => api.post<Training>("/trainings", input);
export const addParticipant = (trainingId: string, input: ParticipantInput) =>
  api.post<{ participant: Participant; linkageJobId: string }>(`/trainings/${trainingId}/participants`, input);
/**
 * Checks (dryRun) or imports an uploaded list as a job (202 with its id; the job's result is a
 * ParticipantImportResult); `duplicates` answers the repeats of the list (merge or keep both) once for all, `sheet`
 * and `mapping` the column step.
 */
export const startParticipantImport = (trainingId: string, fileId: string, request: ParticipantImportRequest) =>
  api.post<{ jobId: string }>(`/trainings/${encodeURIComponent(trainingId)}/participants/imports`, {
    fileId,
    ...request,
  });
export const decidePair = (a: string, b: string, same: boolean) =>
  api.post<LinkageJob>("/trainings/linkage/decisions", { a, b, same });
/** Links every participant again, as a job (202 with its id). */
export const runLinkage = () => api.post<LinkageJob>("/trainings/linkage/run", {});
