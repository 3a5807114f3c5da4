import base from "./en.json";

/** Every English message of the app: the base file and each module's file, in one chunk (messages-en). */
const modules = import.meta.glob<Record<string, unknown>>("./modules/*.en.json", { eager: true, import: "default" });
const messages: Record<string, unknown> = Object.assign({}, base, ...Object.values(modules));
export default messages;
