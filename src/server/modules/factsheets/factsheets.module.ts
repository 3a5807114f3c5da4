import type { Kysely } from "kysely";
import type { CountryFacilityStats, FacilityReference } from "../../../common/facilities.js";
import type { DB } from "../../db/schema.js";
import type { AuditService } from "../../platform/audit.js";
import type { FileService } from "../../platform/files.js";
import type { JobService } from "../../platform/jobs.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { SearchService } from "../../platform/search.js";
import { ArqService } from "./arq.service.js";
import { PdfRenderer } from "./factsheets.pdf.js";
import { FactsheetPdfService } from "./factsheets.publication.js";
import { FactsheetsRepository } from "./factsheets.repository.js";
import { FactsheetsService } from "./factsheets.service.js";
import { NationalDataService } from "./national-data.service.js";
import { RegionsService } from "./regions.service.js";
import { databaseSeizureReader } from "./seizure-reader.db.js";
import type { SeizureReader } from "./seizure-reader.js";

/** The services of the factsheets module, built once per context. */
export interface FactsheetsModule {
  national: NationalDataService;
  regions: RegionsService;
  arq: ArqService;
  sheets: FactsheetsService;
  repository: FactsheetsRepository;
  /** PDFs: stored ones of published editions, drafts rendered on demand from a shared browser. */
  pdfs: FactsheetPdfService;
  /** The shared browser of the PDFs; closed with the app. */
  renderer: PdfRenderer;
  /** Replaces where seizure figures come from (tests; a platform without the DMP seizure module). */
  setSeizureReader(reader: SeizureReader): void;
}

export function createFactsheetsModule(
  db: Kysely<DB>,
  deps: {
    audit: AuditService;
    revisions: RevisionService;
    files: FileService;
    search: SearchService;
    jobs: JobService;
    scopesOf: (userId: string) => Promise<string[]>;
    /** The treatment-facilities module (issue 9): its public statistics by country go on the fact sheets. */
    facilities?: { statsByCountry(iso3: string): Promise<CountryFacilityStats>; reference(): FacilityReference };
  },
): FactsheetsModule {
  let reader: SeizureReader = databaseSeizureReader(db);
  deps.search.registerType("factsheet", { en: "Fact sheets", ru: "Информационные бюллетени" });
  const seizures = () => reader;
  const repository = new FactsheetsRepository(db);
  const national = new NationalDataService(db, deps);
  const regions = new RegionsService(db, deps.audit, deps.revisions);
  const arq = new ArqService(repository, seizures, deps.audit);
  const renderer = new PdfRenderer();
  const pdfs = new FactsheetPdfService(db, repository, { files: deps.files, jobs: deps.jobs, renderer });
  const sheets = new FactsheetsService(db, { ...deps, national, regions, arq, seizures, pdfs });
  const facilities = deps.facilities;
  if (facilities) {
    sheets.setFacilitiesStats(async (countries) => {
      const stats = await Promise.all(countries.map((c) => facilities.statsByCountry(c)));
      const total = stats.reduce((n, s) => n + s.facilities, 0);
      if (total === 0) return null;
      const modalities = facilities.reference().modalities.map((m) => ({
        code: m.code,
        name: m.label,
        cases: stats.reduce((n, s) => n + (s.modalities[m.code] ?? 0), 0),
      }));
      return {
        total,
        capacity: stats.reduce((n, s) => n + s.capacity, 0),
        patientsPerYear: stats.reduce((n, s) => n + s.patientsPerYear, 0),
        modalities: modalities.filter((m) => m.cases > 0),
      };
    });
  }
  return {
    national,
    regions,
    arq,
    sheets,
    repository,
    pdfs,
    renderer,
    setSeizureReader(next) {
      reader = next;
    },
  };
}
