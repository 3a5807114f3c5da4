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
