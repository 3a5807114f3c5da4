import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets the document title; every page calls it with the text of its h1. */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    const app = t("app.name");
    document.title = title ? `${title} — ${app}` : app;
  }, [title, t]);
}
