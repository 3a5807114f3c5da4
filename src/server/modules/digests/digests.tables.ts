import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface DigestSubscriptionsTable {
  user_id: string;
  frequency: Generated<"weekly" | "monthly" | "never">;
  pillars: Generated<number[]>;
  countries: Generated<string[]>;
  modules: Generated<string[]>;
  link_version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface DigestRunsTable {
  id: Generated<string>;
  frequency: "weekly" | "monthly";
  period: string;
  since: Timestamp;
  until: Timestamp;
  status: Generated<"queued" | "sending" | "done">;
  manual: Generated<boolean>;
  job_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  finished_at: Timestamp | null;
}

export interface DigestDeliveriesTable {
  id: Generated<string>;
  run_id: string;
  user_id: string;
  period: string;
  status: Generated<"claimed" | "sent" | "empty" | "failed">;
  claimed_by: string | null;
  claimed_at: Generated<Date>;
  since: Timestamp;
  until: Timestamp;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
  message_id: string | null;
  error: string | null;
  sent_at: Timestamp | null;
}

export interface DigestsTables {
  digest_subscriptions: DigestSubscriptionsTable;
  digest_runs: DigestRunsTable;
  digest_deliveries: DigestDeliveriesTable;
}
