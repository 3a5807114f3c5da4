import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";

export type ProjectRow = Awaited<ReturnType<ProjectsRepository["findProject"]>> & {};

export interface ChildRows {
  /** Commitments, disbursements and expenditures, in the order entered. */
  transactions: {
    transaction_type: "commitment" | "disbursement" | "expenditure";
    donor_code: string | null;
    donor_name: string;
    amount: string;
    currency: string;
    transaction_date: string | null;
    usd: string | null;
    rate: string | null;
    rate_date: string | null;
  }[];
  locations: { code: string; kind: "country" | "region"; share: number | null }[];
  organizations: { role: "implementing" | "beneficiary"; name: string; party_code: string | null }[];
  pillars: number[];
  commitments: string[];
  links: {
    entity_type: "recommendation" | "meeting" | "training";
    entity_id: string;
    title: { en?: string; ru?: string };
  }[];
}

export interface ProjectValues {
  partner_code: string;
  title: { en?: string; ru?: string };
  summary: { en?: string; ru?: string };
  donor_ref: string | null;
  iati_identifier: string | null;
  stage: string;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  dac_codes: string[];
  themes: string[];
  contacts: { name: string; email?: string; phone?: string; role?: string }[];
  external_documents: { url: string; title: string; format: string | null }[];
}

export interface Derived {
  countries: string[];
  donors: string[];
  period: string | null;
  total_usd: string | null;
  fingerprint: string[];
  features: Record<string, unknown>;
  text: string;
}

/** At most this many candidates are scored in full per check. */
export const CANDIDATE_LIMIT = 300;

/** The tables of a project's children, replaced whole when the project is saved (`replaceChildren`). */
export const PROJECT_CHILD_TABLES = [
  "project_transactions",
  "project_locations",
  "project_organizations",
  "project_pillars",
  "project_commitments",
  "project_links",
] as const;

const dateText = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** SQL of ADAM: projects and their parts, rates, alerts, needs, saved searches. */
export class ProjectsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private projectColumns(trx: Kysely<DB>) {
    return trx
      .selectFrom("projects")
      .select([
        "id",
        "code",
        "partner_code",
        "title",
        "summary",
        "donor_ref",
        "iati_identifier",
        "workflow",
        "stage",
        "dac_codes",
        "themes",
        "contacts",
        "external_documents",
        "countries",
        "donors",
        "features",
        "demo",
        "created_by",
        "version",
        "created_at",
        "updated_at",
      ])
      .select([
        sql<string | null>`total_usd::text`.as("total_usd"),
        dateText("planned_start").as("planned_start"),
        dateText("planned_end").as("planned_end"),
        dateText("actual_start").as("actual_start"),
        dateText("actual_end").as("actual_end"),
      ]);
  }

  findProject(id: string, trx: Kysely<DB> = this.db) {
    return this.projectColumns(trx).where("id", "=", id).executeTakeFirst();
  }

  findByIati(identifier: string, trx: Kysely<DB> = this.db) {
    return this.projectColumns(trx).where("iati_identifier", "=", identifier).executeTakeFirst();
  }

  findMany(ids: string[], trx: Kysely<DB> = this.db) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.projectColumns(trx).where("id", "in", ids).execute();
  }

  async children(ids: string[], trx: Kysely<DB> = this.db): Promise<Map<string, ChildRows>> {
    const map = new Map<string, ChildRows>();
    for (const id of ids)
      map.set(id, { transactions: [], locations: [], organizations: [], pillars: [], commitments: [], links: [] });
    if (ids.length === 0) return map;
    const [transactions, locations, organizations, pillars, commitments, links] = await Promise.all([
      trx
        .selectFrom("project_transactions")
        .select(["project_id", "transaction_type", "donor_code", "donor_name", "currency"])
        // Money as text: the pg driver is set to parse numeric as a JavaScript number.
        .select([
          sql<string>`amount::text`.as("amount"),
          sql<string | null>`usd::text`.as("usd"),
          sql<string | null>`rate::text`.as("rate"),
        ])
        .select([dateText("transaction_date").as("transaction_date"), dateText("rate_date").as("rate_date")])
        .where("project_id", "in", ids)
        .orderBy("position")
        .execute(),
      trx.selectFrom("project_locations").selectAll().where("project_id", "in", ids).orderBy("code").execute(),
      trx.selectFrom("project_organizations").selectAll().where("project_id", "in", ids).orderBy("position").execute(),
      trx.selectFrom("project_pillars").selectAll().where("project_id", "in", ids).orderBy("pillar").execute(),
      trx
        .selectFrom("project_commitments")
        .selectAll()
        .where("project_id", "in", ids)
        .orderBy("commitment_code")
        .execute(),
      trx.selectFrom("project_links").selectAll().where("project_id", "in", ids).execute(),
    ]);
    for (const { project_id, ...f } of transactions)
      map.get(project_id)?.transactions.push({ ...f, amount: String(f.amount) });
    for (const l of locations)
      map
        .get(l.project_id)
        ?.locations.push({ code: l.code, kind: l.kind, share: l.share === null ? null : Number(l.share) });
    for (const o of organizations)
      map.get(o.project_id)?.organizations.push({ role: o.role, name: o.name, party_code: o.party_code });
    for (const p of pillars) map.get(p.project_id)?.pillars.push(p.pillar);
    for (const c of commitments) map.get(c.project_id)?.commitments.push(c.commitment_code);
    for (const l of links)
      map.get(l.project_id)?.links.push({ entity_type: l.entity_type, entity_id: l.entity_id, title: l.title });
    return map;
  }

  /** The next ADAM code; the caller's transaction holds a lock until it commits, so concurrent saves never collide. */
  async nextCode(trx: Kysely<DB>): Promise<string> {
    const year = new Date().getUTCFullYear();
    await sql`select pg_advisory_xact_lock(hashtext('projects.next_code'))`.execute(trx);
    const row = await sql<{ n: number }>`
      select coalesce(max(substring(code from '\\d+$')::int), 0) + 1 as n from projects where code like ${`ADAM-${year}-%`}`.execute(
      trx,
    );
    return `ADAM-${year}-${String(row.rows[0]?.n ?? 1).padStart(5, "0")}`;
  }

  insertProject(trx: Kysely<DB>, values: ProjectValues & { code: string; created_by: string | null; demo?: boolean }) {
    return trx
      .insertInto("projects")
      .values({
        ...values,
        title: JSON.stringify(values.title),
        summary: JSON.stringify(values.summary),
        contacts: JSON.stringify(values.contacts),
        external_documents: JSON.stringify(values.external_documents),
        countries: [],
        donors: [],
        period: null,
        total_usd: null,
        fingerprint: [],
        features: "{}",
        tsv: null,
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  updateProject(trx: Kysely<DB>, id: string, expectedVersion: number, values: ProjectValues) {
    return trx
      .updateTable("projects")
      .set((eb) => ({
        ...values,
        title: JSON.stringify(values.title),
        summary: JSON.stringify(values.summary),
        contacts: JSON.stringify(values.contacts),
        external_documents: JSON.stringify(values.external_documents),
        version: eb("version", "+", 1),
        updated_at: new Date(),
      }))
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .returning("id")
      .executeTakeFirst();
  }

  setWorkflow(
    trx: Kysely<DB>,
    id: string,
    expectedVersion: number,
    workflow: "draft" | "submitted" | "published" | "archived",
  ) {
    return trx
      .updateTable("projects")
      .set((eb) => ({ workflow, version: eb("version", "+", 1), updated_at: new Date() }))
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .returning(["id", "version", "updated_at"])
      .executeTakeFirst();
  }

  async replaceChildren(trx: Kysely<DB>, id: string, c: ChildRows) {
    for (const table of PROJECT_CHILD_TABLES) {
      await trx.deleteFrom(table).where("project_id", "=", id).execute();
    }
    if (c.transactions.length)
      await trx
        .insertInto("project_transactions")
        .values(c.transactions.map((f, position) => ({ ...f, project_id: id, position })))
        .execute();
    if (c.locations.length)
      await trx
        .insertInto("project_locations")
        .values(c.locations.map((l) => ({ ...l, project_id: id })))
        .execute();
    if (c.organizations.length)
      await trx
        .insertInto("project_organizations")
        .values(c.organizations.map((o, position) => ({ ...o, project_id: id, position })))
        .execute();
    if (c.pillars.length)
      await trx
        .insertInto("project_pillars")
        .values(c.pillars.map((pillar) => ({ project_id: id, pillar })))
        .execute();
    if (c.commitments.length)
      await trx
        .insertInto("project_commitments")
        .values(c.commitments.map((commitment_code) => ({ project_id: id, commitment_code })))
        .execute();
    if (c.links.length)
      await trx
        .insertInto("project_links")
        .values(c.links.map((l) => ({ ...l, title: JSON.stringify(l.title), project_id: id })))
        .execute();
  }

  async setDerived(trx: Kysely<DB>, id: string, d: Derived) {
    await sql`
      update projects set countries = ${d.countries}::text[], donors = ${d.donors}::text[],
        period = ${d.period}::daterange, total_usd = ${d.total_usd}::numeric, fingerprint = ${d.fingerprint}::text[],
        features = ${JSON.stringify(d.features)}::jsonb,
        tsv = to_tsvector('english', ${d.text}::text) || to_tsvector('russian', ${d.text}::text)
      where id = ${id}`.execute(trx);
  }

  existingCommitments(codes: string[]) {
    if (!codes.length) return Promise.resolve([]);
    return this.db.selectFrom("commitments").select("code").where("code", "in", codes).execute();
  }

  /** Titles of linked records from the global search index, which their modules feed. */
  linkTargets(links: { entityType: string; entityId: string }[]) {
    if (!links.length) return Promise.resolve([]);
    return this.db
      .selectFrom("search_index")
      .select(["entity_type", "entity_id", "title"])
      .where((eb) =>
        eb.or(links.map((l) => eb.and([eb("entity_type", "=", l.entityType), eb("entity_id", "=", l.entityId)]))),
      )
      .execute();
  }

  // --- rates ---

  /**
   * Converts transactions to USD from the one rate table: the rate in force on the transaction's date (the latest
   * stored on or before it), else on the project's actual or planned start, else on the day the project was created. A
   * transaction no stored rate covers gets no USD value (and no rate); it stays in its currency and is reported. Money
   * in numeric: round() rounds half away from zero, as `convertToUsd` does. Returns the projects touched.
   */
  async convertTransactions(trx: Kysely<DB>, scope: { projectId: string } | { currency: string }): Promise<string[]> {
    const filter =
      "projectId" in scope ? sql`f.project_id = ${scope.projectId}::uuid` : sql`f.currency = ${scope.currency}`;
    const r = await sql<{ project_id: string }>`
      with eff as (
        select f.project_id, f.position, f.currency, f.amount,
          coalesce(f.transaction_date, p.actual_start, p.planned_start, (p.created_at at time zone 'UTC')::date) as d
        from project_transactions f join projects p on p.id = f.project_id
        where ${filter}
      ), conv as (
        select e.project_id, e.position, e.amount,
          case when e.currency = 'USD' then 1::numeric else r.usd_per_unit end as rate,
          case when e.currency = 'USD' then e.d else r.rate_date end as rate_date
        from eff e left join lateral (
          select x.usd_per_unit, x.rate_date from exchange_rates x
          where x.currency = e.currency and x.rate_date <= e.d order by x.rate_date desc limit 1) r on true
      )
      update project_transactions f set rate = c.rate, rate_date = c.rate_date, usd = round(c.amount * c.rate, 2)
      from conv c where f.project_id = c.project_id and f.position = c.position
        and (f.rate, f.rate_date, f.usd) is distinct from (c.rate, c.rate_date, round(c.amount * c.rate, 2))
      returning f.project_id`.execute(trx);
    return [...new Set(r.rows.map((row) => row.project_id))];
  }

  /**
   * The projects' USD totals, committed (and the budget the duplicate check compares), after their transactions were
   * converted again.
   */
  async refreshTotals(trx: Kysely<DB>, ids: string[]) {
    if (!ids.length) return;
    await sql`
      update projects p set total_usd = t.usd,
        features = jsonb_set(p.features, '{usd}', coalesce(to_jsonb(t.usd::float8), 'null'::jsonb))
      from (select id, (select sum(f.usd) from project_transactions f
              where f.project_id = projects.id and f.transaction_type = 'commitment') as usd
            from projects where id = any(${ids}::uuid[])) t
      where t.id = p.id`.execute(trx);
  }

  listRates() {
    return this.db
      .selectFrom("exchange_rates")
      .select([
        "currency",
        "source",
        sql<string>`usd_per_unit::text`.as("usd_per_unit"),
        dateText("rate_date").as("rate_date"),
      ])
      .orderBy("currency")
      .orderBy("rate_date", "desc")
      .execute();
  }

  upsertRate(
    trx: Kysely<DB>,
    r: { currency: string; rate_date: string; usd_per_unit: string; source: string; created_by: string | null },
  ) {
    return trx
      .insertInto("exchange_rates")
      .values(r)
      .onConflict((oc) =>
        oc.columns(["currency", "rate_date"]).doUpdateSet({ usd_per_unit: r.usd_per_unit, source: r.source }),
      )
      .execute();
  }

  // --- duplicate candidates and alerts ---

  /** Candidates from the indexes: a shared country, an overlapping (or unknown) period, a shared token. */
  candidates(
    exclude: string | null,
    countries: string[],
    period: string | null,
    fingerprint: string[],
    trx: Kysely<DB> = this.db,
  ) {
    // The index finds every project sharing a country, the period and a token; only the CANDIDATE_LIMIT
    // sharing the most tokens are read in full (a duplicate shares many, so none is lost in practice).
    return sql<{ id: string; features: Record<string, unknown> }>`
      select p.id, p.features from projects p join (
        select id from projects
        where countries && ${countries}::text[]
          and fingerprint && ${fingerprint}::text[]
          and (period is null or ${period}::daterange is null or period && ${period}::daterange)
          and workflow <> 'archived'
          and (${exclude}::uuid is null or id <> ${exclude}::uuid)
        order by (select count(*) from unnest(fingerprint) t where t = any(${fingerprint}::text[])) desc, id
        limit ${CANDIDATE_LIMIT}
      ) c on c.id = p.id`.execute(trx);
  }

  allFeatures(afterId: string | null, limit: number) {
    let q = this.db
      .selectFrom("projects")
      .select(["id", "features", "countries", "fingerprint", "period"])
      .where("workflow", "<>", "archived");
    if (afterId) q = q.where("id", ">", afterId);
    return q.orderBy("id").limit(limit).execute();
  }

  async upsertAlert(trx: Kysely<DB>, a: string, b: string, score: number, components: unknown[]) {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    return sql<{ id: string; inserted: boolean; label: string | null }>`
      insert into duplicate_alerts (project_a, project_b, score, components)
      values (${lo}, ${hi}, ${score}, ${JSON.stringify(components)}::jsonb)
      on conflict (project_a, project_b) do update set score = excluded.score, components = excluded.components
      returning id, (xmax = 0) as inserted, label`.execute(trx);
  }

  /** Pairs that no longer score (the project changed) lose their unlabelled alerts. */
  removeStaleAlerts(trx: Kysely<DB>, projectId: string, keep: string[]) {
    let q = trx
      .deleteFrom("duplicate_alerts")
      .where("label", "is", null)
      .where((eb) => eb.or([eb("project_a", "=", projectId), eb("project_b", "=", projectId)]));
    if (keep.length) q = q.where("id", "not in", keep);
    return q.execute();
  }

  listAlerts(filter: {
    project?: string;
    status: "open" | "labelled" | "all";
    minScore: number;
    limit: number;
    offset: number;
  }) {
    let q = this.db.selectFrom("duplicate_alerts");
    if (filter.project) {
      const p = filter.project;
      q = q.where((eb) => eb.or([eb("project_a", "=", p), eb("project_b", "=", p)]));
    }
    if (filter.status === "open") q = q.where("label", "is", null).where("score", ">=", String(filter.minScore));
    if (filter.status === "labelled") q = q.where("label", "is not", null);
    return Promise.all([
      q.selectAll().orderBy("score", "desc").orderBy("id").limit(filter.limit).offset(filter.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
  }

  allAlerts(minScore: number) {
    return this.db
      .selectFrom("duplicate_alerts")
      .selectAll()
      .where("score", ">=", String(minScore))
      .orderBy("score", "desc")
      .execute();
  }

  findAlert(id: string, trx: Kysely<DB> = this.db) {
    return trx.selectFrom("duplicate_alerts").selectAll().where("id", "=", id).executeTakeFirst();
  }

  labelAlert(trx: Kysely<DB>, id: string, version: number, label: string, userId: string | null) {
    return trx
      .updateTable("duplicate_alerts")
      .set((eb) => ({
        label: label as "duplicate",
        labelled_by: userId,
        labelled_at: new Date(),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", id)
      .where("version", "=", version)
      .returningAll()
      .executeTakeFirst();
  }

  labelledScores(trx: Kysely<DB>) {
    return trx.selectFrom("duplicate_alerts").select(["score", "label"]).where("label", "is not", null).execute();
  }

  getModel(trx: Kysely<DB> = this.db) {
    return trx.selectFrom("duplicate_model").selectAll().where("id", "=", 1).executeTakeFirst();
  }

  saveModel(
    trx: Kysely<DB>,
    m: { threshold: number; labelled: number; precision: number | null; recall: number | null },
  ) {
    const values = {
      id: 1,
      threshold: String(m.threshold),
      labelled: m.labelled,
      precision: m.precision === null ? null : m.precision.toFixed(4),
      recall: m.recall === null ? null : m.recall.toFixed(4),
      updated_at: new Date(),
    };
    return trx
      .insertInto("duplicate_model")
      .values(values)
      .onConflict((oc) => oc.column("id").doUpdateSet(values))
      .execute();
  }

  // --- documents ---

  listDocuments(projectId: string) {
    return this.db
      .selectFrom("project_documents as d")
      .innerJoin("project_document_versions as v", "v.document_id", "d.id")
      .innerJoin("files as f", "f.id", "v.file_id")
      .select([
        "d.id",
        "d.kind",
        "d.title",
        "d.current_version",
        "v.version",
        "v.file_id",
        "v.thumbnail_file_id",
        "v.created_at",
        "f.original_name",
        "f.media_type",
        "f.size",
      ])
      .where("d.project_id", "=", projectId)
      .where("d.archived_at", "is", null)
      .orderBy("d.created_at")
      .orderBy("v.version", "desc")
      .execute();
  }

  findDocument(projectId: string, documentId: string, trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("project_documents")
      .selectAll()
      .where("project_id", "=", projectId)
      .where("id", "=", documentId)
      .where("archived_at", "is", null)
      .executeTakeFirst();
  }

  insertDocument(trx: Kysely<DB>, d: { project_id: string; kind: "document" | "picture"; title: object }) {
    return trx
      .insertInto("project_documents")
      .values({ ...d, title: JSON.stringify(d.title) })
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  async addDocumentVersion(
    trx: Kysely<DB>,
    v: {
      document_id: string;
      version: number;
      file_id: string;
      thumbnail_file_id: string | null;
      created_by: string | null;
    },
  ) {
    await trx.insertInto("project_document_versions").values(v).execute();
    await trx
      .updateTable("project_documents")
      .set({ current_version: v.version })
      .where("id", "=", v.document_id)
      .execute();
  }

  archiveDocument(trx: Kysely<DB>, id: string) {
    return trx.updateTable("project_documents").set({ archived_at: new Date() }).where("id", "=", id).execute();
  }

  findDocumentVersion(documentId: string, version: number) {
    return this.db
      .selectFrom("project_document_versions")
      .selectAll()
      .where("document_id", "=", documentId)
      .where("version", "=", version)
      .executeTakeFirst();
  }

  // --- needs ---

  private needColumns(trx: Kysely<DB>) {
    return trx
      .selectFrom("project_needs")
      .select(["id", "partner_code", "country", "pillar", "theme", "description", "priority", "version", "demo"])
      .select([dateText("period_start").as("period_start"), dateText("period_end").as("period_end")])
      .where("archived_at", "is", null);
  }

  listNeeds(filter: { country?: string | undefined; pillar?: number | undefined }) {
    let q = this.needColumns(this.db);
    if (filter.country) q = q.where("country", "=", filter.country);
    if (filter.pillar) q = q.where("pillar", "=", filter.pillar);
    return q.orderBy("country").orderBy("pillar").orderBy("period_start").execute();
  }

  findNeed(id: string, trx: Kysely<DB> = this.db) {
    return this.needColumns(trx).where("id", "=", id).executeTakeFirst();
  }

  insertNeed(trx: Kysely<DB>, n: NeedValues & { created_by: string | null; demo?: boolean }) {
    return trx
      .insertInto("project_needs")
      .values({ ...n, description: JSON.stringify(n.description), updated_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  updateNeed(trx: Kysely<DB>, id: string, version: number, n: NeedValues) {
    return trx
      .updateTable("project_needs")
      .set((eb) => ({
        ...n,
        description: JSON.stringify(n.description),
        version: eb("version", "+", 1),
        updated_at: new Date(),
      }))
      .where("id", "=", id)
      .where("version", "=", version)
      .where("archived_at", "is", null)
      .returning("id")
      .executeTakeFirst();
  }

  archiveNeed(trx: Kysely<DB>, id: string, version: number) {
    return trx
      .updateTable("project_needs")
      .set((eb) => ({ archived_at: new Date(), version: eb("version", "+", 1), updated_at: new Date() }))
      .where("id", "=", id)
      .where("version", "=", version)
      .where("archived_at", "is", null)
      .returning("id")
      .executeTakeFirst();
  }

  // --- saved searches ---

  listSavedSearches(userId: string) {
    return this.db
      .selectFrom("project_saved_searches")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .execute();
  }

  insertSavedSearch(userId: string, name: string, query: Record<string, unknown>) {
    return this.db
      .insertInto("project_saved_searches")
      .values({ user_id: userId, name, query: JSON.stringify(query) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  deleteSavedSearch(userId: string, id: string) {
    return this.db
      .deleteFrom("project_saved_searches")
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  // --- demo ---

  demoProjectIds() {
    return this.db.selectFrom("projects").select("id").where("demo", "=", true).execute();
  }

  async removeDemo(trx: Kysely<DB>) {
    const ids = (await trx.selectFrom("projects").select("id").where("demo", "=", true).execute()).map((r) => r.id);
    if (ids.length) {
      await trx
        .deleteFrom("duplicate_alerts")
        .where((eb) => eb.or([eb("project_a", "in", ids), eb("project_b", "in", ids)]))
        .execute();
      await trx.deleteFrom("projects").where("id", "in", ids).execute();
    }
    const needs = await trx.deleteFrom("project_needs").where("demo", "=", true).executeTakeFirst();
    return { projects: ids.length, needs: Number(needs.numDeletedRows) };
  }
}

export interface NeedValues {
  partner_code: string;
  country: string;
  pillar: number;
  theme: string;
  description: { en?: string; ru?: string };
  priority: "high" | "medium" | "low";
  period_start: string;
  period_end: string;
}
