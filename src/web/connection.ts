import { useSyncExternalStore } from "react";

/**
 * Whether the page shows answers the service worker served from its cache because the network failed
 * (src/web/sw/service-worker.ts marks them `x-pact-offline: <Date of the cached answer>`), and how old the oldest
 * of them is. Any answer from the network clears it.
 */
export interface ConnectionState {
  offline: boolean;
  /** The oldest cached answer shown since the connection was lost (ms since the epoch), if its date is known. */
  dataFrom: number | null;
}

let state: ConnectionState = { offline: false, dataFrom: null };
const listeners = new Set<() => void>();

function set(next: ConnectionState) {
  if (next.offline === state.offline && next.dataFrom === state.dataFrom) return;
  state = next;
  for (const listener of listeners) listener();
}

/**
 * Called by the API client for every answer it receives. An answer the worker showed from its cache while it asks
 * the network again (`x-pact-cached`) says nothing about the connection: the worker reports how that went.
 */
export function noteResponse(res: Response): void {
  if (res.headers.has("x-pact-cached")) return;
  const offline = res.headers.get("x-pact-offline");
  if (offline === null) set({ offline: false, dataFrom: null });
  else noteOffline(offline);
}

/** A cached answer (fetched at `date`, an HTTP date) is shown because the network could not be had. */
function noteOffline(date: string): void {
  const at = Date.parse(date);
  const dataFrom = Number.isNaN(at)
    ? state.dataFrom
    : state.dataFrom === null || !state.offline
      ? at
      : Math.min(state.dataFrom, at);
  set({ offline: true, dataFrom });
}

/**
 * Listens to the service worker about the answers it showed from its cache on the first screen: "refreshed" (the
 * network's answer differs: `onRefreshed` reads again, once for several such messages) and "stale-offline" (the
 * network could not be had: the page says it is offline and how old the answer is).
 */
export function listenToServiceWorker(onRefreshed: () => void): void {
  if (!("serviceWorker" in navigator)) return;
  let pending: ReturnType<typeof setTimeout> | undefined;
  navigator.serviceWorker.addEventListener("message", (event: MessageEvent) => {
    const data = event.data as { type?: unknown; date?: unknown } | null;
    if (data?.type === "stale-offline") noteOffline(typeof data.date === "string" ? data.date : "");
    if (data?.type === "refreshed") {
      clearTimeout(pending);
      pending = setTimeout(onRefreshed, 100);
    }
  });
}

export function useConnection(): ConnectionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/**
 * Registers the service worker once the page has loaded, so that on a slow link its work never competes with the
 * first page's own requests. Production builds only (the Vite dev server serves no `/sw.js`).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const register = async () => {
    const first = !navigator.serviceWorker.controller;
    await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    if (!first) return;
    // This visit's API reads until the new worker took the page over went past it: it fetches the session's and
    // the reference data's into its cache, so that the next visit starts from them.
    const worker = (await navigator.serviceWorker.ready).active;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => {
        navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true });
        setTimeout(resolve, 10_000);
      });
    }
    // Reads still on their way when the worker took over are listed once they have finished.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const urls = performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((name) => name.includes("/api/v1/"));
    worker?.postMessage({ type: "warm", urls });
  };
  const start = () => void register().catch(() => undefined);
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
}
