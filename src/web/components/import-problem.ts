import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { ImportIssue } from "../../common/imports.js";
import { useLanguage } from "../i18n/index.js";

const BARE_CODE = /^[a-z]+(_[a-z0-9]+)*$/;

/**
 * The Problem column of an import report: the server's message in the UI language (each module words its own
 * problems precisely), and, should a message ever be a bare code, the translation of that code from the i18n
 * files, else a plain sentence. A person never reads `invalid_date`.
 */
export function useImportProblem(): (issue: Pick<ImportIssue, "code" | "message">) => string {
  const { t } = useTranslation();
  const lang = useLanguage();
  return useCallback(
    (issue) => {
      const message = issue.message?.[lang];
      if (message && !BARE_CODE.test(message)) return message;
      return t(`imports.problems.${issue.code}`, { defaultValue: t("imports.problems.other") });
    },
    [t, lang],
  );
}
