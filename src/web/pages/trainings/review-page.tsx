import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { LinkageStatus, ReviewPair } from "../../../common/trainings.js";
import { decidePair, reviewQuery, runLinkage, TRAININGS_PAGE_SIZE } from "../../api/trainings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { ListPagination } from "../../components/lists/list-pagination.js";
import { QueryStates } from "../../components/lists/query-states.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { LinkageJobProgress } from "./linkage-job.js";
import { weightInWords } from "./weight-words.js";

type Side = ReviewPair["a"];

function Record({ side }: { side: Side }) {
  const format = useFormat();
  return (
    <Stack gap={2}>
      <Text fw={600}>{[side.fullName, side.fullNameNative].filter(Boolean).join(" / ")}</Text>
      <Text size="sm" c="dimmed">
        {[side.dateOfBirth, side.sex, side.country && format.country(side.country), side.agency, side.position]
          .filter(Boolean)
          .join(" · ") || "—"}
      </Text>
      <Text size="xs">{side.trainingTitle}</Text>
    </Stack>
  );
}

/** The thresholds behind the queue: learned from the decisions with their 90% intervals, or the defaults and why. */
function Thresholds({ status }: { status: LinkageStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const th = status.thresholds;
  const n = (v: number | null) => format.number(v, 2);
  const learned = th.source === "learned";
  return (
    <Card withBorder component="section" aria-labelledby="linkage-thresholds" data-testid="linkage-thresholds">
      <Group gap="xs" mb="xs">
        <Title order={2} fz="h4" id="linkage-thresholds">
          {t("trainings.review.thresholdsTitle")}
        </Title>
        <Badge variant="light" color={learned ? "teal.9" : "gray.8"}>
          {t(learned ? "trainings.review.learnedBadge" : "trainings.review.defaultBadge")}
        </Badge>
      </Group>
      {learned ? (
        <Stack gap={4}>
          <Text fw={600}>
            {t("trainings.review.upperLearned", {
              value: n(th.upper.value),
              low: n(th.upper.low),
              high: n(th.upper.high),
              count: th.decisions,
            })}
          </Text>
          <Text fw={600}>
            {t("trainings.review.lowerLearned", {
              value: n(th.lower.value),
              low: n(th.lower.low),
              high: n(th.lower.high),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t("trainings.review.learnedHow", {
              same: format.int(th.same),
              different: format.int(th.different),
              precision: format.percent(th.targets.linkPrecision),
              miss: format.percent(th.targets.missRate),
            })}
          </Text>
        </Stack>
      ) : (
        <Stack gap={4}>
          <Text fw={600}>{t("trainings.review.upperDefault", { value: n(th.upper.value) })}</Text>
          <Text fw={600}>{t("trainings.review.lowerDefault", { value: n(th.lower.value) })}</Text>
          <Text size="sm" c="dimmed">
            {t(`trainings.review.defaultWhy.${th.reason ?? "too_few_decisions"}`, {
              count: th.decisions,
              same: format.int(th.same),
              different: format.int(th.different),
            })}
          </Text>
        </Stack>
      )}
      {status.lastRunAt && (
        <Text size="sm" c="dimmed" mt={4}>
          {t("trainings.review.lastRun", { date: format.dateTime(status.lastRunAt) })}
        </Text>
      )}
    </Card>
  );
}

/** Pairs the model was unsure of, with why: each field's agreement level and its weight in bits. */
export function ReviewPage() {
  const { t } = useTranslation();
  usePageTitle(t("trainings.review.title"));
  const [page, setPage] = useState(1);
  const queryClient = useQueryClient();
  const list = useQuery(reviewQuery(page));
  const data = list.data;
  // The run a decision or the button queued; else the one the server says is under way.
  const [jobId, setJobId] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: (d: { a: string; b: string; same: boolean }) => decidePair(d.a, d.b, d.same),
    onSuccess: (r) => {
      setJobId(r.jobId);
      void queryClient.invalidateQueries({ queryKey: ["trainings"] });
    },
  });
  const run = useMutation({ mutationFn: runLinkage, onSuccess: (r) => setJobId(r.jobId) });
  const following = jobId ?? data?.linkage.job?.id ?? null;
  const pct = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });
  const inWords = (weight: number) => {
    const w = weightInWords(weight);
    if (w.direction === "neutral") return t("trainings.review.wordsNeutral");
    const strength = t(`trainings.review.strength.${w.strength}`);
    return t(w.direction === "for" ? "trainings.review.wordsFor" : "trainings.review.wordsAgainst", {
      strength,
      times: w.times,
    });
  };
  return (
    <Stack gap="md">
      <Title order={1}>{t("trainings.review.title")}</Title>
      <Text c="dimmed">{t("trainings.review.intro")}</Text>
      {data && <Thresholds status={data.linkage} />}
      {data?.linkage.canRun && (
        <Group>
          <Button variant="default" loading={run.isPending} onClick={() => run.mutate()}>
            {t("trainings.review.run")}
          </Button>
        </Group>
      )}
      {run.error && <ErrorAlert error={run.error} />}
      {following && <LinkageJobProgress key={following} jobId={following} onDone={() => setJobId(null)} />}
      {decide.error && <ErrorAlert error={decide.error} />}
      <QueryStates
        query={list}
        isEmpty={(data) => data.items.length === 0}
        empty={<Empty description={t("trainings.review.empty")} />}
      >
        {(data) =>
          data.items.map((pair) => (
            <Card key={`${pair.a.id}-${pair.b.id}`} withBorder data-testid="review-pair">
              <Group justify="space-between" mb="xs">
                <Text fw={600}>{t("trainings.review.probability", { value: pct.format(pair.probability) })}</Text>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
                <Record side={pair.a} />
                <Record side={pair.b} />
              </SimpleGrid>
              <Table.ScrollContainer minWidth={320}>
                <Table withTableBorder>
                  <Table.Caption>{t("trainings.review.why")}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("trainings.review.field")}</Table.Th>
                      <Table.Th>{t("trainings.review.level")}</Table.Th>
                      <Table.Th>{t("trainings.review.weight")}</Table.Th>
                      <Table.Th>{t("trainings.review.words")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {pair.fields.map((f) => (
                      <Table.Tr key={f.field}>
                        <Table.Td>{t(`trainings.linkField.${f.field}`)}</Table.Td>
                        <Table.Td>{t(`trainings.linkLevel.${f.level}`)}</Table.Td>
                        <Table.Td c={f.weight > 0 ? "teal.9" : f.weight < 0 ? "red.9" : undefined}>
                          {f.weight > 0 ? "+" : ""}
                          {f.weight.toFixed(1)}
                        </Table.Td>
                        <Table.Td>{inWords(f.weight)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group mt="sm">
                <Button
                  color="teal.9"
                  loading={decide.isPending}
                  onClick={() => decide.mutate({ a: pair.a.id, b: pair.b.id, same: true })}
                >
                  {t("trainings.review.same")}
                </Button>
                <Button
                  variant="default"
                  loading={decide.isPending}
                  onClick={() => decide.mutate({ a: pair.a.id, b: pair.b.id, same: false })}
                >
                  {t("trainings.review.different")}
                </Button>
              </Group>
            </Card>
          ))
        }
      </QueryStates>
      <ListPagination total={data?.total ?? 0} pageSize={TRAININGS_PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}
