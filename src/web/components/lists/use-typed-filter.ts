import { useEffect, useState } from "react";

/**
 * A list's text filter as it is typed: the box keeps what is typed, and the filter is handed on (trimmed; none
 * when blank) once typing pauses, so the list is not asked for at every key. The box follows the applied filter
 * when it changes elsewhere (back button, a link).
 */
export function useTypedFilter(
  applied: string | undefined,
  apply: (value: string | undefined) => void,
  pauseMs = 350,
): [string, (value: string) => void] {
  const [text, setText] = useState(applied ?? "");
  useEffect(() => setText(applied ?? ""), [applied]);
  useEffect(() => {
    const id = setTimeout(() => {
      if ((applied ?? "") !== text.trim()) apply(text.trim() || undefined);
    }, pauseMs);
    return () => clearTimeout(id);
  }, [text, applied, apply, pauseMs]);
  return [text, setText];
}
