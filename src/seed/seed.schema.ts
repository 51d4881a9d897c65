import { z } from "zod";
import { MUNICIPALITY_CODE, NL_BOUNDS, PLACE_CODE, PROVINCE_CODE } from "../domain";

/**
 * The shape of every file in seeds/ (see docs/import.md for the organisation spreadsheet). Only the
 * shape is checked here; references between files are checked in seed.validate.ts.
 */

export { MUNICIPALITY_CODE, PLACE_CODE, PROVINCE_CODE } from "../domain";
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const SCOPES = ["NATIONAL", "REGIONAL", "LOCAL"] as const;
export const ORGANISATION_STATUSES = ["ACTIVE", "INACTIVE"] as const;
export const INITIATIVE_ROLES = ["COORDINATOR", "ORGANISER", "PARTNER", "SUPPORTER"] as const;
export const EVENT_ROLES = ["ORGANISER", "PARTICIPANT"] as const;
/** Organisation attributes that can carry a provenance (an initiative they were derived from). */
export const PROVENANCE_FIELDS = ["topics", "conditions", "activeIn"] as const;
export const EXPERIENCE_KINDS = ["BEST_PRACTICE", "LESSON", "STORY", "RESULT"] as const;

export type Scope = (typeof SCOPES)[number];
export type InitiativeRole = (typeof INITIATIVE_ROLES)[number];
export type EventRole = (typeof EVENT_ROLES)[number];
export type ExperienceKind = (typeof EXPERIENCE_KINDS)[number];

const text = z.string().trim().min(1, { error: "must not be empty" });
const optionalText = z.string().trim().nullable();

const municipalityCode = z.string().regex(MUNICIPALITY_CODE, {
  error: (i) => `bad code ${JSON.stringify(i.input)} (expected GM and four digits)`,
});
const provinceCode = z
  .string()
  .regex(PROVINCE_CODE, { error: (i) => `bad code ${JSON.stringify(i.input)} (expected PV and two digits)` });
const placeCode = z.string().regex(PLACE_CODE, {
  error: (i) => `bad code ${JSON.stringify(i.input)} (expected a municipality GM0000 or province PV00 code)`,
});

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export const isoDate = z
  .string()
  .regex(ISO_DATE, { error: (i) => `bad date ${JSON.stringify(i.input)} (expected YYYY-MM-DD)` })
  .refine(isRealDate, { error: (i) => `bad date ${JSON.stringify(i.input)} (no such day)` });

/** Ids are stable and URL-safe: they end up in global ids, exports and other records' references. */
export const recordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
  error: (i) =>
    `bad id ${JSON.stringify(i.input)} (letters, digits, '-', '_' and '.' only, e.g. 'patientenfederatie')`,
});

const idList = z.array(z.string().min(1, { error: "must not be empty" }));

// Coordinates are checked against the Netherlands so that swapped lat/lon columns are caught.
const latitude = z.coerce
  .number()
  .min(NL_BOUNDS.minLat, { error: "latitude outside the Netherlands" })
  .max(NL_BOUNDS.maxLat, {
    error: "latitude outside the Netherlands",
  });
const longitude = z.coerce
  .number()
  .min(NL_BOUNDS.minLon, { error: "longitude outside the Netherlands" })
  .max(NL_BOUNDS.maxLon, {
    error: "longitude outside the Netherlands",
  });

// ---- CSV files: every value arrives as a string ----

export const provinceRowSchema = z.object({ code: provinceCode, name: text, source: z.string().optional() });

export const municipalityRowSchema = z.object({
  code: municipalityCode,
  name: text,
  province_code: provinceCode,
  province_name: text,
  lat: latitude,
  lon: longitude,
  source: z.string().optional(),
});

const booleanText = z.enum(["true", "false", ""]).optional();

export const mergerRowSchema = z.object({
  old_code: municipalityCode,
  old_name: text,
  new_code: municipalityCode,
  new_name: text,
  date: isoDate,
  /** Optional column; without it the legal successor comes from the table in place.directory.ts. */
  legal: booleanText,
  source: z.string().optional(),
});

export const CSV_COLUMNS = {
  "provinces.csv": ["code", "name"],
  "municipalities-2025.csv": ["code", "name", "province_code", "province_name", "lat", "lon"],
  "municipality-mergers.csv": ["old_code", "old_name", "new_code", "new_name", "date"],
} as const;

// ---- JSON files ----

export const topicSchema = z.object({
  id: recordId,
  name: text,
  description: optionalText,
  broader: z.string().min(1).nullable(),
  source: text,
});

export const conditionSchema = z.object({ id: recordId, name: text, group: text, source: text });

export const organisationSchema = z.object({
  id: recordId,
  name: text,
  kind: text,
  scope: z.enum(SCOPES),
  status: z.enum(ORGANISATION_STATUSES),
  description: optionalText,
  website: optionalText,
  basedIn: municipalityCode.nullable(),
  activeIn: z.array(placeCode),
  topics: idList,
  conditions: idList,
  memberOf: idList,
  successorOf: idList,
  confidence: z.union([text, z.number()]),
  source: text,
  /**
   * Attributes known only through taking part in an initiative (e.g. a topic given because of an alliance
   * membership): the evaluation hides them together with that initiative. Optional; most records have none.
   */
  provenance: z
    .array(
      z.object({
        field: z.enum(PROVENANCE_FIELDS),
        value: z.string().min(1),
        initiative: z.string().min(1),
      }),
    )
    .optional(),
});

const upperCaseToken = z.string().regex(/^[A-Z][A-Z_]*$/, {
  error: (i) => `bad value ${JSON.stringify(i.input)} (expected an upper-case token)`,
});

export const initiativeSchema = z.object({
  id: recordId,
  name: text,
  kind: text,
  goal: optionalText,
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  status: upperCaseToken,
  topics: idList,
  conditions: idList,
  places: z.array(placeCode),
  participants: z.array(z.object({ organisation: z.string().min(1), role: z.enum(INITIATIVE_ROLES) })),
  source: text,
});

export const eventSchema = z.object({
  id: recordId,
  name: text,
  date: isoDate.nullable(),
  kind: text,
  place: municipalityCode.nullable(),
  initiative: z.string().min(1).nullable(),
  topics: idList,
  participants: z.array(z.object({ organisation: z.string().min(1), role: z.enum(EVENT_ROLES) })),
  source: text,
});

export const experienceSchema = z.object({
  id: recordId,
  title: text,
  summary: text,
  date: isoDate.nullable(),
  kind: z.enum(EXPERIENCE_KINDS),
  sharedBy: idList.min(1, { error: "must name at least one organisation" }),
  topics: idList,
  conditions: idList,
  place: placeCode.nullable(),
  from: z.string().min(1).nullable(),
  source: text,
});

export type ProvinceRow = z.infer<typeof provinceRowSchema>;
export type MunicipalityRow = z.infer<typeof municipalityRowSchema>;
export type MergerRow = z.infer<typeof mergerRowSchema>;
export type TopicRecord = z.infer<typeof topicSchema>;
export type ConditionRecord = z.infer<typeof conditionSchema>;
export type OrganisationRecord = z.infer<typeof organisationSchema>;
export type InitiativeRecord = z.infer<typeof initiativeSchema>;
export type EventRecord = z.infer<typeof eventSchema>;
export type ExperienceRecord = z.infer<typeof experienceSchema>;

export const JSON_FILES = {
  "topics.json": topicSchema,
  "conditions.json": conditionSchema,
  "organisations.json": organisationSchema,
  "initiatives.json": initiativeSchema,
  "events.json": eventSchema,
  "experiences.json": experienceSchema,
} as const;

export type JsonFileName = keyof typeof JSON_FILES;
export type CsvFileName = keyof typeof CSV_COLUMNS;
export type SeedFileName = CsvFileName | JsonFileName;
export const SEED_FILES: readonly SeedFileName[] = [
  "provinces.csv",
  "municipalities-2025.csv",
  "municipality-mergers.csv",
  "topics.json",
  "conditions.json",
  "organisations.json",
  "initiatives.json",
  "events.json",
  "experiences.json",
];

/** Places after validation: merged-away codes already replaced by their legal successor. */
export interface Province {
  code: string;
  name: string;
  source: string;
}
export interface Municipality {
  code: string;
  name: string;
  provinceCode: string;
  lat: number;
  lon: number;
  source: string;
}
export interface FormerMunicipality {
  code: string;
  name: string;
  /** The date it ceased to exist (the merger date). */
  validTo: string;
  /** Province of its legal successor. */
  provinceCode: string;
  successors: { code: string; date: string; legal: boolean }[];
  source: string;
}

/** Everything in seeds/, validated and with every place reference resolved to a current code. */
export interface SeedData {
  provinces: Province[];
  municipalities: Municipality[];
  formerMunicipalities: FormerMunicipality[];
  topics: TopicRecord[];
  conditions: ConditionRecord[];
  organisations: OrganisationRecord[];
  initiatives: InitiativeRecord[];
  events: EventRecord[];
  experiences: ExperienceRecord[];
}
