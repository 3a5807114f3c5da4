import type {
  NationalFigures,
  Ranked,
  Reconciliation,
  ReconciliationLine,
  SeizureFigure,
} from "../../../common/factsheets.js";
import type { LocalizedText } from "../../../common/localized.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import { countryName } from "../partners/partners.service.js";
import { arqWorkbook } from "./arq.export.js";
import { presentTotal, round } from "./factsheets.present.js";
import type { FactsheetsRepository } from "./factsheets.repository.js";
import type { RankDimension, SeizureAggregateRow, SeizureReader } from "./seizure-reader.js";

const MASS_UNITS: Record<string, number> = { kg: 1, g: 0.001 };
/** Below this share of the reported total a difference is rounding, not a discrepancy. */
const TOLERANCE = 0.005;
const RECORDS_PER_LINE = 25;

/**
 * National figures for UNODC's Annual Report Questionnaire (drug supply, seizures) computed from the seizure
 * records of a country and year, and their reconciliation with the officially reported national totals.
 */
export class ArqService {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly repo: FactsheetsRepository,
    private readonly seizures: () => SeizureReader,
    audit: AuditService,
  ) {
    this.changes = new ChangeRecorder({ audit });
  }

  /**
   * The ARQ tables of a country and year as an XLSX workbook in one language, with the figures it was built from;
   * every export is audited (from the web and from `pact export arq`).
   */
  async export(country: string, year: number, lang: "en" | "ru", actor: Actor) {
    const [figures, reconciliation] = await Promise.all([
      this.nationalFigures(country, year),
      this.reconciliation(country, year),
    ]);
    const body = await arqWorkbook(figures, reconciliation, lang);
    await this.changes.event(actor, {
      action: "arq.export",
      objectType: "country",
      objectId: country,
      details: { year, lang },
    });
    return { body, figures, reconciliation };
  }

  figuresFrom(rows: SeizureAggregateRow[]): SeizureFigure[] {
    const reader = this.seizures();
    const byKey = new Map<string, SeizureFigure>();
    for (const r of rows) {
      const key = `${r.drug}|${r.unit}`;
      const f = byKey.get(key) ?? {
        drug: r.drug,
        drugName: reader.drugName(r.drug),
        group: reader.drugGroup(r.drug),
        unit: r.unit,
        quantity: 0,
        kg: null,
        cases: 0,
      };
      f.quantity = round(f.quantity + r.quantity);
      f.kg = r.kg === null ? f.kg : round((f.kg ?? 0) + r.kg);
      f.cases += r.cases;
      byKey.set(key, f);
    }
    return [...byKey.values()].sort((a, b) => (b.kg ?? 0) - (a.kg ?? 0) || a.drug.localeCompare(b.drug));
  }

  async ranked(countries: string[], year: number, dimension: RankDimension, limit = 10): Promise<Ranked[]> {
    const reader = this.seizures();
    const rows = await reader.ranked(countries, year, dimension, limit);
    return rows.map((r) => ({ code: r.code, name: reader.codeName(dimension, r.code), cases: r.cases }));
  }

  async nationalFigures(country: string, year: number): Promise<NationalFigures> {
    const reader = this.seizures();
    const countries = [country];
    const [rows, persons, origins, transit, destinations, transportModes, months] = await Promise.all([
      reader.aggregate(countries, [year]),
      reader.personsArrested(countries, year),
      this.ranked(countries, year, "origin"),
      this.ranked(countries, year, "transit"),
      this.ranked(countries, year, "destination"),
      this.ranked(countries, year, "transport"),
      reader.monthsWithRecords(countries, year),
    ]);
    const seizures = this.figuresFrom(rows);
    return {
      country,
      countryName: countryName(country),
      year,
      seizuresAvailable: reader.available,
      seizures,
      totalCases: seizures.reduce((n, s) => n + s.cases, 0),
      personsArrested: persons,
      origins,
      transit,
      destinations,
      transportModes,
      monthsWithoutRecords: missingMonths(months),
      conversions: reader.conversions(),
    };
  }

  async reconciliation(country: string, year: number): Promise<Reconciliation> {
    const reader = this.seizures();
    const [rows, totals, months] = await Promise.all([
      reader.aggregate([country], [year]),
      this.repo.listTotals({ countries: [country], years: [year] }),
      reader.monthsWithRecords([country], year),
    ]);
    const missing = missingMonths(months);
    const lines: ReconciliationLine[] = [];
    const explained = new Set<string>();
    for (const total of totals.map(presentTotal)) {
      const canonical = reader.canonicalDrug(total.drug) ?? total.drug;
      explained.add(canonical);
      const drugRows = rows.filter((r) => r.drug === canonical);
      lines.push(
        await this.lineFor(
          country,
          year,
          { drug: total.drug, canonical, unit: total.unit, quantity: total.quantity, cases: total.cases },
          drugRows,
          missing,
        ),
      );
    }
    for (const figure of this.figuresFrom(rows.filter((r) => !explained.has(r.drug)))) {
      lines.push({
        drug: figure.drug,
        drugName: figure.drugName,
        unit: figure.unit,
        recordsQuantity: figure.quantity,
        recordsCases: figure.cases,
        reportedQuantity: null,
        reportedCases: null,
        difference: null,
        differenceShare: null,
        reasons: ["not_reported"],
        explanations: [
          {
            en: "No national total was reported for this drug and unit.",
            ru: "Национальный итог по этому наркотику и единице не представлен.",
          },
        ],
        records: [],
      });
    }
    return { country, year, seizuresAvailable: reader.available, lines, monthsWithoutRecords: missing };
  }

  private async lineFor(
    country: string,
    year: number,
    reported: { drug: string; canonical: string; unit: string; quantity: number; cases: number | null },
    drugRows: SeizureAggregateRow[],
    missing: number[],
  ): Promise<ReconciliationLine> {
    const reader = this.seizures();
    const factor = MASS_UNITS[reported.unit];
    const explanations: LocalizedText[] = [];
    const reasons = new Set<ReconciliationLine["reasons"][number]>();
    // In a mass unit every record converted to kg counts; in a count unit only records in that unit.
    const comparable = drugRows.filter((r) => (factor !== undefined ? r.kg !== null : r.unit === reported.unit));
    const other = drugRows.filter((r) => !comparable.includes(r));
    const recordsQuantity = comparable.length
      ? round(comparable.reduce((s, r) => s + (factor !== undefined ? (r.kg ?? 0) / factor : r.quantity), 0))
      : drugRows.length
        ? 0
        : null;
    const recordsCases = drugRows.length ? comparable.reduce((n, r) => n + r.cases, 0) : null;
    const difference = recordsQuantity === null ? null : round(reported.quantity - recordsQuantity);
    const share = difference !== null && reported.quantity > 0 ? round(difference / reported.quantity, 4) : null;

    if (reported.canonical !== reported.drug) {
      reasons.add("drug_name_mapping");
      const name = reader.drugName(reported.canonical);
      explanations.push({
        en: `Reported as “${reported.drug}”, matched to the records of ${name.en ?? reported.canonical}.`,
        ru: `Указано как «${reported.drug}», сопоставлено с записями «${name.ru ?? name.en ?? reported.canonical}».`,
      });
    } else if (!reader.canonicalDrug(reported.drug) && reader.available) {
      reasons.add("drug_name_mapping");
      explanations.push({
        en: `“${reported.drug}” matches no drug of the controlled list; no records could be compared.`,
        ru: `«${reported.drug}» не соответствует ни одному наркотику контролируемого списка; сравнить записи невозможно.`,
      });
    }
    if (drugRows.length === 0) reasons.add("no_records");
    const converted = comparable.filter((r) => r.unit !== reported.unit);
    if (converted.length) {
      explanations.push({
        en: `Includes records in ${converted.map((r) => `${r.unit} (${r.quantity})`).join(", ")} converted to ${reported.unit}.`,
        ru: `Включает записи в ${converted.map((r) => `${r.unit} (${r.quantity})`).join(", ")}, пересчитанные в ${reported.unit}.`,
      });
    }
    const isDifferent = difference !== null && Math.abs(difference) > Math.max(TOLERANCE * reported.quantity, 0.0005);
    if (other.length && isDifferent) {
      reasons.add("unit_mismatch");
      explanations.push({
        en: `Records in ${other.map((r) => `${r.unit} (${r.quantity}, ${r.cases} cases)`).join(", ")} cannot be converted to ${reported.unit}.`,
        ru: `Записи в ${other.map((r) => `${r.unit} (${r.quantity}, случаев: ${r.cases})`).join(", ")} нельзя пересчитать в ${reported.unit}.`,
      });
    }
    if (missing.length && isDifferent && difference !== null && difference > 0) {
      reasons.add("missing_months");
      explanations.push({
        en: `No records for months ${missing.join(", ")} of ${year}.`,
        ru: `Нет записей за месяцы ${missing.join(", ")} ${year} г.`,
      });
    }
    if (!isDifferent && difference !== null) reasons.add("match");
    else if (reasons.size === 0 || (reasons.size === 1 && reasons.has("drug_name_mapping") && drugRows.length))
      reasons.add("unexplained");
    const records =
      isDifferent || converted.length
        ? await reader.records(country, year, [reported.canonical], RECORDS_PER_LINE)
        : [];
    return {
      drug: reported.drug,
      drugName: reader.drugName(reported.canonical),
      unit: reported.unit,
      recordsQuantity,
      recordsCases,
      reportedQuantity: reported.quantity,
      reportedCases: reported.cases,
      difference,
      differenceShare: share,
      reasons: [...reasons],
      explanations,
      records: records.map((r) => ({
        id: r.id,
        date: r.date,
        drug: r.drug,
        quantity: r.quantity,
        unit: r.unit,
        note: r.originalDrug ?? "",
      })),
    };
  }
}

export function missingMonths(present: number[]): number[] {
  const have = new Set(present);
  return Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => !have.has(m));
}
