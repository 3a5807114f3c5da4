import type { ColumnType, Generated } from "kysely";
import type { Role } from "../../../common/platform.js";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: Role;
  partner_code: string | null;
  language: Generated<"en" | "ru">;
  status: Generated<"pending" | "active" | "suspended" | "archived">;
  must_change_password: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface AccountsTables {
  users: UsersTable;
  sessions: SessionsTable;
}
