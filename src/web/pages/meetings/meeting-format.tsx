import { Badge, Select, type SelectProps } from "@mantine/core";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { Attendance, MeetingSummary } from "../../../common/meetings.js";
import { useLanguage } from "../../i18n/index.js";

const ROMAN = ["", "I", "II", "III", "IV"];
export const roman = (pillar: number) => ROMAN[pillar] ?? String(pillar);

/** The Pact's four pillars as choices, in order ("I. …" in the user's language). */
export function usePillarOptions() {
  const { t } = useTranslation();
  return [1, 2, 3, 4].map((p) => ({ value: String(p), label: t(`meetings.pillars.${p}`) }));
}

/** A list's pillar filter: any pillar (cleared), or one. */
export function PillarFilter({
  value,
  onChange,
  ...rest
}: { value: number | undefined; onChange: (pillar: number | undefined) => void } & Omit<
  SelectProps,
  "value" | "onChange" | "data"
>) {
  const { t } = useTranslation();
  return (
    <Select
      label={t("meetings.fields.pillar")}
      placeholder={t("meetings.filters.any")}
      data={usePillarOptions()}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : undefined)}
      clearable
      {...rest}
    />
  );
}

/** Formats a meeting's dates as precisely as they are known ("October 2017", "23–24 October 2017"). */
export function useMeetingDates() {
  const lang = useLanguage();
  return useCallback(
    (m: Pick<MeetingSummary, "startDate" | "endDate" | "datePrecision">) => {
      const start = new Date(`${m.startDate}T00:00:00Z`);
      const locale = lang === "ru" ? "ru-RU" : "en-GB";
      if (m.datePrecision === "year") return String(start.getUTCFullYear());
      if (m.datePrecision === "month")
        return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(start);
      const full = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
      if (!m.endDate || m.endDate === m.startDate) return full.format(start);
      return full.formatRange(start, new Date(`${m.endDate}T00:00:00Z`));
    },
    [lang],
  );
}

/** "52 participants · 14 countries · 6 organizations", with "over"/"nearly" where the figure is a bound. */
export function useAttendanceText() {
  const { t } = useTranslation();
  return useCallback(
    (a: Attendance) => {
      if (a.source === "none") return "";
      const parts: string[] = [];
      if (a.participants !== null)
        parts.push(t(`meetings.attendance.participants_${a.participantsQualifier}`, { count: a.participants }));
      if (a.inPersonParticipants !== null)
        parts.push(t(`meetings.attendance.inPerson_${a.inPersonQualifier}`, { count: a.inPersonParticipants }));
      if (a.countries !== null) parts.push(t("meetings.attendance.countries", { count: a.countries }));
      if (a.organizations !== null) parts.push(t("meetings.attendance.organizations", { count: a.organizations }));
      return parts.join(" · ");
    },
    [t],
  );
}

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="blue" style={{ textTransform: "none" }}>
      {t(`meetings.kinds.${kind}`)}
    </Badge>
  );
}

const STATUS_COLOR: Record<string, string> = {
  draft: "gray.7",
  adopted: "blue.8",
  endorsed: "indigo.8",
  in_progress: "yellow.9",
  implemented: "green.9",
  superseded: "gray.7",
  merged: "gray.7",
  withdrawn: "red.9",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={STATUS_COLOR[status] ?? "gray.7"} style={{ textTransform: "none" }}>
      {t(`meetings.status.${status}`)}
    </Badge>
  );
}

const REPORT_COLOR: Record<string, string> = { not_started: "#b71c1c", partial: "#f2c94c", done: "#1b5e20" };
export function ReportBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="filled"
      autoContrast
      color={REPORT_COLOR[status] ?? "gray.7"}
      style={{ textTransform: "none" }}
      styles={{ root: { maxWidth: "none", flexShrink: 0 }, label: { overflow: "visible" } }}
    >
      {t(`meetings.report.${status}`)}
    </Badge>
  );
}
