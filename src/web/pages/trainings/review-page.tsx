import { Button, Card, Group, Pagination, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReviewPair } from "../../../common/trainings.js";
import { decidePair, reviewQuery, TRAININGS_PAGE_SIZE } from "../../api/trainings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { weightInWords } from "./weight-words.js";

type Side = ReviewPair["a"];

function Record({ side }: { side: Side }) {
  return (
    <Stack gap={2}>
      <Text fw={600}>{[side.fullName, side.fullNameNative].filter(Boolean).join(" / ")}</Text>
      <Text size="sm" c="dimmed">
        {[side.dateOfBirth, side.sex, side.country, side.agency, side.position].filter(Boolean).join(" · ") || "—"}
      </Text>
      <Text size="xs">{side.trainingTitle}</Text>
    </Stack>
  );
}

/** Pairs the model was unsure of, with why: each field's agreement level and its weight in bits. */
export function ReviewPage() {
  const { t } = useTranslation();
  usePageTitle(t("trainings.review.title"));
  const [page, setPage] = useState(1);
  const queryClient = useQueryClient();
  const { data, error, isPending, refetch } = useQuery(reviewQuery(page));
  const decide = useMutation({
    mutationFn: (d: { a: string; b: string; same: boolean }) => decidePair(d.a, d.b, d.same),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["trainings"] }),
  });
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
      {decide.error && <ErrorAlert error={decide.error} />}
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <ListSkeleton />
      ) : data.items.length === 0 ? (
        <Empty description={t("trainings.review.empty")} />
      ) : (
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
      )}
      {data && data.total > TRAININGS_PAGE_SIZE && (
        <Pagination
          total={Math.ceil(data.total / TRAININGS_PAGE_SIZE)}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({ "aria-label": t(`pagination.${control}`) })}
        />
      )}
    </Stack>
  );
}
