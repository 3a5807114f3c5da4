import { Card, type CardProps, Title } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * A titled section of a page (a record's history, a dashboard's panel): a bordered card that is a `<section>`
 * named by its level-2 heading (`aria-labelledby` → `titleId`). Other props go to the card (`padding`, `mt`, …).
 */
export function SectionCard({
  titleId,
  title,
  children,
  ...card
}: Omit<CardProps, "title"> & { titleId: string; title: ReactNode; children: ReactNode; "data-testid"?: string }) {
  return (
    <Card withBorder radius="md" component="section" aria-labelledby={titleId} {...card}>
      <Title order={2} fz="h3" id={titleId} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}
