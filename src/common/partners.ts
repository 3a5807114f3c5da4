import { z } from "zod";
import { LocalizedTextSchema, ProvenanceSchema } from "./localized.js";

export const PartnerKindSchema = z.enum(["country", "organization"]);
export type PartnerKind = z.infer<typeof PartnerKindSchema>;

export const PartnerSchema = z.object({
  id: z.uuid(),
  /** ISO 3166-1 alpha-3 for a country, acronym for an organization. */
  code: z.string(),
  kind: PartnerKindSchema,
  name: LocalizedTextSchema,
  listedAs: z.string(),
  region: z.string().nullable(),
  sinceThirdMinisterialConference: z.boolean(),
  provenance: ProvenanceSchema.nullable(),
  version: z.number().int(),
});
export type Partner = z.infer<typeof PartnerSchema>;

export const PartnerListQuerySchema = z.object({
  kind: PartnerKindSchema.optional(),
  q: z.string().trim().max(200).optional(),
});

export const PartnerListSchema = z.object({
  items: z.array(PartnerSchema),
  total: z.number().int(),
  counts: z.object({ country: z.number().int(), organization: z.number().int() }),
});
export type PartnerList = z.infer<typeof PartnerListSchema>;

export const CommitmentSchema = z.object({
  code: z.string(),
  pillar: z.number().int().min(1).max(4),
  number: z.number().int(),
  text: LocalizedTextSchema,
  provenance: ProvenanceSchema.nullable(),
});
export type Commitment = z.infer<typeof CommitmentSchema>;

export const PillarSchema = z.object({
  number: z.number().int().min(1).max(4),
  roman: z.string(),
  title: LocalizedTextSchema,
  aims: LocalizedTextSchema,
  provenance: ProvenanceSchema.nullable(),
  commitmentCount: z.number().int(),
});
export type Pillar = z.infer<typeof PillarSchema>;

export const PillarDetailSchema = PillarSchema.extend({ commitments: z.array(CommitmentSchema) });
export type PillarDetail = z.infer<typeof PillarDetailSchema>;

export const RouteSchema = z.object({
  code: z.string(),
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
  countries: z.array(z.object({ code: z.string(), name: LocalizedTextSchema, isPartner: z.boolean() })),
  regions: z.array(LocalizedTextSchema),
  provenance: z.array(ProvenanceSchema),
});
export type Route = z.infer<typeof RouteSchema>;

export const DonorSchema = z.object({
  year: z.number().int(),
  partnerCode: z.string().nullable(),
  name: LocalizedTextSchema,
});
export const LiaisonPostSchema = z.object({
  code: z.string(),
  dutyStation: LocalizedTextSchema,
  country: z.string(),
  covers: z.array(z.string()),
  since: z.number().int().nullable(),
  note: LocalizedTextSchema.or(z.object({})),
});
export const ProgrammeComponentSchema = z.object({
  code: z.string(),
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
});
export const ProgrammeSchema = z.object({
  components: z.array(ProgrammeComponentSchema),
  donors: z.array(DonorSchema),
  liaisonPosts: z.array(LiaisonPostSchema),
});
export type Programme = z.infer<typeof ProgrammeSchema>;

/** A section that a domain module adds to a partner's page (focal points, projects, meetings …). */
export const PartnerSectionSchema = z.object({
  key: z.string(),
  title: LocalizedTextSchema,
  items: z.array(z.object({ label: LocalizedTextSchema, href: z.string().nullable(), detail: z.string().nullable() })),
  total: z.number().int(),
});
export const PartnerDetailSchema = PartnerSchema.extend({
  routes: z.array(z.object({ code: z.string(), name: LocalizedTextSchema })),
  liaisonPosts: z.array(LiaisonPostSchema),
  donorYears: z.array(z.number().int()),
  sections: z.array(PartnerSectionSchema),
});
export type PartnerDetail = z.infer<typeof PartnerDetailSchema>;

/** A coordinator's correction of a partner record; `version` is the one the editor read. */
export const PartnerUpdateSchema = z
  .object({
    version: z.number().int().min(1),
    name: z.object({ en: z.string().trim().min(1).max(300), ru: z.string().trim().min(1).max(300) }).optional(),
    region: z.string().trim().min(1).max(60).nullable().optional(),
  })
  .refine((v) => v.name !== undefined || v.region !== undefined, { message: "Nothing to change" });
export type PartnerUpdate = z.infer<typeof PartnerUpdateSchema>;

export const RevisionSchema = z.object({
  version: z.number().int(),
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  /** Why the change was made, when the act asks for a reason (a seizure's correction). */
  reason: z.string().nullable().optional(),
});
export type Revision = z.infer<typeof RevisionSchema>;
