import { type EnumOf, graphEnum } from "./graph-enum";

export const Scope = graphEnum(
  "Scope",
  { NATIONAL: null, REGIONAL: null, LOCAL: null },
  "Where an organisation works: the whole country, a region, or one place.",
);
export type Scope = EnumOf<typeof Scope>;

export const OrganisationStatus = graphEnum("OrganisationStatus", { ACTIVE: null, INACTIVE: null });
export type OrganisationStatus = EnumOf<typeof OrganisationStatus>;

export const ParticipationRole = graphEnum(
  "ParticipationRole",
  { COORDINATOR: null, ORGANISER: null, PARTNER: null, SUPPORTER: null },
  "Role of an organisation in an initiative.",
);
export type ParticipationRole = EnumOf<typeof ParticipationRole>;

export const EventRole = graphEnum(
  "EventRole",
  { ORGANISER: null, PARTICIPANT: null },
  "Role of an organisation in an event.",
);
export type EventRole = EnumOf<typeof EventRole>;

export const ExperienceKind = graphEnum("ExperienceKind", {
  BEST_PRACTICE: null,
  LESSON: null,
  STORY: null,
  RESULT: null,
});
export type ExperienceKind = EnumOf<typeof ExperienceKind>;

export function enumValue<E extends Record<string, string>>(enumType: E, value: unknown): E[keyof E] | null {
  return typeof value === "string" && (Object.values(enumType) as string[]).includes(value)
    ? (value as E[keyof E])
    : null;
}
