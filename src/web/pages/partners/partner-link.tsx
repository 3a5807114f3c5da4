import { Anchor, type AnchorProps, Badge, type BadgeProps } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";

// Mantine's `component={Link}` loses the router's typed params; renderRoot keeps them checked.

export function PartnerAnchor({ code, children, ...rest }: AnchorProps & { code: string; children: ReactNode }) {
  return (
    <Anchor {...rest} renderRoot={(props) => <Link to="/partners/$code" params={{ code }} {...props} />}>
      {children}
    </Anchor>
  );
}

export function PartnerBadge({ code, children, ...rest }: BadgeProps & { code: string; children: ReactNode }) {
  return (
    <Badge
      {...rest}
      style={{ cursor: "pointer", textTransform: "none" }}
      renderRoot={(props) => <Link to="/partners/$code" params={{ code }} {...props} />}
    >
      {children}
    </Badge>
  );
}
