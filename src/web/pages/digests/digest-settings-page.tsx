import { Alert, Button, Checkbox, Chip, Group, MultiSelect, Radio, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  DIGEST_FREQUENCIES,
  DIGEST_MODULES,
  type DigestFrequency,
  type DigestModule,
  type DigestSettingsInput,
} from "../../../common/digests.js";
import { digestSettingsQuery, saveDigestSettings } from "../../api/digests.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { useCountryOptions } from "../admin/admin-format.js";

const PILLARS = [1, 2, 3, 4] as const;
const ROMAN = ["", "I", "II", "III", "IV"];

/** The user's digest: how often, and on which pillars, countries and modules. */
export function DigestSettingsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t("digests.settings.title"));
  const queryClient = useQueryClient();
  const { data, error, isPending, refetch } = useQuery(digestSettingsQuery);
  const [draft, setDraft] = useState<DigestSettingsInput | null>(null);
  const countries = useCountryOptions(draft?.countries ?? []);
  useEffect(() => {
    if (data)
      setDraft({ frequency: data.frequency, pillars: data.pillars, countries: data.countries, modules: data.modules });
  }, [data]);
  const save = useMutation({
    mutationFn: saveDigestSettings,
    onSuccess: (saved) => queryClient.setQueryData(digestSettingsQuery.queryKey, saved),
  });
  const change = (patch: Partial<DigestSettingsInput>) => {
    save.reset();
    setDraft((d) => (d ? { ...d, ...patch } : d));
  };

  return (
    <Stack maw={760} mx="auto" gap="lg" py="md">
      <Stack gap={4}>
        <Title order={1}>{t("digests.settings.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("digests.settings.intro")}
        </Text>
      </Stack>
      {isPending || !draft ? (
        error ? (
          <ErrorAlert error={error} onRetry={() => void refetch()} />
        ) : (
          <ListSkeleton rows={4} />
        )
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(draft);
          }}
        >
          <Stack gap="lg">
            <Radio.Group
              label={t("digests.settings.frequency")}
              value={draft.frequency}
              onChange={(v) => change({ frequency: v as DigestFrequency })}
            >
              <Group mt="xs">
                {DIGEST_FREQUENCIES.map((f) => (
                  <Radio key={f} value={f} label={t(`digests.frequency.${f}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Checkbox.Group
              label={t("digests.settings.modules")}
              value={draft.modules}
              onChange={(v) => change({ modules: v as DigestModule[] })}
              error={
                draft.frequency !== "never" && draft.modules.length === 0 ? t("digests.settings.chooseOne") : undefined
              }
            >
              <Stack gap={6} mt="xs">
                {DIGEST_MODULES.map((m) => (
                  <Checkbox key={m} value={m} label={t(`digests.modules.${m}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Stack gap={4}>
              <Text fw={500} size="sm" id="digest-pillars">
                {t("digests.settings.pillars")}
              </Text>
              <Text size="xs" c="dimmed">
                {t("digests.settings.allIfNone")}
              </Text>
              <Chip.Group
                multiple
                value={draft.pillars.map(String)}
                onChange={(v) => change({ pillars: v.map(Number) })}
              >
                <Group gap="xs" role="group" aria-labelledby="digest-pillars">
                  {PILLARS.map((p) => (
                    <Chip key={p} value={String(p)}>
                      {t("digests.settings.pillar", { number: ROMAN[p] })}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Stack>
            <MultiSelect
              label={t("digests.settings.countries")}
              description={t("digests.settings.allIfNone")}
              data={countries.options}
              value={draft.countries}
              onChange={(v) => change({ countries: v })}
              searchable
              clearable
              clearButtonProps={{ "aria-label": t("digests.settings.clearCountries") }}
              nothingFoundMessage={t("digests.settings.noCountry")}
            />
            <Text size="sm">
              {t("digests.settings.language", { language: t(`digests.languages.${data?.language ?? "en"}`) })}{" "}
              {data?.lastSentAt ? t("digests.settings.lastSent", { date: format.dateTime(data.lastSentAt) }) : null}
            </Text>
            {save.error && <ErrorAlert error={save.error} />}
            {save.isSuccess && (
              <Alert color="green" variant="light" role="status">
                {t("digests.settings.saved")}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t("digests.settings.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
