/**
 * A module's web messages live in its own folder, `src/web/pages/<module>/<module>.messages.ts`, as two exports:
 *
 *   export const en = { notes: { nav: "Notes" } };
 *   export const ru: Translation<typeof en> = { notes: { nav: "Заметки" } };
 *
 * `Translation` makes a missing, misspelt or extra Russian key a type error. Each language's bundle
 * (bundle.<lang>.ts) imports only its own export of every such file, so the English strings are left out of the
 * Russian chunk and the other way round (the unused export is dropped by tree-shaking). The messages sit under one
 * top-level key of the module's own; the i18n tests check that no two files define the same one.
 */
export type Translation<T> = { readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
