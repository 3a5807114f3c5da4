/** Routes of the seizures pages, added to the tree by router.tsx. Declare each with getParentRoute: () => rootRoute. */
export const seizuresRoutes = [] as const;
