import { coursesQuery, trainingQuery, trainingsQuery } from "../../api/trainings.js";
import { memberPage, publicPage, searchParam } from "../../root-route.js";

export interface TrainingsSearch {
  q?: string | undefined;
  page?: number | undefined;
}

const listRoute = publicPage("/trainings", () => import("./trainings-page.js"), "TrainingsPage", {
  validateSearch: (s: Record<string, unknown>): TrainingsSearch => ({
    q: searchParam.str(s.q),
    page: searchParam.page(s.page),
  }),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => void context.queryClient.prefetchQuery(trainingsQuery(deps)),
});

const newRoute = memberPage("/trainings/new", () => import("./new-training-page.js"), "NewTrainingPage", {
  loader: ({ context }) => void context.queryClient.prefetchQuery(coursesQuery),
});

const reviewRoute = memberPage("/trainings/review", () => import("./review-page.js"), "ReviewPage");

const reportsRoute = publicPage("/trainings/reports", () => import("./reports-page.js"), "TrainingReportsPage");

const passportRoute = memberPage("/trainings/persons/$id", () => import("./passport-page.js"), "PassportPage");

const trainingRoute = publicPage("/trainings/$id", () => import("./training-page.js"), "TrainingPage", {
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(trainingQuery(params.id)),
});

/** Routes of the trainings pages, added to the tree by router.tsx. */
export const trainingsRoutes = [listRoute, newRoute, reviewRoute, reportsRoute, passportRoute, trainingRoute] as const;
