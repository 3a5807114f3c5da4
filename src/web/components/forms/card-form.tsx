import { Button, Card, Group, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { ErrorAlert } from "../error-alert.js";

interface CardFormProps {
  /** What submitting does (the browser's own submit, a page load, is prevented). */
  onSubmit: () => void;
  /** The heading at the top of the card: a page section's (`h2`, drawn as `h4`). */
  title?: ReactNode;
  /** The fields and the form's buttons. */
  children: ReactNode;
}

/** A form drawn as a bordered card: its fields stacked under an optional heading. */
export function CardForm({ onSubmit, title, children }: CardFormProps) {
  return (
    <Card
      withBorder
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="sm">
        {title !== undefined && (
          <Title order={2} size="h4">
            {title}
          </Title>
        )}
        {children}
      </Stack>
    </Card>
  );
}

interface FormActionsProps {
  /** The submit button's label, and whether the submit is under way. */
  submit: string;
  pending: boolean;
  /** A cancel button beside it, when there is something to cancel. */
  cancel?: { label: string; onClick: () => void };
}

/** A form's buttons: submit, and cancel when given. */
export function FormActions({ submit, pending, cancel }: FormActionsProps) {
  return (
    <Group>
      <Button type="submit" loading={pending}>
        {submit}
      </Button>
      {cancel && (
        <Button variant="subtle" onClick={cancel.onClick}>
          {cancel.label}
        </Button>
      )}
    </Group>
  );
}

/**
 * A submit's error, unless it is already shown beside the fields it names (`fieldErrors`, from the problem
 * document's field errors).
 */
export function SubmitError({ error, fieldErrors }: { error: unknown; fieldErrors: Record<string, string> }) {
  if (!error || Object.keys(fieldErrors).length > 0) return null;
  return <ErrorAlert error={error} />;
}
