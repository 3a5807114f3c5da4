import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "./schema.js";

/** The tables whose rows carry the platform's optimistic lock: an id, a version and the time of the last change. */
type VersionedTable = {
  [T in keyof DB]: DB[T] extends { id: unknown; version: unknown; updated_at: unknown } ? T : never;
}[keyof DB];

/** The same database with the table named at run time: what the typed helpers below build their SQL on. */
type AnyTable = Kysely<
  Record<string, { id: string; code: string; version: number; updated_at: Date; archived_at: Date | null }>
>;

/** Inserts one row and returns it as stored. */
export function insertRow<T extends keyof DB & string>(
  trx: Kysely<DB>,
  table: T,
  values: Record<string, unknown>,
): Promise<Selectable<DB[T]>> {
  return (trx as unknown as AnyTable)
    .insertInto(table as string)
    .values(values as never)
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<Selectable<DB[T]>>;
}

/**
 * Updates a row, named by its id or (reference data) its code, only while it still has the version the caller read,
 * moving the version on and stamping the time; `live` also leaves an archived row alone. Undefined when another save
 * came first (or the row is archived): the caller's version conflict.
 */
export function updateVersioned<T extends VersionedTable>(
  trx: Kysely<DB>,
  table: T,
  row: ({ id: string } | { code: string }) & { expectedVersion: number; live: boolean },
  values: Record<string, unknown>,
): Promise<Selectable<DB[T]> | undefined> {
  const [key, value] = "id" in row ? (["id", row.id] as const) : (["code", row.code] as const);
  return (trx as unknown as AnyTable)
    .updateTable(table as string)
    .set({ ...values, version: sql<number>`version + 1`, updated_at: new Date() })
    .where(key, "=", value)
    .where("version", "=", row.expectedVersion)
    .$if(row.live, (q) => q.where("archived_at", "is", null))
    .returningAll()
    .executeTakeFirst() as Promise<Selectable<DB[T]> | undefined>;
}
