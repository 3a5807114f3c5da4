/** A search snippet cut into plain and matched parts, from the server's offsets (start inclusive, end exclusive). */
export function snippetParts(
  text: string,
  highlights: readonly { start: number; end: number }[],
): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const { start, end } of highlights) {
    // Offsets out of order, overlapping or outside the text are ignored rather than trusted.
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    parts.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}
