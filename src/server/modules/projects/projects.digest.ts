import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { DigestCandidate, DigestSource } from "../digests/digests.sources.js";
import { ProjectsDigestRepository } from "./projects.digest-repository.js";
import { alertTitle, type DuplicatesService } from "./projects.duplicates.js";
import { canReadProject, canViewAlert } from "./projects.policy.js";

/**
 * ADAM in the digests (subject "projects"): projects changed in the window, for whom `canReadProject` lets open
 * them, and new duplication alerts over the model's threshold, for whom `canViewAlert` lets see them, naming
 * only the projects they may read (`alertTitle`), as the alert's own notification does.
 */
export function projectsDigestSource(db: Kysely<DB>, duplicates: Pick<DuplicatesService, "threshold">): DigestSource {
  const repo = new ProjectsDigestRepository(db);
  return {
    module: "projects",
    async collect(window) {
      const [projects, alerts] = await Promise.all([
        repo.projects(window),
        duplicates.threshold().then((threshold) => repo.alerts(window, threshold)),
      ]);
      const out: DigestCandidate[] = projects.map((p) => ({
        module: "projects",
        id: p.id,
        at: new Date(p.updated_at),
        createdAt: new Date(p.created_at),
        pillars: [],
        countries: p.countries,
        presentTo: (viewer) =>
          canReadProject(viewer.principal, p)
            ? {
                title: p.title,
                detail: { en: p.code, ru: p.code },
                link: `/projects/${p.id}`,
                change: "updated",
              }
            : null,
      }));
      for (const a of alerts) {
        const pair = [
          { code: a.a_code, title: a.a_title, partner_code: a.a_partner, workflow: a.a_workflow },
          { code: a.b_code, title: a.b_title, partner_code: a.b_partner, workflow: a.b_workflow },
        ];
        out.push({
          module: "projects",
          id: a.id,
          at: new Date(a.detected_at),
          pillars: [],
          // No country filter: one matching the countries of a project the reader may not open would tell them of it.
          countries: [],
          presentTo: (viewer) => {
            if (!canViewAlert(viewer.principal, pair)) return null;
            const visible = pair.map((p) => canReadProject(viewer.principal, p));
            return { title: alertTitle(pair, visible), link: `/projects/duplicates?alert=${a.id}`, change: "new" };
          },
        });
      }
      return out;
    },
  };
}
