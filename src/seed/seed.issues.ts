import type { z } from "zod";

/** One problem in an input file, precise enough to find and fix: file, record, field. */
export interface SeedIssue {
  file: string;
  /** "record 'iederin'", "record #3" or "row 12" (spreadsheet numbering: the header is row 1). */
  record?: string;
  field?: string;
  message: string;
}

export function formatIssue(issue: SeedIssue): string {
  const where = [issue.file, issue.record, issue.field && `field ${issue.field}`].filter(Boolean).join(" ");
  return `${where}: ${issue.message}`;
}

const MAX_LISTED = 40;

/** Thrown before anything is written; its message lists the issues (no stack trace needed to act on it). */
export class SeedValidationError extends Error {
  constructor(
    readonly issues: SeedIssue[],
    what = "seed files",
  ) {
    const lines = issues.slice(0, MAX_LISTED).map((i) => `  ${formatIssue(i)}`);
    if (issues.length > MAX_LISTED) lines.push(`  ... and ${issues.length - MAX_LISTED} more`);
    super(
      `Invalid ${what} (${issues.length} problem${issues.length === 1 ? "" : "s"}), nothing was written:\n${lines.join("\n")}`,
    );
    this.name = "SeedValidationError";
  }
}

/** `topics[2]`, `participants[0].role`: the path as the file's author sees it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const part of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** Zod's issues in the words of a file's author ("missing", "'x' is not one of ..."). */
export function zodIssues(error: z.ZodError, input: unknown, file: string, record: string): SeedIssue[] {
  return error.issues.map((issue) => {
    const field = fieldPath(issue.path) || undefined;
    let message = issue.message;
    if (issue.code === "invalid_type") {
      const value = valueAt(input, issue.path);
      message =
        value === undefined
          ? "missing"
          : `expected ${issue.expected}, got ${value === null ? "null" : Array.isArray(value) ? "array" : typeof value}`;
    } else if (issue.code === "invalid_value") {
      const value = valueAt(input, issue.path);
      message = `${JSON.stringify(value)} is not one of ${issue.values.map((v) => String(v)).join(", ")}`;
    }
    return { file, record, field, message };
  });
}
