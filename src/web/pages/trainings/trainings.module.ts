import { IconSchool } from "../../components/icons.js";
import type { WebModule } from "../../modules.js";
import { trainingsRoutes } from "./trainings.routes.js";

export const trainingsModule = {
  name: "trainings",
  routes: trainingsRoutes,
  navigation: [{ key: "trainings", to: "/trainings", labelKey: "nav.trainings", icon: IconSchool }],
} satisfies WebModule;
