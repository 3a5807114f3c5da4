import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { IconDownload } from "../icons.js";

/** The formats an import's template is offered in, in the order they are shown. */
const FORMATS = ["xlsx", "csv"] as const;

/** The links to an import's template, one a format it is offered in (`{ xlsx: url, csv: url }`). */
export function TemplateLinks({ templates }: { templates: Partial<Record<(typeof FORMATS)[number], string>> }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      {FORMATS.map((format) => {
        const href = templates[format];
        return href === undefined ? null : (
          <Button
            key={format}
            component="a"
            href={href}
            download
            variant="default"
            size="sm"
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t("importReport.flow.template", { format: format.toUpperCase() })}
          </Button>
        );
      })}
    </Group>
  );
}
