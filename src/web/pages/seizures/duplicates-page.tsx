import {
  Badge,
  Button,
  Card,
  Group,
  Pagination,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Duplicate, Seizure } from "../../../common/seizures.js";
import { decideDuplicate, duplicatesQuery } from "../../api/seizures.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useCountries, useDrugs, useNumber } from "./seizure-format.js";
import { TermsGate } from "./terms-gate.js";

export function SeizureDuplicatesPage() {
  const { t } = useTranslation();
  usePageTitle(t("seizures.duplicates.title"));
  return (
    <Stack gap="md" maw={1100}>
      <Title order={1}>{t("seizures.duplicates.title")}</Title>
      <Text c="dimmed">{t("seizures.duplicates.intro")}</Text>
      <TermsGate>
        <Queue />
      </TermsGate>
    </Stack>
  );
}

function Queue() {
  const { t } = useTranslation();
  const [status, setStatus] = useState("open");
  const [page, setPage] = useState(1);
  const q = useQuery(duplicatesQuery(status, page));
  return (
    <Stack gap="sm">
      <SegmentedControl
        w="fit-content"
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        aria-label={t("seizures.duplicates.status")}
        data={["open", "merged", "kept_apart"].map((s) => ({
          value: s,
          label: t(`seizures.duplicates.statuses.${s}`),
        }))}
      />
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending ? (
        <ListSkeleton />
      ) : q.data && q.data.items.length === 0 ? (
        <Empty title={t("seizures.duplicates.empty")} />
      ) : (
        q.data?.items.map((d) => <Pair key={d.id} pair={d} />)
      )}
      {q.data && q.data.total > 10 && (
        <Pagination
          total={Math.ceil(q.data.total / 10)}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({ "aria-label": t(`pagination.${control}`) })}
        />
      )}
    </Stack>
  );
}

function Side({ s, title }: { s: Seizure; title: string }) {
  const { t } = useTranslation();
  const countries = useCountries();
  const drugs = useDrugs();
  const num = useNumber();
  return (
    <Card withBorder radius="sm" padding="sm">
      <Text fw={600} size="sm">
        {title}
      </Text>
      <Text size="sm">
        {num.seizureDate(s)} · {countries.name(s.country)} · {s.place ?? "—"}
      </Text>
      <Text size="sm">
        {drugs.drugName(s.drug)}: {num.kg(s.quantity)} {t(`seizures.units.${s.unit}`)} ({num.kg(s.massKg)}{" "}
        {t("seizures.kgShort")})
      </Text>
      <Text size="xs" c="dimmed">
        {t(`seizures.sources.${s.sourceType}`)} · {s.sourceReference ?? "—"} · {t(`seizures.status.${s.status}`)}
      </Text>
    </Card>
  );
}

function Pair({ pair }: { pair: Duplicate }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const decide = useMutation({
    mutationFn: (body: { decision: "merge" | "keep_apart"; keep?: string }) =>
      decideDuplicate(pair.id, { ...body, ...(note ? { note } : {}) }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["seizures"] }),
  });
  return (
    <Card withBorder radius="md" component="article" aria-label={t("seizures.duplicates.pair", { score: pair.score })}>
      <Group justify="space-between" mb="xs">
        <Badge variant="light">{t("seizures.duplicates.score", { score: Math.round(pair.score * 100) })}</Badge>
        {pair.status !== "open" && <Badge color="gray">{t(`seizures.duplicates.statuses.${pair.status}`)}</Badge>}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Side s={pair.a} title={t("seizures.duplicates.recordA")} />
        <Side s={pair.b} title={t("seizures.duplicates.recordB")} />
      </SimpleGrid>
      {pair.status === "open" ? (
        <Stack gap="xs" mt="sm">
          <TextInput
            label={t("seizures.duplicates.note")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group gap="xs">
            <Button
              size="xs"
              onClick={() => decide.mutate({ decision: "merge", keep: pair.a.id })}
              loading={decide.isPending}
            >
              {t("seizures.duplicates.keepA")}
            </Button>
            <Button
              size="xs"
              onClick={() => decide.mutate({ decision: "merge", keep: pair.b.id })}
              loading={decide.isPending}
            >
              {t("seizures.duplicates.keepB")}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => decide.mutate({ decision: "keep_apart" })}
              loading={decide.isPending}
            >
              {t("seizures.duplicates.keepApart")}
            </Button>
          </Group>
          {decide.error && <ErrorAlert error={decide.error} />}
        </Stack>
      ) : (
        pair.note && (
          <Text size="sm" mt="xs">
            {pair.note}
          </Text>
        )
      )}
    </Card>
  );
}
