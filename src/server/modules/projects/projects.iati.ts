import { XMLBuilder, XMLParser } from "fast-xml-parser";
import countries from "i18n-iso-countries";
import {
  IATI_TRANSACTION_CODES,
  type Project,
  type ProjectInput,
  type Stage,
  type Theme,
  type TransactionInput,
  type TransactionType,
} from "../../../common/projects.js";
import { tokenize } from "./projects.similarity.js";

/**
 * IATI activity XML: reading versions 2.0x (and 1.0x where the elements are the same or were renamed),
 * writing 2.03. Reading maps participating organizations, recipient countries and regions, DAC sectors,
 * budgets, commitment, disbursement and expenditure transactions, and document links; everything else is ignored.
 */
const REPEATED = new Set([
  "iati-activity",
  "narrative",
  "title",
  "description",
  "participating-org",
  "activity-date",
  "recipient-country",
  "recipient-region",
  "sector",
  "budget",
  "transaction",
  "document-link",
  "other-identifier",
  "contact-info",
]);

type Node = Record<string, unknown> & { "#text"?: string };

export interface IatiActivity {
  ref: string;
  input: ProjectInput & { externalDocuments: { url: string; title: string; format: string | null }[] };
}

export interface IatiReadResult {
  version: string;
  activities: IatiActivity[];
  rejected: { ref: string; reason: { en: string; ru: string } }[];
}

const STATUS: Record<string, Stage> = {
  "1": "pipeline",
  "2": "implementation",
  "3": "finalisation",
  "4": "closed",
  "5": "cancelled",
  "6": "suspended",
};

const THEME_CONCEPTS: [Theme, string[]][] = [
  ["border_control", ["c:border", "c:customs", "c:checkpoint", "c:guard", "c:container", "c:port", "c:airport"]],
  ["precursors", ["c:precursor", "c:anhydride", "c:chemical"]],
  ["financial_investigation", ["c:laundering", "c:financial", "c:asset", "c:fiu", "c:confiscation"]],
  ["demand_reduction", ["c:prevention", "c:treatment", "c:rehabilitation"]],
  ["forensics", ["c:forensic", "c:laboratory"]],
  ["training", ["c:training", "c:trainer", "c:academy"]],
  ["intelligence", ["c:intelligence", "c:analysis"]],
  ["legal_assistance", ["c:mla", "c:legislation", "c:judicial", "c:prosecution"]],
  ["treatment", ["c:treatment", "c:rehabilitation", "c:hiv"]],
  ["prevention", ["c:prevention", "c:school", "c:youth", "c:family"]],
  ["alternative_development", ["c:alternative", "c:farmer"]],
  ["research", ["c:research", "c:monitoring", "c:data"]],
];

/** Themes a text speaks of, for activities that come without ADAM's themes (IATI has none). */
export function inferThemes(text: string): Theme[] {
  const tokens = new Set(tokenize(text));
  return THEME_CONCEPTS.filter(([, concepts]) => concepts.some((c) => tokens.has(c))).map(([t]) => t);
}

const arr = (v: unknown): Node[] =>
  Array.isArray(v) ? (v as Node[]) : v === undefined || v === null ? [] : [v as Node];
/** An attribute's value; empty attributes (common in 1.0x files) count as absent. */
const attr = (n: Node | undefined, name: string): string | undefined => {
  const v = n?.[`@_${name}`];
  const s = v === undefined || v === null ? "" : String(v).trim();
  return s || undefined;
};
const text = (n: unknown): string => {
  if (n === undefined || n === null) return "";
  if (typeof n !== "object") return String(n).trim();
  return String((n as Node)["#text"] ?? "").trim();
};

/** Text per language of an element: 2.0x narratives, or the 1.0x element's own text. */
function narratives(elements: Node[], defaultLang: string): { en?: string; ru?: string; other?: string } {
  const out: { en?: string; ru?: string; other?: string } = {};
  for (const el of elements) {
    const parts = arr(el.narrative);
    const items = parts.length ? parts : [el];
    for (const item of items) {
      const value = text(item);
      if (!value) continue;
      const lang = (attr(item, "xml:lang") ?? attr(el, "xml:lang") ?? defaultLang).toLowerCase().slice(0, 2);
      if (lang === "en" || lang === "ru") out[lang] = out[lang] ? `${out[lang]}\n${value}` : value;
      else out.other = out.other ?? value;
    }
  }
  return out;
}

function localized(t: { en?: string; ru?: string; other?: string }, max: number) {
  const cut = (s: string | undefined) => (s ? s.slice(0, max) : undefined);
  if (!t.en && !t.ru && t.other) return { en: cut(t.other) as string };
  return { ...(t.en ? { en: cut(t.en) } : {}), ...(t.ru ? { ru: cut(t.ru) } : {}) };
}

function iso3Of(code: string | undefined): string | null {
  if (!code) return null;
  const c = code.toUpperCase();
  if (/^[A-Z]{3}$/.test(c) && countries.alpha3ToAlpha2(c)) return c;
  return countries.alpha2ToAlpha3(c) ?? null;
}

function orgName(n: Node, lang: string): string {
  const t = narratives([n], lang);
  return (t.en ?? t.ru ?? t.other ?? attr(n, "ref") ?? "").slice(0, 300);
}

const ROLE_V1: Record<string, string> = {
  funding: "1",
  donor: "1",
  accountable: "2",
  extending: "3",
  implementing: "4",
};
const STATUS_V1: Record<string, string> = {
  pipeline: "1",
  identification: "1",
  implementation: "2",
  ongoing: "2",
  completion: "3",
  "post-completion": "4",
  closed: "4",
  completed: "4",
  cancelled: "5",
};
const DATE_V1: Record<string, string> = {
  "start-planned": "1",
  "start-actual": "2",
  "end-planned": "3",
  "end-actual": "4",
  start: "1",
  completion: "3",
  end: "3",
};

function amountOf(raw: string): string | null {
  const cleaned = raw.replace(/[\s,]/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  const n = Number(cleaned);
  if (n < 0) return null;
  const [whole, fraction = ""] = cleaned.split(".");
  return fraction ? `${whole}.${fraction.slice(0, 2)}` : (whole as string);
}

function readActivity(a: Node, rootLang: string, rootCurrency: string | undefined): IatiActivity {
  // Early 1.0 files carry only the publisher's own identifier.
  const other = arr(a["other-identifier"])[0];
  const otherRef =
    other && text(other) ? `${attr(other, "owner-ref") ?? attr(other, "owner-name") ?? "other"}-${text(other)}` : "";
  const ref = text(a["iati-identifier"]) || otherRef;
  if (!ref) throw reason("no iati-identifier", "нет iati-identifier");
  const lang = (attr(a, "xml:lang") ?? rootLang).toLowerCase().slice(0, 2);
  const title = localized(narratives(arr(a.title), lang), 500);
  if (!title.en && !title.ru) throw reason("no title", "нет названия");
  const descriptions = arr(a.description);
  const general = descriptions.filter((d) => !attr(d, "type") || attr(d, "type") === "1");
  const summary = localized(narratives(general.length ? general : descriptions, lang), 20000);
  const currency = (attr(a, "default-currency") ?? rootCurrency ?? "USD").toUpperCase();

  const orgs = arr(a["participating-org"]).map((o) => {
    const role = attr(o, "role") ?? "";
    return { role: ROLE_V1[role.toLowerCase()] ?? role, name: orgName(o, lang), ref: attr(o, "ref") };
  });
  const funders = orgs.filter((o) => o.role === "1" && o.name);
  const reporting = arr(a["reporting-org"])[0];
  const reportingName = reporting ? orgName(reporting, lang) : "";

  const dates: Record<string, string> = {};
  for (const d of arr(a["activity-date"])) {
    const type = attr(d, "type") ?? "";
    const code = DATE_V1[type] ?? type;
    const iso = (attr(d, "iso-date") ?? attr(d, "iso_date") ?? text(d)).slice(0, 10);
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(Date.parse(iso))) dates[code] = iso;
  }
  const locations: NonNullable<ProjectInput["locations"]> = [];
  for (const c of arr(a["recipient-country"])) {
    const code = iso3Of(attr(c, "code")) ?? (text(c) ? (countries.getAlpha3Code(text(c), "en") ?? null) : null);
    if (!code || locations.some((l) => l.code === code)) continue;
    const share = attr(c, "percentage");
    locations.push({
      code,
      kind: "country",
      share: share && Number.isFinite(Number(share)) ? Math.min(100, Number(share)) : null,
    });
  }
  for (const r of arr(a["recipient-region"])) {
    const code = attr(r, "code");
    if (!code || locations.some((l) => l.code === `R${code}`)) continue;
    locations.push({ code: `R${code}`.slice(0, 20), kind: "region", share: null });
  }
  const dacCodes = [
    ...new Set(
      arr(a.sector)
        .filter((s) => ["1", "DAC", undefined].includes(attr(s, "vocabulary")))
        .map((s) => attr(s, "code") ?? attr(s, "ref") ?? "")
        .filter((c) => /^\d{5}$/.test(c)),
    ),
  ];
  const transactions: TransactionInput[] = [];
  for (const t of arr(a.transaction)) {
    const code = attr(arr(t["transaction-type"])[0], "code") ?? attr(t, "type") ?? "";
    const type = TRANSACTION_TYPE_OF[code.toUpperCase()];
    if (!type) continue;
    const value = arr(t.value)[0];
    const amount = amountOf(text(value));
    if (!amount) continue;
    const provider = arr(t["provider-org"])[0];
    // The transaction's own date first (when it happened); the value date is the day its currency was valued.
    const date = (attr(arr(t["transaction-date"])[0], "iso-date") ?? attr(value, "value-date") ?? "").slice(0, 10);
    transactions.push({
      type,
      donorName: (provider ? orgName(provider, lang) : "") || funders[0]?.name || reportingName || "—",
      donorCode: null,
      amount,
      currency: (attr(value, "currency") ?? currency).toUpperCase(),
      date: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    });
  }
  // An undated disbursement or expenditure cannot be placed in time: it is left out (a commitment keeps no date).
  const fundings = transactions.filter((t) => t.type === "commitment" || t.date);
  if (!fundings.some((t) => t.type === "commitment")) {
    // No commitments: the budgets, summed per currency, stand for what the funders put in.
    const byCurrency = new Map<string, { cents: bigint; date: string | null }>();
    for (const b of arr(a.budget)) {
      const value = arr(b.value)[0];
      const amount = amountOf(text(value));
      if (!amount) continue;
      const cur = (attr(value, "currency") ?? currency).toUpperCase();
      const [w, f = ""] = amount.split(".");
      const cents = BigInt(`${w}${f.padEnd(2, "0")}`);
      const prev = byCurrency.get(cur);
      byCurrency.set(cur, {
        cents: (prev?.cents ?? 0n) + cents,
        date: prev?.date ?? (attr(value, "value-date") ?? "").slice(0, 10) ?? null,
      });
    }
    for (const [cur, { cents, date }] of byCurrency) {
      const s = cents.toString().padStart(3, "0");
      fundings.push({
        type: "commitment",
        donorName: funders[0]?.name || reportingName || "—",
        donorCode: null,
        amount: `${s.slice(0, -2)}.${s.slice(-2)}`,
        currency: cur,
        date: date || null,
      });
    }
  }
  const documents = arr(a["document-link"])
    .map((d) => {
      const t = narratives(arr(d.title), lang);
      return {
        url: attr(d, "url") ?? "",
        title: (t.en ?? t.ru ?? t.other ?? "").slice(0, 300),
        format: attr(d, "format") ?? null,
      };
    })
    .filter((d) => /^https?:\/\//i.test(d.url))
    .slice(0, 50);
  const organizations = orgs
    .filter((o) => (o.role === "4" || o.role === "3") && o.name)
    .map((o) => ({ role: "implementing" as const, name: o.name }));
  const status = arr(a["activity-status"])[0];
  const statusCode = attr(status, "code") ?? STATUS_V1[(attr(status, "ref") ?? text(status)).toLowerCase()] ?? "2";
  const allText = [title.en, title.ru, summary.en, summary.ru].filter(Boolean).join(" ");
  return {
    ref,
    input: {
      title,
      ...(summary.en || summary.ru ? { summary } : {}),
      iatiIdentifier: ref.slice(0, 200),
      stage: STATUS[statusCode] ?? "implementation",
      plannedStart: dates["1"] ?? null,
      plannedEnd: dates["3"] ?? null,
      actualStart: dates["2"] ?? null,
      actualEnd: dates["4"] ?? null,
      dacCodes: dacCodes.slice(0, 20),
      themes: inferThemes(allText),
      transactions: fundings.slice(0, 500),
      locations: locations.slice(0, 80),
      organizations: dedupe(organizations).slice(0, 80),
      externalDocuments: documents,
    },
  };
}

/** IATI TransactionType codes (2.0x) and the 1.0x letters: C commitment, D disbursement, E expenditure. */
const TRANSACTION_TYPE_OF: Record<string, TransactionType> = {
  "2": "commitment",
  C: "commitment",
  COMMITMENT: "commitment",
  "3": "disbursement",
  D: "disbursement",
  DISBURSEMENT: "disbursement",
  "4": "expenditure",
  E: "expenditure",
  EXPENDITURE: "expenditure",
};

function dedupe<T extends { name: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    if (seen.has(i.name)) return false;
    seen.add(i.name);
    return true;
  });
}

class Rejection extends Error {
  constructor(readonly reasonText: { en: string; ru: string }) {
    super(reasonText.en);
  }
}
const reason = (en: string, ru: string) => new Rejection({ en, ru });

/** Parses an IATI activities file; activities that cannot be taken are listed with the reason. */
export function readIati(xml: string): IatiReadResult {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    isArray: (name) => REPEATED.has(name),
  });
  let doc: Record<string, Node>;
  try {
    doc = parser.parse(xml, true) as Record<string, Node>;
  } catch (error) {
    throw reason(`not well-formed XML: ${(error as Error).message}`, `XML с ошибками: ${(error as Error).message}`);
  }
  const root = doc["iati-activities"];
  if (!root) throw reason("no <iati-activities> root element", "нет корневого элемента <iati-activities>");
  const version = attr(root, "version") || "1.0";
  if (!/^(1\.0\d?|2\.0\d)$/.test(version) && version !== "1.0")
    throw reason(`unsupported IATI version ${version}`, `версия IATI ${version} не поддерживается`);
  const rootLang = (attr(root, "xml:lang") ?? "en").toLowerCase();
  const rootCurrency = attr(root, "default-currency");
  const activities: IatiActivity[] = [];
  const rejected: IatiReadResult["rejected"] = [];
  arr(root["iati-activity"]).forEach((a, i) => {
    try {
      activities.push(readActivity(a, rootLang, rootCurrency));
    } catch (error) {
      const ref = text(a["iati-identifier"]) || `#${i + 1}`;
      rejected.push({
        ref,
        reason: error instanceof Rejection ? error.reasonText : { en: String(error), ru: String(error) },
      });
    }
  });
  return { version, activities, rejected };
}

export { Rejection as IatiRejection };

const STATUS_CODE: Record<string, string> = Object.fromEntries(Object.entries(STATUS).map(([k, v]) => [v, k]));

function narrativesOf(t: { en?: string; ru?: string }) {
  return (["en", "ru"] as const).filter((l) => t[l]).map((l) => ({ "@_xml:lang": l, "#text": t[l] }));
}

/** An organization of the controlled list as IATI names it: its organisation identifier when one is known. */
export interface IatiOrg {
  ref?: string | undefined;
  name: { en?: string; ru?: string };
}

/**
 * IATI 2.03 activity XML for the given projects (valid against the official schema; see the tests). Donors and
 * organizations with a code in the controlled list are written from the list (`orgOf`: its identifier as `ref`
 * and its names in both languages); those still waiting for review, as written.
 */
export function writeIati(
  projects: (Project & { externalDocuments?: { url: string; title: string; format: string | null }[] })[],
  reporting: { ref: string; type: string; name: string },
  identifierPrefix: string,
  generated = new Date(),
  orgOf: (code: string) => IatiOrg | undefined = () => undefined,
): string {
  const org = (code: string | null | undefined, asWritten: string) => {
    const known = code ? orgOf(code) : undefined;
    const names = known ? narrativesOf(known.name) : [];
    return {
      ...(known?.ref ? { "@_ref": known.ref } : {}),
      narrative: names.length ? names : [{ "#text": asWritten }],
    };
  };
  const activities = projects.map((p) => {
    const description = p.summary.en || p.summary.ru ? p.summary : p.title;
    const dates = [
      ["1", p.plannedStart],
      ["2", p.actualStart],
      ["3", p.plannedEnd],
      ["4", p.actualEnd],
    ].filter(([, d]) => d) as [string, string][];
    if (!dates.length) dates.push(["1", p.createdAt.slice(0, 10)]);
    // One funding organisation per donor of the list (or per name as written while it waits for review).
    const funders = [...new Map(p.transactions.map((f) => [f.donorCode ?? `name:${f.donorName}`, f])).values()];
    const implementing = p.organizations.filter((o) => o.role === "implementing");
    const participating: Record<string, unknown>[] = [
      ...funders.map((f) => ({ "@_role": "1", ...org(f.donorCode, f.donorName) })),
      ...implementing.map((o) => ({ "@_role": "4", ...org(o.code, o.name) })),
    ];
    if (!participating.length) participating.push({ "@_role": "4", narrative: [{ "#text": reporting.name }] });
    const countriesOut = p.locations
      .filter((l) => l.kind === "country")
      .map((l) => ({
        "@_code": countries.alpha3ToAlpha2(l.code) ?? l.code,
        ...(l.share !== null ? { "@_percentage": String(l.share) } : {}),
      }));
    const regions = p.locations
      .filter((l) => l.kind === "region" && /^R\d+$/.test(l.code))
      .map((l) => ({ "@_code": l.code.slice(1), "@_vocabulary": "1" }));
    const sectors = p.dacCodes.map((code) => ({ "@_vocabulary": "1", "@_code": code }));
    const valueDate = (f: Project["transactions"][number]) =>
      f.date ?? p.actualStart ?? p.plannedStart ?? p.createdAt.slice(0, 10);
    return {
      "@_last-updated-datetime": new Date(p.updatedAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
      "@_xml:lang": p.title.en ? "en" : "ru",
      "@_default-currency": p.transactions[0]?.currency ?? "USD",
      "iati-identifier": p.iatiIdentifier ?? `${identifierPrefix}-${p.code}`,
      "reporting-org": { "@_ref": reporting.ref, "@_type": reporting.type, narrative: [{ "#text": reporting.name }] },
      title: { narrative: narrativesOf(p.title) },
      description: [{ "@_type": "1", narrative: narrativesOf(description) }],
      "participating-org": participating,
      ...(p.donorRef ? { "other-identifier": [{ "@_ref": p.donorRef, "@_type": "A1" }] } : {}),
      "activity-status": { "@_code": STATUS_CODE[p.stage] ?? "2" },
      "activity-date": dates.map(([type, iso]) => ({ "@_type": type, "@_iso-date": iso })),
      ...(countriesOut.length ? { "recipient-country": countriesOut } : {}),
      ...(regions.length ? { "recipient-region": regions } : {}),
      ...(sectors.length ? { sector: sectors } : {}),
      ...(p.transactions.length
        ? {
            transaction: p.transactions.map((f) => ({
              "transaction-type": { "@_code": IATI_TRANSACTION_CODES[f.type] },
              "transaction-date": { "@_iso-date": valueDate(f) },
              value: { "@_currency": f.currency, "@_value-date": valueDate(f), "#text": f.amount },
              "provider-org": org(f.donorCode, f.donorName),
            })),
          }
        : {}),
      ...(p.externalDocuments?.length
        ? {
            "document-link": p.externalDocuments.map((d) => ({
              "@_url": d.url,
              "@_format": d.format ?? "text/html",
              title: { narrative: [{ "#text": d.title || d.url }] },
              category: { "@_code": "A02" },
            })),
          }
        : {}),
    };
  });
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    format: true,
    suppressEmptyNode: true,
    processEntities: true,
  });
  const body = builder.build({
    "iati-activities": {
      "@_version": "2.03",
      "@_generated-datetime": generated.toISOString().replace(/\.\d{3}Z$/, "Z"),
      "iati-activity": activities,
    },
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}
