import { Card, Stack } from "@mantine/core";
import type { FormEvent, ReactNode } from "react";

/**
 * A page's one form in a card (sign-in, registration, password pages): the fields stacked, validated by the
 * page itself (`noValidate`: the browser's own bubbles would not be in the user's language).
 */
export function FormPanel({ onSubmit, children }: { onSubmit: (e: FormEvent) => void; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">{children}</Stack>
      </form>
    </Card>
  );
}
