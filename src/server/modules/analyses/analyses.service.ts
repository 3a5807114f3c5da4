import type { Kysely } from "kysely";
import type {
  Analysis,
  AnalysisKind,
  AnalysisUpdate,
  AnalysisVisibility,
  Dashboard,
  DashboardSummary,
  DashboardTile,
} from "../../../common/analyses.js";
import type { Role } from "../../../common/platform.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { AppError, type FieldError, forbidden, notFound, validationFailed } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { RevisionService } from "../../platform/revisions.js";
import { narrowConfig, parseConfig, runFor } from "./analyses.kinds.js";
import { canReadSaved, readerOf, savedItemAbilities } from "./analyses.policy.js";
import { AnalysesRepository, type Reader, type Scope, type TileValues } from "./analyses.repository.js";

type AnalysisRow = NonNullable<Awaited<ReturnType<AnalysesRepository["findAnalysis"]>>>;
type DashboardRow = NonNullable<Awaited<ReturnType<AnalysesRepository["findDashboard"]>>>;

/** A dashboard's row with its tiles as stored: what its history keeps of it is taken from both. */
type StoredDashboard = Awaited<ReturnType<AnalysesRepository["insertDashboard"]>> & { tiles: TileValues[] };

const iso = (v: Date | string) => new Date(v).toISOString();

/** What an analysis and a dashboard show alike: whom it is shared with, whose it is, what the reader may do with it. */
function sharingOf<V, P, N>(
  row: { visibility: V; partner_code: P; owner_id: string; owner_name: N },
  principal: Principal,
) {
  return {
    visibility: row.visibility,
    partnerCode: row.partner_code,
    owner: { id: row.owner_id, displayName: row.owner_name },
    mine: row.owner_id === principal.user?.id,
    can: savedItemAbilities(principal, row),
  };
}

const NO_PARTNER: FieldError = {
  path: "body.visibility",
  code: "no_partner",
  messages: {
    en: "Your account belongs to no partner: share with all members or keep it private",
    ru: "Ваша учетная запись не связана с партнером: откройте доступ всем участникам или оставьте запись личной",
  },
};

/** The owner's partner for "partner" visibility; refused when they have none. */
function partnerFor(visibility: AnalysisVisibility, principal: Principal): string | null {
  const partner = principal.user?.partnerCode ?? null;
  if (visibility === "partner" && !partner) throw validationFailed([NO_PARTNER]);
  return partner;
}

function analysisSnapshot(r: {
  name: string;
  kind: string;
  view: string;
  config: Record<string, string>;
  visibility: string;
  partner_code: string | null;
  archived_at?: Date | null;
}) {
  return {
    name: r.name,
    kind: r.kind,
    view: r.view,
    config: r.config,
    visibility: r.visibility,
    partner_code: r.partner_code,
    archived_at: r.archived_at ?? null,
  };
}

/**
 * Saved analyses and dashboards people compose. An analysis is only a configuration, validated by its route's own
 * schema; a reader opens it by calling that route, so every figure they see is one their own access gives them.
 * Visibility: private (owner), partner (the owner's partner), members (everyone signed in); coordinators and
 * administrators see all. Only the owner edits, shares or archives. Whoever may not open a record gets 404.
 */
export class AnalysesService {
  readonly repo: AnalysesRepository;
  /** Revisions and audit entries of analyses and dashboards, in the change's transaction. */
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: { audit: AuditService; revisions: RevisionService },
  ) {
    this.repo = new AnalysesRepository(db);
    this.changes = new ChangeRecorder(deps);
  }

  private present(
    row: AnalysisRow | (Omit<AnalysisRow, "owner_name"> & { owner_name: string }),
    p: Principal,
  ): Analysis {
    const kind = row.kind as AnalysisKind;
    return {
      id: row.id,
      name: row.name,
      kind,
      view: row.view,
      config: row.config,
      ...sharingOf(row, p),
      version: row.version,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      run: runFor(kind, row.view, row.config, p),
    };
  }

  private async visibleAnalysis(id: string, principal: Principal): Promise<AnalysisRow> {
    const reader = readerOf(principal);
    const row = await this.repo.findAnalysis(id);
    if (!row || !this.sees(row, reader)) throw notFound("analysis");
    return row;
  }

  private sees(row: { owner_id: string; visibility: string; partner_code: string | null }, reader: Reader) {
    return canReadSaved(row, reader);
  }

  private async ownAnalysis(id: string, principal: Principal): Promise<AnalysisRow> {
    const row = await this.visibleAnalysis(id, principal);
    if (row.owner_id !== principal.user?.id) throw forbidden();
    return row;
  }

  private validConfig(kind: AnalysisKind, view: string, config: Record<string, string>, principal: Principal) {
    const parsed = parseConfig(kind, view, config, principal);
    if ("errors" in parsed) throw validationFailed(parsed.errors);
    return parsed.query;
  }

  async listAnalyses(
    principal: Principal,
    q: { scope: Scope; kind?: AnalysisKind | undefined; limit: number; offset: number },
  ) {
    const { items, total } = await this.repo.listAnalyses(readerOf(principal), q);
    return { items: items.map((r) => this.present(r, principal)), total, limit: q.limit, offset: q.offset };
  }

  async getAnalysis(id: string, principal: Principal): Promise<Analysis> {
    return this.present(await this.visibleAnalysis(id, principal), principal);
  }

  async createAnalysis(
    input: {
      name: string;
      kind: AnalysisKind;
      view: string;
      config: Record<string, string>;
      visibility: AnalysisVisibility;
    },
    principal: Principal,
    actor: Actor,
  ): Promise<Analysis> {
    const user = principal.user;
    if (!user) throw new AppError("unauthenticated", 401);
    const config = this.validConfig(input.kind, input.view, input.config, principal);
    const values = {
      name: input.name,
      kind: input.kind,
      view: input.view,
      config,
      visibility: input.visibility,
      partner_code: partnerFor(input.visibility, principal),
    };
    const row = await this.db.transaction().execute(async (trx) => {
      const inserted = await this.repo.insertAnalysis(trx, values, user.id);
      const { row } = await this.changes.record(trx, actor, {
        type: "analysis",
        action: "create",
        before: null,
        after: inserted,
        snapshot: analysisSnapshot,
        audit: { action: "analysis.create", details: { kind: inserted.kind, visibility: inserted.visibility } },
      });
      return row;
    });
    return this.present({ ...row, owner_name: user.displayName }, principal);
  }

  async updateAnalysis(id: string, input: AnalysisUpdate, principal: Principal, actor: Actor): Promise<Analysis> {
    const before = await this.ownAnalysis(id, principal);
    const kind = before.kind as AnalysisKind;
    const view = input.view ?? before.view;
    // The stored configuration is re-validated with a new view too: the two must agree.
    const config = this.validConfig(kind, view, input.config ?? before.config, principal);
    const visibility = input.visibility ?? before.visibility;
    const values = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      view,
      config,
      visibility,
      partner_code: partnerFor(visibility, principal),
    };
    await this.db.transaction().execute(async (trx) => {
      await this.changes.record(trx, actor, {
        type: "analysis",
        action: "update",
        id,
        before,
        after: await this.repo.updateAnalysis(trx, id, input.version, values),
        current: () => this.currentAnalysis(id, principal, trx),
        snapshot: analysisSnapshot,
        audit: { action: "analysis.update", details: (changes) => ({ changes: Object.keys(changes) }) },
      });
    });
    return this.getAnalysis(id, principal);
  }

  /** "Save as": the reader's own copy of an analysis they may open, private unless they say otherwise. */
  async copyAnalysis(
    id: string,
    input: { name?: string | undefined; visibility: AnalysisVisibility },
    principal: Principal,
    actor: Actor,
  ): Promise<Analysis> {
    const source = await this.visibleAnalysis(id, principal);
    const copy = await this.createAnalysis(
      {
        name: input.name ?? source.name,
        kind: source.kind as AnalysisKind,
        view: source.view,
        // What the source shows the copier: a parameter their access does not allow is not copied.
        config: narrowConfig(source.kind as AnalysisKind, source.config, principal).query,
        visibility: input.visibility,
      },
      principal,
      actor,
    );
    await this.changes.event(actor, {
      action: "analysis.copy",
      objectType: "analysis",
      objectId: copy.id,
      details: { from: id },
    });
    return copy;
  }

  async archiveAnalysis(id: string, version: number, principal: Principal, actor: Actor): Promise<void> {
    const before = await this.ownAnalysis(id, principal);
    await this.db.transaction().execute(async (trx) => {
      await this.changes.record(trx, actor, {
        type: "analysis",
        action: "archive",
        id,
        before,
        after: await this.repo.archiveAnalysis(trx, id, version),
        current: () => this.currentAnalysis(id, principal, trx),
        snapshot: analysisSnapshot,
        audit: { action: "analysis.archive" },
      });
    });
  }

  /** The analysis as it is now, for the 409 of a write at a stale version (none: 404). */
  private async currentAnalysis(id: string, principal: Principal, trx: Kysely<DB>) {
    const current = await this.repo.findAnalysis(id, trx);
    return current ? this.present(current, principal) : undefined;
  }

  async analysisHistory(id: string, principal: Principal) {
    await this.visibleAnalysis(id, principal);
    return { items: await this.deps.revisions.presented("analysis", id) };
  }

  // --- dashboards ---

  private summary(row: DashboardRow, principal: Principal): DashboardSummary {
    return {
      id: row.id,
      name: row.name,
      ...sharingOf(row, principal),
      tileCount: row.tile_count,
      defaultFor: row.default_for as Role[],
      version: row.version,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  }

  private async visibleDashboard(id: string, principal: Principal): Promise<DashboardRow> {
    const row = await this.repo.findDashboard(id);
    if (!row || !this.sees(row, readerOf(principal))) throw notFound("dashboard");
    return row;
  }

  private async ownDashboard(id: string, principal: Principal): Promise<DashboardRow> {
    const row = await this.visibleDashboard(id, principal);
    if (row.owner_id !== principal.user?.id) throw forbidden();
    return row;
  }

  async listDashboards(principal: Principal, q: { scope: Scope; limit: number; offset: number }) {
    const reader = readerOf(principal);
    const { items, total } = await this.repo.listDashboards(reader, q);
    const role = principal.user?.role;
    const defaults = await this.repo.roleDefaults();
    const mine = defaults.find((d) => d.role === role);
    const myDefault = mine ? await this.repo.findDashboard(mine.dashboard_id) : undefined;
    return {
      items: items.map((r) => this.summary(r, principal)),
      total,
      limit: q.limit,
      offset: q.offset,
      myDefault: myDefault && this.sees(myDefault, reader) ? this.summary(myDefault, principal) : null,
    };
  }

  /** A dashboard with its tiles; a tile whose analysis the reader may not open carries nothing of it. */
  async getDashboard(id: string, principal: Principal): Promise<Dashboard> {
    const row = await this.visibleDashboard(id, principal);
    const tiles = await this.repo.tiles(id);
    const visible = new Map(
      (
        await this.repo.visibleAnalyses(
          tiles.map((t) => t.analysis_id),
          readerOf(principal),
        )
      ).map((a) => [a.id, a]),
    );
    const out: DashboardTile[] = tiles.map((t) => {
      const analysis = visible.get(t.analysis_id);
      return {
        id: t.id,
        width: t.width,
        height: t.height,
        analysis: analysis ? this.present(analysis, principal) : null,
      };
    });
    return { ...this.summary(row, principal), tiles: out };
  }

  /**
   * The tiles as stored: an existing tile (by id) keeps its analysis; a new one names an analysis the editor may
   * open. Anything else is refused as a reference to nothing, so the answer tells nothing about others' records.
   */
  private async resolveTiles(
    tiles: readonly { id?: string | undefined; analysisId?: string | undefined; width: number; height: number }[],
    existing: readonly { id: string; analysis_id: string }[],
    principal: Principal,
  ): Promise<TileValues[]> {
    const byId = new Map(existing.map((t) => [t.id, t.analysis_id]));
    const wanted = [...new Set(tiles.map((t) => t.analysisId).filter((a): a is string => Boolean(a)))];
    const visible = new Set((await this.repo.visibleAnalyses(wanted, readerOf(principal))).map((a) => a.id));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const out = tiles.map((t, i) => {
      const analysisId = t.id ? byId.get(t.id) : t.analysisId && visible.has(t.analysisId) ? t.analysisId : undefined;
      if (!analysisId || (t.id && seen.has(t.id))) {
        errors.push({ path: `body.tiles.${i}.${t.id ? "id" : "analysisId"}`, code: "invalid_reference" });
      }
      if (t.id) seen.add(t.id);
      return { ...(t.id ? { id: t.id } : {}), analysis_id: analysisId ?? "", width: t.width, height: t.height };
    });
    if (errors.length) throw validationFailed(errors);
    return out;
  }

  private dashboardSnapshot(
    row: { name: string; visibility: string; partner_code: string | null },
    tiles: TileValues[],
  ) {
    return {
      name: row.name,
      visibility: row.visibility,
      partner_code: row.partner_code,
      tiles: tiles.map((t) => ({ analysis: t.analysis_id, width: t.width, height: t.height })),
    };
  }

  /** The dashboard as it is now, for the 409 of a write at a stale version (none: 404). */
  private async currentDashboard(id: string, principal: Principal, trx: Kysely<DB>) {
    const now = await this.repo.findDashboard(id, trx);
    return now ? this.summary(now, principal) : undefined;
  }

  async createDashboard(
    input: {
      name: string;
      visibility: AnalysisVisibility;
      tiles: { id?: string | undefined; analysisId?: string | undefined; width: number; height: number }[];
    },
    principal: Principal,
    actor: Actor,
  ): Promise<Dashboard> {
    const user = principal.user;
    if (!user) throw new AppError("unauthenticated", 401);
    const values = {
      name: input.name,
      visibility: input.visibility,
      partner_code: partnerFor(input.visibility, principal),
    };
    const tiles = await this.resolveTiles(input.tiles, [], principal);
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await this.repo.insertDashboard(trx, values, user.id);
      await this.repo.replaceTiles(trx, row.id, tiles);
      await this.changes.record(trx, actor, {
        type: "dashboard",
        action: "create",
        before: null,
        after: { ...row, tiles },
        snapshot: (r) => this.dashboardSnapshot(r, r.tiles),
        audit: { action: "dashboard.create", details: { tiles: tiles.length } },
      });
      return row.id;
    });
    return this.getDashboard(id, principal);
  }

  async updateDashboard(
    id: string,
    input: {
      name?: string | undefined;
      visibility?: AnalysisVisibility | undefined;
      tiles?: { id?: string | undefined; analysisId?: string | undefined; width: number; height: number }[] | undefined;
      version: number;
    },
    principal: Principal,
    actor: Actor,
  ): Promise<Dashboard> {
    const before = await this.ownDashboard(id, principal);
    const current = await this.repo.tiles(id);
    const beforeTiles = current.map((t) => ({
      id: t.id,
      analysis_id: t.analysis_id,
      width: t.width,
      height: t.height,
    }));
    const tiles = input.tiles ? await this.resolveTiles(input.tiles, current, principal) : beforeTiles;
    const visibility = input.visibility ?? before.visibility;
    const values = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      visibility,
      partner_code: partnerFor(visibility, principal),
    };
    await this.db.transaction().execute(async (trx) => {
      const updated = await this.repo.updateDashboard(trx, id, input.version, values);
      // The tiles and the role defaults follow only a write that matched (else the change below is a 404 or 409).
      if (updated && input.tiles) await this.repo.replaceTiles(trx, id, tiles);
      const dropped = updated && visibility !== "members" ? await this.repo.dropRoleDefaults(trx, id) : [];
      await this.changes.record<StoredDashboard>(trx, actor, {
        type: "dashboard",
        action: "update",
        id,
        before: { ...before, tiles: beforeTiles },
        after: updated && { ...updated, tiles },
        current: () => this.currentDashboard(id, principal, trx),
        snapshot: (r) => this.dashboardSnapshot(r, r.tiles),
        audit: {
          action: "dashboard.update",
          details: (changes) => ({
            changes: Object.keys(changes),
            ...(dropped.length ? { defaultsDropped: dropped.map((d) => d.role) } : {}),
          }),
        },
      });
    });
    return this.getDashboard(id, principal);
  }

  async archiveDashboard(id: string, version: number, principal: Principal, actor: Actor): Promise<void> {
    const before = await this.ownDashboard(id, principal);
    const tiles = (await this.repo.tiles(id)).map((t) => ({
      analysis_id: t.analysis_id,
      width: t.width,
      height: t.height,
    }));
    await this.db.transaction().execute(async (trx) => {
      const archived = await this.repo.archiveDashboard(trx, id, version);
      if (archived) await this.repo.dropRoleDefaults(trx, id);
      await this.changes.record<StoredDashboard>(trx, actor, {
        type: "dashboard",
        action: "archive",
        id,
        before: { ...before, tiles },
        after: archived && { ...archived, tiles },
        current: () => this.currentDashboard(id, principal, trx),
        // The row read before is never archived (findDashboard); the one the archive returned always is.
        snapshot: (r) =>
          r.archived_at
            ? { ...this.dashboardSnapshot(r, r.tiles), archived_at: iso(r.archived_at) }
            : this.dashboardSnapshot(r, r.tiles),
        audit: { action: "dashboard.archive" },
      });
    });
  }

  async dashboardHistory(id: string, principal: Principal) {
    await this.visibleDashboard(id, principal);
    return { items: await this.deps.revisions.presented("dashboard", id) };
  }

  async roleDefaults() {
    const rows = await this.repo.roleDefaults();
    return { items: rows.map((r) => ({ role: r.role as Role, dashboardId: r.dashboard_id, name: r.name })) };
  }

  /**
   * Coordinators: the dashboard a role sees first on the dashboards list. It must be shared with all members, so
   * everyone of the role may open it (a later change of its visibility drops the default).
   */
  async setRoleDefault(role: Role, dashboardId: string | null, principal: Principal, actor: Actor) {
    if (dashboardId) {
      const row = await this.visibleDashboard(dashboardId, principal);
      if (row.visibility !== "members") {
        throw validationFailed([
          {
            path: "body.dashboardId",
            code: "dashboard_not_shared",
            messages: {
              en: "Only a dashboard shared with all members can be a role's default",
              ru: "По умолчанию для роли можно назначить только панель, открытую всем участникам",
            },
          },
        ]);
      }
    }
    await this.db.transaction().execute(async (trx) => {
      await this.repo.setRoleDefault(trx, role, dashboardId, principal.user?.id ?? null);
      await this.changes.event(
        actor,
        {
          action: "dashboard.role_default",
          objectType: "dashboard",
          ...(dashboardId ? { objectId: dashboardId } : {}),
          details: { role },
        },
        trx,
      );
    });
    return this.roleDefaults();
  }
}
