import type { Abilities } from "../../../common/platform.js";
import type { TRAINING_ACTIONS } from "../../../common/trainings.js";
import { can, canActOnCountry, countryScopesOf, type Principal } from "../../http/access-policy.js";

/**
 * The training policy. Who organizes a training and so may read and edit its participants (personal data): with
 * `trainings:personal`, every training under `countries:all`; a liaison officer's trainings in their scopes; for
 * a training without a country, its creator. Sharing the organizer partner gives nothing (every UNODC liaison
 * officer would otherwise read every UNODC training's participants). The answer reaches the web as `can.manage`.
 */
export async function canManageTraining(
  principal: Principal,
  training: { created_by: string | null; country: string | null },
  scopesOfUser: (userId: string) => Promise<string[]>,
): Promise<boolean> {
  const user = principal.user;
  if (!user || !can(principal, "trainings:personal")) return false;
  if (can(principal, "countries:all")) return true;
  if (!training.country) return training.created_by === user.id;
  return canActOnCountry(principal, training.country, await countryScopesOf(principal, scopesOfUser));
}

export async function trainingAbilities(
  principal: Principal,
  training: { created_by: string | null; country: string | null },
  scopesOfUser: (userId: string) => Promise<string[]>,
): Promise<Abilities<(typeof TRAINING_ACTIONS)[number]>> {
  return { manage: await canManageTraining(principal, training, scopesOfUser) };
}
