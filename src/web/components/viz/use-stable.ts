import { useRef } from "react";

/**
 * The same reference for as long as the value is equal by content, so props passed inline by a page do not
 * redraw a chart or a map on every render. For small values (options, series, country lists), not for
 * 100 000 points.
 */
export function useStable<T>(value: T): T {
  const ref = useRef<{ key: string; value: T } | null>(null);
  const key = JSON.stringify(value) ?? "";
  if (!ref.current || ref.current.key !== key) ref.current = { key, value };
  return ref.current.value;
}
