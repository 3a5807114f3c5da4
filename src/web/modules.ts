import type { AnyRoute } from "@tanstack/react-router";
import type { NavItem } from "./navigation.js";
import { analysesModule } from "./pages/analyses/analyses.module.js";
import { digestsModule } from "./pages/digests/digests.module.js";
import { directoryModule } from "./pages/directory/directory.module.js";
import { facilitiesModule } from "./pages/facilities/facilities.module.js";
import { factsheetsModule } from "./pages/factsheets/factsheets.module.js";
import { meetingsModule } from "./pages/meetings/meetings.module.js";
import { projectsModule } from "./pages/projects/projects.module.js";
import { seizuresModule } from "./pages/seizures/seizures.module.js";
import { trainingsModule } from "./pages/trainings/trainings.module.js";
import { translationsModule } from "./pages/translations/translations.module.js";

/**
 * A module's part of the web app, the counterpart of its server manifest: its pages (routes under the root route)
 * and its menu entries. `navigation` entries with `admin` stand after the platform's own administration entries.
 */
export interface WebModule {
  name: string;
  routes: readonly AnyRoute[];
  navigation: readonly (NavItem & { admin?: boolean })[];
}

/** Every module of the web app, in menu order. A new module adds one line here (docs/architecture.md). */
export const webModules = [
  meetingsModule,
  seizuresModule,
  factsheetsModule,
  facilitiesModule,
  trainingsModule,
  directoryModule,
  projectsModule,
  analysesModule,
  digestsModule,
  translationsModule,
] as const satisfies readonly WebModule[];

/**
 * The modules' pages, for the router. Each route keeps its own type (the union of every module's routes), so links
 * and `useSearch` stay checked against the paths and search schemas; `flatMap` alone cannot infer that union.
 */
export const moduleRoutes = webModules.flatMap((m): readonly AnyRoute[] => m.routes) as ModuleRoute[];
type ModuleRoute = (typeof webModules)[number]["routes"][number];
