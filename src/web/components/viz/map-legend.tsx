import { Box, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ColorScale } from "./color-scale.js";
import { type ChoroplethLayer, type CountryGroup, NO_DATA } from "./map-model.js";

/** The legend under a map: choropleth classes with a no-data swatch, and the highlighted groups. */
export function Legend({
  choropleth,
  scale,
  groups,
  format,
  dark,
}: {
  choropleth?: ChoroplethLayer;
  scale: ColorScale | null;
  groups?: CountryGroup[];
  format: (v: number) => string;
  dark: boolean;
}) {
  const { t } = useTranslation();
  const swatch = (color: string) => (
    <Box
      component="span"
      aria-hidden="true"
      style={{
        display: "inline-block",
        width: 14,
        height: 14,
        borderRadius: 3,
        background: color,
        border: "1px solid #8d9aa6",
      }}
    />
  );
  if (!scale?.classes.length && !groups?.length) return null;
  return (
    <Stack gap={4} mt="xs" aria-label={t("viz.map.legend")} role="group">
      {choropleth && scale && scale.classes.length > 0 && (
        <Group gap="xs" wrap="wrap">
          {choropleth.title && (
            <Text size="xs" fw={600}>
              {choropleth.title}
            </Text>
          )}
          {scale.classes.map((c) => (
            <Group key={c.color} gap={4} wrap="nowrap">
              {swatch(c.color)}
              <Text size="xs">{c.from === c.to ? format(c.from) : `${format(c.from)}–${format(c.to)}`}</Text>
            </Group>
          ))}
          <Group gap={4} wrap="nowrap">
            {swatch(choropleth.noDataColor ?? (dark ? NO_DATA.dark : NO_DATA.light))}
            <Text size="xs">{t("viz.map.noData")}</Text>
          </Group>
        </Group>
      )}
      {groups && groups.length > 0 && (
        <Group gap="sm" wrap="wrap">
          {groups.map((g) => (
            <Group key={g.key} gap={4} wrap="nowrap">
              {swatch(g.color)}
              <Text size="xs">{g.label}</Text>
            </Group>
          ))}
        </Group>
      )}
    </Stack>
  );
}
