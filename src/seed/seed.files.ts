import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { projectPath } from "../paths";
import { SEED_FILES, type SeedFileName } from "./seed.schema";
import type { SeedIssue } from "./seed.issues";

export const DEFAULT_SEED_DIR = projectPath("seeds");

/** The raw text of the seed files; a missing file is simply absent (the validator reports it). */
export type SeedFiles = Partial<Record<SeedFileName, string>>;

export function readSeedFiles(dir: string = DEFAULT_SEED_DIR): SeedFiles {
  const files: SeedFiles = {};
  for (const name of SEED_FILES) {
    const file = path.join(dir, name);
    if (existsSync(file)) files[name] = readFileSync(file, "utf8");
  }
  return files;
}

export interface CsvTable {
  columns: string[];
  /** Each row with its spreadsheet row number (the header is row 1). */
  rows: { row: number; values: Record<string, string> }[];
}

/** Parses CSV text with a header row; a quoted value may hold commas ("Nuenen, Gerwen en Nederwetten"). */
export function parseCsv(text: string, file: string, issues: SeedIssue[]): CsvTable | undefined {
  let columns: string[] = [];
  try {
    const records = parse(text, {
      bom: true,
      columns: (header: string[]) => {
        columns = header.map((h) => h.trim());
        return columns;
      },
      skip_empty_lines: true,
      // Short rows (trailing empty cells left out) are fine: their missing values are checked per field.
      relax_column_count_less: true,
      trim: true,
      info: true,
    }) as { record: Record<string, string>; info: { index: number; records: number } }[];
    return {
      columns,
      rows: records.map((r) => ({ row: r.info.records + 1, values: r.record })),
    };
  } catch (error) {
    issues.push({
      file,
      message: `not a valid CSV file: ${error instanceof Error ? error.message : String(error)}`,
    });
    return undefined;
  }
}

export function parseJsonArray(text: string, file: string, issues: SeedIssue[]): unknown[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    issues.push({
      file,
      message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    });
    return undefined;
  }
  if (!Array.isArray(value)) {
    issues.push({ file, message: "expected a JSON array of records" });
    return undefined;
  }
  return value;
}
