import { Group, TextInput } from "@mantine/core";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { IconSearch } from "../icons.js";

interface Props {
  /** The search landmark's name (what the form filters). */
  label: string;
  /** The text box's label and its search button's accessible name. */
  searchLabel: string;
  buttonLabel: string;
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
export function SearchForm({ label, searchLabel, buttonLabel, applied, onSearch, width, children }: Props) {
  const [q, setQ] = useState(applied ?? "");
  useEffect(() => setQ(applied ?? ""), [applied]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(q.trim() || undefined);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the widely supported search landmark
    <form onSubmit={submit} role="search" aria-label={label}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={searchLabel}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          maxLength={200}
          w={{ base: "100%", sm: width }}
          rightSection={
            <button type="submit" className="sort-button" aria-label={buttonLabel}>
              <IconSearch size={16} aria-hidden="true" />
            </button>
          }
        />
        {children}
      </Group>
    </form>
  );
}
