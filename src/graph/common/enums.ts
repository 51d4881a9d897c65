import { registerEnumType } from "type-graphql";

export enum Scope {
  NATIONAL = "NATIONAL",
  REGIONAL = "REGIONAL",
  LOCAL = "LOCAL",
}
registerEnumType(Scope, {
  name: "Scope",
  description: "Where an organisation works: the whole country, a region, or one place.",
});

export enum OrganisationStatus {
  ACTIVE = "ACTIVE",
  INACTIVE = "INACTIVE",
}
registerEnumType(OrganisationStatus, { name: "OrganisationStatus" });

export enum ParticipationRole {
  COORDINATOR = "COORDINATOR",
  ORGANISER = "ORGANISER",
  PARTNER = "PARTNER",
  SUPPORTER = "SUPPORTER",
}
registerEnumType(ParticipationRole, {
  name: "ParticipationRole",
  description: "Role of an organisation in an initiative.",
});

export enum EventRole {
  ORGANISER = "ORGANISER",
  PARTICIPANT = "PARTICIPANT",
}
registerEnumType(EventRole, { name: "EventRole", description: "Role of an organisation in an event." });

export enum ExperienceKind {
  BEST_PRACTICE = "BEST_PRACTICE",
  LESSON = "LESSON",
  STORY = "STORY",
  RESULT = "RESULT",
}
registerEnumType(ExperienceKind, { name: "ExperienceKind" });

export function enumValue<E extends Record<string, string>>(enumType: E, value: unknown): E[keyof E] | null {
  return typeof value === "string" && (Object.values(enumType) as string[]).includes(value)
    ? (value as E[keyof E])
    : null;
}
