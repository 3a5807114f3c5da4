import { type ExpressionBuilder, type Insertable, type Kysely, type RawBuilder, sql } from "kysely";
import type { SeizureFilter } from "../../../common/seizures.js";
import type { DB } from "../../db/schema.js";
import { normalizeText, WHITE_SPACE } from "./seizures.analytics.js";
import type { SeizuresTable } from "./seizures.tables.js";

/**
 * Who may see which individual records, resolved once per request by the service (from the principal, the
 * liaison officer's scopes and the partner), and applied here as one SQL filter so lists, maps, top seizures
 * and exports cannot disagree.
 */
export interface Visibility {
  /** Coordinators and administrators. */
  all: boolean;
  userId: string;
  partnerCode: string | null;
  /** Countries whose unpublished and restricted records the user may see (liaison scopes, focal point's country). */
  countries: readonly string[];
}

export type SeizureInsert = Insertable<SeizuresTable>;

/** `status = 'published'` plus the sharing rules, or the user's own and country records at any stage. */
export function visibleTo(v: Visibility): RawBuilder<boolean> {
  if (v.all) return sql<boolean>`true`;
  const countries = v.countries.length ? v.countries : ["---"];
  const inCountries = sql`s.country in (${sql.join(countries)})`;
  return sql<boolean>`(
    (s.status = 'published' and (
      s.sharing in ('public', 'members')
      or (s.sharing = 'partner' and s.owner_partner = ${v.partnerCode ?? "---"})
      or (s.sharing = 'restricted' and (s.created_by = ${v.userId} or ${inCountries}))
    ))
    or (s.status <> 'published' and (s.created_by = ${v.userId} or ${inCountries}))
  )`;
}

function filterSql(f: Partial<SeizureFilter>): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.countries?.length) parts.push(sql`s.country in (${sql.join(f.countries)})`);
  if (f.drugs?.length) parts.push(sql`s.drug in (${sql.join(f.drugs)})`);
  if (f.drugGroups?.length) parts.push(sql`s.drug_group in (${sql.join(f.drugGroups)})`);
  if (f.routes?.length) parts.push(sql`coalesce(s.route, 'none') in (${sql.join(f.routes)})`);
  if (f.from) parts.push(sql`s.seizure_date >= ${f.from}::date`);
  if (f.to) parts.push(sql`s.seizure_date <= ${f.to}::date`);
  // Fields outside the monthly aggregate, as the analyses read them (seizures.analytics.ts): "none" = not given.
  if (f.transportModes?.length) parts.push(sql`coalesce(s.transport_mode, 'none') in (${sql.join(f.transportModes)})`);
  if (f.placeTypes?.length) parts.push(sql`coalesce(s.place_type, 'none') in (${sql.join(f.placeTypes)})`);
  if (f.concealments?.length) parts.push(sql`${freeText(sql`s.concealment`)} in (${sql.join(lower(f.concealments))})`);
  if (f.agencies?.length) parts.push(sql`${freeText(sql`s.agency`)} in (${sql.join(lower(f.agencies))})`);
  if (f.sources?.length) parts.push(sql`s.source_type in (${sql.join(f.sources)})`);
  if (f.nationalities?.length || f.sexes?.length) parts.push(arrestsSql(f.nationalities ?? [], f.sexes ?? []));
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

// As the analyses read these fields (normalTextSql): case, and white space at the ends and inside, do not matter.
const lower = (list: readonly string[]) => list.map(normalizeText);
const freeText = (col: RawBuilder<unknown>) =>
  sql`lower(coalesce(nullif(btrim(regexp_replace(${col}, ${`${WHITE_SPACE}+`}, ' ', 'g')), ''), 'none'))`;

/** An arrested person of one of the nationalities and of one of the sexes (either list empty: any); "none": no arrest. */
function arrestsSql(nationalities: readonly string[], sexes: readonly string[]): RawBuilder<unknown> {
  const match = (col: RawBuilder<unknown>, list: readonly string[]) =>
    list.length ? sql`${col} in (${sql.join(list)})` : sql`true`;
  const none = (list: readonly string[]) => !list.length || list.includes("none");
  return sql`(exists (select 1 from jsonb_to_recordset(s.arrests) as a(nationality text, sex text)
      where ${match(sql`a.nationality`, nationalities)} and ${match(sql`a.sex`, sexes)})
    or (${none(nationalities) && none(sexes)} and jsonb_array_length(s.arrests) = 0))`;
}

const dateText = sql<string>`s.seizure_date::text`.as("date_text");
/** `dateText` of the row an insert or update returns (its table has no alias there). */
const writtenDateText = sql<string>`seizure_date::text`.as("date_text");

/**
 * Which records a write or a re-examination touches, as the service states it; only this file turns it into SQL.
 * `publishedAt`: the records published by one step (of one import batch when `batchId` is given).
 */
export type SeizureCriteria =
  | { id: string }
  | { publishedAt: Date; batchId?: string | undefined }
  | { published: true }
  | { demo: true };

/** The criteria as a condition on the seizures row aliased `alias`. */
function criteriaSql(c: SeizureCriteria, alias: "s" | "n" = "s"): RawBuilder<boolean> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  if ("id" in c) return sql<boolean>`${col("id")} = ${c.id}`;
  if ("publishedAt" in c) {
    const step = sql<boolean>`${col("status")} = 'published' and ${col("published_at")} = ${c.publishedAt}`;
    return c.batchId ? sql<boolean>`${col("import_batch_id")} = ${c.batchId} and ${step}` : step;
  }
  if ("published" in c) return sql<boolean>`${col("status")} = 'published'`;
  return sql<boolean>`${col("demo")}`;
}

/**
 * Possible duplicates across sources: same country and drug, dates within 3 days, mass (or quantity in the same
 * unit) within 10 %, and the same place or coordinates within about 25 km when both are known.
 */
function candidatesSql(from: RawBuilder<unknown>, where: RawBuilder<boolean>) {
  return sql`
    select least(n.id, o.id) as a, greatest(n.id, o.id) as b,
           1.0 - abs(n.seizure_date - o.seizure_date) / 10.0
             - coalesce(abs(n.mass_kg - o.mass_kg) / nullif(greatest(n.mass_kg, o.mass_kg), 0), 0) as score
    from ${from}
    join seizures o on o.country = n.country and o.drug = n.drug and o.id <> n.id
      and o.seizure_date between n.seizure_date - 3 and n.seizure_date + 3
      and o.status <> 'merged'
      and (o.import_batch_id is distinct from n.import_batch_id or n.import_batch_id is null)
      and (o.source_type <> n.source_type or coalesce(o.source_reference, '') <> coalesce(n.source_reference, '')
           or o.import_batch_id is distinct from n.import_batch_id)
    where ${where}
      and (case when n.mass_kg is not null and o.mass_kg is not null
                then abs(n.mass_kg - o.mass_kg) <= 0.1 * greatest(n.mass_kg, o.mass_kg)
                else n.unit = o.unit and abs(n.quantity - o.quantity) <= 0.1 * greatest(n.quantity, o.quantity) end)
      and (case when n.latitude is not null and o.latitude is not null
                then abs(n.latitude - o.latitude) < 0.25 and abs(n.longitude - o.longitude) < 0.35
                when n.place is not null and o.place is not null then lower(n.place) = lower(o.place)
                else true end)`;
}

export class SeizuresRepository {
  /**
   * `readDb` is the read replica when DATABASE_READ_URL is set (else the primary): only the aggregate reads
   * (flows, the as-of time of the monthly aggregate) use it. Individual records, which are audited and whose
   * visibility must be decided on current data, are read on the primary.
   */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly readDb: Kysely<DB> = db,
  ) {}

  find(id: string, trx: Kysely<DB> = this.db) {
    return trx.selectFrom("seizures as s").selectAll("s").select(dateText).where("s.id", "=", id).executeTakeFirst();
  }

  findMany(ids: readonly string[], trx: Kysely<DB> = this.db) {
    if (!ids.length) return Promise.resolve([]);
    return trx
      .selectFrom("seizures as s")
      .selectAll("s")
      .select(dateText)
      .where("s.id", "in", [...ids])
      .execute();
  }

  /** The record a user created with this idempotency key (offline entry), if any; never another user's. */
  findByIdempotencyKey(userId: string, key: string) {
    return this.db
      .selectFrom("seizures")
      .select(["id", "version", "idempotency_hash"])
      .where("created_by", "=", userId)
      .where("idempotency_key", "=", key)
      .executeTakeFirst();
  }

  /** Inserts a record and returns it as `find` reads it. */
  insert(trx: Kysely<DB>, values: SeizureInsert): Promise<SeizureRow> {
    return trx
      .insertInto("seizures")
      .values(values)
      .returningAll()
      .returning(writtenDateText)
      .executeTakeFirstOrThrow();
  }

  /** Updates a record at the version the caller read and returns it as `find` reads it; nothing when stale or gone. */
  updateVersioned(
    trx: Kysely<DB>,
    id: string,
    version: number,
    values: Partial<SeizureInsert>,
  ): Promise<SeizureRow | undefined> {
    return trx
      .updateTable("seizures")
      .set((eb) => ({ ...values, version: eb("version", "+", 1), updated_at: new Date() }))
      .where("id", "=", id)
      .where("version", "=", version)
      .returningAll()
      .returning(writtenDateText)
      .executeTakeFirst();
  }

  /** Marks a record merged into the one kept (a duplicate's decision) and returns it as `find` reads it. */
  markMerged(trx: Kysely<DB>, id: string, keep: string | null): Promise<SeizureRow | undefined> {
    return trx
      .updateTable("seizures")
      .set((eb) => ({ status: "merged", merged_into: keep, version: eb("version", "+", 1), updated_at: new Date() }))
      .where("id", "=", id)
      .returningAll()
      .returning(writtenDateText)
      .executeTakeFirst();
  }

  list(
    filter: Partial<SeizureFilter> & { status?: string; batch?: string },
    v: Visibility,
    page: { limit: number; offset: number },
  ) {
    const base = this.db
      .selectFrom("seizures as s")
      .where(visibleTo(v))
      .where(filterSql(filter))
      .$if(!!filter.status, (q) => q.where("s.status", "=", filter.status as never))
      .$if(!filter.status, (q) => q.where("s.status", "<>", "merged"))
      .$if(!!filter.batch, (q) => q.where("s.import_batch_id", "=", filter.batch as string));
    return Promise.all([
      base
        .selectAll("s")
        .select(dateText)
        .orderBy("s.seizure_date", "desc")
        .orderBy("s.id")
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
    ]).then(([items, count]) => ({ items, total: Number(count.n) }));
  }

  /** Published, visible records for exports, in pages so memory stays flat. */
  async *exportRows(filter: Partial<SeizureFilter>, v: Visibility, pageSize = 5000) {
    let after: { date: string; id: string } | null = null;
    for (;;) {
      const rows: SeizureRow[] = await this.db
        .selectFrom("seizures as s")
        .selectAll("s")
        .select(dateText)
        .where(visibleTo(v))
        .where(filterSql(filter))
        .where("s.status", "=", "published")
        .$if(after !== null, (q) =>
          q.where(sql<boolean>`(s.seizure_date, s.id) > (${after?.date}::date, ${after?.id}::uuid)`),
        )
        .orderBy("s.seizure_date")
        .orderBy("s.id")
        .limit(pageSize)
        .execute();
      if (!rows.length) return;
      yield rows;
      const last = rows[rows.length - 1];
      if (!last) return;
      after = { date: last.date_text, id: last.id };
      if (rows.length < pageSize) return;
    }
  }

  /** Adds (+1) or removes (−1) the published records matching `criteria` to/from the monthly aggregate. */
  async adjustMonthly(trx: Kysely<DB>, criteria: SeizureCriteria, sign: 1 | -1) {
    const where = criteriaSql(criteria);
    await sql`
      insert into seizure_monthly as m
        (country, year, month, drug, drug_group, route, unit, sharing, owner_partner, cases, mass_kg, quantity, max_mass_kg)
      select s.country, s.year, s.month, s.drug, s.drug_group, coalesce(s.route, ''), s.unit, s.sharing,
             coalesce(s.owner_partner, ''), ${sign} * count(*), ${sign} * coalesce(sum(s.mass_kg), 0),
             ${sign} * sum(s.quantity), coalesce(max(s.mass_kg), 0)
      from seizures s where ${where}
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9
      on conflict (country, year, month, drug, route, unit, sharing, owner_partner) do update set
        cases = m.cases + excluded.cases, mass_kg = m.mass_kg + excluded.mass_kg, quantity = m.quantity + excluded.quantity,
        -- A removal cannot lower the maximum without a rescan: it stays an upper bound (the dominance rule then
        -- errs towards suppressing) until the next rebuild.
        max_mass_kg = greatest(m.max_mass_kg, case when ${sign} > 0 then excluded.max_mass_kg else 0 end)`.execute(trx);
    if (sign < 0) await sql`delete from seizure_monthly where cases <= 0`.execute(trx);
    // Tells the cached public grid (seizures.aggregates.ts) that the aggregate changed.
    await sql`update seizure_aggregate_state set version = version + 1`.execute(trx);
  }

  async rebuildMonthly(trx: Kysely<DB> = this.db) {
    await sql`delete from seizure_monthly`.execute(trx);
    await this.adjustMonthly(trx, { published: true }, 1);
  }

  /**
   * Moves records of a batch (or of the given ids) from one status to the next, within the user's countries.
   * `fourEyes`: leaves out the records `userId` created or last edited, but in the `exempt` countries.
   */
  async transition(
    trx: Kysely<DB>,
    target: { batchId?: string; records?: { id: string; version: number }[] },
    from: "entered" | "validated",
    to: "validated" | "published",
    actorId: string | null,
    at: Date,
    countries: readonly string[] | "all",
    fourEyes: { userId: string; exempt: readonly string[] } | null = null,
  ): Promise<number> {
    const stamp =
      to === "validated" ? { validated_by: actorId, validated_at: at } : { published_by: actorId, published_at: at };
    let q = trx
      .updateTable("seizures as s")
      .set((eb) => ({ ...stamp, status: to, version: eb("s.version", "+", 1), updated_at: at }))
      .where("s.status", "=", from);
    if (countries !== "all") q = q.where("s.country", "in", countries.length ? [...countries] : ["---"]);
    if (fourEyes) {
      const { userId, exempt } = fourEyes;
      q = q.where((eb) =>
        eb.or([
          eb("s.country", "in", exempt.length ? [...exempt] : ["---"]),
          eb.and([eb("s.created_by", "is distinct from", userId), eb("s.edited_by", "is distinct from", userId)]),
        ]),
      );
    }
    if (target.batchId) q = q.where("s.import_batch_id", "=", target.batchId);
    if (target.records?.length) {
      q = q.where((eb) =>
        eb.or(target.records?.map((r) => eb.and([eb("s.id", "=", r.id), eb("s.version", "=", r.version)])) ?? []),
      );
    }
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows ?? 0);
  }

  /**
   * The revisions of a `transition` (for `ChangeRecorder.recordSet`), as a query not run here: the records now in
   * `to` stamped at `at` (of the batch), each with its status change and its new status as the snapshot.
   */
  transitionRevisions(
    trx: Kysely<DB>,
    target: { batchId?: string | undefined },
    from: "entered" | "validated",
    to: "validated" | "published",
    at: Date,
  ) {
    let q = trx
      .selectFrom("seizures as s")
      .select([
        sql<string>`s.id::text`.as("entity_id"),
        "s.version",
        sql<unknown>`jsonb_build_object('status', jsonb_build_object('from', ${from}::text, 'to', ${to}::text))`.as(
          "changes",
        ),
        sql<unknown>`jsonb_build_object('status', ${to}::text)`.as("snapshot"),
      ])
      .where("s.status", "=", to)
      .where(to === "validated" ? "s.validated_at" : "s.published_at", "=", at);
    if (target.batchId) q = q.where("s.import_batch_id", "=", target.batchId);
    return q;
  }

  insertBatch(
    trx: Kysely<DB>,
    values: {
      id?: string;
      file_name: string;
      layout: string;
      rows: number;
      created_by: string | null;
      demo?: boolean;
    },
  ) {
    return trx.insertInto("seizure_import_batches").values(values).returning("id").executeTakeFirstOrThrow();
  }

  /** One page of the records matching `criteria`, in id order after `after` (keyset paging), with the date as text. */
  publishedPage(criteria: SeizureCriteria, after: string | null, limit: number) {
    let q = this.db
      .selectFrom("seizures as s")
      .selectAll("s")
      .select(dateText)
      .where(criteriaSql(criteria))
      .orderBy("s.id")
      .limit(limit);
    if (after) q = q.where("s.id", ">", after);
    return q.execute();
  }

  // --- duplicates ------------------------------------------------------------------------------------

  /**
   * Possible duplicates across sources: same country and drug, dates within 3 days, mass (or quantity in the same
   * unit) within 10 %, and the same place or coordinates within 25 km when both are known. Pairs already found
   * (whatever their decision) are not proposed again.
   */
  async findDuplicates(trx: Kysely<DB>, newRows: SeizureCriteria): Promise<number> {
    const res = await sql`
      insert into seizure_duplicates (seizure_a, seizure_b, score)
      ${candidatesSql(sql`seizures n`, criteriaSql(newRows, "n"))}
      on conflict (seizure_a, seizure_b) do nothing`.execute(trx);
    return Number(res.numAffectedRows ?? 0);
  }

  /**
   * Whether a batch can meet any stored record at all (same country and drug, dates within 3 days): when it cannot
   * (a first load, a new country or year) the candidate search is skipped, since its index lookups would only wade
   * through the batch's own rows.
   */
  async overlapsStored(
    trx: Kysely<DB>,
    batchId: string,
    span: { countries: Set<string>; drugs: Set<string>; from: string | null; to: string | null },
  ): Promise<boolean> {
    if (!span.from || !span.to || !span.countries.size) return false;
    const row = await sql<{ hit: boolean }>`
      select exists (
        select 1 from seizures o
        where o.country = any(${[...span.countries]}::text[]) and o.drug = any(${[...span.drugs]}::text[])
          and o.seizure_date between ${span.from}::date - 3 and ${span.to}::date + 3
          and o.import_batch_id is distinct from ${batchId}::uuid and o.status <> 'merged') as hit`.execute(trx);
    return !!row.rows[0]?.hit;
  }

  /**
   * Whether any record outside `batchId` has the same country and drug as one of `ranges` and a date within it: the
   * import's probe, run on another connection while the batch is still being written (so it sees only committed
   * records, and its ranges hold none of the batch's rows written so far).
   */
  async storedInRanges(
    db: Kysely<DB>,
    batchId: string,
    ranges: readonly { country: string; drug: string; from: string; to: string }[],
  ): Promise<boolean> {
    if (!ranges.length) return false;
    const row = await sql<{ hit: boolean }>`
      select exists (
        select 1 from unnest(${ranges.map((r) => r.country)}::text[], ${ranges.map((r) => r.drug)}::text[],
                             ${ranges.map((r) => r.from)}::date[], ${ranges.map((r) => r.to)}::date[]) p(country, drug, lo, hi)
        where exists (
          select 1 from seizures o
          where o.country = p.country and o.drug = p.drug and o.seizure_date between p.lo and p.hi
            and o.import_batch_id is distinct from ${batchId}::uuid and o.status <> 'merged')) as hit`.execute(db);
    return !!row.rows[0]?.hit;
  }

  /** Import batches of the last week as one connection sees them now (an import's probe: those it could see). */
  async recentBatchIds(db: Kysely<DB>): Promise<string[]> {
    const rows = await db
      .selectFrom("seizure_import_batches")
      .select("id")
      .where("created_at", ">", sql<Date>`now() - interval '7 days'`)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Whether a batch committed by another import while this one ran (recent, not in `seen`) can meet the batch: same
   * country and drug, dates within 3 days of the span. Read through the batch index, batch by batch (a lateral probe
   * with a limit, so the plan is always a loop over those few batches), so only their rows: as a plain join, a
   * planner whose statistics predate the import's rows chose the (country, drug, date) index and visited the
   * batch's own new rows instead (1.6 s on 200,000 rows, with no other batch to find).
   */
  async overlapsBatchesSince(
    trx: Kysely<DB>,
    batchId: string,
    seen: readonly string[],
    span: { countries: Set<string>; drugs: Set<string>; from: string | null; to: string | null },
  ): Promise<boolean> {
    if (!span.from || !span.to || !span.countries.size) return false;
    const row = await sql<{ hit: boolean }>`
      select exists (
        select 1 from seizure_import_batches b
        cross join lateral (
          select 1 from seizures o
          where o.import_batch_id = b.id
            and o.country = any(${[...span.countries]}::text[]) and o.drug = any(${[...span.drugs]}::text[])
            and o.seizure_date between ${span.from}::date - 3 and ${span.to}::date + 3
            and o.status <> 'merged'
          limit 1) o
        where b.created_at > now() - interval '7 days' and b.id <> ${batchId}::uuid
          and b.id <> all(${[...seen]}::uuid[])) as hit`.execute(trx);
    return !!row.rows[0]?.hit;
  }

  /** Possible duplicates between a batch just written and every other record, stored as open pairs. */
  async insertCandidatesOfBatch(trx: Kysely<DB>, batchId: string): Promise<number> {
    const res = await sql`
      insert into seizure_duplicates (seizure_a, seizure_b, score)
      select a, b, score from (${candidatesSql(sql`seizures n`, sql<boolean>`n.import_batch_id = ${batchId}::uuid`)}) c
      on conflict (seizure_a, seizure_b) do nothing`.execute(trx);
    return Number(res.numAffectedRows ?? 0);
  }

  async setBatchRows(trx: Kysely<DB>, batchId: string, rows: number) {
    await trx.updateTable("seizure_import_batches").set({ rows }).where("id", "=", batchId).execute();
  }

  listDuplicates(status: string, v: Visibility, page: { limit: number; offset: number }) {
    const base = this.db
      .selectFrom("seizure_duplicates as d")
      .innerJoin("seizures as s", "s.id", "d.seizure_a")
      .where("d.status", "=", status as never)
      .where(visibleTo(v));
    return Promise.all([
      base.selectAll("d").orderBy("d.created_at", "desc").limit(page.limit).offset(page.offset).execute(),
      base.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
    ]).then(([items, count]) => ({ items, total: Number(count.n) }));
  }

  findDuplicate(id: string, trx: Kysely<DB> = this.db) {
    return trx.selectFrom("seizure_duplicates").selectAll().where("id", "=", id).executeTakeFirst();
  }

  decideDuplicate(
    trx: Kysely<DB>,
    id: string,
    status: "merged" | "kept_apart",
    by: string | null,
    note: string | null,
  ) {
    return trx
      .updateTable("seizure_duplicates")
      .set({ status, decided_by: by, decided_at: new Date(), note })
      .where("id", "=", id)
      .where("status", "=", "open")
      .returning("id")
      .executeTakeFirst();
  }

  // --- dashboards and maps -------------------------------------------------------------------------------

  top(filter: Partial<SeizureFilter>, v: Visibility, limit: number) {
    return this.db
      .selectFrom("seizures as s")
      .select(["s.id", "s.country", "s.drug", "s.mass_kg", "s.place", dateText])
      .where("s.status", "=", "published")
      .where("s.mass_kg", "is not", null)
      .where(visibleTo(v))
      .where(filterSql(filter))
      .orderBy("s.mass_kg", "desc")
      .limit(limit)
      .execute();
  }

  points(filter: Partial<SeizureFilter>, v: Visibility, limit: number) {
    return this.db
      .selectFrom("seizures as s")
      .select(["s.id", "s.longitude", "s.latitude", "s.mass_kg", "s.drug"])
      .where("s.status", "=", "published")
      .where("s.latitude", "is not", null)
      .where(visibleTo(v))
      .where(filterSql(filter))
      .limit(limit)
      .execute();
  }

  /** Legs origin → (departure) → transit… → seizure country → destination, summed over published records. */
  async flows(filter: Partial<SeizureFilter>, v: Visibility) {
    const res = await sql<{ from: string; to: string; cases: number; mass_kg: number }>`
      with paths as (
        select s.id, coalesce(s.mass_kg, 0) as kg,
               (select coalesce(jsonb_agg(x), '[]'::jsonb) from (
                  select distinct c as x from jsonb_array_elements_text(
                    (case when jsonb_array_length(s.origin_countries) > 0 then s.origin_countries
                          when s.departure_country is not null then jsonb_build_array(s.departure_country)
                          else '[]'::jsonb end)) c) o) as origins,
               s.transit_countries || jsonb_build_array(s.country) || s.destination_countries as rest
        from seizures s
        where s.status = 'published' and ${visibleTo(v)} and ${filterSql(filter)}
      ),
      legs as (
        select p.id, p.kg, o.value as a, (p.rest ->> 0) as b from paths p, jsonb_array_elements_text(p.origins) o
        union all
        select p.id, p.kg, r.value as a, (p.rest ->> (r.ordinality::int)) as b
        from paths p, jsonb_array_elements_text(p.rest) with ordinality r
      )
      select a as from, b as to, count(distinct id)::int as cases, sum(kg) as mass_kg
      from legs where b is not null and a <> b group by a, b order by sum(kg) desc limit 500`.execute(this.readDb);
    return res.rows;
  }

  /** Monthly mass per country × drug (published), for the anomaly detector. */
  monthlySeries(pairs: { country: string; drug: string }[]) {
    if (!pairs.length) return Promise.resolve([]);
    return this.db
      .selectFrom("seizure_monthly")
      .select(["country", "drug", "year", "month", sql<number>`sum(mass_kg)`.as("mass_kg")])
      .where("month", ">", 0)
      .where((eb) => eb.or(pairs.map((p) => eb.and([eb("country", "=", p.country), eb("drug", "=", p.drug)]))))
      .groupBy(["country", "drug", "year", "month"])
      .orderBy("year")
      .orderBy("month")
      .execute();
  }

  /** Country × drug pairs touched by records matching `criteria`. */
  async pairsOf(trx: Kysely<DB>, criteria: SeizureCriteria) {
    const res = await sql<{ country: string; drug: string }>`
      select distinct s.country, s.drug from seizures s where ${criteriaSql(criteria)} limit 5000`.execute(trx);
    return res.rows;
  }

  upsertAlert(values: {
    country: string;
    drug: string;
    year: number;
    month: number;
    mass_kg: number;
    median: number;
    score: number;
    direction: "up" | "down";
  }) {
    return this.db
      .insertInto("seizure_alerts")
      .values(values)
      .onConflict((oc) =>
        oc.columns(["country", "drug", "year", "month"]).doUpdateSet({
          mass_kg: values.mass_kg,
          median: values.median,
          score: values.score,
          direction: values.direction,
        }),
      )
      .returning(["id", "notified_at"])
      .executeTakeFirstOrThrow();
  }

  markAlertNotified(id: string) {
    return this.db.updateTable("seizure_alerts").set({ notified_at: new Date() }).where("id", "=", id).execute();
  }

  listAlerts(countries: readonly string[] | null, limit: number) {
    return this.db
      .selectFrom("seizure_alerts")
      .selectAll()
      .$if(countries !== null, (q) => q.where("country", "in", countries?.length ? [...countries] : ["---"]))
      .orderBy("year", "desc")
      .orderBy("month", "desc")
      .orderBy("score", "desc")
      .limit(limit)
      .execute();
  }

  /** Liaison officers whose scopes include the country (active). */
  async liaisonOfficersFor(country: string) {
    const rows = await this.db
      .selectFrom("users")
      .innerJoin("user_country_scopes as c", "c.user_id", "users.id")
      .select("users.id")
      .where("c.country_code", "=", country)
      .where("users.role", "=", "liaison_officer")
      .where("users.status", "=", "active")
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * The monthly aggregate's version: it goes up in the same transaction as every change of the published records
   * (adjustMonthly), so an answer computed at one version holds while the version has not moved.
   */
  async aggregateVersion(): Promise<string> {
    const row = await this.readDb.selectFrom("seizure_aggregate_state").select("version").executeTakeFirst();
    return String(row?.version ?? "");
  }

  latestPublished() {
    return this.readDb
      .selectFrom("seizures")
      .select(sql<string | null>`max(published_at)::text`.as("at"))
      .where("status", "=", "published")
      .executeTakeFirst();
  }

  // --- DMP terms ------------------------------------------------------------------------------------------

  async hasAccepted(userId: string, version: number) {
    const row = await this.db
      .selectFrom("seizure_terms_acceptances")
      .select("user_id")
      .where("user_id", "=", userId)
      .where("version", "=", version)
      .executeTakeFirst();
    return !!row;
  }

  acceptTerms(trx: Kysely<DB>, userId: string, version: number, ip: string | null) {
    return trx
      .insertInto("seizure_terms_acceptances")
      .values({ user_id: userId, version, ip })
      .onConflict((oc) => oc.columns(["user_id", "version"]).doNothing())
      .execute();
  }

  // --- demo -------------------------------------------------------------------------------------------------

  async removeDemo() {
    return this.db.transaction().execute(async (trx) => {
      await sql`delete from seizure_duplicates d using seizures s where s.demo and (d.seizure_a = s.id or d.seizure_b = s.id)`.execute(
        trx,
      );
      await sql`update seizures set merged_into = null where merged_into in (select id from seizures where demo)`.execute(
        trx,
      );
      await sql`delete from revisions where entity_type = 'seizure' and entity_id in (select id::text from seizures where demo)`.execute(
        trx,
      );
      const res = await trx.deleteFrom("seizures").where("demo", "=", true).executeTakeFirst();
      await trx.deleteFrom("seizure_import_batches").where("demo", "=", true).execute();
      await this.rebuildMonthly(trx);
      await trx.deleteFrom("seizure_alerts").execute();
      return Number(res.numDeletedRows ?? 0);
    });
  }
}

export type SeizureRow = NonNullable<Awaited<ReturnType<SeizuresRepository["find"]>>>;
export type { ExpressionBuilder };
