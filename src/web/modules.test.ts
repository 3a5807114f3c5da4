import { QueryClient } from "@tanstack/react-query";
import { createRoute } from "@tanstack/react-router";
import { describe, expect, it } from "vitest";
import { IconPill } from "./components/icons.js";
import { moduleRoutes, type WebModule, webModules } from "./modules.js";
import { navItems, navItemsOf } from "./navigation.js";
import { rootRoute } from "./root-route.js";
import { createAppRouter } from "./router.js";

describe("web module manifests", () => {
  it("bring every module's pages to the router", () => {
    const router = createAppRouter(new QueryClient());
    const paths = Object.keys(router.routesByPath);
    for (const m of webModules) {
      expect(m.routes.length, m.name).toBeGreaterThan(0);
      for (const route of m.routes) expect(paths, `${m.name} ${route.fullPath}`).toContain(route.fullPath);
    }
    expect(moduleRoutes.length).toBe(webModules.reduce((n, m) => n + m.routes.length, 0));
    // The directory came out of router.tsx into its module; the platform's own pages stay.
    expect(paths).toEqual(expect.arrayContaining(["/directory", "/", "/partners", "/admin/users"]));
  });

  it("bring every module's menu entries, portal first and administration last, in the list's order", () => {
    const keys = navItems().map((i) => i.key);
    expect(keys.slice(0, 5)).toEqual(["home", "pillars", "partners", "routes", "programme"]);
    // The modules' entries come from their manifests, in the list's order, so a new module needs no edit here;
    // the platform's own entries are fixed, and so is the existing modules' menu (below).
    const ofModules = (admin: boolean) =>
      webModules
        .flatMap((m): readonly { key: string; admin?: boolean }[] => m.navigation)
        .filter((e) => !!e.admin === admin)
        .map((e) => e.key);
    expect(keys).toEqual([
      ...["home", "pillars", "partners", "routes", "programme"],
      ...ofModules(false),
      ...["registrations", "registration-stats", "admin-users", "admin-audit"],
      ...ofModules(true),
    ]);
    // The existing modules' entries keep their order; a new module's entries may stand among them.
    const existing = [
      ...["meetings", "recommendations", "news", "seizures", "factsheets", "facilities", "trainings", "directory"],
      ...["projects", "analyses", "dashboards"],
      ...["admin-report-schedules", "admin-digests", "admin-translations"],
    ];
    expect(keys.filter((k) => existing.includes(k))).toEqual(existing);
  });

  it("place a new module's menu entries with no other edit", () => {
    const widgetsRoute = createRoute({ getParentRoute: () => rootRoute, path: "/widgets", component: () => null });
    const widgets: WebModule = {
      name: "widgets",
      routes: [widgetsRoute],
      navigation: [
        { key: "widgets", to: "/widgets", labelKey: "nav.home", icon: IconPill, permission: "member:read" },
        { key: "admin-widgets", to: "/admin/widgets", labelKey: "nav.home", icon: IconPill, admin: true },
      ],
    };
    const keys = navItemsOf([...webModules, widgets]).map((i) => i.key);
    // Right after the last listed module's own (not administration) entries, whichever module that is.
    const lastOwn = webModules.flatMap((m) => m.navigation.filter((n) => !("admin" in n && n.admin))).at(-1);
    expect(keys.indexOf("widgets")).toBe(keys.indexOf(lastOwn?.key ?? "") + 1);
    expect(keys.indexOf("widgets")).toBeGreaterThan(keys.indexOf("dashboards"));
    expect(keys.at(-1)).toBe("admin-widgets");
    expect(navItemsOf([widgets]).find((i) => i.key === "admin-widgets")).not.toHaveProperty("admin");
  });
});
