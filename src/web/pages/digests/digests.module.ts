import { IconMail } from "../../components/icons.js";
import type { WebModule } from "../../modules.js";
import { digestsRoutes } from "./digests.routes.js";

export const digestsModule = {
  name: "digests",
  routes: digestsRoutes,
  navigation: [
    {
      key: "admin-digests",
      to: "/admin/digests",
      labelKey: "digests.nav",
      icon: IconMail,
      permission: "users:manage",
      admin: true,
    },
  ],
} satisfies WebModule;
