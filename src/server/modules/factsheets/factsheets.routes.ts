import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";

/** Routes of the factsheets module under /api/v1. */
export async function registerFactsheetsRoutes(_app: AppInstance, _ctx: AppContext): Promise<void> {}
