import type { FacilityReference } from "../../../common/facilities.js";
import {
  CHECKLISTS,
  LABEL_SYNONYMS,
  MODALITIES,
  ORG_TYPES,
  POPULATIONS,
  SERVICES,
} from "../../reference/data/facilities-standards.js";

export const FACILITY_REFERENCE: FacilityReference = {
  modalities: MODALITIES,
  services: SERVICES,
  populations: POPULATIONS,
  orgTypes: ORG_TYPES,
  checklists: CHECKLISTS,
};

export const MODALITY_CODES = new Set(MODALITIES.map((m) => m.code));
export const SERVICE_CODES = new Set(SERVICES.map((s) => s.code));
export const POPULATION_CODES = new Set(POPULATIONS.map((p) => p.code));

export type LabelKind = "modality" | "service" | "population";
export interface LabelTarget {
  kind: LabelKind;
  code: string;
}

/** Label matching ignores case, punctuation, spaces and diacritics; "ё" is read as "е". */
export function normalizeLabel(label: string): string {
  return label
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Every way to name a code: the code itself, its EN and RU labels, and the synonyms of locators. */
function buildLabelIndex(): Map<string, LabelTarget[]> {
  const index = new Map<string, LabelTarget[]>();
  const add = (label: string | undefined, target: LabelTarget) => {
    if (!label) return;
    const key = normalizeLabel(label);
    const list = index.get(key) ?? [];
    if (!list.some((t) => t.kind === target.kind && t.code === target.code)) list.push(target);
    index.set(key, list);
  };
  const lists: [LabelKind, FacilityReference["modalities"]][] = [
    ["modality", MODALITIES],
    ["service", SERVICES],
    ["population", POPULATIONS],
  ];
  for (const [kind, items] of lists) {
    for (const item of items) {
      add(item.code, { kind, code: item.code });
      add(item.label.en, { kind, code: item.code });
      add(item.label.ru, { kind, code: item.code });
    }
  }
  for (const [label, targets] of Object.entries(LABEL_SYNONYMS)) {
    for (const t of targets) {
      const [kind, code] = t.split(":") as [LabelKind, string];
      add(label, { kind, code });
    }
  }
  return index;
}

const LABEL_INDEX = buildLabelIndex();

/** The codes a free-text label stands for; empty when unknown. */
export function lookupLabel(label: string): LabelTarget[] {
  return LABEL_INDEX.get(normalizeLabel(label)) ?? [];
}

export function checklistOf(modality: string) {
  return CHECKLISTS.find((c) => c.modality === modality);
}
