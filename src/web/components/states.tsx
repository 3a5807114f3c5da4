import { EmptyState, Skeleton, Stack, VisuallyHidden } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { IconInbox } from "./icons.js";

/** Placeholder rows while a list loads; announced once to screen readers. */
export function ListSkeleton({ rows = 5, height = 44 }: { rows?: number; height?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" aria-busy="true" my="md">
      <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <Skeleton key={i} height={height} radius="sm" />
      ))}
    </Stack>
  );
}

export function Empty({
  title,
  description,
  children,
}: {
  title?: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <EmptyState
      my="lg"
      size="sm"
      icon={<IconInbox aria-hidden="true" />}
      title={title ?? t("common.empty")}
      description={description}
    >
      {children}
    </EmptyState>
  );
}
