/** Routes of the facilities pages, added to the tree by router.tsx. Declare each with getParentRoute: () => rootRoute. */
export const facilitiesRoutes = [] as const;
