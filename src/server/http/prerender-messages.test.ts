import { describe, expect, it } from "vitest";
import { en, ru } from "../../web/pages/translations/translations.messages.js";
import { translator } from "./prerender.js";

describe("the first screen's messages", () => {
  it("include each module's own messages file (web/pages/<module>/*.messages.ts), in each language", () => {
    expect(translator("en")("translations.nav")).toBe(en.translations.nav);
    expect(translator("ru")("translations.nav")).toBe(ru.translations.nav);
    expect(translator("ru")("translations.nav")).not.toBe(en.translations.nav);
    // The base file and the modules' JSON files still reach it.
    expect(translator("en")("app.name")).not.toBe("app.name");
    expect(translator("en")("no.such.key")).toBe("no.such.key");
  });
});
