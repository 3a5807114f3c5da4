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
  accessMatrix: {
    "GET /api/v1/trainings/courses": "public",
    "POST /api/v1/trainings/courses": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/trainings": "public",
    "POST /api/v1/trainings": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/trainings/:id": "public",
    "PATCH /api/v1/trainings/:id": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/trainings/:id/participants": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/trainings/:id/participants": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/trainings/:id/participants/import": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/trainings/:id/participants/imports": ["liaison_officer", "coordinator", "administrator"],
    "PATCH /api/v1/trainings/participants/:id": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/trainings/persons/suggest": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/trainings/persons/:id": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/trainings/linkage/review": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/trainings/linkage/decisions": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/trainings/linkage/run": ["coordinator", "administrator"],
    "GET /api/v1/trainings/alerts": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/trainings/reports": "public",
    "GET /api/v1/trainings/reports/export": "public",
  },
  routes: async (app, ctx) => (await import("./trainings.routes.js")).registerTrainingsRoutes(app, ctx),
  // Linkage after a change runs as a job of the platform, followed by everyone who changes participants.
  // and the participant-list import on the platform's pipeline.
  jobs: (ctx) => [ctx.trainings.linkage.linkageJob(ctx.jobs), ctx.trainings.participantsImport.job],
  demo: demoTrainings,
  cli: ({ program, imports }, withContext) => registerTrainingsCli(program, imports, withContext),
});
