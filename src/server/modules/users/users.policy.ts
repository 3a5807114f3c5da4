import { type Role, SYSTEM_ROLE } from "../../../common/platform.js";
import { can, type Principal } from "../../http/access-policy.js";
import { AppError } from "../../http/errors.js";

/**
 * The user-account policy (the routes require `users:manage`). Least privilege: a change that gives or takes the
 * administrator role, or touches an administrator's account, needs `system:manage`; nobody changes their own role
 * or status. Refused with 403 before anything is validated or written.
 */
type Account = { id: string | null; role: Role; status: string };

/** Whether the role is the one that holds `system:manage` (so only its holders may give it or touch its accounts). */
const isSystemRole = (role: Role): boolean => role === SYSTEM_ROLE;

export function authorizeAccountChange(principal: Principal, current: Account | null, target: Account): void {
  const me = principal.user;
  if (!me) throw new AppError("unauthenticated", 401);
  const touchesAdministrator = (current && isSystemRole(current.role)) || isSystemRole(target.role);
  if (touchesAdministrator && !can(principal, "system:manage")) throw new AppError("administrator_required", 403);
  if (current && current.id === me.id) {
    if (target.role !== current.role) throw new AppError("self_change_forbidden", 403, { field: "role" });
    if (target.status !== current.status) throw new AppError("self_change_forbidden", 403, { field: "status" });
  }
}
