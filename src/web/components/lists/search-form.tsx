import { Group, TextInput } from "@mantine/core";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { IconSearch } from "../icons.js";

interface Props {
  /**
   * Where the form's texts are: `<texts>.filters` names the search landmark (unless `label` names it),
   * `<texts>.search` labels the text box and `<texts>.searchButton` names its button.
   */
  texts: string;
  label?: string;
  /** The text the list is filtered by now; the box follows it when it changes elsewhere (back button, a link). */
  applied: string | undefined;
  /** Searching (Enter or the button) hands on the typed text, trimmed; none when blank. */
  onSearch: (q: string | undefined) => void;
  /** The box's width from the `sm` breakpoint up (full width below it). */
  width: number;
  /** The list's other filters, beside the box. */
  children?: ReactNode;
}

/**
 * A list's search form, a search landmark: a text box searched on Enter or with the magnifier button inside it,
 * then the list's other filters on the same wrapping row.
 */
export function SearchForm({ texts, label, applied, onSearch, width, children }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(applied ?? "");
  useEffect(() => setQ(applied ?? ""), [applied]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(q.trim() || undefined);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the widely supported search landmark
    <form onSubmit={submit} role="search" aria-label={label ?? t(`${texts}.filters`)}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t(`${texts}.search`)}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          maxLength={200}
          w={{ base: "100%", sm: width }}
          rightSection={
            <button type="submit" className="sort-button" aria-label={t(`${texts}.searchButton`)}>
              <IconSearch size={16} aria-hidden="true" />
            </button>
          }
        />
        {children}
      </Group>
    </form>
  );
}
