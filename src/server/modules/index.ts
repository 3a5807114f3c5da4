import type { AppInstance } from "../app.js";
import type { AppContext } from "../context.js";
import { registerPlatformRoutes } from "../platform/platform.routes.js";
import { registerAccountsRoutes } from "./accounts/accounts.routes.js";
import { registerDirectoryRoutes } from "./directory/directory.routes.js";
import { registerPartnersRoutes } from "./partners/partners.routes.js";
import { registerRegistrationsRoutes } from "./registrations/registrations.routes.js";
import { registerUsersRoutes } from "./users/users.routes.js";

export interface PlatformModule {
  name: string;
  /** Registers the module's routes under /api/v1. */
  register(app: AppInstance, ctx: AppContext): Promise<void>;
}

/** Every module of the platform, in registration order. A new domain adds one line here. */
export const modules: PlatformModule[] = [
  { name: "platform", register: registerPlatformRoutes },
  { name: "accounts", register: registerAccountsRoutes },
  { name: "partners", register: registerPartnersRoutes },
  { name: "registrations", register: registerRegistrationsRoutes },
  { name: "users", register: registerUsersRoutes },
  { name: "directory", register: registerDirectoryRoutes },
];
