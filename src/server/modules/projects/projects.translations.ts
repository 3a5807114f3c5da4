import { type LocalizedText, LocalizedTextSchema } from "../../../common/localized.js";
import { NeedInputSchema, type Project, ProjectInputSchema } from "../../../common/projects.js";
import { validationFailed } from "../../http/errors.js";
import type { TranslationSource } from "../translations/translations.sources.js";
import type { ProjectsModule } from "./projects.module.js";

/**
 * A project's update replaces the whole record, so the translation is saved as the project read now with the
 * filled title or summary: every other field goes back unchanged through the same validation.
 */
function projectInput(p: Project, values: Record<string, LocalizedText>) {
  const summary = values.summary ?? p.summary;
  const parsed = ProjectInputSchema.safeParse({
    partnerCode: p.partnerCode,
    title: values.title ?? p.title,
    ...(LocalizedTextSchema.safeParse(summary).success ? { summary } : {}),
    donorRef: p.donorRef,
    iatiIdentifier: p.iatiIdentifier,
    stage: p.stage,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    actualStart: p.actualStart,
    actualEnd: p.actualEnd,
    dacCodes: p.dacCodes,
    themes: p.themes,
    pillars: p.pillars,
    commitments: p.commitments,
    transactions: p.transactions.map((f) => ({
      type: f.type,
      donorCode: f.donorCode,
      donorName: f.donorName,
      amount: f.amount,
      currency: f.currency,
      date: f.date,
    })),
    locations: p.locations,
    organizations: p.organizations,
    contacts: p.contacts,
    links: p.links.map((l) => ({ entityType: l.entityType, entityId: l.entityId })),
    externalDocuments: p.externalDocuments,
  });
  if (!parsed.success) {
    // The stored project no longer passes the form's rules (older data): it must be corrected in its own form.
    throw validationFailed([
      {
        path: "body",
        code: "record_needs_editing",
        messages: {
          en: "This project must first be corrected in its own form; open it from the queue",
          ru: "Этот проект сначала нужно исправить в его собственной форме; откройте его из очереди",
        },
      },
    ]);
  }
  return parsed.data;
}

/** ADAM in the translation queue: projects (title, summary) and needs (description), not archived. */
export function projectsTranslationSources(p: ProjectsModule): TranslationSource[] {
  return [
    {
      module: "projects",
      table: "projects",
      titleColumn: "title",
      fields: ["title", "summary"],
      editable: "workflow <> 'archived'",
      link: (id) => `/projects/${id}`,
      async save(id, version, values, principal, actor) {
        const current = await p.projects.get(id, principal);
        await p.projects.update(id, { ...projectInput(current, values), version }, principal, actor);
      },
    },
    {
      module: "needs",
      table: "project_needs",
      titleColumn: "description",
      fields: ["description"],
      editable: "archived_at is null",
      link: () => "/projects/gaps",
      async save(id, version, values, principal, actor) {
        const need = await p.needs.get(id, principal);
        const input = NeedInputSchema.parse({
          partnerCode: need.partnerCode,
          country: need.country,
          pillar: need.pillar,
          theme: need.theme,
          description: values.description ?? need.description,
          priority: need.priority,
          periodStart: need.periodStart,
          periodEnd: need.periodEnd,
        });
        await p.needs.update(id, { ...input, version }, principal, actor);
      },
    },
  ];
}
