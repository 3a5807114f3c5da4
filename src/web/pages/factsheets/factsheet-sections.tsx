import { Badge, Card, List, SimpleGrid, Stack, Table, Text, ThemeIcon, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FactsheetContent } from "../../../common/factsheets.js";
import { formatUnit } from "../../../common/format.js";
import { AtlasMap } from "../../components/atlas-map.js";
import { ChartPanel } from "../../components/chart-panel.js";
import { IconAlertTriangle, IconCheck } from "../../components/icons.js";
import { useLocalizedText } from "../../components/localized.js";
import { RecordTable } from "../../components/record-table.js";
import { TitledSection } from "../../components/section-card.js";
import { useLanguage } from "../../i18n/index.js";
import { formatChange, formatNumber } from "./factsheet-format.js";
import { ScrollTable } from "./scroll-table.js";

/** Every section of a fact sheet has its heading drawn at the size of an h3. */
const FS_HEADING = { size: "h3", mb: "xs" } as const;

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
    <TitledSection titleId="fs-headlines" title={t("factsheets.sheet.headlines")} heading={FS_HEADING}>
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
    </TitledSection>
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
    <TitledSection titleId="fs-map" title={t("factsheets.sheet.map")} heading={FS_HEADING}>
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
    </TitledSection>
  );
}

export function SeizureTables({ content }: { content: FactsheetContent }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const lang = useLanguage();
  return (
    <TitledSection titleId="fs-seizures" title={t("factsheets.sheet.seizures")} heading={FS_HEADING}>
      {content.disclosure?.basis === "withdrawn" ? (
        <Text c="dimmed">{t("factsheets.sheet.withdrawn")}</Text>
      ) : !content.seizures.length ? (
        <Text c="dimmed">{t("factsheets.sheet.noSeizures")}</Text>
      ) : (
        <ScrollTable label={t("factsheets.table")} minWidth={480}>
          <RecordTable
            striped
            verticalSpacing={4}
            columns={[
              t("factsheets.columns.drug"),
              { label: t("factsheets.columns.quantity"), th: { ta: "right" } },
              t("factsheets.columns.unit"),
              { label: t("factsheets.columns.kg"), th: { ta: "right" } },
              { label: t("factsheets.columns.cases"), th: { ta: "right" } },
            ]}
            rows={content.seizures}
          >
            {(s) =>
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
              )
            }
          </RecordTable>
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
    </TitledSection>
  );
}

export function IndicatorTable({ content }: { content: FactsheetContent }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const lang = useLanguage();
  return (
    <TitledSection titleId="fs-indicators" title={t("factsheets.sheet.indicators")} heading={FS_HEADING}>
      {!content.indicators.length ? (
        <Text c="dimmed">{t("factsheets.sheet.noIndicators")}</Text>
      ) : (
        <ScrollTable label={t("factsheets.table")} minWidth={720}>
          <RecordTable
            striped
            verticalSpacing={4}
            columns={[
              t("factsheets.columns.indicator"),
              ...(content.scope === "region" ? [t("factsheets.columns.country")] : []),
              t("factsheets.columns.drug"),
              { label: t("factsheets.columns.typical"), th: { ta: "right" } },
              { label: t("factsheets.columns.range"), th: { ta: "right" } },
              t("factsheets.columns.unit"),
              { label: "USD", th: { ta: "right" } },
              t("factsheets.columns.source"),
            ]}
            rows={content.indicators}
          >
            {(i) => (
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
            )}
          </RecordTable>
        </ScrollTable>
      )}
    </TitledSection>
  );
}

export function Completeness({ content }: { content: FactsheetContent }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  return (
    <TitledSection titleId="fs-completeness" title={t("factsheets.sheet.completeness")} heading={FS_HEADING}>
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
    </TitledSection>
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
        <TitledSection titleId="fs-notes" title={t("factsheets.sheet.notes")} heading={FS_HEADING}>
          <Text style={{ whiteSpace: "pre-wrap" }} lang={content.notes[lang] ? lang : other}>
            {notes}
          </Text>
          {!content.notes[lang] && (
            <Badge variant="outline" color="gray" mt={4}>
              {t("factsheets.sheet.translationMissing")}
            </Badge>
          )}
        </TitledSection>
      )}
      {content.sources.length > 0 && (
        <TitledSection titleId="fs-sources" title={t("factsheets.sheet.sources")} heading={FS_HEADING}>
          <List size="sm">
            {content.sources.map((s) => (
              <List.Item key={s}>{s}</List.Item>
            ))}
          </List>
        </TitledSection>
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
    <TitledSection titleId="fs-facilities" title={t("factsheets.sheet.facilities")} heading={FS_HEADING}>
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
    </TitledSection>
  );
}
