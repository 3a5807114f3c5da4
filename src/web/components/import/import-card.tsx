import { Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { SectionCard } from "../section-card.js";

/**
 * One import among others on a page (the projects' exchange and figures pages): a titled section with its intro,
 * then the import flow and what goes with it.
 */
export function ImportCard({
  titleId,
  title,
  intro,
  children,
}: {
  titleId: string;
  title: ReactNode;
  intro: ReactNode;
  children: ReactNode;
}) {
  return (
    <SectionCard titleId={titleId} title={title}>
      <Stack gap="sm">
        <Text size="sm" maw={820}>
          {intro}
        </Text>
        {children}
      </Stack>
    </SectionCard>
  );
}
