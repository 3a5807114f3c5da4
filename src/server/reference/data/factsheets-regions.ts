// Source: 001_76773985ed435ad4.txt para. 26 ("fact sheets … for countries in Central Asia, South-Eastern Europe,
// the Caucasus and West Asia") and 000/002 on the southern route "traversing East Africa".
// Country lists: the partners' editorial region codes (reference/data/partners.ts) for the first four;
// East Africa after UNODC's Eastern Africa grouping (the documents name the region, not its countries).
import type { LocalizedText } from "../../../common/localized.js";

export interface BuiltInRegion {
  code: string;
  name: LocalizedText;
  countries: string[];
  provenance: { document: string; locator: string };
}

export const BUILT_IN_REGIONS: BuiltInRegion[] = [
  {
    code: "central_asia",
    name: { en: "Central Asia", ru: "Центральная Азия" },
    countries: ["KAZ", "KGZ", "TJK", "TKM", "UZB"],
    provenance: { document: "001_76773985ed435ad4.txt", locator: "para. 26" },
  },
  {
    code: "south_eastern_europe",
    name: { en: "South-Eastern Europe", ru: "Юго-Восточная Европа" },
    countries: ["ALB", "BIH", "BGR", "HRV", "MKD", "MNE", "ROU", "SRB"],
    provenance: { document: "001_76773985ed435ad4.txt", locator: "para. 26" },
  },
  {
    code: "caucasus",
    name: { en: "The Caucasus", ru: "Кавказ" },
    countries: ["ARM", "AZE", "GEO"],
    provenance: { document: "001_76773985ed435ad4.txt", locator: "para. 26" },
  },
  {
    code: "west_asia",
    name: { en: "West Asia", ru: "Западная Азия" },
    countries: ["AFG", "IRN", "PAK", "TUR"],
    provenance: { document: "001_76773985ed435ad4.txt", locator: "para. 26" },
  },
  {
    code: "east_africa",
    name: { en: "East Africa", ru: "Восточная Африка" },
    countries: ["BDI", "DJI", "ERI", "ETH", "KEN", "RWA", "SOM", "TZA", "UGA"],
    provenance: { document: "000_178a339dba6a7557.txt", locator: "southern route traversing East Africa" },
  },
];
