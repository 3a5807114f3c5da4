import type { Kysely } from "kysely";
import type { Language } from "../../../common/localized.js";
import type { AuditEntry, AuditFilter, AuditList, AuditQuery } from "../../../common/users.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import { AuditLogRepository, type AuditRow, type ResolvedAuditFilter } from "./audit-log.repository.js";
import { CSV_BOM, csvRow } from "./csv.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const EXPORT_BATCH = 1000;

type AuditRowLike = Omit<AuditRow, "at" | "actor_name" | "actor_email"> & {
  at: Date | string;
  /** Null when the actor is the system or a visitor, or their account is gone. */
  actor_name: string | null;
  actor_email: string | null;
};

export function toAuditEntry(row: AuditRowLike): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    actorName: row.actor_name ?? null,
    actorEmail: row.actor_email ?? null,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    ip: row.ip,
    requestId: row.request_id,
    details: (row.details ?? {}) as Record<string, unknown>,
  };
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

function instant(value: string, path: string, endOfDay: boolean): Date {
  const ms = isDay(value)
    ? Date.parse(`${value}T00:00:00Z`) + (endOfDay ? DAY_MS : 0)
    : Date.parse(value) + (endOfDay ? 1 : 0);
  if (Number.isNaN(ms)) throw new AppError("validation_failed", 400, undefined, [{ path, code: "invalid_date" }]);
  return new Date(ms);
}

/** Days are whole UTC days: `from` at its start, `to` up to the end of that day. The resolved `to` is exclusive. */
export function resolveFilter(filter: AuditFilter): ResolvedAuditFilter {
  const { from, to, ...rest } = filter;
  const start = from ? instant(from, "querystring.from", false) : undefined;
  const end = to ? instant(to, "querystring.to", true) : undefined;
  if (start && end && start >= end) {
    throw new AppError("validation_failed", 400, undefined, [{ path: "querystring.to", code: "before_from" }]);
  }
  return { ...rest, ...(start ? { from: start } : {}), ...(end ? { to: end } : {}) };
}

/** The filter as it is written into the audit entry of the read: only what was asked. */
function askedFilter(filter: AuditFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => typeof v === "string" && v !== "")) as Record<
    string,
    string
  >;
}

const HEADERS: Record<Language, string[]> = {
  en: [
    "Time (UTC)",
    "Actor",
    "Actor e-mail",
    "Actor label",
    "Action",
    "Object type",
    "Object ID",
    "IP address",
    "Request ID",
    "Details",
  ],
  ru: [
    "Время (UTC)",
    "Пользователь",
    "Эл. почта пользователя",
    "Метка пользователя",
    "Действие",
    "Тип объекта",
    "Идентификатор объекта",
    "IP-адрес",
    "Идентификатор запроса",
    "Подробности",
  ],
};

/** The audit-log screen: who did what, when and from where. Reading the log is itself audited. */
export class AuditLogService {
  private readonly repo: AuditLogRepository;
  /** Reading and exporting the log are themselves audited events. */
  private readonly changes: ChangeRecorder;

  constructor(db: Kysely<DB>, audit: AuditService) {
    this.repo = new AuditLogRepository(db);
    this.changes = new ChangeRecorder({ audit });
  }

  async search(query: AuditQuery, actor: Actor): Promise<AuditList> {
    const { limit, offset, ...filter } = query;
    const { items, total } = await this.repo.search(resolveFilter(filter), limit, offset);
    await this.changes.event(actor, {
      action: "audit.read",
      objectType: "audit_log",
      details: { filter: askedFilter(filter), limit, offset, total },
    });
    return { items: items.map(toAuditEntry), total, limit, offset };
  }

  /**
   * The filtered log as CSV (UTF-8 with a BOM, so Excel reads Cyrillic), newest first, in batches. The filter is
   * checked and the export audited before the first byte, so a bad filter is a clean 400 and nothing is logged.
   */
  async exportCsv(filter: AuditFilter, lang: Language, actor: Actor): Promise<AsyncGenerator<string>> {
    const resolved = resolveFilter(filter);
    await this.changes.event(actor, {
      action: "audit.export",
      objectType: "audit_log",
      details: { filter: askedFilter(filter), format: "csv" },
    });
    const repo = this.repo;
    async function* lines(): AsyncGenerator<string> {
      yield CSV_BOM + csvRow(HEADERS[lang]);
      let after: string | null = null;
      for (;;) {
        const rows = await repo.batchAfter(resolved, after, EXPORT_BATCH);
        if (rows.length === 0) return;
        yield rows.map((r) => csvRow(entryCells(toAuditEntry(r)))).join("");
        after = rows[rows.length - 1]?.id ?? null;
        if (rows.length < EXPORT_BATCH) return;
      }
    }
    return lines();
  }
}

function entryCells(e: AuditEntry): unknown[] {
  const details = Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : "";
  return [
    e.at,
    e.actorName,
    e.actorEmail,
    e.actorLabel,
    e.action,
    e.objectType,
    e.objectId,
    e.ip,
    e.requestId,
    details,
  ];
}
