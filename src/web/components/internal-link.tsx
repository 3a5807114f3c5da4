import { Anchor, type AnchorProps } from "@mantine/core";
import { useRouter } from "@tanstack/react-router";
import type { MouseEvent, ReactNode } from "react";
import { safeHref } from "./safe-href.js";

/**
 * A link to a path known only at run time (search hits, notification links, partner sections).
 * Same-origin paths navigate inside the app; anything else is an ordinary link.
 */
export function InternalLink({
  href,
  children,
  onClick: onClickProp,
  ...rest
}: AnchorProps & { href: string; children: ReactNode; onClick?: () => void }) {
  const router = useRouter();
  const internal = href.startsWith("/") && !href.startsWith("//") && !href.startsWith("/api/");
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    onClickProp?.();
    if (!internal || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    router.history.push(href);
  };
  return (
    <Anchor href={safeHref(href)} onClick={onClick} {...rest}>
      {children}
    </Anchor>
  );
}
