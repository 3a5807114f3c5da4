import { List } from "@mantine/core";

/** An amount in its own currency, as the figures' notes name what they could not convert to USD. */
export function formatAmount(
  lang: string,
  { amount, currency }: { amount: string | number; currency: string },
): string {
  return new Intl.NumberFormat(lang, { style: "currency", currency }).format(Number(amount));
}

/** The notes under a figure (what it leaves out or adds), one line each in small grey print. */
export function FigureNoteList({ notes, testId }: { notes: string[]; testId: string }) {
  return (
    <List size="sm" c="dimmed" data-testid={testId}>
      {notes.map((n) => (
        <List.Item key={n}>{n}</List.Item>
      ))}
    </List>
  );
}
