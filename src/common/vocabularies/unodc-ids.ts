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

/**
 * "DrugName" → drug code: every substance label of UNODC's published table of national seizures by drug, the World
 * Drug Report 2025 statistical annex 7.1 ("Drug seizures 2019-2023", sheet "Seizures", columns Region, SubRegion,
 * Country, DrugGroup, DrugSubGroup, DrugName, Reference year, Kilograms, msCode), character for character: the names
 * Member States' seizures are reported under in the ARQ, beyond the ones a single IDS export happens to use. A label
 * the table files under two groups (JWH-018, "Other hallucinogens", "Mushrooms (hallucinogenic)", "Other
 * drugs/substances") has one code. Where the label names a substance within a class the platform counts as a whole
 * (a synthetic cannabinoid such as AB-FUBINACA, a cathinone such as pentedrone, a ring-substituted amphetamine such as
 * 4-FA), it is read as that class's code. Where the source is: README.md here.
 */
export const UNODC_SEIZURE_TABLE_DRUGS: Readonly<Record<string, string>> = {
  // Any other drugs/substances
  "Other drugs/substances": "other",
  "Psychotropic substances": "other",
  "Other miscellaneous": "other",
  "Anabolic steroids": "anabolic_steroids",
  "Other substances not under int. control": "not_internationally_controlled",
  "Synthetic cannabinoids under international control": "synthetic_cannabinoids",
  Caffeine: "caffeine",
  "Non-specified": "other",
  "JWH-018": "synthetic_cannabinoids",
  Alcohol: "alcohol",
  // Cannabis-type drugs (excluding synthetic cannabinoids)
  "Cannabis herb (marijuana)": "cannabis_herb",
  "Cannabis resin (hashish)": "cannabis_resin",
  "Cannabis oil": "cannabis_oil",
  "Other types of cannabis": "cannabis_other",
  "Cannabis plants": "cannabis_plant",
  "Cannabis seed": "cannabis_seeds",
  "Non-specified cannabis-type": "cannabis_unspecified",
  // NPS
  "Synthetic cannabinoids (“Spice”)": "synthetic_cannabinoids",
  "Ketamine and phencyclidine-type substances": "ketamine",
  Khat: "khat",
  "Plant-based new psychoactive substances": "nps_plant_based",
  "Synthetic cathinones": "synthetic_cathinones",
  Phenethylamines: "phenethylamines",
  Piperazines: "piperazines",
  "Salvia divinorum": "salvia_divinorum",
  "Synthetic cannabinoids (Spice)": "synthetic_cannabinoids",
  Ayahuasca: "ayahuasca",
  "Mushrooms (hallucinogenic)": "hallucinogenic_mushrooms",
  "2C (psychedelics)": "two_c_series",
  "Other hallucinogens": "hallucinogens_other",
  "Alpha-Pyrrolidinohexiophenone (alpha-PHP)": "synthetic_cathinones",
  "Kratom (Mitragyna speciosa)": "kratom",
  "ADB-CHMINACA": "synthetic_cannabinoids",
  "Non-specified NPS": "nps_other",
  "MDMB-CHMICA": "synthetic_cannabinoids",
  "JWH-210": "synthetic_cannabinoids",
  Pentedrone: "synthetic_cathinones",
  "UR-144": "synthetic_cannabinoids",
  Tryptamines: "tryptamines",
  "2,5-Dimethoxy-4-chloroamphetamine (DOC)": "phenethylamines",
  Phenethylamine: "phenethylamines",
  "4-Fluoromethamphetamine\u00a0(4-FMA)": "phenethylamines",
  "AB-FUBINACA": "synthetic_cannabinoids",
  Aminoindanes: "aminoindanes",
  "4-MEC": "synthetic_cathinones",
  "4-MA (4-methylamphetamine)": "phenethylamines",
  "4-Fluoroamphetamine (4-FA)": "phenethylamines",
  "Alpha-PHpP (PV8)": "synthetic_cathinones",
  // Opioids
  Heroin: "heroin",
  "Pharmaceutical opioids": "pharmaceutical_opioids",
  Buprenorphine: "buprenorphine",
  Methadone: "methadone",
  Opium: "opium",
  Tramadol: "tramadol",
  "Poppy plants": "poppy_plant",
  "Poppy straw (seed heads, pods or capsules)": "poppy_straw",
  "Other illicit opioids": "opioids_other",
  Codeine: "codeine",
  "Illicit morphine": "morphine",
  Fentanyl: "fentanyl",
  "Other illicit opiates": "opiates_other",
  Oxycodone: "oxycodone",
  Carfentanil: "carfentanil",
  Hydrocodone: "hydrocodone",
  Naloxone: "naloxone",
  "U-47700": "u_47700",
  "Poppy seed": "poppy_seed",
  "Acetylated opium": "acetylated_opium",
  Desomorphine: "desomorphine",
  "3-Methylfentanyl (3-MF, mefentanyl)": "methylfentanyl_3",
  "Non-specified opioids": "opioids_unspecified",
  // Cocaine-type
  "Cocaine hydrochloride": "cocaine_hydrochloride",
  '"Crack" cocaine': "crack_cocaine",
  "Other coca/cocaine-type drugs": "cocaine_other",
  "Coca paste/refined cocaine base (intermediate products) (please specify)": "cocaine_base",
  "Other smokable forms of cocaine (consumer products such as basuco, merla, paco, pasta base, etc.) (please specify)":
    "cocaine_smokable_other",
  "Coca leaf": "coca_leaf",
  "Cocaine (total of the above, including if unspecified/undistinguished, but excluding coca leaf and coca bush)":
    "cocaine_unspecified",
  "Non-specified cocaine": "cocaine_unspecified",
  "Coca bush": "coca_bush",
  // Sedatives and tranquillizers
  Diazepam: "diazepam",
  "Total sedatives and tranquillizers (including the above, all other sedatives and tranquillizers, and any unspecified/undistinguished quantities of sedatives and tranquillizers)":
    "sedatives_unspecified",
  "Gamma-Hydroxybutyric acid (GHB)": "ghb",
  "Other sedatives and tranquillizers": "sedatives_other",
  Benzodiazepines: "benzodiazepines",
  Methaqualone: "methaqualone",
  Barbiturates: "barbiturates",
  "Clonazepam (Rivotril)": "clonazepam",
  "Non-specified sedatives and tranquillizers": "sedatives_unspecified",
  Bromazepam: "bromazepam",
  "Diazepam (Stesolid)": "diazepam",
  Valium: "diazepam",
  "Flunitrazepam (Disomnilan, Flumipam, Rohypnol)": "flunitrazepam",
  "Gamma-Butyrolactone (GBL)": "gbl",
  "Alprazolam (Xanax, Pranax, Ksalol)": "alprazolam",
  "Lorazepam (Ativan, Temesta)": "lorazepam",
  GBL: "gbl",
  "Nimetazepam (Erimin, “Happy Five”)": "nimetazepam",
  Oxazepam: "oxazepam",
  Midazolam: "midazolam",
  Phenazepam: "phenazepam",
  Chlordiazepoxide: "chlordiazepoxide",
  "Estazolam (desmethylalprazolam)": "estazolam",
  Nitrazepam: "nitrazepam",
  // Amphetamine-type stimulants (excluding "ecstasy")
  Methamphetamine: "methamphetamine",
  Amphetamine: "amphetamine",
  Cathinone: "cathinone",
  "Mephedrone (4-methylmethcathinone, 4-MMC)": "mephedrone",
  "Total amphetamine-type stimulants (ATS) (including the above, all other ATS, and any unspecified/undistinguished quantities of ATS)":
    "ats_unspecified",
  '"Captagon"': "captagon",
  Methcathinone: "methcathinone",
  "Non-specified amphetamine-type stimulants": "ats_unspecified",
  "Other stimulants": "stimulants_other",
  "Prescription stimulants": "prescription_stimulants",
  Methylphenidate: "methylphenidate",
  Adderall: "amphetamine",
  "Dextroamphetamine (Dexedrine)": "amphetamine",
  "Methylphenidate (Ritalin, Concerta)": "methylphenidate",
  Pyrovalerone: "pyrovalerone",
  "“Yaba”": "yaba",
  "3,4-Methylenedioxypyrovalerone (MDPV)": "mdpv",
  Phentermine: "phentermine",
  Phenmetrazine: "phenmetrazine",
  "3-Fluoroethamphetamine (3-FEA)": "fea_3",
  // "Ecstasy"-type substances
  "3,4-methylenedioxymethamphetamine (MDMA)": "ecstasy",
  'Total "ecstasy"-type substances (including the above, all other substances of this type and any unspecified/undistinguished quantities of substances of this type)':
    "ecstasy",
  "Non-specified “ecstasy”-type substances": "ecstasy",
  "Tenamfetamine (MDA)": "mda",
  MDEA: "mdea",
  // Hallucinogens
  "Lysergic acid diethylamide (LSD)": "lsd",
  "Total hallucinogens (including the above, all other hallucinogens, and any unspecified/undistinguished quantities of hallucinogens)":
    "hallucinogens_unspecified",
  "Dimethyltryptamine (DMT)": "dmt",
  "Non-specified hallucinogens": "hallucinogens_unspecified",
  Psilocybine: "psilocybin",
  "4-bromo-2,5-dimethoxyphenethylamine (2C-B)": "two_c_b",
  Mescaline: "mescaline",
  "Phencyclidine (PCP)": "pcp",
  "STP (DOM, 2,5-dimethoxy-4-methylamphetamine)": "dom",
  "Brolamfetamine (DOB, dimethoxybromoamphetamine, bromo-DMA)": "dob",
  "25B-NBOMe (2C-B-NBOMe)": "nbome_25b",
  Zopiclone: "zopiclone",
  "25C-NBOMe (NBOMe-2C-C, 2C-C-NBOMe, Cimbi-82)": "nbome_25c",
  "3,4-Methylenedioxyphenyl": "hallucinogens_other",
  // Precursors
  "Non-specified precursors": "precursors_unspecified",
  "Other precursors": "precursors_other",
  Ephedrine: "ephedrine",
  "Sulphuric acid": "sulphuric_acid",
  Pseudoephedrine: "ephedrine",
  Acetone: "acetone",
  "Potassium permanganate": "potassium_permanganate",
  "Acetic anhydride": "acetic_anhydride",
  "Hydrochloric acid": "hydrochloric_acid",
  "Phenylacetone (P-2-P)": "p2p",
  "3,4-Methylenedioxyphenyl-2-propanone (3,4-MDP-2-P, PMK)": "pmk",
  Methylamine: "methylamine",
  // Solvents and inhalants
  "Solvents and inhalants": "solvents_inhalants",
};

/** UNODC's drug groups ("DrugGroup" of the same table) → the platform's group code. */
export const UNODC_DRUG_GROUPS: Readonly<Record<string, string>> = {
  "Any other drugs/substances": "other",
  "Cannabis-type drugs (excluding synthetic cannabinoids)": "cannabis",
  NPS: "nps",
  Opioids: "opiates",
  "Cocaine-type": "cocaine",
  "Sedatives and tranquillizers": "sedatives",
  "Amphetamine-type stimulants (excluding “ecstasy”)": "ats",
  "“Ecstasy”-type substances": "ats",
  Hallucinogens: "hallucinogens",
  Precursors: "precursors",
  "Solvents and Inhalants": "other",
};
