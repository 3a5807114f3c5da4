import { Button, type ButtonProps } from "@mantine/core";
import { IconDownload } from "../icons.js";

const FORMATS = ["xlsx", "csv"] as const;

/**
 * A list's downloads, as it is filtered: one button per format (XLSX, then CSV), each a link to `url(format)`
 * and labelled `label(format)`.
 */
export function ExportButtons({
  url,
  label,
  variant,
}: {
  url: (format: (typeof FORMATS)[number]) => string;
  label: (format: (typeof FORMATS)[number]) => string;
  variant: ButtonProps["variant"];
}) {
  return FORMATS.map((format) => (
    <Button
      key={format}
      component="a"
      variant={variant}
      href={url(format)}
      leftSection={<IconDownload size={16} aria-hidden="true" />}
    >
      {label(format)}
    </Button>
  ));
}
