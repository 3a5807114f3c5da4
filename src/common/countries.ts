/**
 * Country names for ISO 3166-1 alpha-3 codes, in either language, without shipping a table of names: the
 * alpha-3 → alpha-2 table below (1.25 kB) plus the browser's or Node's own CLDR data (`Intl.DisplayNames`).
 * Used wherever a code would otherwise reach a person: dashboards, queues, charts, meetings, reasons.
 */
import type { Language } from "./localized.js";

// Pairs of alpha-3 and alpha-2 codes, 5 characters each, generated from i18n-iso-countries (ISO 3166-1).
const PAIRS =
  "ABWAWAFGAFAGOAOAIAAIALAAXALBALANDADAREAEARGARARMAMASMASATAAQATFTFATGAGAUSAUAUTATAZEAZBDIBIBELBEBENBJ" +
  "BESBQBFABFBGDBDBGRBGBHRBHBHSBSBIHBABLMBLBLRBYBLZBZBMUBMBOLBOBRABRBRBBBBRNBNBTNBTBVTBVBWABWCAFCFCANCA" +
  "CCKCCCHECHCHLCLCHNCNCIVCICMRCMCODCDCOGCGCOKCKCOLCOCOMKMCPVCVCRICRCUBCUCUWCWCXRCXCYMKYCYPCYCZECZDEUDE" +
  "DJIDJDMADMDNKDKDOMDODZADZECUECEGYEGERIERESHEHESPESESTEEETHETFINFIFJIFJFLKFKFRAFRFROFOFSMFMGABGAGBRGB" +
  "GEOGEGGYGGGHAGHGIBGIGINGNGLPGPGMBGMGNBGWGNQGQGRCGRGRDGDGRLGLGTMGTGUFGFGUMGUGUYGYHKGHKHMDHMHNDHNHRVHR" +
  "HTIHTHUNHUIDNIDIMNIMINDINIOTIOIRLIEIRNIRIRQIQISLISISRILITAITJAMJMJEYJEJORJOJPNJPKAZKZKENKEKGZKGKHMKH" +
  "KIRKIKNAKNKORKRKWTKWLAOLALBNLBLBRLRLBYLYLCALCLIELILKALKLSOLSLTULTLUXLULVALVMACMOMAFMFMARMAMCOMCMDAMD" +
  "MDGMGMDVMVMEXMXMHLMHMKDMKMLIMLMLTMTMMRMMMNEMEMNGMNMNPMPMOZMZMRTMRMSRMSMTQMQMUSMUMWIMWMYSMYMYTYTNAMNA" +
  "NCLNCNERNENFKNFNGANGNICNINIUNUNLDNLNORNONPLNPNRUNRNZLNZOMNOMPAKPKPANPAPCNPNPERPEPHLPHPLWPWPNGPGPOLPL" +
  "PRIPRPRKKPPRTPTPRYPYPSEPSPYFPFQATQAREUREROURORUSRURWARWSAUSASDNSDSENSNSGPSGSGSGSSHNSHSJMSJSLBSBSLESL" +
  "SLVSVSMRSMSOMSOSPMPMSRBRSSSDSSSTPSTSURSRSVKSKSVNSISWESESWZSZSXMSXSYCSCSYRSYTCATCTCDTDTGOTGTHATHTJKTJ" +
  "TKLTKTKMTMTLSTLTONTOTTOTTTUNTNTURTRTUVTVTWNTWTZATZUGAUGUKRUAUMIUMURYUYUSAUSUZBUZVATVAVCTVCVENVEVGBVG" +
  "VIRVIVNMVNVUTVUWLFWFWSMWSXKKXKYEMYEZAFZAZMBZMZWEZW";

const ALPHA2 = new Map<string, string>();
for (let i = 0; i + 5 <= PAIRS.length; i += 5) ALPHA2.set(PAIRS.slice(i, i + 3), PAIRS.slice(i + 3, i + 5));
// Kosovo's user-assigned code (UNSCR 1244), as the basemap uses it.
ALPHA2.set("XKX", "XK");

export function alpha3ToAlpha2(iso3: string): string | undefined {
  return ALPHA2.get(iso3.toUpperCase());
}

export function isIso3(code: string): boolean {
  return ALPHA2.has(code);
}

const displayNames = new Map<Language, Intl.DisplayNames>();
function namesFor(lang: Language): Intl.DisplayNames {
  let names = displayNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: "region", fallback: "none" });
    displayNames.set(lang, names);
  }
  return names;
}

/** The country's short name in the language; the code itself only when it is no ISO 3166-1 country. */
export function countryName(iso3: string, lang: Language): string {
  const iso2 = alpha3ToAlpha2(iso3);
  if (!iso2) return iso3;
  return namesFor(lang).of(iso2) ?? iso3;
}

const optionsCache = new Map<Language, { value: string; label: string }[]>();
/** Every ISO 3166-1 country as a select option, named and sorted in the language. */
export function countryOptions(lang: Language): { value: string; label: string }[] {
  let options = optionsCache.get(lang);
  if (!options) {
    const collator = new Intl.Collator(lang, { sensitivity: "base" });
    options = [...ALPHA2.keys()]
      .map((code) => ({ value: code, label: countryName(code, lang) }))
      .filter((o) => o.label !== o.value)
      .sort((a, b) => collator.compare(a.label, b.label));
    optionsCache.set(lang, options);
  }
  return options;
}

/**
 * Official United Nations short names (UN M49, https://unstats.un.org/unsd/methodology/m49/, as UNODC's data portal
 * writes them in "Country/Territory") that the CLDR names do not match once parentheses and "Republic of" are
 * dropped; and the names UNODC gives to parts of a country it reports separately.
 */
const UN_NAMES: Record<string, string> = {
  "Russian Federation": "RUS",
  "Syrian Arab Republic": "SYR",
  "Lao People's Democratic Republic": "LAO",
  "Republic of Korea": "KOR",
  "Democratic People's Republic of Korea": "PRK",
  "China, Hong Kong SAR": "HKG",
  "China, Hong Kong Special Administrative Region": "HKG",
  "China, Macao SAR": "MAC",
  "China, Macao Special Administrative Region": "MAC",
  "China, Taiwan Province of China": "TWN",
  "Kosovo under UNSCR 1244": "XKX",
  Türkiye: "TUR",
  // The UN short name until June 2022, still in older data-portal files.
  Turkey: "TUR",
  "Brunei Darussalam": "BRN",
  "State of Palestine": "PSE",
  "Democratic Republic of the Congo": "COD",
  Congo: "COG",
  "Holy See": "VAT",
  "United States of America": "USA",
  "United Kingdom of Great Britain and Northern Ireland": "GBR",
  "United Kingdom (England and Wales)": "GBR",
  "United Kingdom (Scotland)": "GBR",
  "United Kingdom (Northern Ireland)": "GBR",
  "Iraq (Central Iraq)": "IRQ",
  "Iraq (Kurdistan Region)": "IRQ",
  "Côte d'Ivoire": "CIV",
  "Cabo Verde": "CPV",
  Eswatini: "SWZ",
  Czechia: "CZE",
  "North Macedonia": "MKD",
  "Saint Martin (French Part)": "MAF",
  "Sint Maarten (Dutch part)": "SXM",
};

const foldName = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

let byName: Map<string, string> | undefined;
function nameIndex(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  for (const [name, code] of Object.entries(UN_NAMES)) byName.set(foldName(name), code);
  for (const lang of ["en", "ru"] as const) {
    for (const code of ALPHA2.keys()) {
      const name = countryName(code, lang);
      if (name !== code && !byName.has(foldName(name))) byName.set(foldName(name), code);
    }
  }
  return byName;
}

/**
 * The ISO 3166-1 alpha-3 code of a country named as people and publishers write it: the CLDR name in English or
 * Russian ("Iran", "Иран"), the UN short name ("Iran (Islamic Republic of)", "Republic of Moldova", "Viet Nam",
 * "United Republic of Tanzania") or the code itself. Undefined when the name is not a country's.
 */
export function countryCodeOf(name: string): string | undefined {
  const trimmed = name.trim();
  if (/^[A-Za-z]{3}$/.test(trimmed) && isIso3(trimmed.toUpperCase())) return trimmed.toUpperCase();
  const index = nameIndex();
  const candidates = [
    trimmed,
    trimmed.replace(/\s*\([^)]*\)\s*/g, " "),
    trimmed.replace(/^(the\s+)?(united\s+)?republic\s+of\s+/i, ""),
    trimmed.replace(/^(the\s+)?(united\s+)?republic\s+of\s+/i, "").replace(/\s*\([^)]*\)\s*/g, " "),
  ];
  for (const candidate of candidates) {
    const code = index.get(foldName(candidate));
    if (code) return code;
  }
  return undefined;
}
