import type { Party } from "../../../common/projects.js";
import type { IatiOrg } from "./projects.iati.js";

/**
 * IATI organisation identifiers of partners, where one is established: the governments of OECD DAC members by
 * their DAC donor code (`XM-DAC-<code>`, the IATI Organisation Identifier list's XM-DAC agency) and UNODC
 * (XM-DAC-41114, the identifier the platform reports under). Other partners are written by name (EN and RU)
 * without a `ref`: an invented identifier would look authoritative to IATI's readers and be wrong.
 */
export const IATI_ORG_REFS: Readonly<Record<string, string>> = {
  AUT: "XM-DAC-1",
  BEL: "XM-DAC-2",
  DNK: "XM-DAC-3",
  FRA: "XM-DAC-4",
  DEU: "XM-DAC-5",
  ITA: "XM-DAC-6",
  NLD: "XM-DAC-7",
  NOR: "XM-DAC-8",
  PRT: "XM-DAC-9",
  SWE: "XM-DAC-10",
  CHE: "XM-DAC-11",
  GBR: "XM-DAC-12",
  FIN: "XM-DAC-18",
  IRL: "XM-DAC-21",
  LUX: "XM-DAC-22",
  GRC: "XM-DAC-40",
  ESP: "XM-DAC-50",
  CAN: "XM-DAC-301",
  USA: "XM-DAC-302",
  JPN: "XM-DAC-701",
  KOR: "XM-DAC-742",
  AUS: "XM-DAC-801",
  NZL: "XM-DAC-820",
  UNODC: "XM-DAC-41114",
};

/**
 * The controlled list as IATI organisations: a partner by its established identifier where there is one; a body
 * of the platform's own list (`project_parties`) by a reference under the platform's identifier prefix
 * (`<prefix>-ORG-<code>`), stable as long as its code is.
 */
export function iatiOrgs(parties: readonly Party[], identifierPrefix: string): (code: string) => IatiOrg | undefined {
  const byCode = new Map(
    parties.map((p) => [
      p.code,
      {
        ref: p.source === "partner" ? IATI_ORG_REFS[p.code] : `${identifierPrefix}-ORG-${p.code}`,
        name: p.name,
      },
    ]),
  );
  return (code) => byCode.get(code.toUpperCase());
}
