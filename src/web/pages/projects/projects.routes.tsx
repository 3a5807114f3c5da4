/** Routes of the projects pages, added to the tree by router.tsx. Declare each with getParentRoute: () => rootRoute. */
export const projectsRoutes = [] as const;
