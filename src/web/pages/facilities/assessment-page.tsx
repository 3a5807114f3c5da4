import {
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Answer } from "../../../common/facilities.js";
import { assessFacility, facilityQuery } from "../../api/facilities.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { Localized, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { facilityFieldErrors } from "./facility-fields.js";
import { formatScore, useFacilityLabels } from "./facility-format.js";

const today = () => new Date().toISOString().slice(0, 10);

/** A self-assessment of one modality against the standards' checklist; the score is met / applicable. */
export function AssessmentPage() {
  const { t } = useTranslation();
  usePageTitle(t("facilities.assessments.new"));
  const lang = useLanguage();
  const text = useLocalizedText();
  const narrow = useMediaQuery("(max-width: 36em)") ?? false;
  const { id } = useParams({ from: "/facilities/$id/assess" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const facility = useQuery(facilityQuery(id));
  const { reference, options } = useFacilityLabels();
  const [modality, setModality] = useState<string | null>(null);
  const [assessedOn, setAssessedOn] = useState(today());
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [notes, setNotes] = useState("");
  const [missing, setMissing] = useState(false);
  const chosen = modality ?? facility.data?.modalities[0] ?? null;
  const checklist = useMemo(() => reference?.checklists.find((c) => c.modality === chosen), [reference, chosen]);
  const mutation = useMutation({
    mutationFn: () =>
      assessFacility(id, { modality: chosen as string, assessedOn, answers, notes: notes.trim() || null }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["facilities", "one", id] });
      void navigate({ to: "/facilities/$id", params: { id } });
    },
  });
  const server = facilityFieldErrors(t, mutation.error);
  const values = Object.values(answers);
  const applicable = values.filter((a) => a !== "not_applicable").length;
  const met = values.filter((a) => a === "met").length;
  const answeredAll = !!checklist && checklist.items.every((i) => answers[i.code]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!answeredAll);
    if (answeredAll && chosen) mutation.mutate();
  };
  if (facility.isPending) return <ListSkeleton rows={6} />;
  if (facility.error) return <ErrorAlert error={facility.error} onRetry={() => void facility.refetch()} />;
  // Modalities the facility offers come first in the list.
  const modalityOptions = [...options("modalities")].sort(
    (a, b) => Number(!facility.data.modalities.includes(a.value)) - Number(!facility.data.modalities.includes(b.value)),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={900}>
        <Anchor renderRoot={(props) => <Link to="/facilities/$id" params={{ id }} {...props} />} size="sm">
          {t("facilities.backToFacility")}
        </Anchor>
        <Title order={1}>{t("facilities.assessments.new")}</Title>
        <Text>
          <Localized value={facility.data.name} />
        </Text>
        <Text size="sm" c="dimmed">
          {t("facilities.assessments.intro")}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t("facilities.fields.modality")}
            data={modalityOptions}
            value={chosen}
            onChange={(v) => {
              setModality(v);
              setAnswers({});
            }}
            allowDeselect={false}
            error={server.modality}
          />
          <TextInput
            type="date"
            label={t("facilities.assessments.date")}
            value={assessedOn}
            max={today()}
            onChange={(e) => setAssessedOn(e.currentTarget.value)}
            error={server.assessedOn}
          />
        </SimpleGrid>
        {checklist && (
          <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: "none" }}>
            {checklist.items.map((item, n) => (
              <Card key={item.code} withBorder padding="sm" component="li">
                <Text size="sm" fw={500} id={`item-${n}`}>
                  {n + 1}. {text(item.label)}
                </Text>
                <Text size="xs" c="dimmed" mb={6}>
                  {item.source}
                </Text>
                <SegmentedControl
                  size="xs"
                  orientation={narrow ? "vertical" : "horizontal"}
                  fullWidth={narrow}
                  aria-labelledby={`item-${n}`}
                  value={answers[item.code] ?? ""}
                  onChange={(v) => setAnswers((a) => ({ ...a, [item.code]: v as Answer }))}
                  data={[
                    { value: "met", label: t("facilities.assessments.met") },
                    { value: "not_met", label: t("facilities.assessments.notMet") },
                    { value: "not_applicable", label: t("facilities.assessments.notApplicable") },
                  ]}
                  color={answers[item.code] ? undefined : "gray"}
                />
                {missing && !answers[item.code] && (
                  <Text size="xs" c="red.9" mt={4}>
                    {t("facilities.assessments.answerRequired")}
                  </Text>
                )}
              </Card>
            ))}
          </Stack>
        )}
        <Textarea
          label={t("facilities.assessments.notes")}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Text aria-live="polite" fw={600}>
          {t("facilities.assessments.liveScore", {
            score: formatScore(applicable ? met / applicable : null, lang),
            met,
            applicable,
          })}
        </Text>
        {mutation.error && <ErrorAlert error={mutation.error} />}
        <Group justify="flex-end">
          <Button variant="default" renderRoot={(props) => <Link to="/facilities/$id" params={{ id }} {...props} />}>
            {t("facilities.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t("facilities.assessments.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
