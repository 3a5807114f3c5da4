import base from "./ru.json";

/**
 * Every Russian message of the app, in one chunk (messages-ru): the base file, each module's file here
 * (`modules/*.ru.json`) and the `ru` export of each module's own messages file (`pages/<module>/*.messages.ts`,
 * module-messages.ts). Only that export is imported, so the other language's strings stay out of this chunk.
 */
const files = import.meta.glob<Record<string, unknown>>("./modules/*.ru.json", { eager: true, import: "default" });
const owned = import.meta.glob<Record<string, unknown>>("../pages/*/*.messages.ts", { eager: true, import: "ru" });
const messages: Record<string, unknown> = Object.assign({}, base, ...Object.values(files), ...Object.values(owned));
export default messages;
