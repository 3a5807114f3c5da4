import type { DigestModule } from "../../../common/digests.js";
import type { Principal } from "../../http/access-policy.js";

type Text = { en?: string; ru?: string };

/** Who a digest is for: the principal their session would have, and their country scopes (liaison officers). */
export interface DigestViewer {
  principal: Principal;
  /** `user_country_scopes` of the user (empty for other roles). */
  scopes: readonly string[];
  /** The countries the user follows: the chosen ones, their partner when it is a country, and their scopes. */
  homeCountries: readonly string[];
}

/** What one reader sees of a record: only ever built after the module's own read rule let them see it. */
export interface DigestEntry {
  title: Text;
  detail?: Text;
  /** A path in the web app; made absolute with PUBLIC_URL. */
  link: string;
  change: "new" | "updated";
}

/** A record changed in the run's window, collected once per run for every reader. */
export interface DigestCandidate {
  module: DigestModule;
  id: string;
  /** When it changed (published, created, updated, detected). */
  at: Date;
  /** When a record that can change was created: the digest marks it new or updated against the reader's own window. */
  createdAt?: Date;
  pillars: readonly number[];
  countries: readonly string[];
  /**
   * The module's read rule for this reader: null when they may not see the record, else what they see of it.
   * `prepared` is what the source's `prepare` gave for this reader (undefined without one).
   */
  presentTo(viewer: DigestViewer, prepared?: unknown): DigestEntry | null;
}

/**
 * A module's contribution to the digests: the records that changed in a window, each with its read rule. A
 * module implements it in `<module>.digest.ts` beside its service, with the module's own rules.
 */
export interface DigestSource {
  module: DigestModule;
  collect(window: { since: Date; until: Date }): Promise<DigestCandidate[]>;
  /**
   * Once per reader, when the module's rule needs more than the viewer (it may read the database: count it in
   * the queries per user). Called only for readers who chose the module and when there is something to show.
   */
  prepare?(viewer: DigestViewer): Promise<unknown>;
}
