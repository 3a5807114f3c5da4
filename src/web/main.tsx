import "./zod-config.js";
import "./mantine-styles.js";
import "./app.css";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { meQuery } from "./api/auth.js";
import { ApiError, endFirstScreen, setCsrfRefresher } from "./api/client.js";
import { listenToServiceWorker, registerServiceWorker } from "./connection.js";
import { initI18n } from "./i18n/index.js";
import { reportPageChunks } from "./page-chunks.js";
import { createAppRouter } from "./router.js";
import { cssVariablesResolver, theme } from "./theme.js";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Retry network hiccups (slow links), never client errors such as 404 or 403.
      retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
  },
});

setCsrfRefresher(async () => (await queryClient.fetchQuery({ ...meQuery, staleTime: 0 })).csrfToken);

const router = createAppRouter(queryClient);

// The first screen may come from the service worker's cache (a repeat visit): when it says an answer has changed,
// every query on the page reads again, from the network this time.
listenToServiceWorker(() => {
  endFirstScreen();
  void queryClient.invalidateQueries();
});

// Start the session lookup, the language strings and the first page's code and data all at once.
void queryClient.prefetchQuery(meQuery);
await Promise.all([initI18n(), router.load().catch(() => undefined)]);

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
// The server rendered this page's first screen (src/server/http/prerender.ts): keep it until the page's data has
// arrived (at most 5 s more), so it is replaced by the same content rather than by a skeleton.
if (root.querySelector("[data-prerendered]")) await settled(queryClient, 5_000);
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);

registerServiceWorker();
reportPageChunks();

function settled(client: QueryClient, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = client.getQueryCache().subscribe(() => {
      if (client.isFetching() === 0) done();
    });
    if (client.isFetching() === 0) done();
    function done() {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}
