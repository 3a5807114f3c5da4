import { Badge, Card, List, SimpleGrid, Stack, Table, Text, ThemeIcon, Title, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FactsheetContent } from "../../../common/factsheets.js";
import { formatUnit } from "../../../common/format.js";
import { AtlasMap } from "../../components/atlas-map.js";
import { ChartPanel } from "../../components/chart-panel.js";
import { IconAlertTriangle, IconCheck } from "../../components/icons.js";
import { useLocalizedText } from "../../components/localized.js";
import { useLanguage } from "../../i18n/index.js";
import { formatChange, formatNumber } from "./factsheet-format.js";
import { ScrollTable } from "./scroll-table.js";

/** Marks a seizure figure that leaves out withheld lines (issue 17): the sum of the published lines only. */
function PartialMark({ withheld }: { withheld: number | undefined }) {
  const { t } = useTranslation();
  if (!withheld) return null;
  return (
    <Tooltip label={t("factsheets.sheet.partialHint", { count: withheld })} withArrow multiline w={260}>
      <Badge component="span" size="xs" variant="outline" color="gray" tabIndex={0} ml={4}>
        {t("factsheets.sheet.partial")}
        <span className="visually-hidden">: {t("factsheets.sheet.partialHint", { count: withheld })}</span>
      </Badge>
    </Tooltip>
  );
}

/** The sections of a fact sheet page, from its content (live draft or frozen edition). */
export function Headlines({ content }: { content: FactsheetContent }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const lang = useLanguage();
  return (
    <section aria-labelledby="fs-headlines">
      <Title order={2} size="h3" id="fs-headlines" mb="xs">
        {t("factsheets.sheet.headlines")}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        {content.headlines.map((h) => (
          <Card key={h.key} withBorder padding="sm">
            <Text size="sm" c="dimmed">
              {text(h.label)}
            </Text>
            <Text fw={700} fz={26}>
              {formatNumber(lang, h.value)}{" "}
              {h.unit && (
                <Text span size="sm">
                  {formatUnit(h.unit, lang)}
                </Text>
              )}
              <PartialMark withheld={h.withheld} />
            </Text>
            {h.previous !== null && (
              <Text size="xs" c="dimmed">
                {t("factsheets.sheet.previousYear", { value: formatNumber(lang, h.previous) })}
                <PartialMark withheld={h.previousWithheld} />{" "}
                {h.change !== null && (
                  <Badge size="xs" variant="light" color={h.change >= 0 ? "blue" : "orange"}>
                    {formatChange(lang, h.change)}
                  </Badge>
                )}
              </Text>
            )}
          </Card>
        ))}
      </SimpleGrid>
    </section>
  );
}

export function Charts({ content, source }: { content: FactsheetContent; source: string }) {
  const text = useLocalizedText();
  const lang = useLanguage();
  if (!content.charts.length) return null;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      {content.charts.map((c) => (
        <ChartPanel
          key={c.key}
          title={text(c.title)}
          source={source}
          headingOrder={3}
          data={{
            kind: c.kind === "bar" ? "bar" : "line",
            categories: c.categories.map((x) => text(x)),
            categoryType: c.key.includes("trend") || c.key.startsWith("prices") ? "year" : "text",
            series: c.series.map((s) => ({ name: text(s.name), values: s.values })),
            yLabel: c.unit ? formatUnit(c.unit, lang) : c.unit,
          }}
          fileName={`${content.subject}-${content.year}-${c.key}`}
        />
      ))}
    </SimpleGrid>
  );
}

export function FactsheetMap({ content }: { content: FactsheetContent }) {
  const { t } = useTranslation();
  const codes = content.countries.map((c) => c.code);
  const target = content.countries[0]?.code;
  return (
    <section aria-labelledby="fs-map">
      <Title order={2} size="h3" id="fs-map" mb="xs">
        {t("factsheets.sheet.map")}
      </Title>
      <AtlasMap
        ariaLabel={t("factsheets.sheet.mapLabel")}
        choropleth={{
          values: Object.fromEntries(content.byCountry.map((c) => [c.country, c.kg])),
          title: t("factsheets.sheet.kgSeized"),
          domain: codes,
        }}
        flows={
          content.scope === "country" && target
            ? {
                label: t("factsheets.sheet.origins"),
                lines: content.origins
                  .filter((o) => o.code !== target)
                  .map((o) => ({ id: o.code, path: [o.code, target], value: o.cases, label: `${o.code} → ${target}` })),
              }
            : undefined
        }
        fitTo={[...codes, ...content.origins.map((o) => o.code)]}
        height={360}
      />
    </section>
  );
}

export function SeizureTables({ content }: { content: FactsheetContent }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const lang = useLanguage();
  return (
    <section aria-labelledby="fs-seizures">
      <Title order={2} size="h3" id="fs-seizures" mb="xs">
        {t("factsheets.sheet.seizures")}
      </Title>
      {content.disclosure?.basis === "withdrawn" ? (
        <Text c="dimmed">{t("factsheets.sheet.withdrawn")}</Text>
      ) : !content.seizures.length ? (
        <Text c="dimmed">{t("factsheets.sheet.noSeizures")}</Text>
      ) : (
        <ScrollTable label={t("factsheets.table")} minWidth={480}>
          <Table striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("factsheets.columns.drug")}</Table.Th>
                <Table.Th ta="right">{t("factsheets.columns.quantity")}</Table.Th>
                <Table.Th>{t("factsheets.columns.unit")}</Table.Th>
                <Table.Th ta="right">{t("factsheets.columns.kg")}</Table.Th>
                <Table.Th ta="right">{t("factsheets.columns.cases")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {content.seizures.map((s) =>
                s.cases === null ? (
                  <Table.Tr key={`${s.drug}-${s.unit}`} data-testid="withheld-line">
                    <Table.Td>{text(s.drugName)}</Table.Td>
                    <Table.Td ta="right">—</Table.Td>
                    <Table.Td>{formatUnit(s.unit, lang)}</Table.Td>
                    <Table.Td ta="right" colSpan={2}>
                      <Tooltip label={t("factsheets.sheet.withheldLine")} withArrow>
                        <Badge size="sm" variant="light" color="gray" tabIndex={0}>
                          {t("factsheets.sheet.withheld")}
                          <span className="visually-hidden">: {t("factsheets.sheet.withheldLine")}</span>
                        </Badge>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  <Table.Tr key={`${s.drug}-${s.unit}`}>
                    <Table.Td>{text(s.drugName)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(lang, s.quantity, 3)}</Table.Td>
                    <Table.Td>{formatUnit(s.unit, lang)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(lang, s.kg, 3)}</Table.Td>
                    <Table.Td ta="right">
                      {formatNumber(lang, s.cases, 0)}
                      <PartialMark withheld={s.withheld} />
                    </Table.Td>
                  </Table.Tr>
                ),
              )}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {content.disclosure?.basis === "published_public" && (
        <Text size="xs" c="dimmed" mt={4}>
          {t("factsheets.sheet.disclosureNote", { min: content.disclosure.minCases })}
        </Text>
      )}
      {(content.origins.length > 0 || content.transportModes.length > 0) && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
          {(
            [
              ["origins", content.origins],
              ["transport", content.transportModes],
            ] as const
          ).map(([key, list]) => (
            <Table key={key} verticalSpacing={4} captionSide="top">
              <Table.Caption>{t(`factsheets.sheet.${key}`)}</Table.Caption>
              <Table.Tbody>
                {list.map((r) => (
                  <Table.Tr key={r.code}>
                    <Table.Td>{text(r.name)}</Table.Td>
                    <Table.Td ta="right">{t("factsheets.casesCount", { count: r.cases })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}

export function IndicatorTable({ content }: { content: FactsheetContent }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const lang = useLanguage();
  return (
    <section aria-labelledby="fs-indicators">
      <Title order={2} size="h3" id="fs-indicators" mb="xs">
        {t("factsheets.sheet.indicators")}
      </Title>
      {!content.indicators.length ? (
        <Text c="dimmed">{t("factsheets.sheet.noIndicators")}</Text>
      ) : (
        <ScrollTable label={t("factsheets.table")} minWidth={720}>
          <Table striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("factsheets.columns.indicator")}</Table.Th>
                {content.scope === "region" && <Table.Th>{t("factsheets.columns.country")}</Table.Th>}
                <Table.Th>{t("factsheets.columns.drug")}</Table.Th>
                <Table.Th ta="right">{t("factsheets.columns.typical")}</Table.Th>
                <Table.Th ta="right">{t("factsheets.columns.range")}</Table.Th>
                <Table.Th>{t("factsheets.columns.unit")}</Table.Th>
                <Table.Th ta="right">USD</Table.Th>
                <Table.Th>{t("factsheets.columns.source")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {content.indicators.map((i) => (
                <Table.Tr key={[i.country, i.kind, i.drug, i.market, i.unit, i.currency].join("|")}>
                  <Table.Td>
                    {t(`factsheets.kind.${i.kind}`)}
                    {i.market && ` · ${t(`factsheets.market.${i.market}`)}`}
                  </Table.Td>
                  {content.scope === "region" && <Table.Td>{i.country}</Table.Td>}
                  <Table.Td>{text(i.drugName)}</Table.Td>
                  <Table.Td ta="right">
                    {formatNumber(lang, i.typical)}{" "}
                    {i.change !== null && (
                      <Text span size="xs" c="dimmed">
                        ({formatChange(lang, i.change)})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {i.min !== null || i.max !== null
                      ? `${formatNumber(lang, i.min)} – ${formatNumber(lang, i.max)}`
                      : "—"}
                  </Table.Td>
                  <Table.Td>{formatUnit([i.currency, i.unit].filter(Boolean).join("/"), lang)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(lang, i.usdTypical)}</Table.Td>
                  <Table.Td>{i.source}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </section>
  );
}

export function Completeness({ content }: { content: FactsheetContent }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  return (
    <section aria-labelledby="fs-completeness">
      <Title order={2} size="h3" id="fs-completeness" mb="xs">
        {t("factsheets.sheet.completeness")}
      </Title>
      <List spacing={4} size="sm" center>
        {content.completeness.map((c) => (
          <List.Item
            key={c.key}
            icon={
              <ThemeIcon size={20} radius="xl" color={c.ok ? "green" : "orange"} variant="light">
                {c.ok ? <IconCheck size={14} aria-hidden="true" /> : <IconAlertTriangle size={14} aria-hidden="true" />}
              </ThemeIcon>
            }
          >
            <span className="visually-hidden">
              {c.ok ? t("factsheets.sheet.complete") : t("factsheets.sheet.incomplete")}:{" "}
            </span>
            {text(c.label)}
            {c.detail && (
              <Text span c="dimmed">
                {" "}
                — {text(c.detail)}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </section>
  );
}

export function NotesAndSources({ content }: { content: FactsheetContent }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const notes = content.notes[lang] ?? content.notes.en ?? content.notes.ru;
  const other = lang === "ru" ? "en" : "ru";
  return (
    <Stack gap="sm">
      {notes && (
        <section aria-labelledby="fs-notes">
          <Title order={2} size="h3" id="fs-notes" mb="xs">
            {t("factsheets.sheet.notes")}
          </Title>
          <Text style={{ whiteSpace: "pre-wrap" }} lang={content.notes[lang] ? lang : other}>
            {notes}
          </Text>
          {!content.notes[lang] && (
            <Badge variant="outline" color="gray" mt={4}>
              {t("factsheets.sheet.translationMissing")}
            </Badge>
          )}
        </section>
      )}
      {content.sources.length > 0 && (
        <section aria-labelledby="fs-sources">
          <Title order={2} size="h3" id="fs-sources" mb="xs">
            {t("factsheets.sheet.sources")}
          </Title>
          <List size="sm">
            {content.sources.map((s) => (
              <List.Item key={s}>{s}</List.Item>
            ))}
          </List>
        </section>
      )}
    </Stack>
  );
}

export function FacilitiesSection({ content }: { content: FactsheetContent }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const lang = useLanguage();
  const f = content.facilities;
  if (!f) return null;
  return (
    <section aria-labelledby="fs-facilities">
      <Title order={2} size="h3" id="fs-facilities" mb="xs">
        {t("factsheets.sheet.facilities")}
      </Title>
      <Text>
        {t("factsheets.sheet.facilitiesLine", {
          count: f.total,
          capacity: formatNumber(lang, f.capacity, 0),
          patients: formatNumber(lang, f.patientsPerYear, 0),
        })}
      </Text>
      {f.modalities.length > 0 && (
        <Table verticalSpacing={4} captionSide="top" maw={520}>
          <Table.Caption>{t("factsheets.sheet.modalities")}</Table.Caption>
          <Table.Tbody>
            {f.modalities.map((m) => (
              <Table.Tr key={m.code}>
                <Table.Td>{text(m.name)}</Table.Td>
                <Table.Td ta="right">{formatNumber(lang, m.cases, 0)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
