import type { Request } from "express";
import { type DocumentNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

/**
 * Names for metric labels and span names. Every value comes from a closed set or from the schema, never
 * from what a client sent (argument values, aliases, free operation names), so that label cardinality
 * stays bounded and no request value reaches a metric or a trace.
 */

/** Distinct values beyond this limit are grouped under OTHER. */
export const OTHER = "_other";

/** Remembers up to `max` distinct values; later new ones are grouped under OTHER. */
export class BoundedLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  label(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return OTHER;
    this.seen.add(value);
    return value;
  }
}

/** The HTTP routes the service has; anything else (404s with arbitrary paths) is OTHER. */
export function routeOf(req: Request): string {
  const path = req.originalUrl.split("?", 1)[0] ?? "";
  if (path === "/graphql" || path.startsWith("/graphql/")) return "/graphql";
  if (path.startsWith("/export/")) return "/export/network";
  if (path === "/graphiql" || path === "/healthz" || path === "/readyz" || path === "/metrics") return path;
  return OTHER;
}

const METHODS = new Set(["GET", "POST", "OPTIONS", "HEAD"]);

export function methodOf(req: Request): string {
  return METHODS.has(req.method) ? req.method : OTHER;
}

/** The export format a path names (network.csv?part=edges is csv-edges), or OTHER. */
export function exportFormatOf(req: Request): string {
  const format = /^\/network\.(gexf|graphml|csv|json)$/.exec(req.path)?.[1];
  if (!format) return OTHER;
  return format === "csv" ? (req.query.part === "edges" ? "csv-edges" : "csv-nodes") : format;
}

/** Error codes are the server's own words (UPPER_SNAKE); anything else is grouped. */
export function codeLabel(code: unknown): string {
  return typeof code === "string" && /^[A-Z][A-Z0-9_]{0,47}$/.test(code) ? code : OTHER;
}

const MAX_FIELDS_IN_LABEL = 4;

/**
 * The operation label: for trusted documents their operation name (the service vouches for the text);
 * otherwise the operation type and its root field names from the schema (never aliases, which clients
 * choose), e.g. `query whoWorksOn` or `query organisation,topics`.
 */
export function operationLabel(
  document: DocumentNode | undefined,
  operation: OperationDefinitionNode | undefined,
  trusted: boolean,
): string {
  if (!document) return "_unparsed";
  if (!operation) return "_unresolved";
  if (trusted && operation.name) return operation.name.value;
  const fields = [...rootFields(document, operation.selectionSet, new Set())].sort();
  const list = fields.length <= MAX_FIELDS_IN_LABEL ? fields.join(",") : `${fields.length} fields`;
  return `${operation.operation} ${list}`;
}

function rootFields(document: DocumentNode, selections: SelectionSetNode, visited: Set<string>): Set<string> {
  const fields = new Set<string>();
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      for (const f of rootFields(document, selection.selectionSet, visited)) fields.add(f);
    } else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      const fragment = document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
      );
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) {
        for (const f of rootFields(document, fragment.selectionSet, visited)) fields.add(f);
      }
    }
  }
  return fields;
}
