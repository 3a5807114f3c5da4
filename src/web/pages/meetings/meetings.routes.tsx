/** Routes of the meetings pages, added to the tree by router.tsx. Declare each with getParentRoute: () => rootRoute. */
export const meetingsRoutes = [] as const;
