import { IconBriefcase } from "../../components/icons.js";
import type { WebModule } from "../../modules.js";
import { projectsRoutes } from "./projects.routes.js";

export const projectsModule = {
  name: "projects",
  routes: projectsRoutes,
  navigation: [
    { key: "projects", to: "/projects", labelKey: "projects.nav", icon: IconBriefcase, permission: "member:read" },
  ],
} satisfies WebModule;
