import type { Database } from "./database.js";

export interface CarryOverReport {
  tables: number;
  rows: number;
  source: string;
}

/** Placeholder until the carry-over lands: reports nothing moved. */
export async function carryOverPglite(
  _dataDir: string,
  _database: Database,
  _log: (message: string) => void,
): Promise<CarryOverReport | null> {
  return null;
}
