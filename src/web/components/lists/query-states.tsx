import type { ReactNode } from "react";
import { ErrorAlert } from "../error-alert.js";
import { Empty, ListSkeleton } from "../states.js";

/** What a list needs from a query (TanStack Query's result has it). */
interface ListQuery<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

interface Props<T> {
  query: ListQuery<T>;
  /** The placeholder while the first answer is on its way. */
  skeleton?: { rows?: number; height?: number };
  /** Whether an answer has nothing to show; then `empty` stands in the list's place. */
  isEmpty?: (data: T) => boolean;
  /** What stands for an empty answer (usually an `Empty` state with the list's own title). */
  empty?: ReactNode;
  /** The list itself, drawn from the answer. */
  children: (data: T) => ReactNode;
}

/**
 * The four states of a list read from the server, in one order everywhere: placeholder rows while it loads,
 * the error with a retry button, the empty state, then the list.
 */
export function QueryStates<T>({ query, skeleton, isEmpty, empty, children }: Props<T>) {
  if (query.isPending) return <ListSkeleton rows={skeleton?.rows} height={skeleton?.height} />;
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return null;
  if (isEmpty?.(query.data)) return <>{empty ?? <Empty />}</>;
  return <>{children(query.data)}</>;
}
