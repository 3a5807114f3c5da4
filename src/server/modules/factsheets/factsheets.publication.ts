import type { Kysely } from "kysely";
import type { FactsheetContent } from "../../../common/factsheets.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../http/errors.js";
import { type Actor, SYSTEM_ACTOR } from "../../platform/audit.js";
import { type FileRecord, type FileService, MEDIA } from "../../platform/files.js";
import type { JobService } from "../../platform/jobs.js";
import { withoutUnprotectedFigures } from "./factsheets.disclosure.js";
import type { PdfRenderer } from "./factsheets.pdf.js";
import { factsheetFooter, renderFactsheetHtml } from "./factsheets.render.js";
import type { FactsheetsRepository } from "./factsheets.repository.js";

/** The job, enqueued in the publishing transaction, that prints a new edition's PDFs once. */
export const RENDER_EDITION_JOB = "factsheets.render-edition";
export const PDF_LANGUAGES = ["en", "ru"] as const;
export type PdfLanguage = (typeof PDF_LANGUAGES)[number];

export const factsheetPdfName = (row: { subject: string; year: number }, lang: PdfLanguage) =>
  `factsheet-${row.subject}-${row.year}-${lang}.pdf`;

/**
 * The PDFs of fact sheets (issue 18). A published edition never changes, so its EN and RU PDFs are rendered once,
 * by a job enqueued in the transaction that publishes it, stored as files and served from there; drafts are
 * rendered on demand from the shared, warm browser. The job is idempotent (a language already stored is skipped,
 * a second insert changes nothing), so running it again after a failure (no Chromium, a crash) is safe; until it
 * has stored a language, that language is rendered on demand like a draft.
 */
export class FactsheetPdfService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: FactsheetsRepository,
    private readonly deps: { files: FileService; jobs: JobService; renderer: PdfRenderer },
  ) {}

  /** Enqueues the rendering of a new edition, inside the publishing transaction: it happens if and only if that commits. */
  enqueueEdition(trx: Kysely<DB>, factsheetId: string, edition: number, actor: Actor): Promise<string> {
    return this.deps.jobs.enqueue(RENDER_EDITION_JOB, { factsheetId, edition }, actor, trx);
  }

  /** A fact sheet printed to PDF from the shared browser (what the job stores and what drafts get on demand). */
  render(content: FactsheetContent, lang: PdfLanguage, edition: number | null): Promise<Buffer> {
    return this.deps.renderer.render(renderFactsheetHtml(content, lang, { edition }), factsheetFooter(content, lang));
  }

  /**
   * Renders and stores the PDFs of an edition that are not stored yet; returns the languages it stored now.
   * An edition that no longer exists (its fact sheet deleted) has nothing to render.
   */
  async storeEdition(
    factsheetId: string,
    edition: number,
    onLanguage?: (done: number) => Promise<void>,
  ): Promise<PdfLanguage[]> {
    const row = await this.repo.findFactsheet(factsheetId);
    const frozen = row ? await this.repo.findEdition(factsheetId, edition) : undefined;
    if (!row || !frozen) return [];
    // The same content the route shows for this edition (figures of editions published before disclosure control hidden).
    const content = withoutUnprotectedFigures(frozen.content as FactsheetContent);
    const stored: PdfLanguage[] = [];
    for (const [i, lang] of PDF_LANGUAGES.entries()) {
      if (!(await this.repo.findEditionPdf(factsheetId, edition, lang))) {
        const pdf = await this.render(content, lang, edition);
        if (await this.keep(row, edition, lang, pdf)) stored.push(lang);
      }
      await onLanguage?.(i + 1);
    }
    return stored;
  }

  /**
   * Renders a frozen edition on demand (its job has not stored it: still queued, or failed without Chromium) and
   * keeps the result, so the edition heals itself: the next request is served the stored file.
   */
  async renderEdition(
    row: { id: string; subject: string; year: number },
    content: FactsheetContent,
    lang: PdfLanguage,
    edition: number,
  ): Promise<Buffer> {
    const pdf = await this.render(content, lang, edition);
    await this.keep(row, edition, lang, pdf);
    return pdf;
  }

  /** Stores one language of an edition; false when another run stored it first (nothing is left behind then). */
  private keep(
    row: { id: string; subject: string; year: number },
    edition: number,
    lang: PdfLanguage,
    pdf: Buffer,
  ): Promise<boolean> {
    return this.db
      .transaction()
      .execute(async (trx) => {
        const file = await this.deps.files.save(
          { data: pdf, originalName: factsheetPdfName(row, lang), allowed: [MEDIA.pdf], actor: SYSTEM_ACTOR },
          trx,
        );
        // Another run stored this language meanwhile: roll back, so no second file row is left behind.
        if (!(await this.repo.insertEditionPdf(trx, { factsheetId: row.id, edition, lang, fileId: file.id })))
          throw new ConcurrentRender();
        return true;
      })
      .catch((error) => {
        if (error instanceof ConcurrentRender) return false;
        throw error;
      });
  }

  /** The stored PDF of an edition in a language, or null when the job has not stored it (yet). */
  async openStored(
    factsheetId: string,
    edition: number,
    lang: PdfLanguage,
  ): Promise<{ record: FileRecord; stream: NodeJS.ReadableStream } | null> {
    const fileId = await this.repo.findEditionPdf(factsheetId, edition, lang);
    if (!fileId) return null;
    // Bytes missing from the store (a partial restore): rendered on demand rather than a 404 for a public page.
    return this.deps.files.open(fileId).catch((error) => {
      if (error instanceof AppError && error.status === 404) return null;
      throw error;
    });
  }
}

class ConcurrentRender extends Error {}
