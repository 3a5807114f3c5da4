import base from "./en.json";

/**
 * Every English message of the app, in one chunk (messages-en): the base file, each module's file here
 * (`modules/*.en.json`) and the `en` export of each module's own messages file (`pages/<module>/*.messages.ts`,
 * module-messages.ts). Only that export is imported, from this language's own copy of the file (the query below),
 * so the other language's strings stay out of this chunk.
 */
const files = import.meta.glob<Record<string, unknown>>("./modules/*.en.json", { eager: true, import: "default" });
// The query makes this language's copy of each file a module of its own, used by this chunk alone, so tree-shaking
// drops the other export from it; without it the file, used by both bundles, went whole into the shared chunk.
const owned = import.meta.glob<Record<string, unknown>>("../pages/*/*.messages.ts", {
  eager: true,
  import: "en",
  query: "?lang=en",
});
const messages: Record<string, unknown> = Object.assign({}, base, ...Object.values(files), ...Object.values(owned));
export default messages;
