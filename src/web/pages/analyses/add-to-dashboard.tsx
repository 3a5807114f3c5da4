import { Alert, Anchor, Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Analysis, Dashboard } from "../../../common/analyses.js";
import { createDashboard, dashboardQuery, dashboardsQuery, updateDashboard } from "../../api/analyses.js";
import { DialogButtons } from "../../components/dialog-buttons.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconLayoutDashboard } from "../../components/icons.js";

const NEW = "__new__";

/** Adds an analysis as the last tile of one of the reader's dashboards, or of a new private one. */
export function AddToDashboardButton({ analysis }: { analysis: Analysis }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [target, setTarget] = useState<string>(NEW);
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | undefined>();
  const mine = useQuery({ ...dashboardsQuery("mine", 1), enabled: opened });
  const mutation = useMutation({
    mutationFn: async (): Promise<Dashboard> => {
      if (target === NEW) {
        return createDashboard({
          name: name.trim(),
          visibility: "private",
          tiles: [{ analysisId: analysis.id, width: 1, height: 1 }],
        });
      }
      // The dashboard as it is now (its tiles by id), plus the new one at the end.
      const current = await queryClient.fetchQuery({ ...dashboardQuery(target), staleTime: 0 });
      return updateDashboard(target, {
        version: current.version,
        tiles: [
          ...current.tiles.map((x) => ({ id: x.id, width: x.width, height: x.height })),
          { analysisId: analysis.id, width: 1, height: 1 },
        ],
      });
    },
    onSuccess: (d) => {
      queryClient.setQueryData(dashboardQuery(d.id).queryKey, d);
      void queryClient.invalidateQueries({ queryKey: ["dashboards", "list"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (target === NEW && !name.trim()) {
      setNameError(t("fieldErrors.required"));
      return;
    }
    setNameError(undefined);
    mutation.mutate();
  };
  return (
    <>
      <Button
        variant="light"
        leftSection={<IconLayoutDashboard size={16} aria-hidden="true" />}
        onClick={() => {
          mutation.reset();
          setOpened(true);
        }}
      >
        {t("analyses.addToDashboard.button")}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t("analyses.addToDashboard.title", { name: analysis.name })}
        closeButtonProps={{ "aria-label": t("analyses.close") }}
      >
        {mutation.data ? (
          <Stack gap="sm">
            <Alert color="green" variant="light" role="status">
              {t("analyses.addToDashboard.added", { name: mutation.data.name })}
            </Alert>
            <Group justify="flex-end">
              <Anchor
                renderRoot={(props) => <Link to="/dashboards/$id" params={{ id: mutation.data.id }} {...props} />}
              >
                {t("analyses.addToDashboard.open")}
              </Anchor>
              <Button onClick={() => setOpened(false)}>{t("analyses.close")}</Button>
            </Group>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              {mutation.error && <ErrorAlert error={mutation.error} />}
              <Select
                label={t("analyses.addToDashboard.target")}
                data={[
                  { value: NEW, label: t("analyses.addToDashboard.new") },
                  ...(mine.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
                ]}
                value={target}
                onChange={(v) => setTarget(v ?? NEW)}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              {target === NEW && (
                <TextInput
                  label={t("analyses.dashboards.name")}
                  required
                  maxLength={200}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  error={nameError}
                />
              )}
              <DialogButtons
                cancel={t("analyses.cancel")}
                onCancel={() => setOpened(false)}
                confirm={t("analyses.addToDashboard.submit")}
                pending={mutation.isPending}
                gap="sm"
              />
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
