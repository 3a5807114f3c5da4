import type { Insertable, Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";
import { insertRow, updateVersioned } from "../../db/versioned.js";
import type {
  FactsheetIndicatorsTable,
  FactsheetRegionsTable,
  FactsheetsTable,
  NationalTotalsTable,
} from "./factsheets.tables.js";

export type IndicatorRow = Selectable<FactsheetIndicatorsTable>;
export type TotalRow = Selectable<NationalTotalsTable>;
export type RegionRow = Selectable<FactsheetRegionsTable>;
export type FactsheetRow = Selectable<FactsheetsTable>;
export interface IndicatorKey {
  country: string;
  year: number;
  kind: string;
  drug: string;
  market: string;
  unit: string;
  currency: string;
}
export type IndicatorValues = Omit<Insertable<FactsheetIndicatorsTable>, "id" | "created_by"> & IndicatorKey;
export type TotalValues = Omit<Insertable<NationalTotalsTable>, "id" | "created_by">;

/** All SQL of the factsheets module: indicators, reported national totals, regions, fact sheets, editions. */
export class FactsheetsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /* ----------------------------------------------------------- indicators */

  listIndicators(filter: { countries: string[]; years: number[] }, trx: Kysely<DB> = this.db) {
    if (!filter.countries.length || !filter.years.length) return Promise.resolve([] as IndicatorRow[]);
    return trx
      .selectFrom("factsheet_indicators")
      .selectAll()
      .where("archived_at", "is", null)
      .where("country", "in", filter.countries)
      .where("year", "in", filter.years)
      .orderBy("country")
      .orderBy("kind")
      .orderBy("drug")
      .orderBy("market")
      .orderBy("currency")
      .orderBy("year")
      .execute();
  }

  findIndicator(id: string, trx: Kysely<DB> = this.db) {
    return trx.selectFrom("factsheet_indicators").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findIndicatorByKey(trx: Kysely<DB>, key: IndicatorKey) {
    return trx
      .selectFrom("factsheet_indicators")
      .selectAll()
      .where("archived_at", "is", null)
      .where("country", "=", key.country)
      .where("year", "=", key.year)
      .where("kind", "=", key.kind)
      .where("drug", "=", key.drug)
      .where("market", "=", key.market)
      .where("unit", "=", key.unit)
      .where("currency", "=", key.currency)
      .executeTakeFirst();
  }

  insertIndicator(trx: Kysely<DB>, values: IndicatorValues, userId: string | null) {
    return insertRow(trx, "factsheet_indicators", { ...values, created_by: userId });
  }

  updateIndicator(trx: Kysely<DB>, id: string, expectedVersion: number, values: Partial<IndicatorValues>) {
    return updateVersioned(trx, "factsheet_indicators", { id, expectedVersion, live: true }, values);
  }

  archiveIndicator(trx: Kysely<DB>, id: string, expectedVersion: number) {
    return this.updateIndicator(trx, id, expectedVersion, { archived_at: new Date() });
  }

  /* ----------------------------------------------------------- reported national totals */

  listTotals(filter: { countries: string[]; years: number[] }, trx: Kysely<DB> = this.db) {
    if (!filter.countries.length || !filter.years.length) return Promise.resolve([] as TotalRow[]);
    return trx
      .selectFrom("national_totals")
      .selectAll()
      .where("archived_at", "is", null)
      .where("country", "in", filter.countries)
      .where("year", "in", filter.years)
      .orderBy("country")
      .orderBy("drug")
      .orderBy("unit")
      .execute();
  }

  findTotal(id: string, trx: Kysely<DB> = this.db) {
    return trx.selectFrom("national_totals").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findTotalByKey(trx: Kysely<DB>, key: Pick<TotalRow, "country" | "year" | "drug" | "unit">) {
    return trx
      .selectFrom("national_totals")
      .selectAll()
      .where("archived_at", "is", null)
      .where("country", "=", key.country)
      .where("year", "=", key.year)
      .where("drug", "=", key.drug)
      .where("unit", "=", key.unit)
      .executeTakeFirst();
  }

  insertTotal(trx: Kysely<DB>, values: TotalValues, userId: string | null) {
    return insertRow(trx, "national_totals", { ...values, created_by: userId });
  }

  updateTotal(trx: Kysely<DB>, id: string, expectedVersion: number, values: Partial<TotalValues>) {
    return updateVersioned(trx, "national_totals", { id, expectedVersion, live: true }, values);
  }

  /* ----------------------------------------------------------- regions */

  listRegions(trx: Kysely<DB> = this.db) {
    return trx.selectFrom("factsheet_regions").selectAll().where("archived_at", "is", null).orderBy("code").execute();
  }

  findRegion(code: string, trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("factsheet_regions")
      .selectAll()
      .where("code", "=", code)
      .where("archived_at", "is", null)
      .executeTakeFirst();
  }

  insertRegion(
    trx: Kysely<DB>,
    values: { code: string; name: object; countries: string[]; demo?: boolean },
    userId: string | null,
  ) {
    return trx
      .insertInto("factsheet_regions")
      .values({
        code: values.code,
        name: JSON.stringify(values.name),
        countries: JSON.stringify(values.countries),
        demo: values.demo ?? false,
        created_by: userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  updateRegion(
    trx: Kysely<DB>,
    code: string,
    expectedVersion: number,
    values: { name?: object; countries?: string[]; archived_at?: Date },
  ) {
    return updateVersioned(
      trx,
      "factsheet_regions",
      { code, expectedVersion, live: true },
      {
        ...(values.name ? { name: JSON.stringify(values.name) } : {}),
        ...(values.countries ? { countries: JSON.stringify(values.countries) } : {}),
        ...(values.archived_at ? { archived_at: values.archived_at } : {}),
      },
    );
  }

  /* ----------------------------------------------------------- fact sheets */

  listFactsheets(filter: {
    scope?: "country" | "region";
    subject?: string;
    year?: number;
    status?: string;
    /** Drafts of these subjects are visible too; null = all drafts visible. */
    draftSubjects: string[] | null;
    limit: number;
    offset: number;
  }) {
    let q = this.db.selectFrom("factsheets").where("archived_at", "is", null);
    if (filter.scope) q = q.where("scope", "=", filter.scope);
    if (filter.subject) q = q.where("subject", "=", filter.subject);
    if (filter.year) q = q.where("year", "=", filter.year);
    if (filter.status) q = q.where("status", "=", filter.status as "draft");
    const subjects = filter.draftSubjects;
    if (subjects !== null) {
      q = q.where((eb) => eb.or([eb("edition", ">", 0), ...(subjects.length ? [eb("subject", "in", subjects)] : [])]));
    }
    return Promise.all([
      q
        .selectAll()
        .orderBy("year", "desc")
        .orderBy("scope")
        .orderBy("subject")
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
    ]);
  }

  findFactsheet(id: string, trx: Kysely<DB> = this.db) {
    return trx.selectFrom("factsheets").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findFactsheetBySubject(scope: "country" | "region", subject: string, year: number, trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("factsheets")
      .selectAll()
      .where("scope", "=", scope)
      .where("subject", "=", subject)
      .where("year", "=", year)
      .executeTakeFirst();
  }

  insertFactsheet(
    trx: Kysely<DB>,
    values: { scope: "country" | "region"; subject: string; year: number; demo?: boolean; sources?: string[] },
    userId: string | null,
  ) {
    return trx
      .insertInto("factsheets")
      .values({
        scope: values.scope,
        subject: values.subject,
        year: values.year,
        notes: JSON.stringify({}),
        sources: JSON.stringify(values.sources ?? []),
        demo: values.demo ?? false,
        created_by: userId,
      })
      .onConflict((oc) => oc.columns(["scope", "subject", "year"]).doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  updateFactsheet(
    trx: Kysely<DB>,
    id: string,
    expectedVersion: number,
    values: Partial<{
      notes: object;
      sources: string[];
      status: "draft" | "in_review" | "published";
      review_comment: string | null;
      submitted_by: string | null;
      submitted_at: Date | null;
      reviewed_by: string | null;
      reviewed_at: Date | null;
      published_at: Date | null;
      edition: number;
    }>,
  ) {
    const { notes, sources, ...rest } = values;
    return trx
      .updateTable("factsheets")
      .set((eb) => ({
        ...rest,
        ...(notes ? { notes: JSON.stringify(notes) } : {}),
        ...(sources ? { sources: JSON.stringify(sources) } : {}),
        version: eb("version", "+", 1),
        updated_at: new Date(),
      }))
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .where("archived_at", "is", null)
      .returningAll()
      .executeTakeFirst();
  }

  insertEdition(
    trx: Kysely<DB>,
    values: { factsheetId: string; edition: number; content: unknown; userId: string | null; userName: string | null },
  ) {
    return trx
      .insertInto("factsheet_editions")
      .values({
        factsheet_id: values.factsheetId,
        edition: values.edition,
        content: JSON.stringify(values.content),
        published_by: values.userId,
        published_by_name: values.userName,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  listEditions(factsheetId: string) {
    return this.db
      .selectFrom("factsheet_editions")
      .select(["edition", "published_at", "published_by_name"])
      .where("factsheet_id", "=", factsheetId)
      .orderBy("edition", "desc")
      .execute();
  }

  findEdition(factsheetId: string, edition: number) {
    return this.db
      .selectFrom("factsheet_editions")
      .selectAll()
      .where("factsheet_id", "=", factsheetId)
      .where("edition", "=", edition)
      .executeTakeFirst();
  }

  /** The stored PDF of an edition in a language (its file id), if the publication job has rendered it. */
  async findEditionPdf(factsheetId: string, edition: number, lang: "en" | "ru") {
    const row = await this.db
      .selectFrom("factsheet_edition_pdfs")
      .select("file_id")
      .where("factsheet_id", "=", factsheetId)
      .where("edition", "=", edition)
      .where("lang", "=", lang)
      .executeTakeFirst();
    return row?.file_id ?? null;
  }

  /** Records a rendered PDF; a second render of the same edition and language (a retried job) changes nothing. */
  async insertEditionPdf(
    trx: Kysely<DB>,
    values: { factsheetId: string; edition: number; lang: "en" | "ru"; fileId: string },
  ) {
    const row = await trx
      .insertInto("factsheet_edition_pdfs")
      .values({ factsheet_id: values.factsheetId, edition: values.edition, lang: values.lang, file_id: values.fileId })
      .onConflict((oc) => oc.columns(["factsheet_id", "edition", "lang"]).doNothing())
      .returning("file_id")
      .executeTakeFirst();
    return row !== undefined;
  }

  /* ----------------------------------------------------------- demo data */

  async removeDemo() {
    const sheets = await this.db.deleteFrom("factsheets").where("demo", "=", true).returning("id").execute();
    const indicators = await this.db.deleteFrom("factsheet_indicators").where("demo", "=", true).executeTakeFirst();
    const totals = await this.db.deleteFrom("national_totals").where("demo", "=", true).executeTakeFirst();
    const regions = await this.db.deleteFrom("factsheet_regions").where("demo", "=", true).executeTakeFirst();
    return {
      factsheets: sheets.map((s) => s.id),
      indicators: Number(indicators.numDeletedRows),
      totals: Number(totals.numDeletedRows),
      regions: Number(regions.numDeletedRows),
    };
  }
}
