import { TILE_MAX } from "../../../common/analyses.js";

/** A tile's place on the 3-column grid. */
export interface Sized {
  width: number;
  height: number;
}

/** The tiles with the one at `from` moved to `to`; null when the move goes nowhere (an edge, the same place). */
export function moveTile<T>(tiles: readonly T[], from: number, to: number): T[] | null {
  if (from === to || from < 0 || to < 0 || from >= tiles.length || to >= tiles.length) return null;
  const next = [...tiles];
  const [tile] = next.splice(from, 1);
  next.splice(to, 0, tile as T);
  return next;
}

/** The tiles with the one at `index` grown or shrunk, kept within 1…TILE_MAX; null when nothing would change. */
export function resizeTile<T extends Sized>(tiles: readonly T[], index: number, dw: number, dh: number): T[] | null {
  const tile = tiles[index];
  if (!tile) return null;
  const width = Math.min(TILE_MAX, Math.max(1, tile.width + dw));
  const height = Math.min(TILE_MAX, Math.max(1, tile.height + dh));
  if (width === tile.width && height === tile.height) return null;
  return tiles.map((t, i) => (i === index ? { ...t, width, height } : t));
}
