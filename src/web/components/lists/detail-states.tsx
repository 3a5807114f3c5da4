import { Skeleton, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { ErrorAlert } from "../error-alert.js";
import { ListSkeleton } from "../states.js";

interface Props<T> {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  /** While it loads: the heading's placeholder width, and placeholder rows for the content. */
  loading: { titleWidth: string; rows?: number; height?: number };
  /** The heading shown above the error when the record could not be read. */
  errorTitle: ReactNode;
  /** The record's page below its breadcrumbs: its own heading and content. */
  children: (data: T) => ReactNode;
}

/**
 * A record's page while it is read: a placeholder heading and rows, then either the error (under a heading,
 * with retry) or the record itself. The page's breadcrumbs stand above it in every state.
 */
export function DetailStates<T>({ query, loading, errorTitle, children }: Props<T>) {
  if (query.isPending)
    return (
      <>
        <Title order={1}>
          <Skeleton height={32} width={loading.titleWidth} />
        </Title>
        <ListSkeleton rows={loading.rows} height={loading.height} />
      </>
    );
  if (query.error || query.data === undefined)
    return (
      <>
        <Title order={1}>{errorTitle}</Title>
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  return <>{children(query.data)}</>;
}
