import "./zod-config.js";
import "./mantine-styles.js";
import "./app.css";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { meQuery } from "./api/auth.js";
import { ApiError, setCsrfRefresher } from "./api/client.js";
import { initI18n } from "./i18n/index.js";
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

// Start the session lookup, the language strings and the first page's code and data all at once.
void queryClient.prefetchQuery(meQuery);
await Promise.all([initI18n(), router.load().catch(() => undefined)]);

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
