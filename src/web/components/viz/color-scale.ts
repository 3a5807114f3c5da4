/**
 * Colour classes for choropleths: `quantize` (equal intervals between min and max) or `quantile` (equal
 * counts), 2–7 classes from a sequential palette. Pure, so the legend and the map always agree.
 */
import { SEQUENTIAL } from "./chart-model.js";

export interface ColorClass {
  color: string;
  from: number;
  to: number;
}

export interface ColorScale {
  classes: ColorClass[];
  colorOf: (value: number | null | undefined) => string | null;
}

/** `count` colours spread along a palette. */
export function pickColors(palette: string[], count: number): string[] {
  if (count >= palette.length) return palette;
  if (count <= 1) return [palette[palette.length - 1] ?? "#0a84c2"];
  return Array.from({ length: count }, (_, i) => palette[Math.round((i * (palette.length - 1)) / (count - 1))] ?? "");
}

export function colorScale(
  values: Array<number | null | undefined>,
  options: { classes?: number; scale?: "quantize" | "quantile"; colors?: string[] } = {},
): ColorScale {
  const finite = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return { classes: [], colorOf: () => null };
  const min = finite[0] ?? 0;
  const max = finite[finite.length - 1] ?? 0;
  const distinct = new Set(finite).size;
  const wanted = Math.max(1, Math.min(options.classes ?? 5, 7, distinct));
  const colors = pickColors(options.colors ?? SEQUENTIAL.slice(1), wanted);
  let breaks: number[];
  if (wanted === 1) breaks = [min, max];
  else if (options.scale === "quantile") {
    breaks = [min];
    for (let i = 1; i < wanted; i++) breaks.push(finite[Math.floor((i * finite.length) / wanted)] ?? max);
    breaks.push(max);
  } else
    breaks = Array.from({ length: wanted + 1 }, (_, i) =>
      i === 0 || i === wanted ? (i === 0 ? min : max) : roundSignificant(min + ((max - min) * i) / wanted, 2),
    );
  const classes = colors.map((color, i) => ({ color, from: breaks[i] ?? min, to: breaks[i + 1] ?? max }));
  const colorOf = (value: number | null | undefined) => {
    if (typeof value !== "number" || !Number.isFinite(value)) return null;
    for (let i = classes.length - 1; i >= 0; i--) {
      const c = classes[i];
      if (c && value >= c.from) return c.color;
    }
    return classes[0]?.color ?? null;
  };
  return { classes, colorOf };
}

/** 69.6 → 70, 127.2 → 130: legend breaks people can read. */
export function roundSignificant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(value))) - digits + 1);
  return Math.round(value / magnitude) * magnitude;
}
