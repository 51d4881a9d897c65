import { nameKey } from "../domain/name-key";
import { DEFAULT_SEED_DIR, parseCsv, parseJsonArray, readSeedFiles, type SeedFiles } from "./seed.files";
import { SeedValidationError, type SeedIssue, zodIssues } from "./seed.issues";
import { legalSuccessorOf, PlaceDirectory } from "./place.directory";
import {
  CSV_COLUMNS,
  type CsvFileName,
  type FormerMunicipality,
  JSON_FILES,
  type JsonFileName,
  type MergerRow,
  mergerRowSchema,
  type Municipality,
  municipalityRowSchema,
  type Province,
  provinceRowSchema,
  type SeedData,
} from "./seed.schema";
import type { z } from "zod";

/**
 * Reads and checks every seed file before anything is written: shapes (seed.schema.ts), duplicate
 * keys, references between files, codes, and cycles in the topic hierarchy. Place references to
 * merged-away municipalities are replaced by their legal successor in the returned data.
 */

const PLACE_SOURCE = "CBS, Kadaster (PDOK): gebiedsindelingen 2025";
const MERGER_SOURCE = "RvIG Landelijke Tabel 33 (Gemeententabel); CBS";

export function validateSeedDir(dir: string = DEFAULT_SEED_DIR): SeedData {
  return validateSeedFiles(readSeedFiles(dir));
}

export function validateSeedFiles(files: SeedFiles): SeedData {
  const issues: SeedIssue[] = [];
  const { directory, ...places } = validatePlaces(files, issues);
  const { data: json, known } = parseJsonFiles(files, issues);
  const data: SeedData = { ...places, ...json };
  // Checked even when some records are broken: the author sees all problems in one run.
  checkReferences(data, directory, known, issues);
  if (issues.length > 0) throw new SeedValidationError(issues);
  return data;
}

// ---- CSV: provinces, municipalities, mergers ----

function csvRows<S extends z.ZodType>(
  files: SeedFiles,
  file: CsvFileName,
  schema: S,
  issues: SeedIssue[],
): { row: number; value: z.infer<S> }[] {
  const text = files[file];
  if (text === undefined) {
    issues.push({ file, message: "file not found" });
    return [];
  }
  const table = parseCsv(text, file, issues);
  if (!table) return [];
  const missing = CSV_COLUMNS[file].filter((c) => !table.columns.includes(c));
  if (missing.length > 0) {
    issues.push({ file, message: `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}` });
    return [];
  }
  const out: { row: number; value: z.infer<S> }[] = [];
  for (const { row, values } of table.rows) {
    const parsed = schema.safeParse(values, { reportInput: true });
    if (parsed.success) out.push({ row, value: parsed.data });
    else issues.push(...zodIssues(parsed.error, values, file, `row ${row}`));
  }
  return out;
}

/** A problem with one row of a CSV file. */
function rowIssue(file: string, row: number, field: string, message: string): SeedIssue {
  return { file, record: `row ${row}`, field, message };
}

function firstDuplicate<T>(
  rows: { row: number; value: T }[],
  key: (v: T) => string,
  file: string,
  field: string,
  issues: SeedIssue[],
): void {
  const seen = new Map<string, number>();
  for (const { row, value } of rows) {
    const k = key(value);
    const first = seen.get(k);
    if (first !== undefined)
      issues.push(rowIssue(file, row, field, `duplicate '${k}' (first in row ${first})`));
    else seen.set(k, row);
  }
}

/** Place rows with their place: code (unique in the file), name and source (the CBS table unless named). */
function placeRows<T extends { code: string; name: string; source?: string }>(
  rows: { row: number; value: T }[],
  file: CsvFileName,
  issues: SeedIssue[],
) {
  firstDuplicate(rows, (p) => p.code, file, "code", issues);
  return rows.map(({ row, value }) => ({
    row,
    value,
    place: { code: value.code, name: value.name, source: value.source || PLACE_SOURCE },
  }));
}

function validatePlaces(
  files: SeedFiles,
  issues: SeedIssue[],
): Pick<SeedData, "provinces" | "municipalities" | "formerMunicipalities"> & { directory: PlaceDirectory } {
  const provinces: Province[] = placeRows(
    csvRows(files, "provinces.csv", provinceRowSchema, issues),
    "provinces.csv",
    issues,
  ).map((r) => r.place);
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));

  const file = "municipalities-2025.csv";
  const municipalities: Municipality[] = [];
  for (const { row, value, place } of placeRows(
    csvRows(files, file, municipalityRowSchema, issues),
    file,
    issues,
  )) {
    const province = provinceByCode.get(value.province_code);
    if (!province) {
      issues.push(rowIssue(file, row, "province_code", `unknown province '${value.province_code}'`));
    } else if (nameKey(province.name) !== nameKey(value.province_name)) {
      issues.push(
        rowIssue(
          file,
          row,
          "province_name",
          `'${value.province_name}' does not match ${province.code} '${province.name}' in provinces.csv`,
        ),
      );
    }
    municipalities.push({ ...place, provinceCode: value.province_code, lat: value.lat, lon: value.lon });
  }
  const current = new Map(municipalities.map((m) => [m.code, m]));

  const mergerFile = "municipality-mergers.csv";
  const mergerRows = csvRows(files, mergerFile, mergerRowSchema, issues);
  const byOld = new Map<string, { row: number; value: MergerRow }[]>();
  for (const entry of mergerRows) {
    const { row, value } = entry;
    if (current.has(value.old_code)) {
      issues.push(
        rowIssue(mergerFile, row, "old_code", `${value.old_code} is a current municipality in ${file}`),
      );
      continue;
    }
    byOld.set(value.old_code, [...(byOld.get(value.old_code) ?? []), entry]);
  }
  const oldCodes = new Set(byOld.keys());
  const formerInput: { code: string; name: string; validTo: string; legalSuccessor: string }[] = [];
  for (const [oldCode, rows] of byOld) {
    const first = rows[0]!;
    for (const { row, value } of rows) {
      if (!current.has(value.new_code) && !oldCodes.has(value.new_code)) {
        issues.push(rowIssue(mergerFile, row, "new_code", `unknown municipality '${value.new_code}'`));
      }
      if (value.old_name !== first.value.old_name || value.date !== first.value.date) {
        issues.push(
          rowIssue(
            mergerFile,
            row,
            value.date !== first.value.date ? "date" : "old_name",
            `differs from row ${first.row} for ${oldCode}`,
          ),
        );
      }
    }
    const legal = legalSuccessorOf(
      oldCode,
      rows.map((r) => r.value),
    );
    if (!legal) {
      issues.push({
        file: mergerFile,
        record: `row ${first.row}`,
        field: "new_code",
        message: `${oldCode} ${first.value.old_name} has several successors; mark the legal one (column legal = true)`,
      });
      continue;
    }
    formerInput.push({
      code: oldCode,
      name: first.value.old_name,
      validTo: first.value.date,
      legalSuccessor: legal,
    });
  }

  const directory = new PlaceDirectory({ provinces, municipalities, formerMunicipalities: formerInput });
  const formerMunicipalities: FormerMunicipality[] = [];
  for (const f of formerInput) {
    const rows = byOld.get(f.code) ?? [];
    const resolved = directory.resolveCode(f.code);
    const provinceCode = resolved ? current.get(resolved.code)?.provinceCode : undefined;
    if (!provinceCode) {
      issues.push({
        file: mergerFile,
        record: `row ${rows[0]?.row ?? 0}`,
        field: "new_code",
        message: `${f.code} does not lead to a current municipality`,
      });
      continue;
    }
    formerMunicipalities.push({
      code: f.code,
      name: f.name,
      validTo: f.validTo,
      provinceCode,
      successors: rows.map(({ value }) => ({
        code: value.new_code,
        date: value.date,
        legal: value.new_code === f.legalSuccessor,
      })),
      source: rows[0]?.value.source || MERGER_SOURCE,
    });
  }
  return { provinces, municipalities, formerMunicipalities, directory };
}

// ---- JSON: topics, conditions, organisations, initiatives, events, experiences ----

type JsonData = Omit<SeedData, "provinces" | "municipalities" | "formerMunicipalities">;

function recordLabel(record: unknown, index: number): string {
  const id = record !== null && typeof record === "object" ? (record as { id?: unknown }).id : undefined;
  return typeof id === "string" && id.length > 0 ? `record '${id}'` : `record #${index + 1}`;
}

/**
 * The valid records of one file, and every id it names (also of records with other problems, so
 * that references to them are not reported twice); `known` is null when the file itself is unusable.
 */
function jsonRecords<F extends JsonFileName>(
  files: SeedFiles,
  file: F,
  issues: SeedIssue[],
): { records: z.infer<(typeof JSON_FILES)[F]>[]; known: Set<string> | null } {
  const text = files[file];
  if (text === undefined) {
    issues.push({ file, message: "file not found" });
    return { records: [], known: null };
  }
  const records = parseJsonArray(text, file, issues);
  if (!records) return { records: [], known: null };
  const known = new Set<string>();
  const schema = JSON_FILES[file];
  const out: z.infer<(typeof JSON_FILES)[F]>[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const label = recordLabel(record, index);
    const rawId = record !== null && typeof record === "object" ? (record as { id?: unknown }).id : undefined;
    if (typeof rawId === "string") known.add(rawId);
    const parsed = schema.safeParse(record, { reportInput: true });
    if (!parsed.success) {
      issues.push(...zodIssues(parsed.error, record, file, label));
      return;
    }
    const value = parsed.data as z.infer<(typeof JSON_FILES)[F]>;
    const first = seen.get(value.id);
    if (first !== undefined) {
      issues.push({
        file,
        record: `${label} (#${index + 1})`,
        field: "id",
        message: `duplicate id '${value.id}' (first at record #${first + 1})`,
      });
      return;
    }
    seen.set(value.id, index);
    out.push(value);
  });
  return { records: out, known };
}

type Kind = "topic" | "condition" | "organisation" | "initiative" | "event";
type KnownIds = Record<Kind, Set<string> | null>;

function parseJsonFiles(files: SeedFiles, issues: SeedIssue[]): { data: JsonData; known: KnownIds } {
  const topics = jsonRecords(files, "topics.json", issues);
  const conditions = jsonRecords(files, "conditions.json", issues);
  const organisations = jsonRecords(files, "organisations.json", issues);
  const initiatives = jsonRecords(files, "initiatives.json", issues);
  const events = jsonRecords(files, "events.json", issues);
  const experiences = jsonRecords(files, "experiences.json", issues);
  return {
    data: {
      topics: topics.records,
      conditions: conditions.records,
      organisations: organisations.records,
      initiatives: initiatives.records,
      events: events.records,
      experiences: experiences.records,
    },
    known: {
      topic: topics.known,
      condition: conditions.known,
      organisation: organisations.known,
      initiative: initiatives.known,
      event: events.known,
    },
  };
}

// ---- references between files ----

function checkReferences(data: SeedData, places: PlaceDirectory, known: KnownIds, issues: SeedIssue[]): void {
  // A file that could not be read at all is reported once, not once per reference to it.
  const isUnknown = (kind: Kind, value: string): boolean => known[kind] !== null && !known[kind].has(value);
  // Without places (broken CSVs) every place reference would be reported too: that is noise.
  const checkPlaces = places.size > 0;

  function refs(file: string, id: string, field: string, values: string[], kind: Kind): string[] {
    values.forEach((v, i) => {
      if (isUnknown(kind, v))
        issues.push({
          file,
          record: `record '${id}'`,
          field: `${field}[${i}]`,
          message: `unknown ${kind} '${v}'`,
        });
    });
    return [...new Set(values)];
  }
  function ref(file: string, id: string, field: string, value: string | null, kind: Kind): void {
    if (value !== null && isUnknown(kind, value)) {
      issues.push({ file, record: `record '${id}'`, field, message: `unknown ${kind} '${value}'` });
    }
  }
  function place(file: string, id: string, field: string, code: string, municipalityOnly = false): string {
    if (!checkPlaces) return code;
    const found = places.resolveCode(code);
    if (!found) {
      issues.push({
        file,
        record: `record '${id}'`,
        field,
        message: `unknown ${municipalityOnly ? "municipality" : "place"} '${code}'`,
      });
      return code;
    }
    return found.code;
  }
  function placeList(file: string, id: string, field: string, codes: string[]): string[] {
    return [...new Set(codes.map((c, i) => place(file, id, `${field}[${i}]`, c)))];
  }
  function notSelf(file: string, id: string, field: string, values: string[]): void {
    values.forEach((v, i) => {
      if (v === id)
        issues.push({ file, record: `record '${id}'`, field: `${field}[${i}]`, message: "refers to itself" });
    });
  }
  function participants<R extends string>(
    file: string,
    id: string,
    list: { organisation: string; role: R }[],
  ): { organisation: string; role: R }[] {
    const seen = new Set<string>();
    list.forEach((p, i) => {
      ref(file, id, `participants[${i}].organisation`, p.organisation, "organisation");
      if (seen.has(p.organisation)) {
        issues.push({
          file,
          record: `record '${id}'`,
          field: `participants[${i}].organisation`,
          message: `'${p.organisation}' is listed twice (one role per organisation)`,
        });
      }
      seen.add(p.organisation);
    });
    return list;
  }

  checkTopicHierarchy(data, issues, ref);

  for (const o of data.organisations) {
    const f = "organisations.json";
    o.topics = refs(f, o.id, "topics", o.topics, "topic");
    o.conditions = refs(f, o.id, "conditions", o.conditions, "condition");
    o.memberOf = refs(f, o.id, "memberOf", o.memberOf, "organisation");
    o.successorOf = refs(f, o.id, "successorOf", o.successorOf, "organisation");
    notSelf(f, o.id, "memberOf", o.memberOf);
    notSelf(f, o.id, "successorOf", o.successorOf);
    if (o.basedIn !== null) o.basedIn = place(f, o.id, "basedIn", o.basedIn, true);
    o.activeIn = placeList(f, o.id, "activeIn", o.activeIn);
  }
  checkProvenance(data, issues);
  for (const i of data.initiatives) {
    const f = "initiatives.json";
    i.topics = refs(f, i.id, "topics", i.topics, "topic");
    i.conditions = refs(f, i.id, "conditions", i.conditions, "condition");
    i.places = placeList(f, i.id, "places", i.places);
    participants(f, i.id, i.participants);
    if (i.startDate && i.endDate && i.endDate < i.startDate) {
      issues.push({
        file: f,
        record: `record '${i.id}'`,
        field: "endDate",
        message: `${i.endDate} is before startDate ${i.startDate}`,
      });
    }
  }
  for (const e of data.events) {
    const f = "events.json";
    e.topics = refs(f, e.id, "topics", e.topics, "topic");
    ref(f, e.id, "initiative", e.initiative, "initiative");
    if (e.place !== null) e.place = place(f, e.id, "place", e.place, true);
    participants(f, e.id, e.participants);
  }
  for (const x of data.experiences) {
    const f = "experiences.json";
    x.sharedBy = refs(f, x.id, "sharedBy", x.sharedBy, "organisation");
    x.topics = refs(f, x.id, "topics", x.topics, "topic");
    x.conditions = refs(f, x.id, "conditions", x.conditions, "condition");
    if (x.place !== null) x.place = place(f, x.id, "place", x.place);
    if (x.from !== null) {
      const isInitiative = known.initiative?.has(x.from) ?? false;
      const isEvent = known.event?.has(x.from) ?? false;
      if (!isInitiative && !isEvent && known.initiative !== null && known.event !== null) {
        issues.push({
          file: f,
          record: `record '${x.id}'`,
          field: "from",
          message: `unknown initiative or event '${x.from}'`,
        });
      } else if (isInitiative && isEvent) {
        issues.push({
          file: f,
          record: `record '${x.id}'`,
          field: "from",
          message: `'${x.from}' is both an initiative and an event`,
        });
      }
    }
  }
}

function checkTopicHierarchy(
  data: SeedData,
  issues: SeedIssue[],
  ref: (file: string, id: string, field: string, value: string | null, kind: "topic") => void,
): void {
  const broader = new Map<string, string>();
  for (const t of data.topics) {
    ref("topics.json", t.id, "broader", t.broader, "topic");
    if (t.broader === t.id)
      issues.push({
        file: "topics.json",
        record: `record '${t.id}'`,
        field: "broader",
        message: "refers to itself",
      });
    else if (t.broader !== null) broader.set(t.id, t.broader);
  }
  // Each topic has one parent, so a cycle shows up by walking up from any of its members.
  const reported = new Set<string>();
  for (const start of broader.keys()) {
    const pathIds = [start];
    let next = broader.get(start);
    while (next !== undefined && !pathIds.includes(next)) {
      pathIds.push(next);
      next = broader.get(next);
    }
    if (next === undefined) continue;
    const cycle = pathIds.slice(pathIds.indexOf(next));
    const key = [...cycle].sort().join(",");
    if (reported.has(key)) continue;
    reported.add(key);
    issues.push({
      file: "topics.json",
      record: `record '${next}'`,
      field: "broader",
      message: `cycle in the topic hierarchy: ${[...cycle, next].join(" → ")}`,
    });
  }
}

/**
 * A provenance names a value the organisation really has and an initiative it takes part in (directly or
 * through one of the initiative's events): otherwise hiding "what came from that membership" would hide
 * nothing, or the wrong thing.
 */
function checkProvenance(data: SeedData, issues: SeedIssue[]): void {
  const takesPart = new Map<string, Set<string>>();
  const add = (initiative: string, organisation: string): void => {
    const set = takesPart.get(initiative) ?? new Set<string>();
    set.add(organisation);
    takesPart.set(initiative, set);
  };
  for (const i of data.initiatives) for (const p of i.participants) add(i.id, p.organisation);
  for (const e of data.events)
    if (e.initiative) for (const p of e.participants) add(e.initiative, p.organisation);
  for (const o of data.organisations) {
    (o.provenance ?? []).forEach((p, n) => {
      const field = `provenance[${n}]`;
      const issue = (message: string): void => {
        issues.push({ file: "organisations.json", record: `record '${o.id}'`, field, message });
      };
      if (!o[p.field].includes(p.value)) issue(`'${p.value}' is not in its ${p.field}`);
      if (!takesPart.has(p.initiative)) issue(`unknown initiative '${p.initiative}'`);
      else if (!takesPart.get(p.initiative)?.has(o.id)) issue(`does not take part in '${p.initiative}'`);
    });
  }
}
