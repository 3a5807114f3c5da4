import { type CSSVariablesResolver, createTheme, type MantineColorsTuple } from "@mantine/core";

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
  luminanceThreshold: 0.35,
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
