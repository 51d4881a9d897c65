/**
 * Imports organisations from a spreadsheet (CSV, UTF-8, first row = column names), the way member
 * lists arrive. Columns (documented for users in docs/import.md):
 *
 *   name            required  the organisation's name
 *   kind            required  e.g. patiëntenvereniging, adviesraad, zorgcoöperatie, koepel (stored lower case)
 *   scope           required  NATIONAL, REGIONAL or LOCAL (also landelijk, regionaal, lokaal)
 *   website         optional  https://example.nl or example.nl
 *   municipalities  LOCAL/REGIONAL: at least one; municipality names or codes (GM0363), provinces by
 *                   code (PV26) or as "provincie Utrecht"; former municipalities resolve to their successor
 *   topics          optional  topic ids or names
 *   conditions      optional  condition / target-group ids or names
 *   id              optional  a stable slug; when absent the slug of the name (same name → same id)
 *   description     optional  free text
 *   source          optional  where the facts come from; default "import of <file name>"
 *
 * Several values in one cell are separated by `|`. Every row is checked before anything is written;
 * one invalid row stops the whole import unless `skipInvalid` is set.
 */
import path from "node:path";
import type { Database } from "../db/database";
import { nameKey } from "../domain/name-key";
import { maintainAggregatesInBatches } from "../graph/common/aggregates.repository";
import { runSteps, type ProgressEvent, type WriteReport } from "./batch.writer";
import { entitySteps, orderSteps } from "./graph.steps";
import { NameIndex, unknownMessage } from "./name.index";
import { PlaceDirectory } from "./place.directory";
import { parseCsv } from "./seed.files";
import type { SeedIssue } from "./seed.issues";
import { type OrganisationRecord, type Scope } from "./seed.schema";

export const REQUIRED_COLUMNS = [
  "name",
  "kind",
  "scope",
  "website",
  "municipalities",
  "topics",
  "conditions",
] as const;
export const OPTIONAL_COLUMNS = ["id", "description", "source"] as const;
const ALL_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

const SCOPE_WORDS: Record<string, Scope> = {
  national: "NATIONAL",
  landelijk: "NATIONAL",
  regional: "REGIONAL",
  regionaal: "REGIONAL",
  local: "LOCAL",
  lokaal: "LOCAL",
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The id an organisation gets when the sheet has none: stable, so a re-import updates the same node. */
export function slugOf(name: string): string {
  return nameKey(name)
    .replace(/&/g, " en ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** What a row is checked against: the places, topics and conditions in the database. */
export interface ImportReferences {
  places: PlaceDirectory;
  topics: NameIndex<string>;
  conditions: NameIndex<string>;
}

export interface ImportRow {
  row: number;
  name: string;
  id?: string;
  errors: SeedIssue[];
  /** Resolutions worth telling (a former municipality replaced by its successor). */
  notes: string[];
  record?: OrganisationRecord;
  /** Set after the database was asked: the id exists already (its properties are updated). */
  exists?: boolean;
}

export interface ImportPlan {
  file: string;
  /** Problems with the file itself (columns, CSV syntax). */
  fileIssues: SeedIssue[];
  rows: ImportRow[];
}

export const isValidPlan = (plan: ImportPlan): boolean =>
  plan.fileIssues.length === 0 && plan.rows.every((r) => r.errors.length === 0);

export async function loadImportReferences(db: Database): Promise<ImportReferences> {
  const [municipalities, provinces, topics, conditions] = await Promise.all([
    db.read(
      `MATCH (m:Municipality)
       OPTIONAL MATCH (m)-[r:MERGED_INTO]->(s:Municipality)
       WITH m, collect({code: s.code, legal: r.legal}) AS successors
       RETURN m.code AS code, m.name AS name, m.validTo AS validTo, successors`,
    ),
    db.read("MATCH (p:Province) RETURN p.code AS code, p.name AS name"),
    db.read("MATCH (t:Topic) RETURN t.id AS id, t.name AS name ORDER BY t.id"),
    db.read("MATCH (c:Condition) RETURN c.id AS id, c.name AS name ORDER BY c.id"),
  ]);
  const current: { code: string; name: string }[] = [];
  const former: { code: string; name: string; validTo: string; legalSuccessor: string }[] = [];
  for (const m of municipalities) {
    const code = String(m.code);
    const name = String(m.name);
    const successors = (m.successors as { code: string | null; legal: boolean | null }[]).filter(
      (s) => s.code,
    );
    if (m.validTo === null || m.validTo === undefined) {
      current.push({ code, name });
      continue;
    }
    const legal =
      successors.find((s) => s.legal === true) ?? (successors.length === 1 ? successors[0] : undefined);
    if (legal?.code) former.push({ code, name, validTo: String(m.validTo), legalSuccessor: legal.code });
  }
  const topicIndex = new NameIndex<string>();
  for (const t of topics) topicIndex.add(String(t.id), String(t.name), String(t.id));
  const conditionIndex = new NameIndex<string>();
  for (const c of conditions) conditionIndex.add(String(c.id), String(c.name), String(c.id));
  return {
    places: new PlaceDirectory({
      provinces: provinces.map((p) => ({ code: String(p.code), name: String(p.name) })),
      municipalities: current,
      formerMunicipalities: former,
    }),
    topics: topicIndex,
    conditions: conditionIndex,
  };
}

const splitCell = (value: string | undefined): string[] =>
  (value ?? "")
    .split("|")
    .map((v) => v.trim())
    .filter(Boolean);

function normaliseWebsite(value: string): string | undefined {
  const withScheme = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    return url.hostname.includes(".") && !/\s/.test(value) ? url.toString().replace(/\/$/, "") : undefined;
  } catch {
    return undefined;
  }
}

/** Checks every row against the references; writes nothing. */
export function planImport(csvText: string, fileName: string, refs: ImportReferences): ImportPlan {
  const file = path.basename(fileName);
  const fileIssues: SeedIssue[] = [];
  const table = parseCsv(csvText, file, fileIssues);
  const plan: ImportPlan = { file, fileIssues, rows: [] };
  if (!table) return plan;

  const missing = REQUIRED_COLUMNS.filter((c) => !table.columns.includes(c));
  if (missing.length > 0)
    fileIssues.push({
      file,
      message: `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
    });
  const columnNames = new NameIndex<string>();
  for (const c of ALL_COLUMNS) columnNames.add(c, c);
  for (const c of table.columns) {
    if (!ALL_COLUMNS.includes(c))
      fileIssues.push({ file, message: unknownMessage("column", c, columnNames.suggest(c)) });
  }
  if (fileIssues.length > 0) return plan;
  if (table.rows.length === 0) fileIssues.push({ file, message: "no rows below the header" });

  const firstRowOfId = new Map<string, number>();
  for (const { row, values } of table.rows) {
    const result = checkRow(row, values, file, refs);
    if (result.id) {
      const first = firstRowOfId.get(result.id);
      if (first !== undefined) {
        result.errors.push({
          file,
          record: `row ${row}`,
          field: values.id ? "id" : "name",
          message: `id '${result.id}' is also the id of row ${first} (give one of them its own id)`,
        });
        delete result.record;
      } else {
        firstRowOfId.set(result.id, row);
      }
    }
    plan.rows.push(result);
  }
  return plan;
}

function checkRow(
  row: number,
  values: Record<string, string>,
  file: string,
  refs: ImportReferences,
): ImportRow {
  const errors: SeedIssue[] = [];
  const notes: string[] = [];
  const record = `row ${row}`;
  const fail = (field: string, message: string): void => {
    errors.push({ file, record, field, message });
  };

  const name = (values.name ?? "").trim();
  if (!name) fail("name", "missing");
  const kind = (values.kind ?? "").trim().toLowerCase();
  if (!kind) fail("kind", "missing");

  const scopeText = (values.scope ?? "").trim();
  const scope = SCOPE_WORDS[scopeText.toLowerCase()];
  if (!scopeText) fail("scope", "missing (NATIONAL, REGIONAL or LOCAL)");
  else if (!scope) fail("scope", `'${scopeText}' is not one of NATIONAL, REGIONAL, LOCAL`);

  let website: string | null = null;
  const websiteText = (values.website ?? "").trim();
  if (websiteText) {
    const normalised = normaliseWebsite(websiteText);
    if (normalised) website = normalised;
    else fail("website", `'${websiteText}' is not a web address`);
  }

  const idText = (values.id ?? "").trim();
  let id: string | undefined;
  if (idText) {
    if (SLUG.test(idText)) id = idText;
    else
      fail(
        "id",
        `bad id '${idText}' (lower-case letters, digits and '-' only, e.g. '${slugOf(idText) || "mijn-organisatie"}')`,
      );
  } else if (name) {
    id = slugOf(name) || undefined;
    if (!id) fail("name", `'${name}' gives no usable id; add an id column`);
  }

  const activeIn: string[] = [];
  for (const value of splitCell(values.municipalities)) {
    const { place, error } = refs.places.resolve(value);
    if (!place) {
      fail("municipalities", error ?? `unknown municipality '${value}'`);
      continue;
    }
    if (place.formerly || place.alias)
      notes.push(`municipalities: ${PlaceDirectory.describe(place)}; using ${place.name}`);
    if (!activeIn.includes(place.code)) activeIn.push(place.code);
  }
  if (
    (scope === "LOCAL" || scope === "REGIONAL") &&
    activeIn.length === 0 &&
    !splitCell(values.municipalities).length
  ) {
    fail("municipalities", `a ${scope} organisation needs at least one municipality or province`);
  }

  const lookup = (field: "topics" | "conditions", index: NameIndex<string>, what: string): string[] => {
    const ids: string[] = [];
    for (const value of splitCell(values[field])) {
      const found = index.get(value);
      if (found) {
        if (!ids.includes(found)) ids.push(found);
      } else fail(field, unknownMessage(what, value, index.suggest(value)));
    }
    return ids;
  };
  const topics = lookup("topics", refs.topics, "topic");
  const conditions = lookup("conditions", refs.conditions, "condition");

  const result: ImportRow = { row, name, id, errors, notes };
  if (errors.length === 0 && id && scope) {
    result.record = {
      id,
      name,
      kind,
      scope,
      status: "ACTIVE",
      description: (values.description ?? "").trim() || null,
      website,
      basedIn: null,
      activeIn,
      topics,
      conditions,
      memberOf: [],
      successorOf: [],
      confidence: "imported",
      source: (values.source ?? "").trim() || `import of ${file}`,
    };
  }
  return result;
}

export interface ImportOptions {
  dryRun?: boolean;
  skipInvalid?: boolean;
  progress?: (event: ProgressEvent) => void;
}

export interface ImportResult {
  plan: ImportPlan;
  /** Rows written (0 on a dry run or when the file was rejected). */
  written: number;
  skipped: number;
  rejected: boolean;
  report?: WriteReport;
}

/** Plans, and writes the valid organisations unless the plan is rejected or it is a dry run. */
export async function importOrganisations(
  db: Database,
  csvText: string,
  fileName: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const refs = await loadImportReferences(db);
  if (refs.places.size === 0) {
    throw new Error("The database holds no municipalities: load the factual dataset first (npm run seed).");
  }
  const plan = planImport(csvText, fileName, refs);
  const records = plan.rows.flatMap((r) => (r.record ? [r.record] : []));
  if (records.length > 0) {
    const existing = await db.read("MATCH (o:Organisation) WHERE o.id IN $ids RETURN o.id AS id", {
      ids: records.map((r) => r.id),
    });
    const existingIds = new Set(existing.map((e) => String(e.id)));
    for (const r of plan.rows) if (r.record) r.exists = existingIds.has(r.record.id);
  }
  const skipped = plan.rows.length - records.length;
  const rejected = plan.fileIssues.length > 0 || (skipped > 0 && !options.skipInvalid);
  if (rejected || options.dryRun || records.length === 0) {
    return { plan, written: 0, skipped, rejected };
  }
  const steps = orderSteps(
    entitySteps({ organisations: records, initiatives: [], events: [], experiences: [] }),
  );
  const report = await runSteps(db, steps, { progress: options.progress });
  // The imported organisations' whoWorksOn scores and municipality counts (decision 0048).
  await maintainAggregatesInBatches(
    db,
    records.map((r) => ({ label: "Organisation", id: r.id })),
  );
  return { plan, written: records.length, skipped, rejected, report };
}
