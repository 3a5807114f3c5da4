import { ActionIcon, Button, Group, NativeSelect, Select, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type Rate, TRANSACTION_TYPES, TransactionTypeSchema } from "../../../common/projects.js";
import { useFormat } from "../../i18n/format.js";
import { useLanguage } from "../../i18n/index.js";
import {
  blankDonor,
  blankRow,
  type DonorGroup,
  previewUsd,
  rowKey,
  type TransactionRow,
} from "./transactions-model.js";

/** The USD value a row will have at the rate of its date, or why it will have none. */
function UsdPreview({ row, rates, projectStart }: { row: TransactionRow; rates: Rate[]; projectStart: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const format = useFormat();
  const p = previewUsd(row, rates, projectStart);
  const usd = (v: string) =>
    new Intl.NumberFormat(lang, { style: "currency", currency: "USD", maximumFractionDigits: 2 }).format(Number(v));
  // The rate in the reader's number format ("0,0019" in Russian), without the stored trailing zeros.
  const rate = (v: string) => new Intl.NumberFormat(lang, { maximumSignificantDigits: 10 }).format(Number(v));
  if (p.kind === "pending") return <Text size="sm">{t("funding.preview.pending")}</Text>;
  if (p.kind === "no_rate")
    return (
      <Text size="sm" c="orange.9" data-testid="no-rate">
        {t("funding.preview.noRate", { currency: p.currency, date: format.date(p.date) })}
      </Text>
    );
  return (
    <Text size="sm" data-testid="usd-preview">
      {p.rateDate === null
        ? t("funding.preview.usdDollar", { usd: usd(p.usd) })
        : t("funding.preview.usd", { usd: usd(p.usd), rate: rate(p.rate), date: format.date(p.rateDate) })}
      {p.atStart && ` · ${t("funding.preview.atStart")}`}
    </Text>
  );
}

/**
 * Commitments, disbursements and expenditures, per donor: a group per donor (chosen from the controlled list), each
 * with its rows of type, date, amount and currency, and the USD value each will have at the rate of its date.
 */
export function TransactionsEditor({
  groups,
  onChange,
  parties,
  rates,
  ratesFailed,
  projectStart,
  errors,
}: {
  groups: DonorGroup[];
  onChange: (groups: DonorGroup[]) => void;
  parties: { value: string; label: string }[];
  rates: Rate[];
  ratesFailed: boolean;
  projectStart: string;
  /** Localized messages by editor key (`donor.<g>`, `tx.<g>.<r>.<field>`), and `transactions` for the whole list. */
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const setGroup = (gi: number, patch: Partial<DonorGroup>) =>
    onChange(groups.map((g, i) => (i === gi ? { ...g, ...patch } : g)));
  const setRow = (gi: number, ri: number, patch: Partial<TransactionRow>) =>
    setGroup(gi, { rows: (groups[gi]?.rows ?? []).map((r, j) => (j === ri ? { ...r, ...patch } : r)) });
  const nameOf = (g: DonorGroup, gi: number) =>
    parties.find((p) => p.value === g.donorCode)?.label || g.donorName || t("funding.unnamedDonor", { n: gi + 1 });
  return (
    <fieldset
      style={{ border: "1px solid var(--mantine-color-gray-4)", borderRadius: 8, padding: 12 }}
      data-testid="transactions-editor"
    >
      <legend style={{ fontWeight: 700, padding: "0 4px" }}>{t("funding.legend")}</legend>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("funding.hint")}
        </Text>
        {ratesFailed && (
          <Text size="sm" c="orange.9">
            {t("funding.preview.rates")}
          </Text>
        )}
        {groups.length === 0 && <Text size="sm">{t("funding.noDonors")}</Text>}
        {groups.map((g, gi) => (
          <fieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: donor groups are positional
            key={gi}
            style={{ border: "1px solid var(--mantine-color-gray-3)", borderRadius: 6, padding: 10 }}
            data-testid="donor-group"
          >
            <legend style={{ padding: "0 4px" }}>{t("funding.donorGroup", { name: nameOf(g, gi) })}</legend>
            <Stack gap="xs">
              <Group align="flex-end" gap="xs">
                <Select
                  label={t("funding.donor")}
                  data={parties}
                  value={g.donorCode || null}
                  searchable
                  allowDeselect={false}
                  error={errors[`donor.${gi}`]}
                  // A name the project brought from elsewhere (an import) shows until a donor is chosen.
                  description={!g.donorCode && g.donorName ? g.donorName : undefined}
                  onChange={(v) => setGroup(gi, { donorCode: v ?? "", donorName: "" })}
                  w={320}
                />
                <Button
                  variant="subtle"
                  color="red.8"
                  size="xs"
                  onClick={() => onChange(groups.filter((_, i) => i !== gi))}
                  aria-label={t("funding.removeDonor", { n: gi + 1 })}
                >
                  ×
                </Button>
              </Group>
              {g.rows.length === 0 && <Text size="sm">{t("funding.noTransactions")}</Text>}
              {g.rows.map((r, ri) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
                <Group key={ri} align="flex-start" gap="xs" wrap="wrap" data-testid="transaction-row">
                  <NativeSelect
                    label={t("funding.type")}
                    data={TRANSACTION_TYPES.map((type) => ({ value: type, label: t(`funding.typeValue.${type}`) }))}
                    value={r.type}
                    error={errors[rowKey([gi, ri], "type")]}
                    onChange={(e) =>
                      setRow(gi, ri, { type: TransactionTypeSchema.catch("commitment").parse(e.currentTarget.value) })
                    }
                    w={170}
                  />
                  <TextInput
                    label={t("funding.date")}
                    type="date"
                    value={r.date}
                    error={errors[rowKey([gi, ri], "date")]}
                    onChange={(e) => setRow(gi, ri, { date: e.currentTarget.value })}
                    w={170}
                  />
                  <TextInput
                    label={t("funding.amount")}
                    inputMode="decimal"
                    value={r.amount}
                    error={errors[rowKey([gi, ri], "amount")]}
                    onChange={(e) => setRow(gi, ri, { amount: e.currentTarget.value })}
                    w={170}
                  />
                  <TextInput
                    label={t("funding.currency")}
                    value={r.currency}
                    maxLength={3}
                    error={errors[rowKey([gi, ri], "currency")]}
                    onChange={(e) => setRow(gi, ri, { currency: e.currentTarget.value.toUpperCase() })}
                    w={90}
                  />
                  <Stack gap={2} w={260}>
                    <Text size="sm" fw={500} component="span">
                      {t("funding.usd")}
                    </Text>
                    <UsdPreview row={r} rates={rates} projectStart={projectStart} />
                  </Stack>
                  <ActionIcon
                    variant="subtle"
                    color="red.8"
                    mt={28}
                    aria-label={t("funding.removeTransaction", { n: ri + 1, name: nameOf(g, gi) })}
                    onClick={() => setGroup(gi, { rows: g.rows.filter((_, j) => j !== ri) })}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="default"
                size="xs"
                w="fit-content"
                onClick={() =>
                  setGroup(gi, {
                    rows: [...g.rows, blankRow(g.rows.length ? "disbursement" : "commitment", g.rows.at(-1)?.currency)],
                  })
                }
              >
                {t("funding.addTransaction")}
              </Button>
            </Stack>
          </fieldset>
        ))}
        {errors.transactions && (
          <Text c="red.8" size="sm">
            {errors.transactions}
          </Text>
        )}
        <Button variant="default" size="xs" w="fit-content" onClick={() => onChange([...groups, blankDonor()])}>
          {t("funding.addDonor")}
        </Button>
      </Stack>
    </fieldset>
  );
}
