import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { AuditService } from "../../platform/audit.js";
import type { JobService } from "../../platform/jobs.js";
import type { MailService } from "../../platform/mail.js";
import type { SecretBox } from "../../platform/secret-box.js";
import type { AccountsService } from "../accounts/accounts.service.js";
import { factsheetsDigestSource } from "../factsheets/factsheets.digest.js";
import { meetingsDigestSources } from "../meetings/meetings.digest.js";
import { projectsDigestSource } from "../projects/projects.digest.js";
import type { DuplicatesService } from "../projects/projects.duplicates.js";
import type { TermsService } from "../registrations/terms.service.js";
import { seizuresDigestSource } from "../seizures/seizures.digest.js";
import type { SeizuresService } from "../seizures/seizures.service.js";
import { trainingsDigestSource } from "../trainings/trainings.digest.js";
import type { UsersService } from "../users/users.service.js";
import { DigestsService } from "./digests.service.js";
import { UNSUBSCRIBE_PURPOSE, UnsubscribeTokens } from "./digests.token.js";

/** Builds the digests with every module's source: each module brings its records and its own read rules. */
export function createDigests(
  db: Kysely<DB>,
  deps: {
    mail: MailService;
    jobs: JobService;
    audit: AuditService;
    users: Pick<UsersService, "countryScopesOfMany">;
    accounts: Pick<AccountsService, "twoFactorReady">;
    terms: Pick<TermsService, "acceptedAllAmong">;
    duplicates: Pick<DuplicatesService, "threshold">;
    seizures: Pick<SeizuresService, "audienceOf">;
    secrets: SecretBox;
    publicUrl: string;
    log: FastifyBaseLogger;
  },
): DigestsService {
  return new DigestsService(db, {
    sources: [
      ...meetingsDigestSources(db),
      projectsDigestSource(db, deps.duplicates),
      seizuresDigestSource(db, deps.seizures),
      factsheetsDigestSource(db),
      trainingsDigestSource(db),
    ],
    mail: deps.mail,
    jobs: deps.jobs,
    audit: deps.audit,
    tokens: new UnsubscribeTokens(() => deps.secrets.derivedKey(UNSUBSCRIBE_PURPOSE)),
    scopesOfMany: (ids) => deps.users.countryScopesOfMany(ids),
    // The rules of the security hook: no protected data before the current terms are accepted and, for the roles
    // that require it, before two-factor enrolment.
    eligible: async (users) => {
      const [terms, twoFactor] = await Promise.all([
        deps.terms.acceptedAllAmong(users.map((u) => u.id)),
        deps.accounts.twoFactorReady(users),
      ]);
      return new Set(users.map((u) => u.id).filter((id) => terms.has(id) && twoFactor.has(id)));
    },
    publicUrl: deps.publicUrl,
    log: deps.log,
  });
}
