import type { Abilities } from "../../../common/platform.js";
import type { PROJECT_ACTIONS } from "../../../common/projects.js";
import { can, canActOnPartner, type Permission, type Principal } from "../../http/access-policy.js";
import type { Viewer } from "./projects.search-repository.js";

/**
 * The project policy: who may read a project, edit it, take a workflow step, see a duplication alert, and manage
 * the reference lists of the figures (parties, exchange rates). The routes require the permission, the services ask
 * this for the record, and `projectAbilities` sends the same answers to the web as `can`.
 */
type Row = { workflow: string; partner_code: string };

/** Whoever asks: a signed-in principal, or a digest's recipient (their partner and their role's permissions). */
export type Reader = { user: { partnerCode: string | null } | null; permissions: ReadonlySet<Permission> };

/** Every partner's projects, drafts included (in lists and figures); others see published ones and their partner's. */
export const seesAllProjects = (p: Pick<Reader, "permissions">): boolean => p.permissions.has("partners:all");

export function viewerOf(principal: Principal): Viewer {
  return { all: seesAllProjects(principal), partnerCode: principal.user?.partnerCode ?? null };
}

/** Who may open a project: `partners:all` any, other members published ones and their own partner's. */
export function canReadProject(reader: Reader, row: Row): boolean {
  if (!reader.user) return false;
  if (seesAllProjects(reader)) return true;
  return row.workflow === "published" || reader.user.partnerCode === row.partner_code;
}

/** Editing: `projects:write` on the own partner's projects (any with `partners:all`); archived ones only with it. */
export function canEditProject(principal: Principal, row: Row): boolean {
  if (!can(principal, "projects:write")) return false;
  if (row.workflow === "archived" && !seesAllProjects(principal)) return false;
  return canActOnPartner(principal, row.partner_code);
}

/** A workflow step: an editor's step (submit, withdraw…) for whoever may edit, a reviewer's for `partners:all`. */
export function canTakeStep(principal: Principal, row: Row, who: "editor" | "coordinator"): boolean {
  return who === "coordinator" ? seesAllProjects(principal) : canEditProject(principal, row);
}

/** Creating a project or a need for a partner, or editing a need: `projects:write` for that partner. */
export function canWriteForPartner(principal: Principal, partnerCode: string): boolean {
  return can(principal, "projects:write") && canActOnPartner(principal, partnerCode);
}

/**
 * Who may see a duplication alert at all: `partners:all`, and users of a partner owning one of its projects (each
 * project is then named only to those who may read it, `canReadProject`). Also the rule of the digests.
 */
export function canViewAlert(principal: Principal, projects: readonly { partner_code: string }[]): boolean {
  if (seesAllProjects(principal)) return true;
  return projects.some((p) => principal.user?.partnerCode === p.partner_code);
}

/** The figures' reference lists: parties and their spellings, exchange rates. */
export const managesProjectReference = (principal: Principal): boolean => can(principal, "reference:manage");

export function projectAbilities(principal: Principal, row: Row): Abilities<(typeof PROJECT_ACTIONS)[number]> {
  return { edit: canEditProject(principal, row), review: canTakeStep(principal, row, "coordinator") };
}

export function needAbilities(principal: Principal, row: { partner_code: string }): Abilities<"edit"> {
  return { edit: canWriteForPartner(principal, row.partner_code) };
}
