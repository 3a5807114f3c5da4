import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";

/** Routes of the seizures module under /api/v1. */
export async function registerSeizuresRoutes(_app: AppInstance, _ctx: AppContext): Promise<void> {}
