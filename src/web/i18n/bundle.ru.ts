import base from "./ru.json";

/** Every Russian message of the app: the base file and each module's file, in one chunk (messages-ru). */
const modules = import.meta.glob<Record<string, unknown>>("./modules/*.ru.json", { eager: true, import: "default" });
const messages: Record<string, unknown> = Object.assign({}, base, ...Object.values(modules));
export default messages;
