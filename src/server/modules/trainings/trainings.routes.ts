import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";

/** Routes of the trainings module under /api/v1. */
export async function registerTrainingsRoutes(_app: AppInstance, _ctx: AppContext): Promise<void> {}
