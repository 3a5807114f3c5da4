import { defineModule } from "../manifest.js";
import { registerTrainingsCli } from "./trainings.cli.js";
import { demoTrainings } from "./trainings.demo.js";

/** Training database: trainings, participants, person linkage, repeat alerts, reports. */
export const trainingsModule = defineModule({
  name: "trainings",
  tables: [
    "training_courses",
    "trainings",
    "training_persons",
    "training_participants",
    "training_link_decisions",
    "training_link_reviews",
    "training_repeat_alerts",
  ],
  routes: async (app, ctx) => (await import("./trainings.routes.js")).registerTrainingsRoutes(app, ctx),
  // Linkage after a change runs as a job of the platform, followed by everyone who changes participants.
  // and the participant-list import on the platform's pipeline.
  jobs: (ctx) => [ctx.trainings.linkage.linkageJob(ctx.jobs), ctx.trainings.participantsImport.job],
  demo: demoTrainings,
  cli: ({ program, imports }, withContext) => registerTrainingsCli(program, imports, withContext),
});
