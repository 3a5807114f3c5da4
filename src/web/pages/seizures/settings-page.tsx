import { Alert, Select, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SeizureCountrySettings } from "../../../common/seizures.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { columnarCopyQuery, seizureCountrySettingsQuery, updateSeizureCountrySettings } from "../../api/seizures.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { JobProgress } from "../../components/job-progress.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { ListSkeleton } from "../../components/states.js";
import { useCountryOptions, useDateTime } from "../admin/admin-format.js";

/**
 * The DMP's settings per country, for coordinators: four-eyes validation (whoever entered, edited or imported a
 * record may not validate it) is on everywhere until turned off for a country; every change is audited.
 */
export function SeizureSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t("seizures.settings.title"));
  const me = useMe();
  const canChange = hasPermission(me.data, "reference:manage");
  return (
    <Stack gap="md" maw={900}>
      <Title order={1}>{t("seizures.settings.title")}</Title>
      <Text c="dimmed">{t("seizures.settings.intro")}</Text>
      <FourEyes canChange={canChange} />
      {canChange && <ColumnarCopy />}
    </Stack>
  );
}

function FourEyes({ canChange }: { canChange: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const q = useQuery(seizureCountrySettingsQuery);
  const [added, setAdded] = useState<string | null>(null);
  const stored = q.data?.items ?? [];
  const countries = useCountryOptions(stored.map((s) => s.country));
  const when = useDateTime();
  const save = useMutation({
    mutationFn: (s: SeizureCountrySettings) =>
      updateSeizureCountrySettings(s.country, { fourEyes: !s.fourEyes, version: s.version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["seizures"] }),
  });
  // A country chosen below shows with the defaults until its first change is stored.
  const rows: SeizureCountrySettings[] =
    added && !stored.some((s) => s.country === added)
      ? [...stored, { country: added, fourEyes: true, version: 0, updatedAt: null, updatedBy: null }]
      : stored;
  if (q.isPending) return <ListSkeleton rows={3} />;
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t("seizures.settings.fourEyes")}
      </Title>
      <Text size="sm">{t("seizures.settings.fourEyesHint")}</Text>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {save.error && <ErrorAlert error={save.error} />}
      {rows.length === 0 ? (
        <Alert variant="light" color="blue">
          {t("seizures.settings.allOn")}
        </Alert>
      ) : (
        <RecordTable
          minWidth={520}
          caption={t("seizures.settings.caption")}
          columns={[t("seizures.fields.country"), t("seizures.settings.fourEyes"), t("seizures.settings.changed")]}
          rows={rows}
        >
          {(s) => (
            <Table.Tr key={s.country}>
              <Table.Td>{countries.countryName(s.country)}</Table.Td>
              <Table.Td>
                <Switch
                  checked={s.fourEyes}
                  disabled={!canChange || save.isPending}
                  onChange={() => save.mutate(s)}
                  label={t(s.fourEyes ? "seizures.settings.on" : "seizures.settings.off")}
                  aria-label={t("seizures.settings.switchFor", { country: countries.countryName(s.country) })}
                />
              </Table.Td>
              <Table.Td>{s.updatedAt ? `${when(s.updatedAt)}, ${s.updatedBy ?? "—"}` : "—"}</Table.Td>
            </Table.Tr>
          )}
        </RecordTable>
      )}
      {canChange && (
        <Select
          label={t("seizures.settings.addCountry")}
          data={countries.options.filter((o) => !rows.some((r) => r.country === o.value))}
          value={null}
          onChange={setAdded}
          searchable
          maw={420}
        />
      )}
    </Stack>
  );
}

/**
 * The columnar copy the analyses over every field read (issue 20), for coordinators: whether it holds the current
 * published records, and the newest build job's progress (followed live while it runs).
 */
function ColumnarCopy() {
  const { t } = useTranslation();
  const q = useQuery({ ...columnarCopyQuery, refetchInterval: 10_000 });
  const d = q.data;
  const phases = ["exporting", "building", "writing", "waiting"];
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t("seizures.settings.copyTitle")}
      </Title>
      <Text size="sm">{t("seizures.settings.copyHint")}</Text>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending ? (
        <ListSkeleton rows={1} />
      ) : d ? (
        <>
          <Text size="sm" data-testid="columnar-copy-state">
            {!d.instance
              ? t("seizures.settings.copyOff")
              : d.instance.state === "ready" && d.instance.version === d.currentVersion
                ? t("seizures.settings.copyReady", { rows: d.instance.rows })
                : t("seizures.settings.copyBehind")}
          </Text>
          {d.jobId ? (
            <JobProgress
              key={d.jobId}
              jobId={d.jobId}
              label={t("seizures.settings.copyJob")}
              describe={(m) => (phases.includes(m) ? t(`seizures.settings.copyPhase.${m}`) : m)}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t("seizures.settings.copyNoJob")}
            </Text>
          )}
        </>
      ) : null}
    </Stack>
  );
}
