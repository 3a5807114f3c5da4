import {
  type CSSVariablesResolver,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  luminance,
  type MantineColorsTuple,
  parseThemeColor,
  type TableScrollContainerProps,
  type VariantColorsResolver,
} from "@mantine/core";
import i18next from "i18next";

/** WCAG AA asks 4.5:1 for normal text; badges use 9-13 px bold text, so keep a small margin above it. */
const MIN_BADGE_CONTRAST = 4.75;
const WHITE = "#ffffff";
/** Mantine's gray.1, darker than the striped table rows (gray.0) badges often sit on. */
const STRIPE = "#f1f3f5";

function contrastRatio(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** The colour itself, or the least darkened version of it that reads at MIN_BADGE_CONTRAST on every background. */
function readableOn(text: string, backgrounds: string[]): string {
  for (let amount = 0; amount < 1; amount += 0.02) {
    const candidate = amount === 0 ? text : darken(text, amount);
    if (backgrounds.every((bg) => contrastRatio(candidate, bg) >= MIN_BADGE_CONTRAST)) return candidate;
  }
  return "#000000";
}

/**
 * Mantine's "light" variant given a colour with a shade (`teal.9`, used for darker, readable text) paints
 * the background in that full shade: a dark pill whose text is the same colour, unreadable. Here it looks
 * like every other light badge (the family's pale shade 1, shade 2 on hover) and the text is the given
 * shade, darkened just enough to keep MIN_BADGE_CONTRAST on both backgrounds (teal.9 and orange.9 need it;
 * a translucent tint fell below 4.5:1 over white and striped rows). The platform runs in the light colour
 * scheme only. Outline text on a light page and white text on a filled colour get the same margin; other
 * variants and colours without a shade keep Mantine's defaults.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const resolved = defaultVariantColorsResolver(input);
  if (!input.color) return resolved;
  const parsed = parseThemeColor({ color: input.color, theme: input.theme });
  const family = parsed.isThemeColor ? input.theme.colors[parsed.color] : undefined;
  if (!family || parsed.shade === undefined) return resolved;
  if (input.variant === "light") {
    const background = family[1];
    const hover = family[2];
    return { ...resolved, background, hover, color: readableOn(parsed.value, [background, hover]) };
  }
  // Outline: the text is the colour itself on whatever is behind (white, a striped row); yellow.9 was 3:1.
  if (input.variant === "outline") {
    const color = readableOn(parsed.value, [WHITE, STRIPE]);
    return { ...resolved, color, border: `1px solid ${color}` };
  }
  // Filled with white text: darken the background until white reads on it (orange.9 was 4.3:1).
  if (input.variant === "filled" && resolved.color === "var(--mantine-color-white)") {
    const background = readableOn(parsed.value, [WHITE]);
    if (background === parsed.value) return resolved;
    return { ...resolved, background, hover: darken(background, 0.1) };
  }
  return resolved;
};

/**
 * A sober UN-blue palette. Shade 5 is close to the UN emblem blue (#009EDB); filled components use
 * shade 8 so white text on them keeps a contrast ratio above 4.5:1.
 */
const unBlue: MantineColorsTuple = [
  "#e6f5fc",
  "#cde9f7",
  "#9dd2ef",
  "#69b9e6",
  "#3ea5de",
  "#1b97d9",
  "#0a84c2",
  "#0073aa",
  "#005f8c",
  "#004b70",
];

const slate: MantineColorsTuple = [
  "#f4f6f8",
  "#e7ebef",
  "#cdd5dd",
  "#b0bcc8",
  "#97a6b5",
  "#8697a8",
  "#7b8ea0",
  "#56687a",
  "#46596b",
  "#34475a",
];

export const theme = createTheme({
  primaryColor: "unblue",
  primaryShade: { light: 8, dark: 5 },
  colors: { unblue: unBlue, slate },
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
  headings: {
    fontWeight: "650",
    // Long Russian titles on a 360 px screen: scale the largest headings down with the viewport.
    sizes: {
      h1: { fontSize: "clamp(1.625rem, 1.25rem + 1.6vw, 2.125rem)", lineHeight: "1.25" },
      h2: { fontSize: "clamp(1.375rem, 1.15rem + 0.9vw, 1.625rem)", lineHeight: "1.3" },
    },
  },
  defaultRadius: "sm",
  focusRing: "auto",
  cursorType: "pointer",
  autoContrast: true,
  variantColorResolver,
  luminanceThreshold: 0.35,
  components: {
    // A table wider than a narrow screen scrolls sideways inside Mantine's ScrollArea viewport; keyboard users
    // must be able to reach it (axe: scrollable-region-focusable). Every Table.ScrollContainer gets a focusable,
    // named viewport; a page may still pass its own scrollAreaProps with a more specific name. The function is
    // resolved on each render, so the name follows the interface language.
    TableScrollContainer: {
      defaultProps: (): Partial<TableScrollContainerProps> => ({
        scrollAreaProps: {
          viewportProps: { tabIndex: 0, role: "group", "aria-label": i18next.t("common.scrollableTable") },
        },
      }),
    },
  },
});

/** Mantine's default dimmed grey is below 4.5:1 on white; use a darker one. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "#4a5866",
    "--mantine-color-placeholder": "#5f6b77",
    "--mantine-color-anchor": unBlue[8],
    // Mantine's red.6 error text is 3.3:1 on white; red.9 passes AA.
    "--mantine-color-error": "#c92a2a",
  },
  dark: {},
});
