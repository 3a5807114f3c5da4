import { keepPreviousData, type QueryKey, queryOptions } from "@tanstack/react-query";
import { api, type Query } from "./client.js";

/** A GET of the API as a query under `queryKey` (a record, a list, a setting), cancelled when no longer wanted. */
export const getQuery = <T>(queryKey: QueryKey, path: string, query?: Query) =>
  queryOptions({
    queryKey,
    queryFn: ({ signal }) => api.get<T>(path, query, signal),
  });

/**
 * A GET that a filtered or paged view reads (a list, a dashboard, a map layer): while the next filter's or page's
 * answer loads, the view keeps showing the previous one instead of emptying.
 */
export const keptQuery = <T>(queryKey: QueryKey, path: string, query?: Query) =>
  queryOptions({ ...getQuery<T>(queryKey, path, query), placeholderData: keepPreviousData });

/** The limit and offset of page `page` (from 1) of a list shown `size` items a page. */
export const pageOf = (page: number, size: number) => ({ limit: size, offset: (page - 1) * size });
