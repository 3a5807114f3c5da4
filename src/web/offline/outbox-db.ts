/**
 * Where the offline queue keeps its entries: one IndexedDB object store, one row per entry. Only what the queue
 * needs to find and order entries is in the clear (id, owner, key fingerprint, time saved); the seizure itself,
 * its state and any server answer are in `data`, AES-GCM under the session's key (offline-crypto.ts).
 */

export interface StoredEntry {
  /** The entry's id (also the Idempotency-Key of a new record). */
  id: string;
  /** The user whose session sealed it. */
  userId: string;
  /** Fingerprint of the key it is sealed with. */
  keyId: string;
  savedAt: string;
  iv: Uint8Array;
  data: ArrayBuffer;
}

const DB_NAME = "pact-offline";
const STORE = "seizure-outbox";

let opening: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: "id" });
      store.createIndex("userId", "userId");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }).catch((err) => {
    opening = null;
    throw err;
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return db().then(
    (d) =>
      new Promise<T>((resolve, reject) => {
        const tx = d.transaction(STORE, mode);
        const request = work(tx.objectStore(STORE));
        // Resolved when the transaction is durable, not merely when the request ran.
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

export const outboxDb = {
  /** The entries of one user, oldest first. */
  async ofUser(userId: string): Promise<StoredEntry[]> {
    const rows = await run<StoredEntry[]>("readonly", (s) => s.index("userId").getAll(userId));
    return rows.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  },
  countOfUser(userId: string): Promise<number> {
    return run<number>("readonly", (s) => s.index("userId").count(userId));
  },
  put(entry: StoredEntry): Promise<IDBValidKey> {
    return run("readwrite", (s) => s.put(entry));
  },
  delete(id: string): Promise<undefined> {
    return run("readwrite", (s) => s.delete(id));
  },
  async deleteOfUser(userId: string): Promise<void> {
    for (const row of await this.ofUser(userId)) await this.delete(row.id);
  },
};
