import { principalFor } from "../http/access-policy.js";
import { SYSTEM_ACTOR } from "./audit.js";

/** The platform acting on its own, with an administrator's rights (a coordinator's reach over every partner). */
function platformAdministrator(name: string) {
  return principalFor(
    {
      id: "00000000-0000-0000-0000-000000000000",
      email: name,
      displayName: name,
      role: "administrator",
      partnerCode: null,
    },
    null,
  );
}

/** Who writes the demo data: the platform itself. */
export const SYSTEM_PRINCIPAL = platformAdministrator("system");

/** Who acts from the command line (`pact …`). */
export const CLI_PRINCIPAL = platformAdministrator("cli");

/** Who the audit log and revisions name for a change made from the command line. */
export const CLI_ACTOR = { ...SYSTEM_ACTOR, label: "cli" };
