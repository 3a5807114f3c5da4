/**
 * The href for a link whose target came from stored data: same-origin paths and http(s) URLs only.
 * Anything else (`javascript:`, `data:`, `vbscript:`, protocol-relative `//host`) gives no href, so the
 * text stays visible but is never a live link. The API refuses such URLs on input; this also covers
 * records stored before it did.
 */
export function safeHref(url: string | null | undefined): string | undefined {
  const value = url?.trim();
  if (!value) return undefined;
  if (value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")) return value;
  try {
    const parsed = new URL(value);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
