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

/** Called by the API client for every answer it receives. */
export function noteResponse(res: Response): void {
  const offline = res.headers.get("x-pact-offline");
  if (offline === null) {
    set({ offline: false, dataFrom: null });
    return;
  }
  const date = Date.parse(offline);
  const dataFrom = Number.isNaN(date)
    ? state.dataFrom
    : state.dataFrom === null || !state.offline
      ? date
      : Math.min(state.dataFrom, date);
  set({ offline: true, dataFrom });
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
  const register = () => void navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

/** Tells the service worker to forget every cached API answer (sign-out); it also does so on the sign-out request. */
export function forgetCachedAnswers(): void {
  navigator.serviceWorker?.controller?.postMessage({ type: "sign-out" });
}
