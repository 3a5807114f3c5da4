import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Registration } from "../../../common/registrations.js";
import { ApiError } from "../../api/client.js";
import { type ReviewAction, reviewRegistration } from "../../api/registrations.js";
import { ErrorAlert } from "../../components/error-alert.js";

export type ReviewKind = ReviewAction["kind"];
type Role = "member" | "focal_point" | "liaison_officer";

const REASON_MIN = 5;
const REASON_MAX = 1000;

/** The confirmation dialog of one review step; a refusal or a recommendation to refuse needs a reason. */
export function ReviewDialog({
  registration,
  kind,
  onClose,
}: {
  registration: Registration | null;
  kind: ReviewKind | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [textError, setTextError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: (action: ReviewAction) => reviewRegistration(registration as Registration, action),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["registrations"] });
      onClose();
    },
    onError: (error) => {
      // Someone else acted first: show their change behind the dialog.
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: ["registrations"] });
    },
  });
  const { reset } = mutation;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new dialog starts empty
  useEffect(() => {
    setText("");
    setRole("member");
    setTextError(undefined);
    reset();
  }, [registration?.id, kind, reset]);

  if (!registration || !kind) return null;
  const needsReason = kind === "reject" || kind === "decline";

  const submit = () => {
    const value = text.trim();
    if (needsReason && value.length < REASON_MIN) {
      setTextError(t("fieldErrors.tooShort", { min: REASON_MIN }));
      return;
    }
    const action: ReviewAction =
      kind === "approve"
        ? { kind, role }
        : kind === "vouch"
          ? { kind, ...(value ? { comment: value } : {}) }
          : { kind, reason: value };
    mutation.mutate(action);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t(`registration.queue.dialogs.${kind}Title`, { name: registration.displayName })}
      size="lg"
      closeButtonProps={{ "aria-label": t("registration.queue.dialogs.close") }}
    >
      <Stack gap="sm">
        <Text size="sm">{t(`registration.queue.dialogs.${kind}Text`)}</Text>
        {mutation.error && <ErrorAlert error={mutation.error} />}
        {kind === "approve" ? (
          <NativeSelect
            label={t("registration.queue.dialogs.role")}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
            data={(["member", "focal_point", "liaison_officer"] as const).map((r) => ({
              value: r,
              label: t(`registration.queue.roles.${r}`),
            }))}
          />
        ) : (
          <Textarea
            label={t(needsReason ? "registration.queue.dialogs.reason" : "registration.queue.dialogs.comment")}
            description={needsReason ? t(`registration.queue.dialogs.${kind}ReasonHint`) : undefined}
            required={needsReason}
            autosize
            minRows={3}
            maxLength={REASON_MAX}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setTextError(undefined);
            }}
            error={textError}
            data-autofocus
          />
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t("registration.queue.dialogs.cancel")}
          </Button>
          <Button
            color={kind === "reject" || kind === "decline" ? "red.8" : undefined}
            onClick={submit}
            loading={mutation.isPending}
          >
            {t(`registration.queue.actions.${kind}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
