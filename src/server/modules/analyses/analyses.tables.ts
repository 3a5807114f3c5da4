import type { ColumnType, Generated } from "kysely";
import type { ReportsTables } from "./reports.tables.js";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Visibility = "private" | "partner" | "members";

export interface SavedAnalysesTable {
  id: Generated<string>;
  name: string;
  kind: string;
  view: string;
  /** The canonical query of the analysis route (what its schema accepted), never figures. */
  config: ColumnType<Record<string, string>, string, string>;
  visibility: Visibility;
  owner_id: string;
  partner_code: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Timestamp | null;
}

export interface DashboardsTable {
  id: Generated<string>;
  name: string;
  visibility: Visibility;
  owner_id: string;
  partner_code: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Timestamp | null;
}

export interface DashboardTilesTable {
  id: Generated<string>;
  dashboard_id: string;
  analysis_id: string;
  position: number;
  width: number;
  height: number;
}

export interface DashboardRoleDefaultsTable {
  role: string;
  dashboard_id: string;
  set_by: string | null;
  set_at: Generated<Date>;
}

export interface AnalysesTables extends ReportsTables {
  saved_analyses: SavedAnalysesTable;
  dashboards: DashboardsTable;
  dashboard_tiles: DashboardTilesTable;
  dashboard_role_defaults: DashboardRoleDefaultsTable;
}
