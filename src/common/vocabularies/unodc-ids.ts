import type { PLACE_TYPES, TRANSPORT_MODES, Unit } from "../seizures.js";

/**
 * UNODC's own vocabularies of Individual Drug Seizures (IDS), each label exactly as UNODC's data portal writes it in
 * the IDS export ("Drug/Substance", "Physical Seizure Location", "Trafficking Mode of Transportation", "Measurement
 * Unit"), mapped to the platform's code. The code carries the rest: the drug's name in English and Russian, its
 * UNODC drug group and its conversion rule (DRUGS in ../seizures.ts), the place's and the mode's names (the web's
 * seizures messages). Where these lists come from, and what is known to be missing from them: README.md here.
 *
 * Our own earlier codes and spellings stay valid as synonyms (the aliases in ../seizures.ts and the importer's
 * alias tables); a label UNODC publishes is never rewritten here.
 */

/** "Drug/Substance" → drug code. */
export const IDS_DRUGS: Readonly<Record<string, string>> = {
  Heroin: "heroin",
  Opium: "opium",
  "Poppy plants": "poppy_plant",
  Methadone: "methadone",
  "Subutex (buprenorphine)": "buprenorphine",
  Codeine: "codeine",
  "Cocaine hydrochloride (HCl, powder cocaine)": "cocaine_hydrochloride",
  "Crack cocaine": "crack_cocaine",
  "Non-specified cocaine-type": "cocaine_unspecified",
  "Coca leaf": "coca_leaf",
  "Cannabis herb (marijuana)": "cannabis_herb",
  "Cannabis resin (hashish)": "cannabis_resin",
  "Cannabis plants": "cannabis_plant",
  "Cannabis seeds": "cannabis_seeds",
  "Cannabis pollen (dust)": "cannabis_pollen",
  "Cannabis oil": "cannabis_oil",
  "Other cannabis-type (excluding synthetic cannabinoids)": "cannabis_other",
  "Non-specified cannabis-type (excluding synthetic cannabinoids)": "cannabis_unspecified",
  "Other synthetic cannabinoids (spice)": "synthetic_cannabinoids",
  Amphetamine: "amphetamine",
  Methamphetamine: "methamphetamine",
  MDMA: "ecstasy",
  "Non-specified ecstasy-type substances": "ecstasy",
  MDA: "mda",
  "Mephedrone (4-methylmethcathinone, 4-MMC)": "mephedrone",
  "4-Chloromethcathinone (4-CMC, Clephedrone)": "clephedrone",
  "Non-specified Synthetic cathinones": "synthetic_cathinones",
  "Other NPS": "nps_other",
  "2C-B (4-bromo-2,5-dimethoxyphenethylamine)": "two_c_b",
  LSD: "lsd",
  "Dimethyltryptamine (DMT)": "dmt",
  Psilocybin: "psilocybin",
  "Non-specified hallucinogens": "hallucinogens_unspecified",
  "Other hallucinogens": "hallucinogens_other",
  Benzodiazepines: "benzodiazepines",
  Diazepam: "diazepam",
  "Clonazepam (Rivotril)": "clonazepam",
  "Alprazolam (Xanax, Pranax, Ksalol)": "alprazolam",
  "Lorazepam (Ativan, Temesta)": "lorazepam",
  GHB: "ghb",
  Khat: "khat",
  "Other-miscellaneous": "other",
};

/** "Physical Seizure Location" → place type. ("Data not available" is a placeholder: no value.) */
export const IDS_PLACES: Readonly<Record<string, (typeof PLACE_TYPES)[number]>> = {
  Airport: "airport",
  "Seaport/Riverport station/Harbour": "seaport",
  "Post Office": "postal",
  "Road/ Street/highway": "road",
  "Railway/bus station": "station",
  "Private dwelling/Residence/Home/Private Garage": "dwelling",
  "Other outdoor/open air sites/facilities": "outdoor",
  "Prisons and other detention centers": "prison",
  Warehouse: "warehouse",
  "Healthcare facilities/Pharmacies": "healthcare",
  "Commercial premises": "commercial",
  Hotel: "hotel",
  "Schools, universities and libraries": "education",
  "Territorial waters (seas, lakes, rivers, etc.)": "territorial_waters",
  "International waters": "international_waters",
};

/** "Trafficking Mode of Transportation" → transport mode. */
export const IDS_TRANSPORT_MODES: Readonly<Record<string, (typeof TRANSPORT_MODES)[number]>> = {
  Airplane: "air",
  "Vessel/boat": "sea",
  "Car/motorcycle": "car",
  "Truck/lorry/van": "truck",
  "Train/Bus": "train_bus",
  "Postal/Mail/Express Parcel": "postal",
  "Bicycle/on foot/walking": "pedestrian",
  Other: "other",
};

/** "Measurement Unit" → unit. */
export const IDS_UNITS: Readonly<Record<string, Unit>> = {
  g: "g",
  kg: "kg",
  lt: "l",
  "tablet/pill": "tablet",
  unit: "unit",
  plant: "plant",
};
