import { IconBuildingHospital } from "../../components/icons.js";
import type { WebModule } from "../../modules.js";
import { facilitiesRoutes } from "./facilities.routes.js";

export const facilitiesModule = {
  name: "facilities",
  routes: facilitiesRoutes,
  navigation: [{ key: "facilities", to: "/facilities", labelKey: "nav.facilities", icon: IconBuildingHospital }],
} satisfies WebModule;
