import type { Kysely } from "kysely";
import type {
  Assessment,
  AssessmentInput,
  CountryFacilityStats,
  Facility,
  FacilityFilter,
  FacilityImportJobRequest,
  FacilityImportReport,
  FacilityImportResult,
  FacilityInput,
  FacilityList,
  FacilityListQuery,
  FacilityPoints,
  FacilityReference,
  FacilityStats,
  FacilitySummary,
  FacilityUpdate,
  ImportPreview,
  ImportRequest,
} from "../../../common/facilities.js";
import type { ImportResult } from "../../../common/imports.js";
import type { Revision } from "../../../common/partners.js";
import type { DB } from "../../db/schema.js";
import { type Principal, VISITOR } from "../../http/access-policy.js";
import { AppError, type FieldError, forbidden, notFound, validationFailed } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { FileService } from "../../platform/files.js";
import { defineImport, type ModuleImport } from "../../platform/imports/jobs.js";
import type { JobService } from "../../platform/jobs.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { SearchDocument, SearchService } from "../../platform/search.js";
import type { PartnersService } from "../partners/partners.service.js";
import type { UsersService } from "../users/users.service.js";
import { checkFacility } from "./facilities.checks.js";
import {
  type FacilityImportOptions,
  facilityImport,
  previewFacilities,
  toFacilityReport,
} from "./facilities.import.js";
import { canEditFacility, facilityCountries } from "./facilities.policy.js";
import { checklistOf, FACILITY_REFERENCE, MODALITY_CODES } from "./facilities.reference.js";
import {
  FacilitiesRepository,
  type FacilityRow,
  type FacilityValues,
  type Visibility,
} from "./facilities.repository.js";

export interface FacilitiesDeps {
  audit: AuditService;
  revisions: RevisionService;
  search: SearchService;
  users: UsersService;
  partners: PartnersService;
  files: FileService;
  jobs: JobService;
  /** The read replica for the statistics pages (DATABASE_READ_URL); the primary when absent. */
  readDb?: Kysely<DB>;
}

/** Background job that puts the records of a large import into the search index. */
export const INDEX_JOB = "facilities.index";
/** Imports up to this many records are indexed at once; larger ones by the job, so the editor does not wait. */
const INLINE_INDEX_LIMIT = 50;

const visibilityOf = (principal: Principal): Visibility => ({ includeRestricted: !!principal.user });

function toSummary(row: FacilityRow): FacilitySummary {
  return {
    id: row.id,
    name: row.name,
    nameOriginal: row.name_original,
    orgType: row.org_type,
    country: row.country,
    region: row.region,
    city: row.city,
    latitude: row.latitude,
    longitude: row.longitude,
    modalities: row.modalities,
    services: row.services,
    populations: row.populations,
    capacity: row.capacity,
    sharing: row.sharing,
    lastVerified: row.last_verified,
  };
}

function toFacility(row: FacilityRow, scores: Record<string, number>, canEdit: boolean): Facility {
  return {
    ...toSummary(row),
    address: row.address,
    postcode: row.postcode,
    phone: row.phone,
    email: row.email,
    website: row.website,
    contactPerson: row.contact_person,
    languages: row.languages,
    patientsPerYear: row.patients_per_year,
    accreditation: row.accreditation,
    source: row.source,
    scores,
    can: { edit: canEdit },
    archivedAt: row.archived_at ? new Date(row.archived_at).toISOString() : null,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The record as history keeps it: the stored columns without bookkeeping. */
function snapshotOf(row: FacilityRow): Record<string, unknown> {
  const { created_at: _c, updated_at: _u, version: _v, ...rest } = row;
  return rest;
}

/** A facility's entry in the global search with its sharing level (restricted: members only). */
function searchDocument(row: FacilityRow): SearchDocument {
  const labels = FACILITY_REFERENCE.modalities
    .filter((m) => row.modalities.includes(m.code))
    .flatMap((m) => [m.label.en, m.label.ru]);
  return {
    entityType: "facility",
    entityId: row.id,
    title: row.name,
    body: [row.name_original, row.city, row.region, row.country, row.address, ...labels].filter(Boolean).join(" "),
    url: `/facilities/${row.id}`,
    access: row.sharing === "public" ? "public" : "members",
  };
}

/** Converts the API's fields to columns; only the fields present (for partial updates). */
export function toValues(input: Partial<FacilityInput>): Partial<FacilityValues> {
  const map: [keyof FacilityInput, keyof FacilityValues][] = [
    ["name", "name"],
    ["nameOriginal", "name_original"],
    ["orgType", "org_type"],
    ["country", "country"],
    ["region", "region"],
    ["city", "city"],
    ["address", "address"],
    ["postcode", "postcode"],
    ["latitude", "latitude"],
    ["longitude", "longitude"],
    ["phone", "phone"],
    ["email", "email"],
    ["website", "website"],
    ["contactPerson", "contact_person"],
    ["modalities", "modalities"],
    ["services", "services"],
    ["populations", "populations"],
    ["languages", "languages"],
    ["capacity", "capacity"],
    ["patientsPerYear", "patients_per_year"],
    ["accreditation", "accreditation"],
    ["lastVerified", "last_verified"],
    ["sharing", "sharing"],
  ];
  const out: Record<string, unknown> = {};
  for (const [from, to] of map) if (input[from] !== undefined) out[to] = input[from];
  for (const k of ["modalities", "services", "populations", "languages"] as const) {
    if (Array.isArray(out[k])) out[k] = [...new Set(out[k] as string[])];
  }
  return out as Partial<FacilityValues>;
}

/** The treatment facility tool: directory, records, self-assessments and statistics by country. */
export class FacilitiesService {
  readonly repo: FacilitiesRepository;
  /** The facility import on the platform's pipeline (job kind `imports.facilities`). */
  readonly importer: ModuleImport<FacilityImportOptions, Omit<FacilityImportResult, keyof ImportResult>>;
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: FacilitiesDeps,
  ) {
    this.repo = new FacilitiesRepository(db, deps.readDb);
    this.changes = new ChangeRecorder(deps);
    this.importer = defineImport({ db, jobs: deps.jobs, files: deps.files }, facilityImport(this));
    deps.search.registerType("facility", { en: "Treatment facilities", ru: "Лечебные учреждения" });
    deps.partners.addSectionProvider((code, principal) => this.partnerSection(code, principal));
  }

  reference(): FacilityReference {
    return FACILITY_REFERENCE;
  }

  /** Whether the principal may edit facilities of this country (own countries, own partner, or their own record). */
  async canEdit(principal: Principal, country: string, createdBy: string | null = null): Promise<boolean> {
    return canEditFacility(principal, { country, createdBy }, (id) => this.deps.users.countryScopesOf(id));
  }

  /** The countries a principal may enter facilities for; null means every country. */
  async editableCountries(principal: Principal): Promise<string[] | null> {
    return facilityCountries(principal, (id) => this.deps.users.countryScopesOf(id));
  }

  async list(query: FacilityListQuery, principal: Principal): Promise<FacilityList> {
    const { limit, offset, ...filter } = query;
    const { items, total } = await this.repo.list(filter, visibilityOf(principal), { limit, offset });
    return { items: items.map(toSummary), total, limit, offset };
  }

  async exportRows(filter: FacilityFilter, principal: Principal): Promise<FacilityRow[]> {
    return this.repo.exportRows(filter, visibilityOf(principal));
  }

  async points(filter: FacilityFilter, principal: Principal): Promise<FacilityPoints> {
    const rows = await this.repo.points(filter, visibilityOf(principal));
    const items = rows
      .filter((r) => r.latitude !== null && r.longitude !== null)
      .map((r) => ({
        id: r.id,
        name: r.name,
        country: r.country,
        latitude: r.latitude as number,
        longitude: r.longitude as number,
        modalities: r.modalities,
      }));
    return { items, withoutCoordinates: rows.length - items.length };
  }

  /** A facility's page; reading a restricted one is audited. */
  async get(id: string, principal: Principal, actor: Actor): Promise<Facility> {
    const row = await this.visibleRow(id, principal);
    if (row.sharing === "restricted") {
      await this.changes.event(actor, { action: "facility.read", objectType: "facility", objectId: id });
    }
    const scores = (await this.repo.latestScores([id])).get(id) ?? {};
    return toFacility(row, scores, await this.canEdit(principal, row.country, row.created_by));
  }

  private async visibleRow(id: string, principal: Principal): Promise<FacilityRow> {
    const row = await this.repo.find(id);
    // A restricted facility does not exist for a visitor: 404, not 401, so its existence is not disclosed.
    if (!row || row.archived_at || (row.sharing === "restricted" && !principal.user)) throw notFound("facility");
    return row;
  }

  async create(input: FacilityInput, principal: Principal, actor: Actor): Promise<Facility> {
    if (!(await this.canEdit(principal, input.country))) throw forbidden();
    const values = { ...toValues(input), source: "form", created_by: principal.user?.id ?? null } as FacilityValues;
    const errors = checkFacility(values);
    if (errors.length) throw validationFailed(errors);
    const row = await this.db
      .transaction()
      .execute(async (trx) => this.insertRecord(trx, values, actor, { search: true }));
    return toFacility(row, {}, true);
  }

  /**
   * Inserts with its first revision and audit entry; the caller owns the transaction. `search` puts the record in
   * the global search in the same transaction (the demo indexes its records itself, after loading them all).
   */
  async insertRecord(
    trx: Kysely<DB>,
    values: FacilityValues & { demo?: boolean },
    actor: Actor,
    options: { search?: boolean } = {},
  ) {
    const row = await this.repo.insert(trx, values);
    await this.changes.record(trx, actor, {
      type: "facility",
      action: "create",
      before: null,
      after: row,
      snapshot: snapshotOf,
      audit: { action: "facility.create", details: { country: row.country, source: row.source } },
      ...(options.search ? { search: searchDocument } : {}),
    });
    return row;
  }

  /**
   * Inserts an import's new records with their first revisions, in a few statements; the import's own audit
   * entry (`facility.import`) names them, instead of one entry per record.
   */
  async insertMany(trx: Kysely<DB>, values: FacilityValues[], actor: Actor): Promise<FacilityRow[]> {
    const rows = await this.repo.insertMany(trx, values);
    await this.changes.recordMany(trx, actor, {
      type: "facility",
      action: "create",
      rows: rows.map((row) => ({ before: null, after: row })),
      snapshot: snapshotOf,
    });
    return rows;
  }

  async update(id: string, input: FacilityUpdate, principal: Principal, actor: Actor): Promise<Facility> {
    const { version, ...fields } = input;
    const before = await this.visibleRow(id, principal);
    if (!(await this.canEdit(principal, before.country, before.created_by))) throw forbidden();
    if (fields.country && fields.country !== before.country && !(await this.canEdit(principal, fields.country))) {
      throw forbidden();
    }
    const values = toValues(fields);
    const merged = { ...before, ...values } as FacilityValues;
    const errors = checkFacility({
      ...values,
      country: merged.country,
      latitude: merged.latitude,
      longitude: merged.longitude,
    });
    if (errors.length) throw validationFailed(errors);
    const row = await this.db
      .transaction()
      .execute((trx) => this.updateRecord(trx, before, version, values, actor, { search: true }));
    const scores = (await this.repo.latestScores([id])).get(id) ?? {};
    return toFacility(row, scores, true);
  }

  /**
   * Updates with optimistic locking, its revision and (unless `audit` is false) its audit entry; `search` reindexes
   * the record in the same transaction (an import indexes its records itself).
   */
  async updateRecord(
    trx: Kysely<DB>,
    before: FacilityRow,
    version: number,
    values: Partial<FacilityValues>,
    actor: Actor,
    options: { audit?: boolean; search?: boolean } = {},
  ): Promise<FacilityRow> {
    const { row } = await this.changes.record(trx, actor, {
      type: "facility",
      action: "update",
      before,
      after: await this.repo.update(trx, before.id, version, values),
      current: () => this.repo.find(before.id, trx).then((r) => r && toFacility(r, {}, true)),
      snapshot: snapshotOf,
      // An import audits itself once, naming every record it changed.
      audit:
        options.audit === false
          ? null
          : { action: "facility.update", details: (changes) => ({ changes: Object.keys(changes) }) },
      ...(options.search ? { search: searchDocument } : {}),
    });
    return row;
  }

  async archive(id: string, version: number, principal: Principal, actor: Actor): Promise<void> {
    const before = await this.visibleRow(id, principal);
    if (!(await this.canEdit(principal, before.country, before.created_by))) throw forbidden();
    await this.db.transaction().execute(async (trx) =>
      this.changes.record(trx, actor, {
        type: "facility",
        action: "archive",
        before,
        after: await this.repo.archive(trx, id, version),
        current: () => this.repo.find(id, trx).then((r) => r && toFacility(r, {}, true)),
        snapshot: snapshotOf,
        audit: { action: "facility.archive" },
        search: "remove",
      }),
    );
  }

  async history(id: string, principal: Principal): Promise<Revision[]> {
    await this.visibleRow(id, principal);
    return this.deps.revisions.presented("facility", id);
  }

  async assessments(id: string, principal: Principal): Promise<Assessment[]> {
    await this.visibleRow(id, principal);
    const rows = await this.repo.listAssessments(id);
    return rows.map((r) => ({
      id: r.id,
      facilityId: r.facility_id,
      modality: r.modality,
      assessedOn: r.assessed_on,
      answers: r.answers,
      score: r.score === null ? null : Number(r.score),
      met: r.met,
      applicable: r.applicable,
      notes: r.notes,
      assessedBy: r.assessed_by ?? null,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  /** A self-assessment against the modality's checklist: every item answered; score = met / applicable. */
  async assess(id: string, input: AssessmentInput, principal: Principal, actor: Actor): Promise<Assessment> {
    const facility = await this.visibleRow(id, principal);
    if (!(await this.canEdit(principal, facility.country, facility.created_by))) throw forbidden();
    const checklist = checklistOf(input.modality);
    if (!checklist) throw validationFailed([{ path: "body.modality", code: "unknown_code" }]);
    const errors: FieldError[] = [];
    for (const item of checklist.items) {
      if (!input.answers[item.code]) errors.push({ path: `body.answers.${item.code}`, code: "required" });
    }
    const known = new Set(checklist.items.map((i) => i.code));
    for (const key of Object.keys(input.answers)) {
      if (!known.has(key)) errors.push({ path: `body.answers.${key}`, code: "unknown_code" });
    }
    if (input.assessedOn > new Date().toISOString().slice(0, 10)) {
      errors.push({ path: "body.assessedOn", code: "future_date" });
    }
    if (errors.length) throw validationFailed(errors);
    const answers = Object.values(input.answers);
    const met = answers.filter((a) => a === "met").length;
    const applicable = answers.filter((a) => a !== "not_applicable").length;
    const score = applicable === 0 ? null : Math.round((met / applicable) * 1000) / 1000;
    const created = await this.db.transaction().execute(async (trx) => {
      const row = await this.repo.insertAssessment(trx, {
        facility_id: id,
        modality: input.modality,
        assessed_on: input.assessedOn,
        answers: input.answers,
        met,
        applicable,
        score,
        notes: input.notes ?? null,
        created_by: principal.user?.id ?? null,
      });
      await this.changes.event(
        actor,
        {
          action: "facility.assess",
          objectType: "facility",
          objectId: id,
          details: { modality: input.modality, score },
        },
        trx,
      );
      return row;
    });
    const all = await this.assessments(id, principal);
    const mine = all.find((a) => a.id === created.id);
    if (!mine) throw new AppError("internal_error", 500);
    return mine;
  }

  /** An uploaded spreadsheet: only the uploader's own (anyone else: 404, as for a file that does not exist). */
  private async readUpload(fileId: string, principal: Principal): Promise<{ data: Buffer; name: string }> {
    const { record, data } = await this.deps.files.readOwn(fileId, principal);
    return { data, name: record.originalName };
  }

  /** The columns of an uploaded file with a suggested mapping and the first rows, for the mapping step. */
  async importPreview(fileId: string, sheet: string | undefined, principal: Principal): Promise<ImportPreview> {
    const { data, name } = await this.readUpload(fileId, principal);
    const preview = await previewFacilities(data, name, sheet);
    if ("error" in preview) {
      throw new AppError("validation_failed", 400, { issue: preview.error }, [
        { path: "body.fileId", code: preview.error.code },
      ]);
    }
    return preview;
  }

  private async importOptions(
    request: { country?: string | undefined; sharing: FacilityImportOptions["sharing"] },
    principal: Principal,
  ): Promise<FacilityImportOptions> {
    return {
      country: request.country,
      sharing: request.sharing,
      editable: await this.editableCountries(principal),
      userId: principal.user?.id ?? null,
    };
  }

  /**
   * Enqueues the import of the caller's own upload as a job of the platform's pipeline (`POST /facilities/imports`);
   * the job's result is a `FacilityImportResult`. Anyone else's file: 404, here and again when the job runs.
   */
  async startImport(request: FacilityImportJobRequest, principal: Principal, actor: Actor): Promise<{ jobId: string }> {
    const { fileId, sheet, mapping, dryRun, duplicates, valueMapping } = request;
    return this.importer.enqueue(
      fileId,
      { sheet, mapping, dryRun, duplicates, valueMapping },
      await this.importOptions(request, principal),
      principal,
      actor,
    );
  }

  /**
   * Imports an uploaded file (or checks it with `dryRun`) inside the request (`POST /facilities/import`, the older
   * route): the same pipeline stages as the job, and the same mapping (field → header).
   */
  async importUpload(request: ImportRequest, principal: Principal, actor: Actor): Promise<FacilityImportReport> {
    const { fileId, sheet, mapping, dryRun, duplicates, valueMapping } = request;
    const result = await this.importer.runUpload(
      fileId,
      { sheet, mapping, dryRun, duplicates, valueMapping },
      await this.importOptions(request, principal),
      principal,
      actor,
    );
    return toFacilityReport(result);
  }

  /** Imports a file's bytes (`pact import facilities`); `editable` null lets every country in (the operator). */
  async importData(
    data: Buffer,
    fileName: string,
    request: Omit<ImportRequest, "fileId">,
    who: { editable: string[] | null; userId: string | null },
    actor: Actor,
  ): Promise<FacilityImportReport> {
    const { sheet, mapping, dryRun, duplicates, country, sharing, valueMapping } = request;
    const result = await this.importer.runData(
      data,
      fileName,
      { sheet, mapping, dryRun, duplicates, valueMapping },
      { country, sharing, ...who },
      actor,
    );
    return toFacilityReport(result);
  }

  /** Search entries of imported records: at once for a few, else by a job enqueued with the import itself. */
  async indexImported(trx: Kysely<DB>, rows: FacilityRow[], actor: Actor): Promise<FacilityRow[]> {
    if (rows.length <= INLINE_INDEX_LIMIT) return rows;
    await this.deps.jobs.enqueue(INDEX_JOB, { ids: rows.map((r) => r.id) }, actor, trx);
    return [];
  }

  async auditImport(
    trx: Kysely<DB>,
    actor: Actor,
    details: { fileName: string; created: string[]; updated: string[] },
  ) {
    await this.changes.event(actor, { action: "facility.import", objectType: "facility", details }, trx);
  }

  /**
   * Statistics of every country with facilities the principal may see.
   * No disclosure control (issue 17) because none is needed: every figure counts only facilities the reader may
   * open one by one, with the same capacity, patients a year, modalities and services (visitors: public facilities;
   * signed-in users: public and restricted, which they may all open). An aggregate of records the reader can list
   * hides nothing, so no combination of answers reveals anything either. The fact sheets' figures
   * (`statsByCountry`) are a visitor's. Should facility sharing ever become finer than this, these figures must
   * go through platform/disclosure.ts.
   */
  async stats(principal: Principal = VISITOR): Promise<FacilityStats> {
    const countries = await this.countryStats(visibilityOf(principal), undefined, "replica");
    return {
      countries,
      totals: {
        facilities: countries.reduce((a, c) => a + c.facilities, 0),
        capacity: countries.reduce((a, c) => a + c.capacity, 0),
        countries: countries.length,
      },
    };
  }

  /**
   * Facilities, capacity and modality coverage of one country, for the country fact sheets (issue 7).
   * By default counted over public facilities only, as a visitor would see them, on the primary: a published
   * fact sheet freezes these figures, so they must not lag. The statistics page asks for the replica.
   */
  async statsByCountry(
    iso3: string,
    principal: Principal = VISITOR,
    source: "primary" | "replica" = "primary",
  ): Promise<CountryFacilityStats> {
    const code = iso3.trim().toUpperCase();
    const [found] = await this.countryStats(visibilityOf(principal), code, source);
    return found ?? emptyStats(code);
  }

  private async countryStats(
    visibility: Visibility,
    country?: string,
    source: "primary" | "replica" = "primary",
  ): Promise<CountryFacilityStats[]> {
    const { totals, codes } = await this.repo.statsRows(visibility, country, source);
    return totals.map((t) => {
      const stats = emptyStats(t.country);
      stats.facilities = Number(t.facilities);
      stats.capacity = Number(t.capacity ?? 0);
      stats.patientsPerYear = Number(t.patients ?? 0);
      stats.lastVerified = t.last_verified;
      for (const c of codes.filter((x) => x.country === t.country)) {
        if (c.kind === "modality" && MODALITY_CODES.has(c.code)) stats.modalities[c.code] = Number(c.n);
        if (c.kind === "service") stats.services[c.code] = Number(c.n);
      }
      const offered = Object.values(stats.modalities).filter((n) => n > 0).length;
      stats.modalityCoverage = Math.round((offered / MODALITY_CODES.size) * 1000) / 1000;
      return stats;
    });
  }

  /** Puts a facility in the global search (an imported or demo record; a saved one is indexed by its save). */
  async index(row: FacilityRow) {
    if (row.archived_at) return this.deps.search.remove("facility", row.id);
    await this.deps.search.upsert(searchDocument(row));
  }

  private async partnerSection(code: string, principal: Principal) {
    if (!/^[A-Z]{3}$/.test(code)) return null;
    const { items, total } = await this.repo.list({ country: code }, visibilityOf(principal), { limit: 10, offset: 0 });
    if (total === 0) return null;
    return {
      key: "facilities",
      title: { en: "Treatment facilities", ru: "Лечебные учреждения" },
      items: items.map((r) => ({ label: r.name, href: `/facilities/${r.id}`, detail: r.city })),
      total,
    };
  }
}

function emptyStats(country: string): CountryFacilityStats {
  return {
    country,
    facilities: 0,
    capacity: 0,
    patientsPerYear: 0,
    modalities: Object.fromEntries([...MODALITY_CODES].map((c) => [c, 0])),
    services: {},
    modalityCoverage: 0,
    lastVerified: null,
  };
}
