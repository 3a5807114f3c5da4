/**
 * Encryption at rest of the seizures kept on the device by the offline queue: AES-256-GCM (WebCrypto) under the
 * session's key (`GET /auth/offline-key`), a fresh 96-bit IV per write, and the entry's id and owner as additional
 * data, so a ciphertext moved to another entry or user does not open. Nothing here touches storage.
 */

export interface OfflineKey {
  /** The WebCrypto key (not extractable). */
  key: CryptoKey;
  /** A public fingerprint of the key (SHA-256, first 16 hex digits): which key an entry was sealed with. */
  keyId: string;
}

export interface Sealed {
  iv: Uint8Array;
  data: ArrayBuffer;
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/** Imports the session's key material (32 bytes, base64) as an AES-GCM key. */
export async function importOfflineKey(material: string): Promise<OfflineKey> {
  const raw = fromBase64(material);
  if (raw.length !== 32) throw new Error("offline key must be 32 bytes");
  const key = await crypto.subtle.importKey("raw", raw as BufferSource, { name: "AES-GCM" }, false, [
    "encrypt",
    "decrypt",
  ]);
  const keyId = hex(await crypto.subtle.digest("SHA-256", raw as BufferSource)).slice(0, 16);
  return { key, keyId };
}

const aad = (context: string) => new TextEncoder().encode(context);

export async function seal(value: unknown, key: OfflineKey, context: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv: iv as BufferSource, additionalData: aad(context) },
    key.key,
    plain,
  );
  return { iv, data };
}

/** The value sealed under `key` for `context`; throws when the key or the context is not the one it was sealed with. */
export async function open<T>(sealed: Sealed, key: OfflineKey, context: string): Promise<T> {
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: sealed.iv as BufferSource, additionalData: aad(context) },
    key.key,
    sealed.data,
  );
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}
