import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { coursesQuery, trainingQuery, trainingsQuery } from "../../api/trainings.js";
import { requireRecordId, requireRecordIdAndUser, requireUser, rootRoute, searchParam } from "../../root-route.js";

export interface TrainingsSearch {
  q?: string | undefined;
  page?: number | undefined;
}

const listRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/trainings",
  validateSearch: (s: Record<string, unknown>): TrainingsSearch => ({
    q: searchParam.str(s.q),
    page: searchParam.page(s.page),
  }),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => void context.queryClient.prefetchQuery(trainingsQuery(deps)),
  component: lazyRouteComponent(() => import("./trainings-page.js"), "TrainingsPage"),
});

const newRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/trainings/new",
  beforeLoad: requireUser,
  loader: ({ context }) => void context.queryClient.prefetchQuery(coursesQuery),
  component: lazyRouteComponent(() => import("./new-training-page.js"), "NewTrainingPage"),
});

const reviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/trainings/review",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./review-page.js"), "ReviewPage"),
});

const reportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/trainings/reports",
  component: lazyRouteComponent(() => import("./reports-page.js"), "TrainingReportsPage"),
});

const passportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/trainings/persons/$id",
  beforeLoad: requireRecordIdAndUser,
  component: lazyRouteComponent(() => import("./passport-page.js"), "PassportPage"),
});

const trainingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/trainings/$id",
  beforeLoad: requireRecordId,
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(trainingQuery(params.id)),
  component: lazyRouteComponent(() => import("./training-page.js"), "TrainingPage"),
});

/** Routes of the trainings pages, added to the tree by router.tsx. */
export const trainingsRoutes = [listRoute, newRoute, reviewRoute, reportsRoute, passportRoute, trainingRoute] as const;
