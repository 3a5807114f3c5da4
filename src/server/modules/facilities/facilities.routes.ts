import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";

/** Routes of the facilities module under /api/v1. */
export async function registerFacilitiesRoutes(_app: AppInstance, _ctx: AppContext): Promise<void> {}
