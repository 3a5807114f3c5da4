import { Anchor, Badge, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { passportQuery } from "../../api/trainings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";

/** A person's training passport: every training of the linked records, in order. */
export function PassportPage() {
  const { t } = useTranslation();
  const { id } = useParams({ from: "/trainings/persons/$id" });
  const localized = useLocalizedText();
  const format = useFormat();
  const { data, error, isPending, refetch } = useQuery(passportQuery(id));
  usePageTitle(t("trainings.passport.title"));
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (isPending) return <ListSkeleton />;
  return (
    <Stack gap="md">
      <Anchor size="sm" renderRoot={(p) => <Link to="/trainings" {...p} />}>
        {t("trainings.back")}
      </Anchor>
      <Title order={1}>{t("trainings.passport.title")}</Title>
      <Text fw={600}>{data.names.join(" · ")}</Text>
      <Text size="sm" c="dimmed">
        {[data.dateOfBirth, data.country && format.country(data.country)].filter(Boolean).join(" · ")}
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <Table.Caption>{t("trainings.passport.caption", { count: data.trainings.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("trainings.field.dates")}</Table.Th>
              <Table.Th>{t("trainings.field.training")}</Table.Th>
              <Table.Th>{t("trainings.field.course")}</Table.Th>
              <Table.Th>{t("trainings.field.completed")}</Table.Th>
              <Table.Th>{t("trainings.field.scores")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.trainings.map((r) => (
              <Table.Tr key={r.participantId}>
                <Table.Td>{r.startsOn}</Table.Td>
                <Table.Td>
                  <Anchor
                    size="sm"
                    renderRoot={(p) => <Link to="/trainings/$id" params={{ id: r.trainingId }} {...p} />}
                  >
                    {r.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {localized(r.course.title)} <Badge variant="outline">{t(`trainings.level.${r.course.level}`)}</Badge>
                </Table.Td>
                <Table.Td>{r.completed ? t("trainings.yes") : t("trainings.no")}</Table.Td>
                <Table.Td>{[r.preScore, r.postScore].map((s) => s ?? "—").join(" → ")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
