import { Code, List, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** "user.suspend" → "User suspended"; an action we have no label for is shown as it is logged. */
export const actionLabel = (t: TFunction, action: string) =>
  t(`admin.actions.${action.replaceAll(".", "_")}`, { defaultValue: action });

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map(show).join(", ") : "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** An entry's details: field changes as "field: before → after", anything else as compact JSON. */
export function ChangeList({ details }: { details: Record<string, unknown> }) {
  const { t } = useTranslation();
  const { changes, ...rest } = details as { changes?: Record<string, { from: unknown; to: unknown }> };
  const hasChanges = changes && typeof changes === "object" && Object.keys(changes).length > 0;
  const hasRest = Object.keys(rest).length > 0;
  if (!hasChanges && !hasRest) return <Text c="dimmed">—</Text>;
  return (
    <>
      {hasChanges && (
        <List size="sm" spacing={2}>
          {Object.entries(changes).map(([field, c]) => (
            <List.Item key={field}>
              {t(`admin.audit.fields.${field}`, { defaultValue: field })}: {show(c?.from)} → {show(c?.to)}
            </List.Item>
          ))}
        </List>
      )}
      {hasRest && (
        <Code block fz="xs" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", maxWidth: 420 }}>
          {JSON.stringify(rest)}
        </Code>
      )}
    </>
  );
}
