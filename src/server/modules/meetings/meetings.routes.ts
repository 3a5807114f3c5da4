import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";

/** Routes of the meetings module under /api/v1. */
export async function registerMeetingsRoutes(_app: AppInstance, _ctx: AppContext): Promise<void> {}
