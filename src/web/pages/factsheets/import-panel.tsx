import { Card, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NATIONAL_IMPORT_FIELDS } from "../../../common/factsheets.js";
import type { ImportResult } from "../../../common/imports.js";
import { type ImportKind, startImport, templateUrl } from "../../api/factsheets.js";
import { ImportFlow } from "../../components/import/import-flow.js";
import { TemplateLinks } from "../../components/import/template-links.js";

/** Upload a CSV/XLSX of indicators or national totals, check it and import it all or nothing, through the shared flow. */
export function ImportPanel({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t(`factsheets.import.title.${kind}`)}
        </Title>
        <Text size="sm">{t("factsheets.import.hint")}</Text>
        <TemplateLinks templates={{ xlsx: templateUrl(kind, "xlsx"), csv: templateUrl(kind, "csv") }} />
        <ImportFlow<ImportResult>
          start={(fileId, { dryRun, sheet, mapping }) =>
            startImport(kind, fileId, { dryRun, ...(sheet ? { sheet } : {}), ...(mapping ? { mapping } : {}) })
          }
          columns={{
            fields: NATIONAL_IMPORT_FIELDS[kind].fields.map((f) => ({
              value: f,
              label: t(`factsheets.import.fields.${f}`),
              required: (NATIONAL_IMPORT_FIELDS[kind].required as readonly string[]).includes(f),
            })),
          }}
          readyText={(r) => t("factsheets.import.checked", { count: r.report.rowsRead })}
          done={(r) => t("factsheets.import.imported", { count: r.report.imported })}
          onImported={() => void client.invalidateQueries({ queryKey: ["factsheets"] })}
        />
      </Stack>
    </Card>
  );
}
