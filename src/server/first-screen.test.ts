import { describe, expect, it } from "vitest";
import { renderFirstScreen } from "./first-screen.js";

const ADMIN = { email: "admin@paris-pact.local", oneTimePassword: "fdddnwBVtGKdLMeuHsRw", demo: false };
const DEMO = [
  { email: "coordinator@demo.paris-pact.local", oneTimePassword: "vNLmBup65YHj4XeyXLQR", demo: true },
  { email: "liaison.tashkent@demo.paris-pact.local", oneTimePassword: "U2N5dEXraa6cTKFyWgFn", demo: true },
];

describe("the first screen", () => {
  it("prints nothing when no account was created (a restart)", () => {
    expect(renderFirstScreen([], "http://localhost:3000")).toEqual([]);
  });

  it("puts the administrator and the demo accounts in one closed box that fits 80 columns", () => {
    const lines = renderFirstScreen([ADMIN, ...DEMO], "http://localhost:3000");
    const box = lines.filter((l) => l !== "");
    expect(box[0]).toMatch(/^┌─+┐$/);
    expect(box.at(-1)).toMatch(/^└─+┘$/);
    expect(box.slice(1, -1).every((l) => l.startsWith("│ ") && l.endsWith(" │"))).toBe(true);
    expect(new Set(box.map((l) => l.length)).size).toBe(1);
    expect(box[0]?.length).toBeLessThanOrEqual(80);
    expect(lines.filter((l) => l.startsWith("┌"))).toHaveLength(1);
    const text = lines.join("\n");
    expect(text).toContain("shown only now");
    expect(text).toContain("changed at first sign-in");
    expect(text).toContain(ADMIN.oneTimePassword);
    for (const c of DEMO) expect(text).toMatch(new RegExp(`${c.email}\\s+${c.oneTimePassword}`));
    expect(text).toContain("Sign in at http://localhost:3000");
  });

  it("keeps the labels scripts read the administrator's password by, ahead of the demo accounts", () => {
    const text = renderFirstScreen([ADMIN, ...DEMO]).join("\n");
    expect(/e-mail:\s+(\S+)/.exec(text)?.[1]).toBe(ADMIN.email);
    expect(/one-time password:\s+(\S+)/.exec(text)?.[1]).toBe(ADMIN.oneTimePassword);
  });

  it("shows demo accounts alone when the administrator already existed", () => {
    const text = renderFirstScreen(DEMO).join("\n");
    expect(text).toContain("Demo accounts");
    expect(text).not.toContain("First administrator");
    expect(renderFirstScreen([ADMIN]).join("\n")).not.toContain("Demo accounts");
  });
});
