import { IconLanguage } from "../../components/icons.js";
import type { WebModule } from "../../modules.js";
import { translationsRoutes } from "./translations.routes.js";

export const translationsModule = {
  name: "translations",
  routes: translationsRoutes,
  navigation: [
    {
      key: "admin-translations",
      to: "/admin/translations",
      labelKey: "translations.nav",
      icon: IconLanguage,
      permission: "translations:manage",
      admin: true,
    },
  ],
} satisfies WebModule;
