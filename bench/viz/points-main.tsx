/**
 * Benchmark page for `bench/viz-points.ts`: the real `AtlasMap` with `?n=` pseudo-random points
 * (deterministic, spread over the partner countries' part of the world), exposing the MapLibre map as
 * `window.__map` once loaded. Not part of the web app.
 */
import "../../src/web/mantine-styles.js";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createRoot } from "react-dom/client";
import { AtlasMap } from "../../src/web/components/atlas-map.js";
import { initI18n } from "../../src/web/i18n/index.js";
import { theme } from "../../src/web/theme.js";

const params = new URLSearchParams(location.search);
const n = Number(params.get("n") ?? 0);
const lon = new Float64Array(n);
const lat = new Float64Array(n);
const weight = new Float64Array(n);
let seed = 42;
const random = () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
};
for (let i = 0; i < n; i++) {
  // Clumped like real seizures: around a few hubs, with a spread.
  const hub = i % 7;
  lon[i] = -5 + hub * 13 + (random() - 0.5) * 30;
  lat[i] = 30 + (hub % 3) * 8 + (random() - 0.5) * 20;
  weight[i] = 1 + Math.floor(random() * 50);
}

await initI18n();
const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={new QueryClient()}>
        <AtlasMap
          ariaLabel="Benchmark"
          height={700}
          fitTo={["PRT", "KAZ", "IND", "NOR"]}
          points={n > 0 ? { data: { lon, lat, weight }, label: "points" } : undefined}
          choropleth={
            params.has("choropleth")
              ? {
                  values: { KAZ: 120, UZB: 80, TJK: 35, KGZ: 12, TKM: null, AFG: 300 },
                  title: "kg",
                  domain: ["TKM", "IRN"],
                }
              : undefined
          }
          flows={
            params.has("choropleth")
              ? {
                  curved: true,
                  lines: [
                    { id: "n", label: "Northern", path: ["AFG", "TJK", "KGZ", "KAZ", "RUS"], value: 80 },
                    { id: "b", label: "Balkan", path: ["AFG", "IRN", "TUR", "BGR"], value: 200 },
                  ],
                }
              : undefined
          }
          onMapReady={(map) => {
            (window as unknown as { __map: unknown }).__map = map;
          }}
        />
      </QueryClientProvider>
    </MantineProvider>,
  );
