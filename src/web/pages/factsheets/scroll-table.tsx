import { Box } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways on a phone. The scrolling box is focusable and named, so keyboard users
 * can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollTable({
  label,
  minWidth,
  children,
  mt,
}: {
  label: string;
  minWidth: number;
  children: ReactNode;
  mt?: string;
}) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: "auto" }} mt={mt}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
