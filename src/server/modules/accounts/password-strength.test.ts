import { describe, expect, it } from "vitest";
import { passwordStrengthProblem } from "./password-strength.js";
import { passwordProblem } from "./passwords.js";

describe("password policy", () => {
  it("refuses by length, e-mail, common passwords and weak patterns, with a stable reason", () => {
    expect(passwordProblem("short one", "anna@example.org")).toBe("too_short");
    expect(passwordProblem("x".repeat(1025), "anna@example.org")).toBe("too_long");
    expect(passwordProblem("Anna.Weber likes mountain tea", "anna.weber@example.org")).toBe("contains_email");
    expect(passwordProblem("password1234", "anna@example.org")).toBe("too_common");
    expect(passwordProblem("qwertyuiop12", "anna@example.org")).toBe("too_common");
    expect(passwordProblem("aaaaaaaaaaaa", "anna@example.org")).toBe("too_weak");
    expect(passwordProblem("abcdefghijkl", "anna@example.org")).toBe("too_weak");
  });

  it("accepts a long passphrase, and very long ones quickly", () => {
    expect(passwordProblem("seven quiet rivers under snow", "anna@example.org")).toBeNull();
    expect(passwordProblem("xK9#mLp2$vQw", "anna@example.org")).toBeNull();
    const started = Date.now();
    expect(passwordStrengthProblem(`${"seven quiet rivers under snow ".repeat(34)}`.slice(0, 1024), [])).toBeNull();
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("weighs the person's name as a guessable word", () => {
    expect(passwordStrengthProblem("rakhimovfarkhod", ["farkhod.rakhimov@example.tj", "Farkhod Rakhimov"])).toBe(
      "too_weak",
    );
  });
});
