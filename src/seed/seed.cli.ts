import path from "node:path";
import { formatReport, totalCreated } from "./batch.writer";
import { connect, parseArgs, progressBar, runCli, UsageError } from "./cli.runtime";
import { DEFAULT_SEED_DIR } from "./seed.files";
import { loadSeed } from "./seed.loader";
import { validateSeedDir } from "./seed.validate";

/**
 * `npm run seed [-- --dir <seed directory>]`: validates the factual dataset in seeds/ and loads it.
 * Uses NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when set, else the local Neo4j.
 * Running it again changes nothing.
 */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { flags: ["help"], options: ["dir", "batch-size"] });
  if (args.flags.has("help")) {
    console.log("usage: npm run seed [-- --dir <seed directory>] [--batch-size 1000]");
    return 0;
  }
  if (args.positional.length > 0)
    throw new UsageError(`unexpected argument '${args.positional[0]}' (try --help)`);
  const dir = path.resolve(args.options.get("dir") ?? DEFAULT_SEED_DIR);
  const batchSize = Number(args.options.get("batch-size") ?? 1000);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new UsageError("--batch-size must be a positive integer");

  // Validate everything before connecting: a broken file never leads to a partial load.
  const data = validateSeedDir(dir);
  console.log(
    `seed files valid: ${data.municipalities.length} municipalities (+${data.formerMunicipalities.length} merged away), ` +
      `${data.provinces.length} provinces, ${data.topics.length} topics, ${data.conditions.length} conditions, ` +
      `${data.organisations.length} organisations, ${data.initiatives.length} initiatives, ${data.events.length} events, ` +
      `${data.experiences.length} experiences`,
  );

  const log = (m: string): void => console.log(m);
  const connection = await connect(log);
  const bar = progressBar();
  try {
    console.log(`loading into ${connection.where}`);
    const report = await loadSeed(connection.db, data, { progress: bar.progress, batchSize });
    bar.stop();
    for (const line of formatReport(report)) console.log(line);
    const created = totalCreated(report);
    console.log(
      created.nodes + created.relationships === 0
        ? "nothing new: the graph already held the whole dataset"
        : `created ${created.nodes} nodes and ${created.relationships} relationships`,
    );
    return 0;
  } finally {
    bar.stop();
    await connection.close();
  }
}

runCli(main);
