import { Badge, Group } from "@mantine/core";
import { Link, useLocation } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Project } from "../../../common/projects.js";

const TABS = [
  { to: "/projects", key: "list" },
  { to: "/projects/stats", key: "stats" },
  { to: "/projects/funding", key: "funding", label: "funding.tab" },
  { to: "/projects/duplicates", key: "duplicates" },
  { to: "/projects/gaps", key: "gaps" },
  { to: "/projects/exchange", key: "exchange" },
] as const;

/** The ADAM sections as a row of links (a nav landmark), the current one marked. */
export function ProjectsNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t("projects.nav")}>
      <Group gap="xs" wrap="wrap">
        {TABS.map((tab) => {
          const current = pathname === tab.to;
          return (
            <Link
              key={tab.key}
              to={tab.to}
              aria-current={current ? "page" : undefined}
              className="projects-tab"
              style={{
                padding: "6px 12px",
                borderRadius: 6,
                textDecoration: current ? "none" : "underline",
                fontWeight: current ? 700 : 400,
                background: current ? "var(--mantine-color-unblue-0, #e7f1fb)" : "transparent",
                color: "var(--mantine-color-anchor)",
              }}
            >
              {"label" in tab ? t(tab.label) : t(`projects.tabs.${tab.key}`)}
            </Link>
          );
        })}
      </Group>
    </nav>
  );
}

const WORKFLOW_COLOR: Record<string, string> = {
  draft: "gray.7",
  submitted: "orange.9",
  published: "teal.9",
  archived: "dark.4",
};

export function WorkflowBadge({ workflow }: { workflow: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={WORKFLOW_COLOR[workflow] ?? "gray.7"}>
      {t(`projects.workflow.${workflow}`)}
    </Badge>
  );
}

export function formatUsd(lang: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  return new Intl.NumberFormat(lang, { style: "currency", currency: "USD", maximumFractionDigits: 0 }).format(
    Number(value),
  );
}

export function themeLabel(t: TFunction, theme: string): string {
  return t(`projects.theme.${theme}`, { defaultValue: theme });
}

export function periodText(p: Pick<Project, "plannedStart" | "plannedEnd">): string {
  return [p.plannedStart ?? "…", p.plannedEnd ?? "…"].join(" – ");
}

/** A horizontally scrolling table region that keyboard users can reach (axe: scrollable-region-focusable). */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
    <section aria-label={label} tabIndex={0} style={{ overflowX: "auto", maxWidth: "100%" }}>
      {children}
    </section>
  );
}
