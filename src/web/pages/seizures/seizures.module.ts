import { IconPill } from "../../components/icons.js";
import type { WebModule } from "../../modules.js";
import { seizuresRoutes } from "./seizures.routes.js";

export const seizuresModule = {
  name: "seizures",
  routes: seizuresRoutes,
  navigation: [{ key: "seizures", to: "/seizures", labelKey: "nav.dmp", icon: IconPill }],
} satisfies WebModule;
