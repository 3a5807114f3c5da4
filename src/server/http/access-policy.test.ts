import { describe, expect, it } from "vitest";
import { canActOnPartner, canSee, principalFor, VISITOR } from "./access-policy.js";

const user = (role: "member" | "focal_point" | "coordinator", partnerCode: string | null, id = "u1") =>
  principalFor({ id, email: `${id}@x.org`, displayName: id, role, partnerCode }, null);

describe("record-level rules", () => {
  it("lets a focal point act only on their own partner; coordinators on all", () => {
    expect(canActOnPartner(user("focal_point", "TJK"), "TJK")).toBe(true);
    expect(canActOnPartner(user("focal_point", "TJK"), "UZB")).toBe(false);
    expect(canActOnPartner(user("coordinator", null), "UZB")).toBe(true);
    expect(canActOnPartner(VISITOR, "TJK")).toBe(false);
  });

  it("applies sharing levels", () => {
    const member = user("member", "TJK");
    expect(canSee(VISITOR, "public")).toBe(true);
    expect(canSee(VISITOR, "members")).toBe(false);
    expect(canSee(member, "members")).toBe(true);
    expect(canSee(member, "partner", { partnerCode: "TJK" })).toBe(true);
    expect(canSee(member, "partner", { partnerCode: "UZB" })).toBe(false);
    expect(canSee(member, "restricted")).toBe(false);
    expect(canSee(member, "restricted", { ownerId: "u1" })).toBe(true);
    expect(canSee(member, "restricted", { roles: ["member"] })).toBe(true);
    expect(canSee(user("coordinator", null), "restricted")).toBe(true);
  });
});
