import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";

/** Routes of the projects module under /api/v1. */
export async function registerProjectsRoutes(_app: AppInstance, _ctx: AppContext): Promise<void> {}
