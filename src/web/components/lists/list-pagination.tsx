import { Pagination, type PaginationProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

type Passed = Omit<PaginationProps, "total" | "value" | "onChange" | "getControlProps" | "getItemProps">;

interface Props extends Passed {
  /** How many items the whole list has, and how many one page shows. */
  total: number;
  pageSize: number;
  /** The page shown (from 1) and what choosing another does. */
  page: number;
  onChange: (page: number) => void;
  /** Where the buttons' accessible names are: `<labels>.first`, `.previous`, `.next`, `.last` (and `.page`). */
  labels?: string;
  /** Whether the page numbers get a name of their own too (`<labels>.page`, "Page {page}"). */
  numbered?: boolean;
}

/**
 * A list's pages: nothing while the list fits on one page, else Mantine's pagination with the
 * first/previous/next/last buttons (and, when `numbered`, each page number) named in the user's language.
 */
export function ListPagination({
  total,
  pageSize,
  page,
  onChange,
  labels = "pagination",
  numbered = false,
  ...rest
}: Props) {
  const { t } = useTranslation();
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return null;
  return (
    <Pagination
      {...rest}
      total={pages}
      value={page}
      onChange={onChange}
      getControlProps={(control) => ({ "aria-label": t(`${labels}.${control}`) })}
      getItemProps={numbered ? (p) => ({ "aria-label": t(`${labels}.page`, { page: p }) }) : undefined}
    />
  );
}

/** The page number a list's URL keeps: none for the first page. */
export function pageParam(page: number): number | undefined {
  return page > 1 ? page : undefined;
}
