import { createHash } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import {
  type AggregateResult,
  type AggregateRow,
  DMP_TERMS_VERSION,
  type DmpTerms,
  DRUGS,
  type Seizure,
  type SeizureCorrection,
  type SeizureImportResult,
  type SeizureInputParsed,
  type SeizureListQuery,
  type SeizureUpdate,
  SUPPRESSION_THRESHOLD,
  type Transition,
} from "../../../common/seizures.js";
import type { Database } from "../../db/database.js";
import type { DB } from "../../db/schema.js";
import { canActOnCountry, countryScopesOf, type Principal } from "../../http/access-policy.js";
import { AppError, forbidden, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { JobDefinition, JobService } from "../../platform/jobs.js";
import type { NotificationService } from "../../platform/notifications.js";
import { presentRevision, type RevisionService } from "../../platform/revisions.js";
import type { SearchDocument, SearchService } from "../../platform/search.js";
import type { UsersService } from "../users/users.service.js";
import {
  type AggregateSpec,
  type Audience,
  aggregateSeizures,
  PUBLIC_RULE,
  PublicGrid,
} from "./seizures.aggregates.js";
import { detectAnomalies } from "./seizures.alerts.js";
import { aggregateRecordsPg, needsRecords, type RecordSpec } from "./seizures.analytics.js";
import { columnarJob, SeizureColumnarCopy } from "./seizures.columnar.js";
import { toColumns } from "./seizures.columns.js";
import { type ImportInput, type ImportOptions, importSeizures, seizureImportModule } from "./seizures.import.js";
import { ownedByCountry, ownerPartnerAfterEdit, ownerPartnerOf } from "./seizures.owner.js";
import { audienceFor, canViewSeizure, enteredBy, seesAllSeizures, seizureAbilities } from "./seizures.policy.js";
import { presentSeizure, snapshotOf } from "./seizures.present.js";
import { type SeizureCriteria, type SeizureRow, SeizuresRepository, type Visibility } from "./seizures.repository.js";
import { checkSeizure, type RuleIssue, unconfirmed } from "./seizures.rules.js";
import { DMP_TERMS_TEXT } from "./seizures.terms.js";
import { SeizureSettingsService } from "./seizures-settings.service.js";

export interface SeizuresDeps {
  audit: AuditService;
  revisions: RevisionService;
  search: SearchService;
  notifications: NotificationService;
  users: UsersService;
  log: FastifyBaseLogger;
  /** The read replica for dashboards and aggregates (DATABASE_READ_URL); the primary when absent. */
  readDb?: Kysely<DB>;
  /** Background jobs (indexing a large publication for search); absent in tools that do not run jobs. */
  jobs?: JobService;
  /** A transaction on one raw client: imports stream their rows in with COPY. */
  withClientTransaction: Database["withClientTransaction"];
  /**
   * Which engine answers analyses over the records (fields outside the monthly aggregate): DuckDB over the
   * columnar copy (`dir` holds its transfer file) while current, else PostgreSQL. Absent: PostgreSQL only.
   */
  analytics?: { engine: "duckdb" | "postgres"; dir: string };
}

/** How many records of a publication enter the global search at once; a background job indexes the rest. */
const SEARCH_INDEX_LIMIT = 2000;
export const SEARCH_INDEX_JOB = "seizures.search-index";

/** A bulk step changes exactly the number of records the user confirmed, or nothing (the transaction rolls back). */
function requireConfirmedCount(expected: number | undefined, count: number) {
  if (expected === undefined) throw new AppError("count_confirmation_required", 422, { count });
  if (expected !== count) throw new AppError("count_mismatch", 409, { expected, count });
}

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "23505";

/** SHA-256 of a create request as parsed (zod gives its keys in the schema's order): a repeat has the same. */
function requestHash(input: SeizureInputParsed): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

function ruleErrors(issues: RuleIssue[]) {
  return new AppError(
    "validation_failed",
    400,
    undefined,
    issues.map((i) => ({ path: `body.${i.field}`, code: i.code })),
  );
}

/** A published record's search document (members and partners by its sharing level). */
function searchDocument(row: SeizureRow): SearchDocument {
  const kg = row.mass_kg !== null ? `${Math.round(row.mass_kg * 100) / 100} kg` : `${row.quantity} ${row.unit}`;
  return {
    entityType: "seizure",
    entityId: row.id,
    title: {
      en: `${row.drug} ${kg}, ${row.country} ${row.date_text}`,
      ru: `${row.drug} ${kg}, ${row.country} ${row.date_text}`,
    },
    body: [row.place, row.admin_region, row.agency, row.concealment, row.conveyance, row.source_reference]
      .filter(Boolean)
      .join(" "),
    url: `/seizures/records/${row.id}`,
    access: row.sharing === "public" ? "members" : row.sharing,
    partnerCode: row.owner_partner,
  };
}

/**
 * Whether a reader may see the anomaly alerts of a country: coordinators every country's, others those of the
 * countries of their audience (scopes, a country focal point's own). The rule of `alerts` and of the digests.
 */
export function audienceSeesAlertsOf(audience: Audience, country: string): boolean {
  if (audience.kind === "all") return true;
  return audience.kind === "member" && audience.countries.includes(country);
}

/**
 * The DMP's rules: who may enter, validate, publish and correct which seizures; who may see which individual
 * records (always audited); aggregates for everyone, suppressed for visitors; and the monthly aggregate kept in
 * step with every change of a published record.
 */
export class SeizuresService {
  readonly repo: SeizuresRepository;
  /** Revisions, audit entries (reads of records included) and search documents, in the change's transaction. */
  readonly changes: ChangeRecorder;
  /** The countries' DMP settings (four-eyes validation). */
  readonly settings: SeizureSettingsService;
  /** Visitors' figures are cut from this grid, recomputed only when the monthly aggregate changes. */
  private readonly publicGrid = new PublicGrid();
  /** DuckDB's copy of the published records for analyses over any field (null: PostgreSQL answers them). */
  readonly columnar: SeizureColumnarCopy | null;
  /** The build job of that copy, which the manifest lists on every instance (null without the analytics settings). */
  readonly columnarBuild: JobDefinition | null;
  /** The seizure import as a module of the platform's streaming import pipeline (its job: `seizures.jobs.ts`). */
  readonly importModule: ReturnType<typeof seizureImportModule>;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: SeizuresDeps,
  ) {
    this.repo = new SeizuresRepository(db, deps.readDb);
    this.changes = new ChangeRecorder(deps);
    this.importModule = seizureImportModule({ db, repo: this.repo, changes: this.changes });
    const columnarDeps = deps.analytics && {
      db,
      withClientTransaction: deps.withClientTransaction,
      log: deps.log,
      dir: deps.analytics.dir,
    };
    this.columnar =
      columnarDeps && deps.analytics?.engine === "duckdb"
        ? new SeizureColumnarCopy({ ...columnarDeps, jobs: deps.jobs })
        : null;
    // Every instance can build the copy for the others (any worker claims any queued job), whatever its engine.
    this.columnarBuild = columnarDeps && deps.jobs ? columnarJob(deps.jobs, columnarDeps) : null;
    this.settings = new SeizureSettingsService(db, deps);
    deps.notifications.registerKind({
      kind: "seizure_alert",
      label: { en: "Unusual changes in drug seizures", ru: "Необычные изменения в изъятиях наркотиков" },
      defaultInApp: true,
      defaultEmail: true,
    });
    deps.search.registerType("seizure", { en: "Drug seizures", ru: "Изъятия наркотиков" });
  }

  // --- aggregates (used by other modules) -------------------------------------------------------------------

  /** Published seizures summed as asked; see `AggregateSpec`. The API fact sheets and dashboards build on. */
  aggregate(spec: AggregateSpec) {
    const { audience } = spec;
    if (audience.kind !== "public" && needsRecords(spec)) return this.aggregateRecords({ ...spec, audience });
    // Dashboards only (fact sheets read through their own reader on the primary): the replica may serve it.
    return aggregateSeizures(this.deps.readDb ?? this.db, spec, this.publicGrid);
  }

  /**
   * Any filter and grouping over the published records (seizures.analytics.ts): the columnar copy answers when it
   * holds the current records, PostgreSQL otherwise, with the same figures. `engine` forces one (tests, benchmarks).
   */
  async aggregateRecords(spec: RecordSpec, engine?: "duckdb" | "postgres"): Promise<AggregateRow[]> {
    if (engine !== "postgres" && this.columnar) {
      const rows = await this.columnar.answer(spec);
      if (rows) return rows;
      if (engine === "duckdb") {
        await this.columnar.refresh();
        const again = await this.columnar.answer(spec);
        if (again) return again;
        throw new Error("the columnar copy could not answer");
      }
    }
    return aggregateRecordsPg(this.deps.readDb ?? this.db, spec);
  }

  async aggregateResult(spec: AggregateSpec): Promise<AggregateResult> {
    const [rows, latest] = await Promise.all([this.aggregate(spec), this.repo.latestPublished()]);
    return {
      rows,
      suppressionThreshold: SUPPRESSION_THRESHOLD,
      dominanceShare: spec.audience.kind === "public" ? PUBLIC_RULE.dominance : null,
      asOf: latest?.at ? new Date(latest.at).toISOString() : null,
    };
  }

  /** The version of the published records the aggregates and the columnar copy are built from. */
  aggregateVersion(): Promise<string> {
    return this.repo.aggregateVersion();
  }

  async rebuildAggregates() {
    await this.db.transaction().execute((trx) => this.repo.rebuildMonthly(trx));
  }

  // --- access -------------------------------------------------------------------------------------------------

  async scopesOf(principal: Principal): Promise<string[]> {
    return countryScopesOf(principal, (id) => this.deps.users.countryScopesOf(id));
  }

  /** Whose figures an aggregate sums for this reader: see `Audience` in seizures.aggregates.ts. */
  async audienceOf(principal: Principal): Promise<Audience> {
    return audienceFor(principal, principal.user ? await this.scopesOf(principal) : []);
  }

  async visibility(principal: Principal): Promise<Visibility> {
    const user = principal.user;
    if (!user) throw new AppError("unauthenticated", 401);
    return {
      all: seesAllSeizures(principal),
      userId: user.id,
      partnerCode: user.partnerCode,
      countries: await this.scopesOf(principal),
    };
  }

  /** The DMP terms of use must be accepted before any individual record is shown. */
  async requireTerms(principal: Principal): Promise<void> {
    const user = principal.user;
    if (!user) throw new AppError("unauthenticated", 401);
    if (!(await this.repo.hasAccepted(user.id, DMP_TERMS_VERSION))) throw new AppError("dmp_terms_required", 428);
  }

  async terms(principal: Principal): Promise<DmpTerms> {
    const accepted = principal.user ? await this.repo.hasAccepted(principal.user.id, DMP_TERMS_VERSION) : false;
    return { version: DMP_TERMS_VERSION, accepted, text: DMP_TERMS_TEXT };
  }

  async acceptTerms(principal: Principal, actor: Actor): Promise<DmpTerms> {
    const user = principal.user;
    if (!user) throw new AppError("unauthenticated", 401);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.acceptTerms(trx, user.id, DMP_TERMS_VERSION, actor.ip);
      await this.changes.event(
        actor,
        {
          action: "seizure.terms.accept",
          objectType: "user",
          objectId: user.id,
          details: { version: DMP_TERMS_VERSION },
        },
        trx,
      );
    });
    return this.terms(principal);
  }

  /** The reader's abilities on a record: seizures.policy.ts. */
  private abilities(row: SeizureRow, principal: Principal, scopes: string[], fourEyesOff?: ReadonlySet<string>) {
    return seizureAbilities(row, principal, scopes, fourEyesOff);
  }

  canView(row: SeizureRow, principal: Principal, scopes: string[]): boolean {
    return canViewSeizure(row, principal, scopes);
  }

  async present(rows: SeizureRow[], principal: Principal): Promise<Seizure[]> {
    const [scopes, fourEyesOff] = await Promise.all([this.scopesOf(principal), this.settings.fourEyesOff()]);
    return rows.map((r) => presentSeizure(r, this.abilities(r, principal, scopes, fourEyesOff)));
  }

  // --- records ------------------------------------------------------------------------------------------------

  private checkOrThrow(input: SeizureInputParsed) {
    const { errors, warnings } = checkSeizure(input);
    if (errors.length) throw ruleErrors(errors);
    const pending = unconfirmed(warnings, input.confirmWarnings);
    if (pending.length) throw new AppError("confirmation_required", 422, { warnings: pending });
  }

  async create(input: SeizureInputParsed, principal: Principal, actor: Actor): Promise<Seizure> {
    return (await this.createOnce(input, null, principal, actor)).seizure;
  }

  /**
   * A create that may be repeated (the web app's offline queue resends after a lost answer): with an idempotency
   * key, the first record the same user created with that key is returned (`replayed`) instead of a second one.
   * The key is the user's own: another user's identical key finds nothing of theirs. The same key with other
   * content answers 409 `idempotency_key_reused` with the first record's id and version, so the client can turn its
   * entry into an edit of that record rather than lose either.
   */
  async createOnce(
    input: SeizureInputParsed,
    idempotencyKey: string | null,
    principal: Principal,
    actor: Actor,
  ): Promise<{ seizure: Seizure; replayed: boolean }> {
    const userId = principal.user?.id;
    const key = idempotencyKey && userId ? { key: idempotencyKey, userId, hash: requestHash(input) } : null;
    if (key) {
      const first = await this.replay(key, principal, actor);
      if (first) return { seizure: first, replayed: true };
    }
    if (!canActOnCountry(principal, input.country, await this.scopesOf(principal))) throw forbidden();
    this.checkOrThrow(input);
    let id: string;
    try {
      id = await this.insertEntered(input, key, principal, actor);
    } catch (err) {
      // Two sends of one key at once: the loser of the unique index answers with the winner's record.
      const first = key && isUniqueViolation(err) ? await this.replay(key, principal, actor) : undefined;
      if (first) return { seizure: first, replayed: true };
      throw err;
    }
    return { seizure: await this.get(id, principal, actor, { audit: false }), replayed: false };
  }

  private async replay(
    key: { key: string; userId: string; hash: string },
    principal: Principal,
    actor: Actor,
  ): Promise<Seizure | undefined> {
    const first = await this.repo.findByIdempotencyKey(key.userId, key.key);
    if (!first) return undefined;
    if (first.idempotency_hash !== key.hash) {
      throw new AppError("idempotency_key_reused", 409, { id: first.id, version: first.version });
    }
    return this.get(first.id, principal, actor, { audit: false });
  }

  private insertEntered(
    input: SeizureInputParsed,
    key: { key: string; hash: string } | null,
    principal: Principal,
    actor: Actor,
  ): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repo.insert(trx, {
        ...toColumns(input),
        status: "entered",
        created_by: principal.user?.id ?? null,
        owner_partner: ownerPartnerOf(principal.user, input.country),
        idempotency_key: key?.key ?? null,
        idempotency_hash: key?.hash ?? null,
      });
      await this.changes.record(trx, actor, {
        type: "seizure",
        action: "create",
        before: null,
        after: row,
        snapshot: snapshotOf,
        audit: { action: "seizure.create" },
      });
      await this.repo.findDuplicates(trx, { id: row.id });
      return row.id;
    });
  }

  async update(id: string, input: SeizureUpdate, principal: Principal, actor: Actor): Promise<Seizure> {
    const scopes = await this.scopesOf(principal);
    const before = await this.repo.find(id);
    if (!before || !this.canView(before, principal, scopes)) throw notFound("seizure");
    if (before.status === "published") throw new AppError("record_locked", 409);
    if (!this.abilities(before, principal, scopes).edit) throw forbidden();
    if (!canActOnCountry(principal, input.country, scopes) && input.country !== before.country) throw forbidden();
    this.checkOrThrow(input);
    await this.db.transaction().execute(async (trx) => {
      // An edited record goes back to "entered": it must be validated again.
      const after = await this.repo.updateVersioned(trx, id, input.version, {
        ...toColumns(input),
        status: "entered",
        owner_partner: ownerPartnerAfterEdit(before, input.country),
        edited_by: principal.user?.id ?? null,
      });
      await this.recordChange(trx, actor, before, after, { action: "seizure.update" });
      await this.repo.findDuplicates(trx, { id });
    });
    return this.get(id, principal, actor, { audit: false });
  }

  /** A validator's correction of a published record: a new revision with the reason; aggregates follow. */
  async correct(id: string, input: SeizureCorrection, principal: Principal, actor: Actor): Promise<Seizure> {
    const scopes = await this.scopesOf(principal);
    const before = await this.repo.find(id);
    if (!before || !this.canView(before, principal, scopes)) throw notFound("seizure");
    if (!this.abilities(before, principal, scopes).correct) {
      if (before.status !== "published") throw new AppError("invalid_transition", 409, { status: before.status });
      throw forbidden();
    }
    if (!canActOnCountry(principal, input.country, scopes)) throw forbidden();
    this.checkOrThrow(input);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.adjustMonthly(trx, { id }, -1);
      const after = await this.repo.updateVersioned(trx, id, input.version, {
        ...toColumns(input),
        owner_partner: ownerPartnerAfterEdit(before, input.country),
        edited_by: principal.user?.id ?? null,
      });
      // A published record: its search document follows the correction in the same transaction.
      await this.recordChange(trx, actor, before, after, { action: "seizure.correct", reason: input.reason }, true);
      await this.repo.adjustMonthly(trx, { id }, 1);
    });
    await this.runAlerts({ id });
    return this.get(id, principal, actor, { audit: false });
  }

  /**
   * Records an edit or a correction from the row the versioned write returned: none is a 404, or a 409 with the
   * record as it is now. The correction's reason goes into the revision and the audit entry.
   */
  private async recordChange(
    trx: Kysely<DB>,
    actor: Actor,
    before: SeizureRow,
    after: SeizureRow | undefined,
    audit: { action: string; reason?: string },
    reindex = false,
  ): Promise<SeizureRow> {
    const { row } = await this.changes.record(trx, actor, {
      type: "seizure",
      action: "update",
      before,
      after,
      current: () => this.repo.find(before.id, trx),
      snapshot: snapshotOf,
      reason: audit.reason ?? null,
      audit: {
        action: audit.action,
        details: (changes) => ({ changes, ...(audit.reason ? { reason: audit.reason } : {}) }),
      },
      ...(reindex ? { search: searchDocument } : {}),
    });
    return row;
  }

  /**
   * Validate (entered → validated) or publish (validated → published) records or a whole import batch. Four-eyes:
   * records the validator entered, edited or imported are left out, unless the country turned it off. A bulk step
   * (a batch, or several records) must name the count the user confirmed (`requireConfirmedCount`).
   */
  async transition(
    input: Transition,
    principal: Principal,
    actor: Actor,
  ): Promise<{ changed: number; skipped: number }> {
    const user = principal.user;
    if (!user) throw new AppError("unauthenticated", 401);
    const all = seesAllSeizures(principal);
    const countries = all ? "all" : await this.scopesOf(principal);
    const from = input.action === "validate" ? "entered" : "validated";
    const to = input.action === "validate" ? "validated" : "published";
    const at = new Date();
    const requested = input.records?.length ?? 0;
    const fourEyesOff = input.action === "validate" ? await this.settings.fourEyesOff() : null;
    const changed = await this.db.transaction().execute(async (trx) => {
      const n = await this.repo.transition(
        trx,
        { batchId: input.batchId, records: input.records },
        from,
        to,
        user.id,
        at,
        countries,
        fourEyesOff ? { userId: user.id, exempt: [...fourEyesOff] } : null,
      );
      if (n > 0) {
        await this.changes.recordSet(trx, actor, {
          type: "seizure",
          action: "transition",
          source: this.repo.transitionRevisions(trx, { batchId: input.batchId }, from, to, at),
        });
      }
      if (input.batchId || requested > 1) requireConfirmedCount(input.expectedCount, n);
      if (n > 0 && to === "published") {
        await this.repo.adjustMonthly(trx, this.publishedAt(at, input.batchId), 1);
      }
      // A step over many records has one entry (what was asked, what changed); the records keep their own columns.
      await this.changes.event(
        actor,
        {
          action: `seizure.${input.action}`,
          objectType: input.batchId ? "seizure_import_batch" : "seizure",
          ...(input.batchId
            ? { objectId: input.batchId }
            : requested === 1
              ? { objectId: input.records?.[0]?.id }
              : {}),
          details: { changed: n, requested: input.batchId ? null : requested },
        },
        trx,
      );
      return n;
    });
    if (!input.batchId && requested === 1 && changed === 0) {
      await this.explainUnchanged(input.records?.[0], principal, countries, fourEyesOff);
    }
    if (to === "published" && changed > 0) {
      await this.indexPublished(at, input.batchId, actor);
      await this.runAlerts(this.publishedAt(at, input.batchId));
    }
    return { changed, skipped: input.batchId ? 0 : requested - changed };
  }

  /** Why one record's step changed nothing: the most telling answer, in the order a user can act on. */
  private async explainUnchanged(
    asked: { id: string; version: number } | undefined,
    principal: Principal,
    countries: string[] | "all",
    fourEyesOff: ReadonlySet<string> | null,
  ): Promise<never> {
    const row = asked ? await this.repo.find(asked.id) : undefined;
    if (!row) throw notFound("seizure");
    if (row.version !== asked?.version) throw new AppError("version_conflict", 409, { current: row });
    if (!canActOnCountry(principal, row.country, countries === "all" ? [] : countries)) throw forbidden();
    if (fourEyesOff && row.status === "entered" && !fourEyesOff.has(row.country) && enteredBy(row, principal.user?.id))
      throw new AppError("four_eyes_required", 403);
    throw new AppError("invalid_transition", 409, { status: row.status });
  }

  /** The records one publication step published (of one import batch when `batchId` is given). */
  private publishedAt(at: Date, batchId?: string): SeizureCriteria {
    return { publishedAt: at, batchId };
  }

  async get(id: string, principal: Principal, actor: Actor, options: { audit?: boolean } = {}): Promise<Seizure> {
    await this.requireTerms(principal);
    const scopes = await this.scopesOf(principal);
    const row = await this.repo.find(id);
    if (!row || !this.canView(row, principal, scopes)) throw notFound("seizure");
    if (options.audit !== false) {
      await this.changes.event(actor, { action: "seizure.read", objectType: "seizure", objectId: id });
    }
    return presentSeizure(row, this.abilities(row, principal, scopes, await this.settings.fourEyesOff()));
  }

  async list(query: SeizureListQuery, principal: Principal, actor: Actor) {
    await this.requireTerms(principal);
    const v = await this.visibility(principal);
    const { items, total } = await this.repo.list(query, v, query);
    await this.changes.event(actor, {
      action: "seizure.read",
      objectType: "seizure",
      details: {
        count: items.length,
        ids: items.map((r) => r.id),
        filter: { ...query, limit: undefined, offset: undefined },
      },
    });
    return { items: await this.present(items, principal), total, limit: query.limit, offset: query.offset };
  }

  async history(id: string, principal: Principal) {
    await this.requireTerms(principal);
    const row = await this.repo.find(id);
    if (!row || !this.canView(row, principal, await this.scopesOf(principal))) throw notFound("seizure");
    const revisions = await this.deps.revisions.history("seizure", id);
    return revisions.map((r) => ({ ...presentRevision(r), reason: r.reason ?? null }));
  }

  // --- import -------------------------------------------------------------------------------------------------

  /** Who imports, as the importer needs it (countries null: every country). */
  async importContext(principal: Principal) {
    const user = principal.user;
    if (!user) throw new AppError("unauthenticated", 401);
    const all = seesAllSeizures(principal);
    return {
      userId: user.id,
      partnerCode: user.partnerCode,
      // A liaison officer's rows belong to the partner of their own country (see seizures.owner.ts).
      ownerByCountry: ownedByCountry(user),
      countries: all ? null : await this.scopesOf(principal),
    };
  }

  /** Imports (or dry-runs) a CSV/XLSX file; all or nothing. See seizures.import.ts. */
  importFile(input: ImportInput, options: ImportOptions, actor: Actor): Promise<SeizureImportResult> {
    const deps = { db: this.db, withClientTransaction: this.deps.withClientTransaction };
    return importSeizures(deps, this.importModule, actor, input, options);
  }

  // --- search -------------------------------------------------------------------------------------------------

  private index(row: SeizureRow) {
    return this.deps.search.upsert(searchDocument(row));
  }

  /**
   * Puts newly published records into the global search: the first SEARCH_INDEX_LIMIT at once (a small
   * publication is searchable as soon as it is published), the rest by a background job in pages.
   */
  private async indexPublished(at: Date, batchId: string | undefined, actor: Actor) {
    const last = await this.indexPublishedPage(at, batchId, null, SEARCH_INDEX_LIMIT);
    if (last && this.deps.jobs) {
      await this.deps.jobs.enqueue(
        SEARCH_INDEX_JOB,
        { at: at.toISOString(), batchId: batchId ?? null, after: last },
        actor,
      );
    }
  }

  /** Indexes up to `limit` records published at `at` with ids after `after`; the last id when there may be more. */
  async indexPublishedPage(at: Date, batchId: string | undefined, after: string | null, limit: number) {
    const rows = await this.repo.publishedPage(this.publishedAt(at, batchId), after, limit);
    for (const row of rows) await this.index(row);
    return rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null;
  }

  // --- alerts -------------------------------------------------------------------------------------------------

  /** Re-examines the series of the country × drug pairs touched by `criteria`, records and notifies new anomalies. */
  async runAlerts(criteria: SeizureCriteria): Promise<number> {
    const pairs = await this.repo.pairsOf(this.db, criteria);
    const series = await this.repo.monthlySeries(pairs);
    const byPair = new Map<string, { year: number; month: number; kg: number }[]>();
    for (const r of series) {
      const key = `${r.country}|${r.drug}`;
      const list = byPair.get(key) ?? [];
      list.push({ year: r.year, month: r.month, kg: Number(r.mass_kg) });
      byPair.set(key, list);
    }
    let created = 0;
    for (const [key, values] of byPair) {
      const [country, drug] = key.split("|") as [string, string];
      for (const a of detectAnomalies(values, 3)) {
        const row = await this.repo.upsertAlert({
          country,
          drug,
          year: a.year,
          month: a.month,
          mass_kg: a.kg,
          median: a.median,
          score: a.score,
          direction: a.direction,
        });
        if (row.notified_at) continue;
        created += 1;
        await this.notifyAlert(row.id, country, drug, a);
      }
    }
    return created;
  }

  private async notifyAlert(
    id: string,
    country: string,
    drug: string,
    a: { year: number; month: number; kg: number; median: number; direction: "up" | "down" },
  ) {
    const officers = await this.repo.liaisonOfficersFor(country);
    const period = `${a.year}-${String(a.month).padStart(2, "0")}`;
    const kg = (n: number) => Math.round(n * 10) / 10;
    // Officers read the drug's name in their language, never the internal code.
    const name = DRUGS.find((d) => d.code === drug)?.name ?? { en: drug, ru: drug };
    await this.deps.notifications.notify(officers, {
      kind: "seizure_alert",
      title: {
        en: `Unusual ${a.direction === "up" ? "rise" : "fall"} in seizures (${name.en}): ${country}, ${period}`,
        ru: `Необычный ${a.direction === "up" ? "рост" : "спад"} изъятий (${name.ru}): ${country}, ${period}`,
      },
      body: {
        en: `${kg(a.kg)} kg seized against a median of ${kg(a.median)} kg a month over the previous 24 months.`,
        ru: `Изъято ${kg(a.kg)} кг при медиане ${kg(a.median)} кг в месяц за предыдущие 24 месяца.`,
      },
      link: `/seizures?countries=${country}`,
    });
    await this.repo.markAlertNotified(id);
  }

  /**
   * Anomaly alerts are computed on every published record of a country, so their figures hold records a member may
   * not see: they are shown to coordinators, and to others only for the countries in their scope (the liaison
   * officers and focal point who are notified of them anyway).
   */
  async alerts(principal: Principal, countries: readonly string[]) {
    const audience = await this.audienceOf(principal);
    if (audience.kind === "public") return [];
    const allowed =
      audience.kind === "all"
        ? countries
        : countries.length
          ? countries.filter((c) => audienceSeesAlertsOf(audience, c))
          : audience.countries;
    if (audience.kind === "member" && !allowed.length) return [];
    const rows = await this.repo.listAlerts(allowed.length ? allowed : null, 20);
    return rows.map((r) => ({
      id: r.id,
      country: r.country,
      drug: r.drug,
      year: r.year,
      month: r.month,
      massKg: r.mass_kg,
      median: r.median,
      score: r.score,
      direction: r.direction,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}
