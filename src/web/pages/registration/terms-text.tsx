import { List, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import type { TermsVersion } from "../../../common/registrations.js";
import { MissingTranslationBadge, useLocalized } from "../../components/localized.js";

type Block =
  | { kind: "heading"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "paragraph"; text: string };

/** The texts are plain: blank lines between paragraphs, "## " before a section heading, "- " before a list item. */
export function parseTermsText(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.every((l) => l.startsWith("- "))) blocks.push({ kind: "list", items: lines.map((l) => l.slice(2)) });
    else if (lines.length === 1 && lines[0]?.startsWith("## "))
      blocks.push({ kind: "heading", text: lines[0].slice(3) });
    else blocks.push({ kind: "paragraph", text: lines.join(" ") });
  }
  return blocks;
}

/** One document (terms of use or access policy) under a heading of the given level. */
export function TermsDocument({ doc, level = 2, meta }: { doc: TermsVersion; level?: 2 | 3; meta?: ReactNode }) {
  const pick = useLocalized();
  const title = pick(doc.title);
  const body = pick(doc.body);
  const sub = (level + 1) as 3 | 4;
  return (
    <article aria-labelledby={`terms-${doc.id}`} lang={body.fallback ? body.lang : undefined}>
      <Title order={level} id={`terms-${doc.id}`} mb={4}>
        {title.text}
        {title.fallback && <MissingTranslationBadge lang={title.lang === "en" ? "ru" : "en"} />}
      </Title>
      {meta}
      {parseTermsText(body.text).map((block, i) =>
        block.kind === "heading" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the blocks of a published text never change order
          <Title key={i} order={sub} fz="h4" mt="md" mb={4}>
            {block.text}
          </Title>
        ) : block.kind === "list" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <List key={i} spacing={4} mb="sm" size="sm">
            {block.items.map((item) => (
              <List.Item key={item}>{item}</List.Item>
            ))}
          </List>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <Text key={i} size="sm" mb="sm" maw={820}>
            {block.text}
          </Text>
        ),
      )}
    </article>
  );
}
