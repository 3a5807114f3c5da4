/** Routes of the trainings pages, added to the tree by router.tsx. Declare each with getParentRoute: () => rootRoute. */
export const trainingsRoutes = [] as const;
