import { Button, Group, Text } from "@mantine/core";
import { useId } from "react";

/**
 * The button of an import step (columns, values) that sends its answers with the next check: held while an answer
 * is missing, with the sentence saying which (read with the button by screen readers).
 */
export function ApplyAnswers({
  label,
  missing,
  onApply,
}: {
  label: string;
  missing: string | null;
  onApply: () => void;
}) {
  const id = useId();
  return (
    <Group mt="md">
      <Button onClick={onApply} disabled={missing !== null} aria-describedby={missing === null ? undefined : id}>
        {label}
      </Button>
      {missing !== null && (
        <Text size="sm" c="dimmed" id={id}>
          {missing}
        </Text>
      )}
    </Group>
  );
}
