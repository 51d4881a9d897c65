/** What an answer of whoWorksOn rests on, and how much each kind of evidence weighs. */
export const EVIDENCE_KINDS = ["WORKS_ON", "EXPERIENCE", "INITIATIVE"] as const;
export type EvidenceKindName = (typeof EVIDENCE_KINDS)[number];

/** Evidence weights: concrete, located work (an experience, an initiative) says more than a profile line. */
export const EVIDENCE_WEIGHTS = {
  worksOn: 1.0,
  subtopic: 0.8,
  experience: 1.5,
  initiative: 1.5,
  /** A regional organisation active in the province of the asked municipality. */
  regionalViaProvince: 0.7,
  /** A national organisation, when national scope is asked for. */
  national: 0.4,
  /** An experience or initiative located in the province of the asked municipality. */
  experienceInProvince: 0.5,
  role: { COORDINATOR: 1.0, ORGANISER: 1.0, PARTNER: 0.8, SUPPORTER: 0.5 },
  /** A role not listed above. */
  otherRole: 0.5,
} as const;
