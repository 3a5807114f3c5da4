import type { Kysely } from "kysely";
import sharp from "sharp";
import type { ProjectDocument } from "../../../common/projects.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { forbidden, notFound, validationFailed } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import { type FileService, IMAGES } from "../../platform/files.js";
import { canEditProject } from "./projects.policy.js";
import type { ProjectsRepository } from "./projects.repository.js";
import type { ProjectsService } from "./projects.service.js";

const THUMBNAIL_WIDTH = 320;

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Documents and pictures of a project: uploaded through /files, attached here, versioned, with thumbnails. */
export class ProjectDocuments {
  private readonly repo: ProjectsRepository;
  /** A document keeps its versions rather than a revision history: each change is an audit entry of the project. */
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: { projects: ProjectsService; files: FileService; audit: AuditService },
  ) {
    this.repo = deps.projects.repo;
    this.changes = new ChangeRecorder({ audit: deps.audit });
  }

  private async editable(projectId: string, principal: Principal) {
    const project = await this.repo.findProject(projectId);
    if (!project) throw notFound("project");
    await this.deps.projects.get(projectId, principal); // 404 when the principal may not read it
    if (!canEditProject(principal, project)) throw forbidden();
    return project;
  }

  /** The uploaded file, which must be the uploader's own (anyone else: 404, as for a file that does not exist). */
  private ownFile(fileId: string, principal: Principal) {
    return this.deps.files.getOwn(fileId, principal);
  }

  /** The thumbnail's bytes (rendered outside any transaction); stored by `saveThumbnail` with the document. */
  private async thumbnail(fileId: string, mediaType: string): Promise<Buffer | null> {
    if (!IMAGES.includes(mediaType)) return null;
    const { stream } = await this.deps.files.open(fileId);
    try {
      return await sharp(await readAll(stream), { limitInputPixels: 100_000_000 })
        .rotate()
        .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
        .webp({ quality: 75 })
        .toBuffer();
    } catch {
      throw validationFailed([{ path: "body.fileId", code: "unreadable_image" }]);
    }
  }

  /** In the document's transaction: a crash never leaves a thumbnail row that no document version uses. */
  private async saveThumbnail(trx: Kysely<DB>, data: Buffer | null, actor: Actor): Promise<string | null> {
    if (!data) return null;
    const saved = await this.deps.files.save({ data, originalName: "thumbnail.webp", allowed: IMAGES, actor }, trx);
    return saved.id;
  }

  async list(projectId: string, principal: Principal): Promise<ProjectDocument[]> {
    await this.deps.projects.get(projectId, principal);
    const rows = await this.repo.listDocuments(projectId);
    const byId = new Map<string, ProjectDocument>();
    for (const r of rows) {
      const version = {
        version: r.version,
        fileName: r.original_name,
        size: Number(r.size),
        uploadedAt: new Date(r.created_at).toISOString(),
      };
      const doc = byId.get(r.id);
      if (doc) {
        doc.versions.push(version);
        continue;
      }
      byId.set(r.id, {
        id: r.id,
        kind: r.kind,
        title: r.title,
        version: r.version,
        fileId: r.file_id,
        fileName: r.original_name,
        mediaType: r.media_type,
        size: Number(r.size),
        hasThumbnail: !!r.thumbnail_file_id,
        uploadedAt: version.uploadedAt,
        versions: [version],
      });
    }
    return [...byId.values()];
  }

  async add(
    projectId: string,
    input: { fileId: string; title?: { en?: string; ru?: string } | undefined },
    principal: Principal,
    actor: Actor,
  ) {
    await this.editable(projectId, principal);
    const file = await this.ownFile(input.fileId, principal);
    const thumbData = await this.thumbnail(file.id, file.mediaType);
    const kind = IMAGES.includes(file.mediaType) ? "picture" : "document";
    const id = await this.db.transaction().execute(async (trx) => {
      const thumb = await this.saveThumbnail(trx, thumbData, actor);
      const { id } = await this.repo.insertDocument(trx, {
        project_id: projectId,
        kind,
        title: input.title ?? { en: file.originalName },
      });
      await this.repo.addDocumentVersion(trx, {
        document_id: id,
        version: 1,
        file_id: file.id,
        thumbnail_file_id: thumb,
        created_by: actor.userId,
      });
      await this.changes.event(
        actor,
        {
          action: "project.document.add",
          objectType: "project",
          objectId: projectId,
          details: { documentId: id, fileId: file.id, kind },
        },
        trx,
      );
      return id;
    });
    return (await this.list(projectId, principal)).find((d) => d.id === id) as ProjectDocument;
  }

  /** A new version of a document; earlier versions stay downloadable. */
  async addVersion(projectId: string, documentId: string, fileId: string, principal: Principal, actor: Actor) {
    await this.editable(projectId, principal);
    const doc = await this.repo.findDocument(projectId, documentId);
    if (!doc) throw notFound("document");
    const file = await this.ownFile(fileId, principal);
    const thumbData = await this.thumbnail(file.id, file.mediaType);
    const version = doc.current_version + 1;
    await this.db.transaction().execute(async (trx) => {
      const thumb = await this.saveThumbnail(trx, thumbData, actor);
      await this.repo.addDocumentVersion(trx, {
        document_id: documentId,
        version,
        file_id: file.id,
        thumbnail_file_id: thumb,
        created_by: actor.userId,
      });
      await this.changes.event(
        actor,
        {
          action: "project.document.version",
          objectType: "project",
          objectId: projectId,
          details: { documentId, version, fileId },
        },
        trx,
      );
    });
    return (await this.list(projectId, principal)).find((d) => d.id === documentId) as ProjectDocument;
  }

  async archive(projectId: string, documentId: string, principal: Principal, actor: Actor) {
    await this.editable(projectId, principal);
    const doc = await this.repo.findDocument(projectId, documentId);
    if (!doc) throw notFound("document");
    await this.db.transaction().execute(async (trx) => {
      await this.repo.archiveDocument(trx, documentId);
      await this.changes.event(
        actor,
        { action: "project.document.archive", objectType: "project", objectId: projectId, details: { documentId } },
        trx,
      );
    });
  }

  /** A version's file (or its thumbnail) after checking the principal may read the project. */
  async open(
    projectId: string,
    documentId: string,
    principal: Principal,
    options: { version?: number | undefined; thumbnail?: boolean | undefined },
  ) {
    await this.deps.projects.get(projectId, principal);
    const doc = await this.repo.findDocument(projectId, documentId);
    if (!doc) throw notFound("document");
    const v = await this.repo.findDocumentVersion(documentId, options.version ?? doc.current_version);
    if (!v) throw notFound("document");
    const fileId = options.thumbnail ? v.thumbnail_file_id : v.file_id;
    if (!fileId) throw notFound("thumbnail");
    return this.deps.files.open(fileId);
  }
}
