import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ReportSchedulesTable {
  id: Generated<string>;
  target_type: "analysis" | "dashboard";
  analysis_id: string | null;
  dashboard_id: string | null;
  format: "pdf" | "xlsx";
  frequency: "weekly" | "monthly";
  day: number;
  recipient_ids: ColumnType<string[], string[] | unknown, string[] | unknown>;
  created_by: string;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Timestamp | null;
  /** Paused: kept, not checked, until resumed. */
  paused_at: Timestamp | null;
}

export interface ReportRunsTable {
  id: Generated<string>;
  schedule_id: string;
  period: string;
  manual: Generated<boolean>;
  job_id: string | null;
  created_at: Generated<Date>;
  /** A manual run's recipients ("send now"); null: the schedule's own list. */
  recipient_ids: ColumnType<string[] | null, string[] | unknown, string[] | unknown>;
  requested_by: string | null;
}

export interface ReportSendsTable {
  id: Generated<string>;
  schedule_id: string;
  run_id: string;
  user_id: string;
  period: string;
  status: "claimed" | "sent" | "failed" | "dropped";
  reason: string | null;
  claimed_by: string;
  claimed_at: Generated<Date>;
  sent_at: Timestamp | null;
  message_id: string | null;
}

export interface ReportsTables {
  report_schedules: ReportSchedulesTable;
  report_runs: ReportRunsTable;
  report_sends: ReportSendsTable;
}
