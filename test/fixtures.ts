/** A valid seizure record as the API takes it (Tajikistan, heroin), shared by the cross-module tests. */
export const SEIZURE_INPUT = {
  seizureDate: "2023-03-10",
  country: "TJK",
  drug: "heroin",
  quantity: 12.5,
  unit: "kg",
  place: "Dushanbe",
  sourceType: "official",
  sharing: "members",
};

/** A valid ADAM project as the API takes it (a Tajik border project funded by one donor), titled `title`. */
export function projectInput(title: string) {
  return {
    title: { en: title },
    summary: { en: "Border liaison offices and training for mobile interagency teams." },
    stage: "implementation",
    plannedStart: "2026-01-01",
    plannedEnd: "2027-12-31",
    themes: ["border_control", "training"],
    pillars: [1],
    commitments: [],
    dacCodes: ["16063"],
    fundings: [{ donorName: "United States (INL)", donorCode: "USA", amount: "1500000", currency: "USD" }],
    locations: [{ code: "TJK", kind: "country", share: 100 }],
    organizations: [{ role: "implementing", name: "UNODC" }],
  };
}

/** A valid treatment facility as the API takes it (an outpatient centre in Dushanbe), named `name`. */
export function facilityInput(name: string) {
  return {
    name: { en: name },
    orgType: "public",
    country: "TJK",
    city: "Dushanbe",
    latitude: 38.5598,
    longitude: 68.787,
    modalities: ["outpatient"],
    services: ["hiv_testing"],
    populations: ["adults"],
  };
}

/**
 * A saved analysis as the API takes it: `kind`'s `view` with the parameters `config`, named `name`, shared as
 * `visibility` when one is given (else as the API's default).
 */
export function analysisInput(
  name: string,
  kind: string,
  view: string,
  config: Record<string, unknown> = {},
  visibility?: string,
) {
  return { name, kind, view, config, ...(visibility ? { visibility } : {}) };
}
