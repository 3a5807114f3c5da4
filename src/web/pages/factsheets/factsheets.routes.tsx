/** Routes of the factsheets pages, added to the tree by router.tsx. Declare each with getParentRoute: () => rootRoute. */
export const factsheetsRoutes = [] as const;
