/**
 * Tells the service worker which code this page needed before it was first drawn (issue 18, repeat visits): its
 * route's chunk, the shared `common` chunk, the language's messages. The worker keeps the list under the page's
 * path (record ids replaced by `:id`) and, when it next answers a navigation to that path with its cached shell,
 * adds `<link rel="modulepreload">` for them (src/web/sw/service-worker.ts), so that they are read and compiled
 * while the libraries are, instead of after them (entry → libraries → router → page chunk was a waterfall).
 * Only `/assets/*` addresses are sent; the worker accepts nothing else. Production builds only.
 */
export function reportPageChunks(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  // Everything the page asked for until now (the router has loaded the first page's code and the messages).
  const chunks = performance
    .getEntriesByType("resource")
    .map((entry) => new URL(entry.name, location.href))
    .filter((url) => url.origin === location.origin && /^\/assets\/[\w.-]+\.(?:js|css)$/.test(url.pathname))
    .map((url) => url.pathname);
  if (chunks.length === 0) return;
  const message = { type: "page-chunks", path: location.pathname, chunks };
  const worker = navigator.serviceWorker;
  // A first visit has no worker yet: it takes the page over once installed (main.tsx registers it).
  if (worker.controller) worker.controller.postMessage(message);
  else worker.addEventListener("controllerchange", () => worker.controller?.postMessage(message), { once: true });
}
