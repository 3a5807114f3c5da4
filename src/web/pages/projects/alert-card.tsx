import { Anchor, Badge, Button, Card, Group, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../common/format.js";
import { type Alert, DUPLICATE_LABELS } from "../../../common/projects.js";
import { labelAlert } from "../../api/projects.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { Localized } from "../../components/localized.js";
import { useLanguage } from "../../i18n/index.js";
import { usePartnerNames } from "../partners/use-partner-names.js";
import { useDonorNames } from "./use-donor-names.js";

/** One duplication alert: both projects, the score, the reasons, and the three labels. */
export function AlertCard({ alert, canLabel, highlight }: { alert: Alert; canLabel: boolean; highlight?: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const partners = usePartnerNames();
  const donorName = useDonorNames();
  const client = useQueryClient();
  const label = useMutation({
    mutationFn: (value: string) => labelAlert(alert.id, value, alert.version),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["projects", "alerts"] }),
  });
  return (
    <Card
      component="li"
      withBorder
      padding="sm"
      style={highlight ? { borderColor: "var(--mantine-color-orange-7)", borderWidth: 2 } : undefined}
      data-alert={alert.id}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={700}>{t("projects.dup.score", { score: formatNumber(alert.score, lang, 2) })}</Text>
          {alert.label && (
            <Badge color="teal.9">
              {t("projects.dup.labelledAs", { label: t(`projects.dup.label.${alert.label}`) })}
            </Badge>
          )}
        </Group>
        {alert.projects.map((p) =>
          p.restricted || !p.id ? (
            // A project the reader may not open: its partner only, and whom to ask.
            <Text key={`restricted-${p.partnerCode}`} size="sm" style={{ overflowWrap: "anywhere" }}>
              {t("projects.dup.restricted", { partner: partners.name(p.partnerCode) })}
            </Text>
          ) : (
            <Text key={p.id} size="sm" style={{ overflowWrap: "anywhere" }}>
              <Anchor component={Link} to={`/projects/${p.id}`}>
                <Localized value={p.title} />
              </Anchor>{" "}
              — {p.code} · {partners.name(p.partnerCode)}
              {p.donors.length ? ` · ${p.donors.map(donorName).join(", ")}` : ""}
            </Text>
          ),
        )}
        <Text size="sm" lang={lang}>
          {alert.explanation[lang]}
        </Text>
        {canLabel && (
          <Group gap="xs" role="group" aria-label={t("projects.dup.labelAs")}>
            {DUPLICATE_LABELS.map((value) => (
              <Button
                key={value}
                size="xs"
                variant={alert.label === value ? "filled" : "default"}
                aria-pressed={alert.label === value}
                loading={label.isPending && label.variables === value}
                onClick={() => label.mutate(value)}
              >
                {t(`projects.dup.label.${value}`)}
              </Button>
            ))}
          </Group>
        )}
        {label.error && <ErrorAlert error={label.error} />}
      </Stack>
    </Card>
  );
}
