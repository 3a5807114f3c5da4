import { Paper, Skeleton, Text } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * One headline figure in a bordered tile: the figure large (`fz`), its label under it; while the figure is not
 * known yet (`undefined`), a placeholder stands for it.
 */
export function StatTile({ value, label, fz }: { value: ReactNode | undefined; label: string; fz: number }) {
  return (
    <Paper withBorder p="md" radius="md">
      {value === undefined ? (
        <Skeleton height={36} width={60} />
      ) : (
        <Text fz={fz} fw={700} c="unblue.8" lh={1.1}>
          {value}
        </Text>
      )}
      <Text size="sm" mt={4}>
        {label}
      </Text>
    </Paper>
  );
}
