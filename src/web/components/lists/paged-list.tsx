import type { ReactNode } from "react";
import { ListPagination } from "./list-pagination.js";
import { QueryStates } from "./query-states.js";

/** One page of a list as the server answers it: the page's items and how many there are in all. */
interface Page {
  items: readonly unknown[];
  total: number;
}

interface Props<T extends Page> {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  skeleton?: { rows?: number; height?: number };
  /** What stands for a page with no items (usually an `Empty` state). */
  empty: ReactNode;
  /** Whether an answer counts as empty: by default, a page with no items. */
  isEmpty?: (data: T) => boolean;
  /** The line above the items that says how many there are (a live region). */
  count: (data: T) => ReactNode;
  /** The list's pages: its size, the page shown, what choosing another does, and the buttons' names. */
  pages: { size: number; page: number; onChange: (page: number) => void; labels?: string; numbered?: boolean };
  /** The items. */
  children: (data: T) => ReactNode;
}

/** A list read a page at a time: its loading, error and empty states, then the count, the items and the pages. */
export function PagedList<T extends Page>({ query, skeleton, empty, isEmpty, count, pages, children }: Props<T>) {
  return (
    <QueryStates
      query={query}
      skeleton={skeleton}
      isEmpty={isEmpty ?? ((data) => data.items.length === 0)}
      empty={empty}
    >
      {(data) => (
        <>
          {count(data)}
          {children(data)}
          <ListPagination
            total={data.total}
            pageSize={pages.size}
            page={pages.page}
            onChange={pages.onChange}
            labels={pages.labels}
            numbered={pages.numbered}
          />
        </>
      )}
    </QueryStates>
  );
}
