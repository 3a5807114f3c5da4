import fs from "node:fs";
import path from "node:path";

/** The server's source folder (src/server), read by the tests that check rules in the sources themselves. */
export const SERVER_SOURCES = path.resolve(import.meta.dirname, "../src/server");

/** The source files below `dir`, depth first: its .ts files (and .tsx ones with `tsx`), test files left out. */
export function sourceFiles(dir: string, options: { tsx?: boolean } = {}): string[] {
  const source = options.tsx ? /\.tsx?$/ : /\.ts$/;
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(file, options);
    return source.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [file] : [];
  });
}
