import { existsSync, readFileSync } from "node:fs";
import { formatReport } from "./batch.writer";
import { connect, parseArgs, progressBar, runCli, UsageError } from "./cli.runtime";
import { importOrganisations, type ImportResult } from "./organisation-import";
import { formatIssue } from "./seed.issues";

/**
 * `npm run import -- <file.csv> [--dry-run] [--skip-invalid]`: organisations from a spreadsheet.
 * Columns and rules: docs/import.md and the header of organisation-import.ts. Exit code 1 when the
 * file is rejected (nothing written), 2 on a usage error.
 */
const USAGE = "usage: npm run import -- <file.csv> [--dry-run] [--skip-invalid]   (columns: docs/import.md)";

function printRows(result: ImportResult): void {
  for (const issue of result.plan.fileIssues) console.log(formatIssue(issue));
  for (const row of result.plan.rows) {
    const label = `row ${String(row.row).padEnd(4)}`;
    if (row.errors.length === 0 && row.record) {
      const state = row.exists ? "update" : "new   ";
      console.log(`${label} ok      ${state} ${row.record.id}  (${row.record.name})`);
    } else {
      console.log(`${label} INVALID        ${row.name || "(no name)"}`);
      for (const e of row.errors) console.log(`           field ${e.field}: ${e.message}`);
    }
    for (const note of row.notes) console.log(`           note: ${note}`);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { flags: ["dry-run", "skip-invalid", "help"], options: [] });
  if (args.flags.has("help")) {
    console.log(USAGE);
    return 0;
  }
  const [file, ...rest] = args.positional;
  if (!file || rest.length > 0) throw new UsageError(USAGE);
  if (!existsSync(file)) throw new UsageError(`file not found: ${file}`);
  const text = readFileSync(file, "utf8");

  const connection = await connect((m) => console.error(m));
  const bar = progressBar();
  try {
    const result = await importOrganisations(connection.db, text, file, {
      dryRun: args.flags.has("dry-run"),
      skipInvalid: args.flags.has("skip-invalid"),
      progress: bar.progress,
    });
    bar.stop();
    printRows(result);
    const valid = result.plan.rows.filter((r) => r.record).length;
    const summary = `${result.plan.rows.length} rows: ${valid} valid, ${result.skipped} invalid.`;
    if (result.rejected) {
      console.log(
        `${summary} Nothing written: fix the ${result.plan.fileIssues.length > 0 ? "file" : "rows above"}` +
          `${result.plan.fileIssues.length > 0 ? "" : " or run again with --skip-invalid to import only the valid rows"}.`,
      );
      return 1;
    }
    if (args.flags.has("dry-run")) {
      const updates = result.plan.rows.filter((r) => r.exists).length;
      console.log(
        `${summary} Dry run: nothing written (${valid - updates} would be new, ${updates} updated).`,
      );
      return 0;
    }
    console.log(
      `${summary} Imported ${result.written} organisations${result.skipped ? `, skipped ${result.skipped} invalid rows` : ""}.`,
    );
    if (result.report) for (const line of formatReport(result.report)) console.log(line);
    return 0;
  } finally {
    bar.stop();
    await connection.close();
  }
}

runCli(main);
