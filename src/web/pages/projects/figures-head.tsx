import { Switch, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/auth.js";
import { ProjectsNav } from "./projects-nav.js";

/** Whether ADAM's figures count draft projects too: only coordinators may ask for it, and it is off until they do. */
export function useIncludeDrafts() {
  const allowed = hasPermission(useMe().data, "partners:all");
  const [checked, setChecked] = useState(false);
  return { allowed, checked, setChecked, includeDrafts: allowed && checked };
}

/**
 * The head of an ADAM figures page (statistics, funding): its title, the sections' nav, the line that says what
 * is counted and, for coordinators, the switch that counts drafts too.
 */
export function FiguresHead({
  title,
  intro,
  drafts,
}: {
  title: string;
  intro: string;
  drafts: ReturnType<typeof useIncludeDrafts>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1}>{title}</Title>
      <ProjectsNav />
      <Text size="sm" c="dimmed" maw={820}>
        {intro}
      </Text>
      {drafts.allowed && (
        <Switch
          label={t("projects.stats.includeDrafts")}
          description={t("projects.stats.includeDraftsHint")}
          checked={drafts.checked}
          onChange={(e) => drafts.setChecked(e.currentTarget.checked)}
          maw={620}
        />
      )}
    </>
  );
}
