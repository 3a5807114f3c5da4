import { describe, expect, it } from "vitest";
import { issue as facilityIssue } from "../modules/facilities/facilities.rows.js";
import { ISSUE_MESSAGES, makeIssue } from "../modules/seizures/seizures.import-parse.js";
import { RULE_MESSAGES } from "../modules/seizures/seizures.rules.js";
import { issue as trainingIssue } from "../modules/trainings/trainings.import.js";
import { COMMON_IMPORT_MESSAGES } from "./import-messages.js";

const SNAKE = /\b[a-z]+_[a-z_]+\b/;
// Latin unit symbols standing alone in Russian text (the file's own spellings are quoted, not listed).
const LATIN_UNIT = /(?<![\p{L}\d])(kg|g|l|ml|t|USD\/g)(?![\p{L}\d])/u;

describe("import problems reach people as sentences in their language", () => {
  it("the seizure import names a bad date and an unknown country in both languages (issue 19)", () => {
    const date = makeIssue(4, "Date", "31/31/2024", "invalid_date");
    const country = makeIssue(5, "Country", "Narnia", "unknown_country");
    expect(date.message.ru).toMatch(/дата/i);
    expect(date.message.en).toMatch(/date/i);
    expect(country.message.ru).toMatch(/страна/i);
    expect(country.message.en).toMatch(/country/i);
  });

  it("no module shows a code it has no message for", () => {
    for (const made of [
      makeIssue(2, null, null, "some_new_code"),
      trainingIssue(2, null, null, "some_new_code"),
      facilityIssue(2, null, null, "some_new_code"),
    ]) {
      expect(made.message.en).not.toMatch(SNAKE);
      expect(made.message.ru).not.toMatch(SNAKE);
      expect(made.message.ru).toMatch(/[а-я]/);
    }
  });

  it("Russian messages carry no snake_case word and no Latin unit symbol", () => {
    for (const table of [ISSUE_MESSAGES, RULE_MESSAGES, COMMON_IMPORT_MESSAGES]) {
      for (const [code, message] of Object.entries(table)) {
        expect(message.ru, code).not.toMatch(SNAKE);
        expect(message.ru, code).not.toMatch(LATIN_UNIT);
        expect(message.ru, code).not.toBe(code);
      }
    }
  });
});
