import { Button, type ButtonProps, Group, type GroupProps } from "@mantine/core";

/**
 * The buttons at the foot of a dialog or an inline form: a plain "cancel" and, right of it, the action, both
 * aligned to the right. Without `onConfirm` the action submits the form it stands in; with it, it is an ordinary
 * button (a confirmation: archive, delete). `color` marks a destructive action; other props go to the group.
 */
export function DialogButtons({
  cancel,
  onCancel,
  confirm,
  onConfirm,
  pending,
  color,
  ...group
}: Omit<GroupProps, "children"> & {
  cancel: string;
  onCancel: () => void;
  confirm: string;
  onConfirm?: () => void;
  pending?: boolean;
  color?: ButtonProps["color"];
}) {
  return (
    <Group justify="flex-end" {...group}>
      <Button variant="default" onClick={onCancel}>
        {cancel}
      </Button>
      <Button
        {...(color === undefined ? {} : { color })}
        loading={pending}
        {...(onConfirm ? { onClick: onConfirm } : { type: "submit" as const })}
      >
        {confirm}
      </Button>
    </Group>
  );
}
