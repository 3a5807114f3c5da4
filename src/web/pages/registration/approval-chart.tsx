import { Group, Text } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { RegistrationStats } from "../../../common/registrations.js";

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 12, right: 8, bottom: 28, left: 40 };
const MEDIAN = "var(--mantine-color-unblue-7)";
const P95 = "var(--mantine-color-orange-7)";
const TARGET = "var(--mantine-color-red-8)";

function niceMax(value: number): number {
  const steps = [24, 48, 72, 96, 144, 192, 240, 336, 480, 720];
  return steps.find((s) => s >= value) ?? Math.ceil(value / 168) * 168;
}

/**
 * Median and 95th-percentile hours to a decision per month, with the 48-hour target as a line. A small SVG
 * of our own (no chart library on slow links); the table beside it carries the same figures for screen readers.
 */
export function ApprovalChart({ stats, monthLabel }: { stats: RegistrationStats; monthLabel: (m: string) => string }) {
  const { t } = useTranslation();
  const id = useId();
  const months = stats.months;
  const top = niceMax(Math.max(stats.targetHours, ...months.map((m) => m.p95Hours ?? 0)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (hours: number) => PAD.top + plotH - (hours / top) * plotH;
  const slot = plotW / Math.max(1, months.length);
  const bar = Math.max(2, Math.min(18, slot / 3));
  const ticks = [0, top / 4, top / 2, (3 * top) / 4, top];

  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        style={{ display: "block", maxWidth: WIDTH }}
      >
        <title id={`${id}-title`}>{t("registration.stats.chartTitle")}</title>
        <desc id={`${id}-desc`}>{t("registration.stats.chartDesc", { target: stats.targetHours })}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#dee2e6" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize={11} fill="#495057">
              {Math.round(tick)}
            </text>
          </g>
        ))}
        {months.map((m, i) => {
          const x = PAD.left + i * slot + slot / 2;
          return (
            <g key={m.month}>
              {m.medianHours !== null && (
                <rect
                  x={x - bar - 1}
                  y={y(m.medianHours)}
                  width={bar}
                  height={Math.max(0, y(0) - y(m.medianHours))}
                  fill={MEDIAN}
                />
              )}
              {m.p95Hours !== null && (
                <rect x={x + 1} y={y(m.p95Hours)} width={bar} height={Math.max(0, y(0) - y(m.p95Hours))} fill={P95} />
              )}
              <text x={x} y={HEIGHT - 10} textAnchor="middle" fontSize={11} fill="#495057">
                {monthLabel(m.month)}
              </text>
            </g>
          );
        })}
        <line
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={y(stats.targetHours)}
          y2={y(stats.targetHours)}
          stroke={TARGET}
          strokeWidth={2}
          strokeDasharray="6 4"
        />
      </svg>
      <Group gap="md" mt={6} component="figcaption">
        <Legend color={MEDIAN} label={t("registration.stats.median")} />
        <Legend color={P95} label={t("registration.stats.p95")} />
        <Legend color={TARGET} dashed label={t("registration.stats.targetLine", { target: stats.targetHours })} />
        <Text size="xs" c="dimmed">
          {t("registration.stats.axis")}
        </Text>
      </Group>
    </figure>
  );
}

function Legend({ color, label, dashed = false }: { color: string; label: string; dashed?: boolean }) {
  return (
    <Group gap={6} wrap="nowrap">
      <svg width={18} height={10} aria-hidden="true">
        {dashed ? (
          <line x1={0} x2={18} y1={5} y2={5} stroke={color} strokeWidth={2} strokeDasharray="4 3" />
        ) : (
          <rect width={18} height={10} fill={color} />
        )}
      </svg>
      <Text size="xs">{label}</Text>
    </Group>
  );
}
