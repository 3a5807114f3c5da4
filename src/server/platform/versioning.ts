import { AppError, notFound } from "../http/errors.js";

/**
 * The optimistic-locking convention. A repository's update states the version the caller read
 * (`… where id = $1 and version = $2 returning *`, setting `version = version + 1`). When it updated
 * nothing, this tells apart a missing record (404) from a stale write (409 `version_conflict`, with the
 * current record so the client can show the other person's change).
 */
export async function requireVersionedUpdate<T>(
  updated: T | undefined,
  loadCurrent: () => Promise<unknown | undefined>,
  what: string,
): Promise<T> {
  if (updated) return updated;
  const current = await loadCurrent();
  if (!current) throw notFound(what);
  throw new AppError("version_conflict", 409, { current });
}
