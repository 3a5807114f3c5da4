import { drugOf, massInKg, type TransportMode, type Unit } from "../../../common/seizures.js";
import type { AppContext } from "../../context.js";

/**
 * Test and demo helper: a validated seizure record written straight into the seizure module's table. Published
 * records count in the seizure module's aggregates only after `ctx.seizures.rebuildAggregates()`.
 */
export interface SeizureFixture {
  date: string;
  country: string;
  drug: string;
  quantity: number;
  unit: Unit;
  origins?: string[];
  transit?: string[];
  destinations?: string[];
  transport?: TransportMode | null;
  persons?: number;
  status?: "entered" | "validated" | "published";
  sharing?: "public" | "members" | "partner" | "restricted";
  demo?: boolean;
}

export async function insertSeizures(ctx: AppContext, list: SeizureFixture[]) {
  if (!list.length) return;
  await ctx.database.db
    .insertInto("seizures")
    .values(
      list.map((s) => ({
        seizure_date: s.date,
        date_precision: "day" as const,
        year: Number(s.date.slice(0, 4)),
        month: Number(s.date.slice(5, 7)),
        country: s.country,
        drug: s.drug,
        drug_group: drugOf(s.drug)?.group ?? "other",
        quantity: s.quantity,
        unit: s.unit,
        mass_kg: massInKg(s.drug, s.quantity, s.unit),
        transport_mode: s.transport ?? null,
        origin_countries: JSON.stringify(s.origins ?? []),
        transit_countries: JSON.stringify(s.transit ?? []),
        destination_countries: JSON.stringify(s.destinations ?? []),
        arrests: JSON.stringify([]),
        persons_arrested: s.persons ?? 0,
        source_type: "official",
        sharing: s.sharing ?? ("members" as const),
        status: s.status ?? "validated",
        warnings_confirmed: JSON.stringify([]),
        demo: s.demo ?? false,
      })),
    )
    .execute();
}
