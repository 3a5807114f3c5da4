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
