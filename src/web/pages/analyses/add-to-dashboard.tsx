import { Anchor, Button, Select } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Analysis, Dashboard } from "../../../common/analyses.js";
import { createDashboard, dashboardQuery, dashboardsQuery, updateDashboard } from "../../api/analyses.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconLayoutDashboard } from "../../components/icons.js";
import { NameField, SaveDialog } from "./save-dialog.js";

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
      <SaveDialog
        opened={opened}
        onClose={() => setOpened(false)}
        title={t("analyses.addToDashboard.title", { name: analysis.name })}
        saved={
          mutation.data && {
            message: t("analyses.addToDashboard.added", { name: mutation.data.name }),
            link: (
              <Anchor
                renderRoot={(props) => <Link to="/dashboards/$id" params={{ id: mutation.data.id }} {...props} />}
              >
                {t("analyses.addToDashboard.open")}
              </Anchor>
            ),
          }
        }
        onSubmit={submit}
        submit={t("analyses.addToDashboard.submit")}
        pending={mutation.isPending}
      >
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
          <NameField label={t("analyses.dashboards.name")} value={name} onChange={setName} error={nameError} />
        )}
      </SaveDialog>
    </>
  );
}
