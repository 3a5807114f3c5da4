import { TextInput } from "@mantine/core";
import { useNavigate, useRouterState } from "@tanstack/react-router";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { IconSearch } from "./icons.js";

/** Global search: Enter goes to /search?q=… */
export function SearchBox({ id, onSubmitted }: { id: string; onSubmitted?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const currentQ = useRouterState({
    select: (s) => (s.location.pathname === "/search" ? String((s.location.search as { q?: unknown }).q ?? "") : ""),
  });
  const [value, setValue] = useState(currentQ);
  useEffect(() => setValue(currentQ), [currentQ]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = value.trim();
    if (!q) return;
    void navigate({ to: "/search", search: { q } });
    onSubmitted?.();
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the widely supported search landmark
    <form role="search" onSubmit={submit} aria-label={t("search.label")}>
      <TextInput
        id={id}
        type="search"
        size="sm"
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        placeholder={t("search.placeholder")}
        aria-label={t("search.label")}
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        maxLength={200}
        enterKeyHint="search"
      />
    </form>
  );
}
