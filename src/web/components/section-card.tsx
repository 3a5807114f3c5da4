import { Card, type CardProps, Title, type TitleProps } from "@mantine/core";
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

/**
 * A titled section of a page without a card around it: a `<section>` named by its level-2 heading. `heading` sets
 * the heading's look (by default the size of an h3 with a small gap below, as SectionCard draws it).
 */
export function TitledSection({
  titleId,
  title,
  heading = { fz: "h3", mb: "xs" },
  children,
}: {
  titleId: string;
  title: ReactNode;
  heading?: Omit<TitleProps, "order" | "id" | "children">;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={titleId}>
      <Title order={2} id={titleId} {...heading}>
        {title}
      </Title>
      {children}
    </section>
  );
}
