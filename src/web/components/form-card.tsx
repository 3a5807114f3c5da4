import { Button, Card, Group, Stack, Title, type TitleOrder } from "@mantine/core";
import type { UseMutationResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ErrorAlert } from "./error-alert.js";

interface Props {
  title: string;
  /** The heading's level where the card stands (a page's section: 2; a tab's form: 3). */
  order: TitleOrder;
  saveLabel: string;
  /** Submitting the form runs this mutation; its pending state and error show on the card. */
  save: UseMutationResult<unknown, Error, void>;
  /** The save button is disabled while the form is not complete. */
  disabled?: boolean;
  /** Shown beside the save button (e.g. a "saved" status). */
  status?: ReactNode;
  /** The fields. */
  children: ReactNode;
}

/** A card holding one entry form: a heading, the fields, a save button and the save's error. */
export function FormCard({ title, order, saveLabel, save, disabled, status, children }: Props) {
  return (
    <Card withBorder padding="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={order} size={order === 2 ? "h4" : "h5"}>
            {title}
          </Title>
          {children}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={disabled}>
              {saveLabel}
            </Button>
            {status}
          </Group>
          {save.error && <ErrorAlert error={save.error} />}
        </Stack>
      </form>
    </Card>
  );
}
